from functools import cached_property

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
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


class SignInKind(models.TextChoices):
    SIGN_IN = "sign_in", _("Sign-in")
    SSO_SIGN_IN = "sso_sign_in", _("Single sign-on")
    SIGN_OUT = "sign_out", _("Sign-out")
    FAILED_ATTEMPT = "failed_attempt", _("Failed sign-in")
    LOCK_OUT = "lock_out", _("Lock-out")
    PASSWORD_RESET = "password_reset", _("Password reset")
    MFA_ENROLMENT = "mfa_enrolment", _("Two-factor enrolment")
    MFA_USE = "mfa_use", _("Two-factor code")


class SignInOutcome(models.TextChoices):
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    REFUSED = "refused", _("Refused")


SIGN_IN_METHODS = {
    "password": _("password"),
    "totp": _("authenticator app"),
    "recovery_codes": _("recovery code"),
    "webauthn": _("security key"),
    "idp_mfa": _("two-factor at the identity provider"),
    "email_link": _("link sent by e-mail"),
}
SIGN_IN_REASONS = {
    "unknown_login": _("no login with this address"),
    "not_staff": _("not a staff login"),
    "inactive": _("the login is deactivated"),
    "email_not_verified": _("the address is not verified"),
    "rate_limit": _("too many failed attempts"),
}


class SignInEvent(models.Model):
    """One sign-in, sign-out, failed attempt, lock-out, password reset or MFA step.

    Written by ``rkkp_portal.accounts.signins.record`` from allauth's and Django's signals.
    It holds no password, code or token, and no address in the clear: ``client`` and
    ``login`` are keyed hashes (``rkkp_portal.security.pseudonym``). Kept for
    SIGN_IN_RECORDS_KEPT_DAYS (``purge_sign_in_records``).
    """

    Kind = SignInKind
    Outcome = SignInOutcome

    at = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=20, choices=SignInKind.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=SignInOutcome.choices)
    user = models.ForeignKey(
        User,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sign_in_events",
    )
    # What an unknown visitor typed as their login, as a keyed hash (so repeated attempts
    # at one address can be followed); empty when the login is known (``user``).
    login_hash = models.CharField(_("login (keyed hash)"), max_length=16, blank=True)
    # How: password, a two-factor method, or the identity provider's name.
    method = models.CharField(_("method"), max_length=100, blank=True)
    reason = models.CharField(_("reason"), max_length=100, blank=True)
    client = models.CharField(_("client address (keyed hash)"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("sign-in record")
        verbose_name_plural = _("sign-in records")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["-at", "-id"], name="signin_event_newest_first"),
            models.Index(fields=["user", "-at"], name="signin_event_user_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SignInKind.values),
                name="signin_event_kind_known",
                violation_error_message=_("Unknown kind of sign-in event."),
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=SignInOutcome.values),
                name="signin_event_outcome_known",
                violation_error_message=_("Unknown outcome of a sign-in event."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(login_hash=""),
                name="signin_event_names_someone",
                violation_error_message=_("A sign-in event names a login or what was typed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_outcome_display()})"

    @property
    def method_label(self) -> str:
        """How, in words: "password + authenticator app", "single sign-on (region-h)" …"""
        labels = []
        for step in filter(None, self.method.split("+")):
            if step.startswith("sso:"):
                labels.append(_("single sign-on (%(provider)s)") % {"provider": step[4:]})
            else:
                labels.append(str(SIGN_IN_METHODS.get(step, step)))
        return " + ".join(labels)

    @property
    def reason_label(self) -> str:
        return str(SIGN_IN_REASONS.get(self.reason, self.reason))
