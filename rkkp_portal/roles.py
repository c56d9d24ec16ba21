"""What a user is in the portal: secretariat, regional administrator, circle member, member.

Roles combine (an administrator may also sit in a group), so they are derived from the
data and worked out once per user object, so once per request (``User.roles``): a role
taken away counts from the next request on. One query: each join is on a unique user
column (one administrator row, one circle seat and one person per login), so it returns
at most one row.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth import get_user_model
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
        # Plain LEFT JOINs, each on a unique user column (one administrator row, one circle
        # seat, one person per login: named constraints), so at most one row; whether the
        # administrator row and the circle seat are active is read from the row. Cheaper to
        # build than FilteredRelation, and this query runs on every page.
        rows = list(
            get_user_model()
            .objects.filter(pk=user.pk)
            .order_by()  # one row: the users' default ordering would only add a sort
            .values_list(
                "is_secretariat",
                "administered_regions__active",
                "administered_regions__region_id",
                "administered_regions__region__code",
                "circle_membership__active",
                "person",
            )
        )
        if not rows:
            return cls()
        secretariat, admin_active, region_id, region_code, circle_active, person_id = rows[0]
        return cls(
            secretariat=secretariat,
            admin_region_id=region_id if admin_active else None,
            admin_region_code=region_code if admin_active else None,
            circle=bool(circle_active),
            person_id=person_id,
        )

    @property
    def is_staff_role(self) -> bool:
        """Roles that manage other people's data; these must use MFA in production."""
        return self.secretariat or self.admin_region_id is not None or self.circle

    @cached_property
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
