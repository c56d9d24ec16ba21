"""Organisations and regional administrators: the secretariat keeps these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regions.models import (
    Organisation,
    OrganisationKind,
    Region,
    RegionalAdministrator,
)
from rkkp_portal.services import require, save

MANAGE_REGISTER = "steering.manage_group"


@transaction.atomic
def create_organisation(
    *,
    actor,
    name: str,
    kind_code: str,
    region: Region | None = None,
    parent: Organisation | None = None,
    short_name: str = "",
) -> Organisation:
    """Register a hospital, department or other unit; a unit inherits its parent's region."""
    require(actor, MANAGE_REGISTER)
    kind = OrganisationKind.objects.filter(code=kind_code).first()
    if kind is None:
        raise ValidationError({"kind": _("Unknown organisation type: %s") % kind_code})
    if parent is not None:
        if region is None:
            region = parent.region
        elif parent.region_id is not None and parent.region_id != region.pk:
            raise ValidationError(
                {
                    "parent": _(
                        "A unit must be in the same region as the organisation it is part of."
                    )
                }
            )
    organisation = Organisation(
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        parent=parent,
        region=region,
    )
    organisation.full_clean()
    save(organisation, actor=actor)
    return organisation


@transaction.atomic
def appoint_administrator(*, actor, user, region: Region) -> RegionalAdministrator:
    """Make ``user`` an administrator of ``region``; a user administers one region at most."""
    require(actor, MANAGE_REGISTER)
    administrator = RegionalAdministrator.objects.select_for_update().filter(user=user).first()
    if administrator is not None and administrator.active:
        if administrator.region_id == region.pk:
            return administrator
        raise ValidationError(
            {"user": _("This user already administers %s.") % administrator.region}
        )
    if administrator is None:
        administrator = RegionalAdministrator(user=user)
    administrator.region = region
    administrator.active = True
    administrator.full_clean()
    save(administrator, actor=actor)
    return administrator
