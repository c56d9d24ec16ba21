"""One steering group of the demo: its database, its seats' terms, and its meetings.

In the demo copy every seat is appointed, renewed and ended through the membership
services, so validation and history are those of seats made in the portal.

Benchmark copies (``--scale``) write plain first-term seats in bulk, with history: the
validation in ``appoint_member`` costs about 10 ms a seat, and ``--scale 10`` has some
8,000 such seats. The database's constraints still hold those rows to the same
invariants, and seats with a history (renewals, endings, the rule gaps) still go
through the services.
"""

import datetime
import random
from dataclasses import dataclass

from simple_history.utils import bulk_create_with_history

from steering.demo.catalogue import DatabaseSpec
from steering.demo.composition import Composer, Plan, Seat, Terms
from steering.demo.data import CHAIR_KEPT, CHAIR_LEFT, LEAVE_REASONS
from steering.demo.meetings import schedule_year
from steering.demo.people import PeopleMaker
from steering.models import ClinicalDatabase, Membership, SteeringGroup
from steering.register.services.databases import create_database
from steering.register.services.memberships import (
    DEFAULT_APPOINTING_BODY,
    TERM_YEARS,
    appoint_member,
    default_term_end,
    end_membership,
    reappoint_member,
)

DAY = datetime.timedelta(days=1)


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass
class Team:
    """The RKKP staff who serve the databases, handed out in turn."""

    contact_persons: list
    epidemiologists: list
    data_managers: list

    def for_index(self, i: int) -> dict:
        return {
            "contact_person": self.contact_persons[i % len(self.contact_persons)],
            "epidemiologist": self.epidemiologists[(i * 3) % len(self.epidemiologists)],
            "data_manager": self.data_managers[(i * 5) % len(self.data_managers)],
        }


