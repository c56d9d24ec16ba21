"""Grow the register around the personas, so a page's query count can be compared at two
data sizes: every row type the benchmarked pages list gets more rows, in the personas'
own groups and region as well as elsewhere."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from regions.models import BuyOutAgreement
from representatives.models import LeadershipNomination
from steering.models import Invitation, Membership, Message
from tests.factories import (
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    region,
)

_letters = itertools.count()
REGIONS = ("hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland")


def _letter(person, group) -> None:
    Message.objects.create(
        kind=Message.Kind.WELCOME,
        idempotency_key=f"perf:{next(_letters)}",
        recipient_person=person,
        recipient_email=person.email,
        subject="Velkommen",
        body_text="Velkommen",
        group=group,
    )


def _meeting_for(group, people, days: int) -> None:
    meeting = MeetingFactory(group=group, starts_at=timezone.now() + datetime.timedelta(days=days))
    for person in people:
        Invitation.objects.create(meeting=meeting, person=person)


def grow(units: int, *, own_seats: list[Membership]) -> None:
    """Add ``units`` groups, each with a full roster, a chair with a buy-out, an ended
    seat, a holdover, a seat ending soon, seats appointed from next year, nominations of
    two regions, a meeting with invitations and letters; and per
    unit one more fellow member, meeting and letter in each group of ``own_seats``."""
    today = timezone.localdate()
    for n in range(units):
        group = GroupFactory()
        seats = [
            MembershipFactory(
                group=group,
                representing_region=region(code),
                person__employer__region=region(code),
            )
            for code in REGIONS[: 2 + n % 3]
        ]
        chair = MembershipFactory(
            group=group,
            role="chair",
            representing_region=None,
            appointing_body="rkkp",
            term_start=datetime.date(2016, 1, 1),
        )
        seats.append(chair)
        seats.append(MembershipFactory(group=group, role="patient", representing_region=None))
        seats.append(
            MembershipFactory(
                group=group,
                role="leadership",
                representing_region=None,
                term_end=today + datetime.timedelta(days=30),
            )
        )
        seats.append(
            MembershipFactory(
                group=group,
                term_start=datetime.date(2018, 1, 1),
                term_end=today - datetime.timedelta(days=10),
            )
        )
        # Appointed from next year: not yet in office, shown as "appointed from".
        next_year = datetime.date(today.year + 1, 1, 1)
        MembershipFactory(
            group=group,
            role="leadership",
            representing_region=None,
            term_start=next_year,
            term_end=datetime.date(today.year + 5, 1, 1),
        )
        MembershipFactory(
            group=group,
            representing_region=region(REGIONS[-1]),
            term_start=next_year,
            term_end=None,
        )
        # Nominations of two regions, open and decided.
        for code, status in (("hovedstaden", "proposed"), ("syddanmark", "rejected")):
            candidate = PersonFactory(employer__region=region(code))
            LeadershipNomination.objects.create(
                person=candidate,
                group=group,
                proposing_region=region(code),
                motivation="Vækst",
                status=status,
                decided_at=None if status == "proposed" else timezone.now(),
                decided_by=None if status == "proposed" else UserFactory(),
            )
        MembershipFactory(
            group=group,
            status="ended",
            term_start=datetime.date(2015, 1, 1),
            term_end=datetime.date(2019, 1, 1),
            ended_on=datetime.date(2019, 1, 1),
        )
        BuyOutAgreement.objects.create(
            membership=chair,
            employer=chair.person.employer,
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2027, 12, 31),
            hours_per_month=Decimal("10"),
            annual_amount_dkk=Decimal("50000"),
            status=BuyOutAgreement.Status.ACTIVE,
            decided_by=UserFactory(),
            decided_at=timezone.now(),
        )
        _meeting_for(group, [s.person for s in seats], days=20 + n)
        for seat in seats[:2]:
            _letter(seat.person, group)
        for own in own_seats:
            fellow = MembershipFactory(
                group=own.group,
                representing_region=region(REGIONS[n % 5]),
                person__employer__region=region("hovedstaden"),
            )
            _meeting_for(own.group, [own.person, fellow.person], days=40 + n)
            _letter(own.person, own.group)
