"""Logins: create one, and link it to a person in the register.

Accounts are made by the secretariat (or the system), never by signing up.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rkkp_portal.accounts.models import User
from rkkp_portal.services import require, save
from steering.models import Person


@transaction.atomic
def create_login(
    *,
    actor,
    email: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    is_secretariat: bool = False,
) -> User:
    """Create a login; without a password it cannot sign in until a reset sets one.

    Secretariat staff are also Django staff, so they can use the admin.
    """
    require(actor, "steering.manage_group")
    user = User(
        email=User.objects.normalize_email(email.strip()).lower(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        is_secretariat=is_secretariat,
        is_staff=is_secretariat,
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.error_list}) from exc
        user.set_password(password)
    user.full_clean()
    save(user, actor=actor)
    # allauth needs a verified address to reset passwords and enrol MFA for this login.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@transaction.atomic
def link_login(*, actor, person: Person, user: User) -> Person:
    """Let ``user`` sign in as ``person``: their seats, meetings and letters."""
    require(actor, "steering.manage_group")
    if person.user_id == user.pk:
        return person
    if person.user_id is not None:
        raise ValidationError({"user": _("This person already has a login.")})
    if Person.objects.filter(user=user).exists():
        raise ValidationError({"user": _("This login already belongs to another person.")})
    person.user = user
    person.full_clean()
    save(person, actor=actor)
    return person


@transaction.atomic
def ensure_login(*, person: Person, actor=None) -> User | None:
    """Give an appointed person a login (no password until they set one), once.

    An existing login with the person's e-mail is linked rather than duplicated; the link
    is recorded on the person's history as made by ``actor`` (who appointed them).
    """
    if person.user_id is not None or not person.email:
        return person.user
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        # The system makes the login (the appointing actor may not create logins at will).
        user = create_login(
            actor=None,
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
        )
    if Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        return None
    person.user = user
    person._history_user = actor
    person.save(update_fields=["user"])
    return user


@transaction.atomic
def deactivate_login(*, actor, user: User) -> User:
    """Stop ``user`` signing in; every session of theirs ends with it (rkkp_portal.security)."""
    require(actor, "accounts.change_user", user)
    if user.is_active:
        user.is_active = False
        save(user, actor=actor)
    return user