class GroupBuilder:
    """Builds the groups of one copy of the catalogue.

    ``batch`` (benchmark copies) writes people, meetings and first-term seats in bulk,
    with history, and leaves out earlier terms.
    """

    def __init__(
        self,
        *,
        composer: Composer,
        people: PeopleMaker,
        team: Team,
        rng: random.Random,
        today: datetime.date,
        batch: bool,
    ) -> None:
        self.composer = composer
        self.people = people
        self.team = team
        self.rng = rng
        self.today = today
        self.batch = batch
        self.seats = 0
        self.meetings = 0
        self._pending: list[Membership] = []

    def build(self, index: int, spec: DatabaseSpec) -> SteeringGroup:
        plan = Plan.for_index(index)
        group = self._create_database(index, spec)
        seats = self.composer.seats(spec, plan)
        self.people.flush()
        for seat in seats:
            self._write(group, seat, index)
        if self._pending:
            bulk_create_with_history(self._pending, Membership)
            self._pending = []
        attendees = None
        if self.batch:
            attendees = {s.person.pk for s in seats if s.terms != Terms.RESIGNED}
        self.meetings += schedule_year(
            group,
            slug=spec.slug,
            full_day_meetings=plan.full_day_meetings,
            rng=self.rng,
            today=self.today,
            attendee_ids=attendees,
        )
        return group

    def _create_database(self, index: int, spec: DatabaseSpec) -> SteeringGroup:
        details = {
            "name": spec.name,
            "acronym": spec.acronym,
            "slug": spec.slug,
            "umbrella": spec.umbrella,
            "disease_area": spec.disease_area,
            "status": (
                ClinicalDatabase.Status.ESTABLISHING
                if spec.establishing
                else ClinicalDatabase.Status.ACTIVE
            ),
            "indicator_count": self.rng.randint(5, 12),
            **self.team.for_index(index),
        }
        if not self.batch:
            return create_database(actor=None, **details).steering_group
        [database] = bulk_create_with_history([ClinicalDatabase(**details)], ClinicalDatabase)
        [group] = bulk_create_with_history([SteeringGroup(database=database)], SteeringGroup)
        return group

    def _write(self, group: SteeringGroup, seat: Seat, index: int) -> None:
        today, rng = self.today, self.rng
        if seat.terms == Terms.LONG_SERVING:
            self._long_serving(group, seat, index)
        elif seat.terms == Terms.RESIGNED:
            start = today - rng.randint(400, 1300) * DAY
            membership = self._appoint(group, seat, start)
            self._end(membership, today - rng.randint(15, 120) * DAY, CHAIR_LEFT)
        elif seat.terms == Terms.ENDING_SOON:
            self._full_term(group, seat, today + rng.randint(14, 80) * DAY)
        elif seat.terms == Terms.HOLDOVER:
            self._full_term(group, seat, today - rng.randint(30, 240) * DAY)
        elif seat.terms == Terms.SUCCESSION:
            self._succession(group, seat)
        else:
            # Leadership representatives are new (2022 onwards); others vary more.
            latest = 1000 if seat.role == Membership.Role.LEADERSHIP else 1300
            start = today - rng.randint(60, latest) * DAY
            if seat.terms == Terms.REAPPOINTED:
                first_term = self._appoint(group, seat, add_years(start, -TERM_YEARS))
                self._reappoint(first_term, start)
            elif self.batch:
                self._pending.append(self._first_term(group, seat, start))
            else:
                self._appoint(group, seat, start)

    def _first_term(self, group, seat, start) -> Membership:
        """An unsaved first-term seat, as ``appoint_member`` would make it."""
        self.seats += 1
        return Membership(
            person=seat.person,
            group=group,
            role=seat.role,
            representing_region=seat.region,
            appointing_body=DEFAULT_APPOINTING_BODY[seat.role],
            appointing_organisation=seat.organisation,
            term_start=start,
            term_end=default_term_end(start),
        )

    def _long_serving(self, group, seat, index) -> None:
        """A chair re-appointed every four years since 2013–2015.

        Having served over six years when the 2022 framework took effect, they could be
        re-elected once more, for a period that ended on 29 March 2026; a later term is
        the secretariat's recorded exception (and the compliance register still flags it).
        """
        first = datetime.date(2013 + index % 3, 1 + index % 12, 1)
        starts = [first]
        while add_years(starts[-1], TERM_YEARS) <= self.today - 30 * DAY:
            starts.append(add_years(starts[-1], TERM_YEARS))
        membership = self._appoint(group, seat, starts[0])
        for start in starts[1:]:
            membership = self._reappoint(membership, start, exception=CHAIR_KEPT)

    def _full_term(self, group, seat, end) -> None:
        """A four-year seat that ends (or ended) on ``end``."""
        self._appoint(group, seat, add_years(end + DAY, -TERM_YEARS), end=end)

    def _succession(self, group, seat) -> None:
        """A member who left before their term ended, and the colleague who took over."""
        start = self.today - self.rng.randint(60, 900) * DAY
        former_start = start - self.rng.randint(700, 1400) * DAY
        former = self._appoint(group, seat, former_start, person=seat.former)
        self._end(former, start - DAY, self.rng.choice(LEAVE_REASONS))
        self._appoint(group, seat, start, predecessor=former)

    # Demo data queues no letters and makes no logins: ``notify=False``.

    def _appoint(self, group, seat, start, *, end=None, predecessor=None, person=None):
        self.seats += 1
        return appoint_member(
            actor=None,
            person=person or seat.person,
            group=group,
            role=seat.role,
            term_start=start,
            term_end=end or default_term_end(start),
            representing_region=seat.region,
            appointing_organisation=seat.organisation,
            predecessor=predecessor,
            notify=False,
        )

    def _reappoint(
        self, membership: Membership, start: datetime.date, *, exception: str = ""
    ) -> Membership:
        """The next term; the current one ends the day before. ``exception`` is kept only
        if the term runs past the chair term limit."""
        self.seats += 1
        return reappoint_member(
            actor=None,
            membership=membership,
            term_start=start,
            notify=False,
            term_limit_exception=exception,
        )

    def _end(self, membership, ended_on, reason) -> None:
        end_membership(actor=None, membership=membership, ended_on=ended_on, reason=reason)
