"""What a user is in the portal: secretariat, regional administrator, circle member, member.

Roles combine (an administrator may also sit in a group), so they are derived from the
data in one query per request and cached on the user object.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
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
        from regions.models import RegionalAdministrator
        from representatives.models import CircleMember
        from steering.models import Person

        row = (
            type(user)
            .objects.filter(pk=user.pk)
            .annotate(
                admin_region_id=Subquery(
                    RegionalAdministrator.objects.filter(user=OuterRef("pk"), active=True).values(
                        "region_id"
                    )[:1]
                ),
                admin_region_code=Subquery(
                    RegionalAdministrator.objects.filter(user=OuterRef("pk"), active=True).values(
                        "region__code"
                    )[:1]
                ),
                in_circle=Exists(CircleMember.objects.filter(user=OuterRef("pk"), active=True)),
                person_id=Subquery(Person.objects.filter(user=OuterRef("pk")).values("pk")[:1]),
            )
            .values(
                "is_secretariat", "admin_region_id", "admin_region_code", "in_circle", "person_id"
            )
            .first()
        )
        if row is None:
            return cls()
        return cls(
            secretariat=row["is_secretariat"],
            admin_region_id=row["admin_region_id"],
            admin_region_code=row["admin_region_code"],
            circle=row["in_circle"],
            person_id=row["person_id"],
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
