"""The welcome letter a new member of a region would receive, for the region to check.

Built from unsaved sample rows, so a preview never writes or sends anything.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import override

from regions.models import Region
from steering.letters.rendering import RenderedLetter, render_letter
from steering.letters.welcome import welcome_context
from steering.models import Membership, Person, SteeringGroup
from steering.register.services.memberships import default_term_end


def preview_welcome_letter(
    *, region: Region, role: str, language: str, today: datetime.date
) -> RenderedLetter | None:
    group = (
        SteeringGroup.objects.select_related("database__contact_person")
        .order_by("database__name")
        .first()
    )
    if group is None:
        return None
    with override(language):
        person = Person(
            first_name=_("Sample"),
            last_name=_("Member"),
            email="sample@example.invalid",
            region=region,
            language=language,
        )
    membership = Membership(
        person=person,
        group=group,
        role=role,
        representing_region=region if role == Membership.Role.MEMBER else None,
        term_start=today,
        term_end=default_term_end(today),
        term_number=1,
    )
    return render_letter("welcome", welcome_context(membership), language)
