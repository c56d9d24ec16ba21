"""Write operations of the representatives app."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from representatives.models import CircleMember
from steering.services.base import require, save


@transaction.atomic
def add_circle_member(*, actor, user, region=None, title: str = "") -> CircleMember:
    """Seat ``user`` in the circle of regional health directors.

    A former member who returns gets their old row back, so history stays in one place.
    """
    require(actor, "steering.manage_group")
    member = CircleMember.objects.select_for_update().filter(user=user).first()
    if member is not None and member.active:
        raise ValidationError({"user": _("This user is already in the circle.")})
    if member is None:
        member = CircleMember(user=user)
    member.region = region
    member.title = title.strip()
    member.active = True
    member.full_clean()
    save(member, actor=actor)
    return member
