"""One steering group of the demo: its database, seats, history and meetings.

Which groups break which composition rule is decided by the group's position in the
catalogue (``Plan.for_index``), not by chance, so every rule is broken by a few groups and
kept by most, in every run and at every scale.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from regions.models import Organisation
from steering.demo.catalogue import DatabaseSpec
from steering.demo.data import (
    CHAIR_LEFT,
    LEAVE_REASONS,
    REAPPOINTED,
    REGION_CODES,
    SPECIALTIES,
)
from steering.demo.directory import Directory
from steering.demo.meetings import schedule_year
from steering.demo.people import PeopleMaker
from steering.models import ClinicalDatabase, Membership, Person, SteeringGroup
from steering.services import (
    appoint_member,
    create_database,
    default_term_end,
    end_membership,
)
from steering.services.memberships import TERM_YEARS

Role = Membership.Role
DAY = datetime.timedelta(days=1)


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Plan:
    """How one group is composed, including the gaps the demo must show."""

    co_chairs: bool
    no_chair: bool
    chair_over_limit: bool
    missing_region: str | None
    leadership: bool
    patients: int
    ending_soon_region: str | None
    holdover_region: str | None
    full_day_meetings: int

    @classmethod
    def for_index(cls, i: int) -> "Plan":
        missing = REGION_CODES[(i // 9) % 5] if i % 9 == 4 else None
        present = [code for code in REGION_CODES if code != missing]
        return cls(
            co_chairs=i % 8 == 5,
            no_chair=i % 40 == 27,
            chair_over_limit=i % 19 == 11,
            missing_region=missing,
            # The role is new, so only a little over half the groups have one yet.
            leadership=(i * 7) % 20 < 11,
            patients=1 if i % 10 == 7 else 2,
            ending_soon_region=present[i % len(present)] if i % 11 == 6 else None,
            holdover_region=present[(i + 2) % len(present)] if i % 12 == 9 else None,
            full_day_meetings=1 if i % 16 == 10 else 2,
        )


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
    """Builds the groups of one copy of the catalogue; people may sit in several groups."""

    def __init__(
        self,
        *,
        directory: Directory,
        people: PeopleMaker,
        team: Team,
        rng: random.Random,
        today: datetime.date,
    ) -> None:
        self.directory = directory
        self.people = people
        self.team = team
        self.rng = rng
        self.today = today
        self.seats = 0
        self.meetings = 0
        # Pools of people already registered, so some sit in more than one group.
        self._clinicians: dict[tuple[str, str], list[Person]] = defaultdict(list)
        self._leaders: dict[tuple[str, str], list[Person]] = defaultdict(list)
        self._patients: dict[str, list[Person]] = defaultdict(list)

    def build(self, index: int, spec: DatabaseSpec) -> SteeringGroup:
        rng = self.rng
        plan = Plan.for_index(index)
        database = create_database(
            actor=None,
            name=spec.name,
            acronym=spec.acronym,
            slug=spec.slug,
            umbrella=spec.umbrella,
            disease_area=spec.disease_area,
            status=(
                ClinicalDatabase.Status.ESTABLISHING
                if spec.establishing
                else ClinicalDatabase.Status.ACTIVE
            ),
            indicator_count=rng.randint(5, 12),
            **self.team.for_index(index),
        )
        group = database.steering_group
        seated: set[int] = set()
        self._chairs(group, spec, plan, index, seated)
        self._regional_members(group, spec, plan, seated)
        self._society_representatives(group, spec, seated)
        self._patient_representatives(group, spec, plan, seated)
        if plan.leadership:
            self._leadership_representative(group, spec, seated)
        if spec.municipal_seat:
            self._municipal_representative(group, seated)
        self.meetings += schedule_year(
            group,
            slug=spec.slug,
            full_day_meetings=plan.full_day_meetings,
            rng=rng,
            today=self.today,
        )
        return group

    # --- seats --------------------------------------------------------------------------

    def _chairs(self, group, spec, plan, index, seated) -> None:
        for number in range(2 if plan.co_chairs else 1):
            region_code = self.rng.choice(REGION_CODES)
            person = self.people.clinician(
                employer=self.directory.department(region_code, spec.specialties[0], self.rng),
                region_code=region_code,
                chair=True,
            )
            self._clinicians[(region_code, spec.specialties[0])].append(person)
            seated.add(person.pk)
            if plan.chair_over_limit and number == 0:
                self._long_serving_chair(group, person, index)
            elif plan.no_chair:
                start = self.today - self.rng.randint(400, 1300) * DAY
                seat = self._appoint(group, person, Role.CHAIR, start)
                ended_on = self.today - self.rng.randint(15, 120) * DAY
                self._end(seat, ended_on, CHAIR_LEFT)
            else:
                self._seat(group, person, Role.CHAIR, reappointed=self.rng.random() < 0.3)

    def _long_serving_chair(self, group, person, index) -> None:
        """A chair re-appointed every four years since 2013–2015.

        Having served over six years when the 2022 framework took effect, they could be
        re-elected once more, for a period that ended on 29 March 2026.
        """
        first = datetime.date(2013 + index % 3, 1 + index % 12, 1)
        starts = [first]
        while add_years(starts[-1], 4) <= self.today - 30 * DAY:
            starts.append(add_years(starts[-1], 4))
        seat = None
        for number, start in enumerate(starts, start=1):
            if seat is not None:
                self._end(seat, start - DAY, REAPPOINTED)
            seat = self._appoint(
                group, person, Role.CHAIR, start, term_number=number, predecessor=seat
            )

    def _regional_members(self, group, spec, plan, seated) -> None:
        present = [code for code in REGION_CODES if code != plan.missing_region]
        extra = self.rng.choice(present) if self.rng.random() < 0.3 else None
        with_former = self.rng.choice(present) if self.rng.random() < 0.35 else None
        for code in present:
            for number in range(2 if code == extra else 1):
                specialty = self.rng.choice(spec.specialties)
                person = self._clinician(code, specialty, spec, seated)
                region = self.directory.regions[code]
                if code == plan.ending_soon_region and number == 0:
                    end = self.today + self.rng.randint(14, 80) * DAY
                    self._appoint(
                        group, person, Role.MEMBER, add_years(end + DAY, -4), end=end, region=region
                    )
                elif code == plan.holdover_region and number == 0:
                    end = self.today - self.rng.randint(30, 240) * DAY
                    self._appoint(
                        group, person, Role.MEMBER, add_years(end + DAY, -4), end=end, region=region
                    )
                elif code == with_former and number == 0:
                    self._succession(group, person, code, specialty, spec, seated)
                else:
                    reappointed = self.rng.random() < 0.25
                    self._seat(group, person, Role.MEMBER, reappointed=reappointed, region=region)

    def _full_term(self, group, person, end, region) -> None:
        """A four-year regional seat that ends (or ended) on ``end``."""
        start = add_years(end + DAY, -TERM_YEARS)
        self._appoint(group, person, Role.MEMBER, start, end=end, region=region)

    def _succession(self, group, person, code, specialty, spec, seated) -> None:
        """A member who left before their term ended, and the colleague who took over."""
        region = self.directory.regions[code]
        start = self.today - self.rng.randint(60, 900) * DAY
        former = self._clinician(code, specialty, spec, seated)
        former_start = start - self.rng.randint(700, 1400) * DAY
        former_seat = self._appoint(group, former, Role.MEMBER, former_start, region=region)
        self._end(former_seat, start - DAY, self.rng.choice(LEAVE_REASONS))
        self._appoint(group, person, Role.MEMBER, start, region=region, predecessor=former_seat)

    def _society_representatives(self, group, spec, seated) -> None:
        for number in range(self.rng.randint(1, 3)):
            society = self.directory.society(spec.societies[number % len(spec.societies)])
            code = self.rng.choice(REGION_CODES)
            person = self._clinician(code, self.rng.choice(spec.specialties), spec, seated)
            self._seat(
                group,
                person,
                Role.SOCIETY,
                reappointed=self.rng.random() < 0.2,
                organisation=society,
            )

    def _patient_representatives(self, group, spec, plan, seated) -> None:
        for number in range(plan.patients):
            code = spec.patient_organisations[number % len(spec.patient_organisations)]
            pool = [p for p in self._patients[code] if p.pk not in seated]
            if pool and self.rng.random() < 0.2:
                person = self.rng.choice(pool)
            else:
                person = self.people.patient()
                self._patients[code].append(person)
            seated.add(person.pk)
            organisation = self.directory.patient_organisation(code)
            self._seat(group, person, Role.PATIENT, organisation=organisation)

    def _leadership_representative(self, group, spec, seated) -> None:
        """A director or vice-director with a health-professional background."""
        code = self.rng.choice(REGION_CODES)
        tier = "psychiatry" if SPECIALTIES[spec.specialties[0]][1] == "psychiatry" else "somatic"
        pool = [p for p in self._leaders[(code, tier)] if p.pk not in seated]
        if pool and self.rng.random() < 0.35:
            person = self.rng.choice(pool)
        else:
            hospital = self.directory.hospital(code, tier, self.rng)
            person = self.people.leader(hospital=hospital, region_code=code)
            self._leaders[(code, tier)].append(person)
        seated.add(person.pk)
        self._seat(group, person, Role.LEADERSHIP, start_within=1000)

    def _municipal_representative(self, group, seated) -> None:
        code = self.rng.choice(REGION_CODES)
        municipality = self.directory.municipality(code)
        person = self.people.municipal(municipality=municipality, region_code=code)
        seated.add(person.pk)
        self._seat(group, person, Role.MUNICIPAL, organisation=municipality)

    def _clinician(self, code, specialty, spec, seated) -> Person:
        """Someone from the region's specialty: now and then a person already in a group."""
        pool = [p for p in self._clinicians[(code, specialty)] if p.pk not in seated]
        if pool and self.rng.random() < 0.12:
            person = self.rng.choice(pool)
        else:
            profession = "physician"
            if self.rng.random() < 0.25:
                profession = spec.allied_profession or "nurse"
                if profession != "nurse" and self.rng.random() < 0.4:
                    profession = "nurse"
            person = self.people.clinician(
                employer=self.directory.department(code, specialty, self.rng),
                region_code=code,
                profession=profession,
            )
            self._clinicians[(code, specialty)].append(person)
        seated.add(person.pk)
        return person

    def _seat(
        self,
        group,
        person,
        role,
        *,
        reappointed: bool = False,
        region=None,
        organisation: Organisation | None = None,
        start_within: int = 1300,
    ) -> Membership:
        """An active seat whose term ends well after 90 days from today.

        A re-appointed member's first term ended the day before the second began.
        """
        start = self.today - self.rng.randint(60, start_within) * DAY
        predecessor = None
        if reappointed:
            predecessor = self._appoint(
                group, person, role, add_years(start, -4), region=region, organisation=organisation
            )
            self._end(predecessor, start - DAY, REAPPOINTED)
        return self._appoint(
            group,
            person,
            role,
            start,
            region=region,
            organisation=organisation,
            term_number=2 if reappointed else 1,
            predecessor=predecessor,
        )

    def _appoint(
        self,
        group,
        person,
        role,
        start,
        *,
        end=None,
        region=None,
        organisation=None,
        term_number=1,
        predecessor=None,
    ) -> Membership:
        self.seats += 1
        return appoint_member(
            actor=None,
            person=person,
            group=group,
            role=role,
            term_start=start,
            term_end=end or default_term_end(start),
            representing_region=region,
            appointing_organisation=organisation,
            term_number=term_number,
            predecessor=predecessor,
        )

    def _end(self, seat, ended_on, reason) -> None:
        end_membership(actor=None, membership=seat, ended_on=ended_on, reason=reason)
