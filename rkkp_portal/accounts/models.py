from functools import cached_property

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True, is_secretariat=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A login. People in the register are ``steering.Person``; a user may be linked to one.

    Roles are derived, not stored in one field, because they combine: a regional
    administrator may also sit in a steering group. See ``rkkp_portal.roles``.
    """

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    is_secretariat = models.BooleanField(
        _("RKKP secretariat"),
        default=False,
        help_text=_("Secretariat staff administer the whole register."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="unique_user_email_case_insensitive",
                violation_error_message=_("A login with this e-mail already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @cached_property
    def roles(self):
        """Worked out once per user object, so once per request (one query)."""
        from rkkp_portal.roles import Roles

        return Roles.for_user(self)
