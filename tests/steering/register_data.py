"""A register of a chosen size, for pinning query counts on data of two sizes."""

import datetime

from steering.register.services.databases import update_database
from steering.register.services.memberships import edit_membership, update_person
from tests import factories

ROLES = ["chair", "member", "patient", "leadership", "society"]


def populate(size: int, actor=None) -> list:
    """``size`` databases, each with ``size`` seats per role, meetings and edit history."""
    regions = factories.all_regions()
    databases = []
    for d in range(size):
        group = factories.GroupFactory()
        database = group.database
        for r in range(size):
            for role in ROLES:
                region = regions[(d + r) % len(regions)]
                seat = factories.MembershipFactory(
                    group=group,
                    role=role,
                    representing_region=region if role == "member" else None,
                    person__employer=factories.OrganisationFactory(
                        region=region, parent=factories.OrganisationFactory(region=region)
                    ),
                    term_end=datetime.date(2024, 6, 30) if r % 2 else datetime.date(2027, 1, 1),
                )
                edit_membership(actor=actor, membership=seat, term_number=2)
                update_person(actor=actor, person=seat.person, title=f"Overlæge {r}")
            factories.MeetingFactory(group=group)
            ended = factories.MembershipFactory(group=group, role="chair", representing_region=None)
            ended.status, ended.ended_on, ended.end_reason = "ended", ended.term_start, "x"
            ended.save()
        update_database(actor=actor, database=database, status="paused", indicator_count=d + 1)
        databases.append(database)
    return databases


def a_person_with_seats(size: int, actor=None):
    """One person holding ``size`` seats (in ``size`` groups), each edited once."""
    person = factories.PersonFactory()
    for _ in range(size):
        seat = factories.MembershipFactory(
            person=person, representing_region=factories.region("hovedstaden")
        )
        edit_membership(actor=actor, membership=seat, term_number=3)
        update_person(actor=actor, person=person, title=f"Title {_}")
    return person
