"""What a user is in the portal: secretariat, regional administrator, circle member, member.

Roles combine (an administrator may also sit in a group), so they are derived from the
data and worked out once per user object, so once per request (``User.roles``): a role
taken away counts from the next request on. One query: each join is on a unique user
column (one administrator row, one circle seat and one person per login), so it returns
at most one row.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import FilteredRelation, Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Roles:
    secretariat: bool = False
    admin_region_id: int | None = None
    admin_region_code: str | None = None
    circle: bool = False
    person_id: int | None = None

    @classmethod
    def for_user(cls, user) -> "Roles":
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls()
        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .alias(
                admin=FilteredRelation(
                    "administered_regions", condition=Q(administered_regions__active=True)
                ),
                circle=FilteredRelation(
                    "circle_membership", condition=Q(circle_membership__active=True)
                ),
            )
            .values_list(
                "is_secretariat", "admin__region_id", "admin__region__code", "circle", "person"
            )
            .first()
        )
        if row is None:
            return cls()
        secretariat, region_id, region_code, circle_seat, person_id = row
        return cls(
            secretariat=secretariat,
            admin_region_id=region_id,
            admin_region_code=region_code,
            circle=circle_seat is not None,
            person_id=person_id,
        )

    @property
    def is_staff_role(self) -> bool:
        """Roles that manage other people's data; these must use MFA in production."""
        return self.secretariat or self.admin_region_id is not None or self.circle

    @property
    def labels(self) -> list[str]:
        labels = []
        if self.secretariat:
            labels.append(_("RKKP secretariat"))
        if self.admin_region_id is not None:
            labels.append(_("Regional administrator"))
        if self.circle:
            labels.append(_("Health directors' circle"))
        if self.person_id is not None:
            labels.append(_("Member"))
        return labels
