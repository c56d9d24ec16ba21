"""Who sits in each demo group: the seats, before any term dates are written.

Which groups break which composition rule is decided by the group's position in the
catalogue (``Plan.for_index``), not by chance, so every rule is broken by a few groups and
kept by most, in every run and at every scale.
"""

import random
from collections import defaultdict
from dataclasses import dataclass

from regions.models import Organisation, Region
from steering.demo.catalogue import DatabaseSpec
from steering.demo.data import REGION_CODES, SPECIALTIES
from steering.demo.directory import Directory
from steering.demo.people import PeopleMaker
from steering.models import Membership, Person

Role = Membership.Role


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


class Terms:
    """How a seat's terms run; ``GroupBuilder`` turns these into dates."""

    FIRST = "first"  # a first term that began within the last few years
    REAPPOINTED = "reappointed"  # a second term straight after the first
    SUCCESSION = "succession"  # took over from ``former``, who left early
    ENDING_SOON = "ending_soon"  # the term ends in 14-80 days: within the default window
    HOLDOVER = "holdover"  # the term has ended, but nobody has replaced the member
    LONG_SERVING = "long_serving"  # a chair since before 2016, re-appointed every term
    RESIGNED = "resigned"  # a chair who stepped down, with no successor yet


@dataclass
class Seat:
    person: Person
    role: str
    terms: str = Terms.FIRST
    region: Region | None = None
    organisation: Organisation | None = None
    former: Person | None = None


class Composer:
    """Picks the people for each group's seats; some people sit in several groups.

    With ``history`` off (benchmark copies) seats have a single term, apart from the
    gaps the composition rules must find.
    """

    def __init__(
        self, *, directory: Directory, people: PeopleMaker, rng: random.Random, history: bool
    ) -> None:
        self.directory = directory
        self.people = people
        self.rng = rng
        self.history = history
        self._clinicians: dict[tuple[str, str], list[Person]] = defaultdict(list)
        self._leaders: dict[tuple[str, str], list[Person]] = defaultdict(list)
        self._patients: dict[str, list[Person]] = defaultdict(list)

    def seats(self, spec: DatabaseSpec, plan: Plan) -> list[Seat]:
        seated: set[int] = set()  # id() of the people, who may not be saved yet
        seats = self._chairs(spec, plan, seated)
        seats += self._regional_members(spec, plan, seated)
        seats += self._society_representatives(spec, seated)
        seats += self._patient_representatives(spec, plan, seated)
        if plan.leadership:
            seats.append(self._leadership_representative(spec, seated))
        if spec.municipal_seat:
            seats.append(self._municipal_representative(seated))
        return seats

    def _maybe_reappointed(self, chance: float) -> str:
        if self.history and self.rng.random() < chance:
            return Terms.REAPPOINTED
        return Terms.FIRST

    def _chairs(self, spec, plan, seated) -> list[Seat]:
        seats = []
        specialty = spec.specialties[0]
        for number in range(2 if plan.co_chairs else 1):
            code = self.rng.choice(REGION_CODES)
            person = self.people.clinician(
                employer=self.directory.department(code, specialty, self.rng),
                region_code=code,
                chair=True,
            )
            self._clinicians[(code, specialty)].append(person)
            seated.add(id(person))
            if plan.chair_over_limit and number == 0:
                terms = Terms.LONG_SERVING
            elif plan.no_chair:
                terms = Terms.RESIGNED
            else:
                terms = self._maybe_reappointed(0.3)
            seats.append(Seat(person, Role.CHAIR, terms))
        return seats

    def _regional_members(self, spec, plan, seated) -> list[Seat]:
        seats = []
        present = [code for code in REGION_CODES if code != plan.missing_region]
        extra = self.rng.choice(present) if self.rng.random() < 0.3 else None
        with_former = None
        if self.history and self.rng.random() < 0.35:
            with_former = self.rng.choice(present)
        for code in present:
            region = self.directory.regions[code]
            for number in range(2 if code == extra else 1):
                specialty = self.rng.choice(spec.specialties)
                person = self._clinician(code, specialty, spec, seated)
                seat = Seat(person, Role.MEMBER, region=region)
                if number == 0 and code == plan.ending_soon_region:
                    seat.terms = Terms.ENDING_SOON
                elif number == 0 and code == plan.holdover_region:
                    seat.terms = Terms.HOLDOVER
                elif number == 0 and code == with_former:
                    seat.terms = Terms.SUCCESSION
                    seat.former = self._clinician(code, specialty, spec, seated)
                else:
                    seat.terms = self._maybe_reappointed(0.25)
                seats.append(seat)
        return seats

    def _society_representatives(self, spec, seated) -> list[Seat]:
        seats = []
        for number in range(self.rng.randint(1, 3)):
            society = self.directory.society(spec.societies[number % len(spec.societies)])
            code = self.rng.choice(REGION_CODES)
            person = self._clinician(code, self.rng.choice(spec.specialties), spec, seated)
            terms = self._maybe_reappointed(0.2)
            seats.append(Seat(person, Role.SOCIETY, terms, organisation=society))
        return seats

    def _patient_representatives(self, spec, plan, seated) -> list[Seat]:
        seats = []
        for number in range(plan.patients):
            code = spec.patient_organisations[number % len(spec.patient_organisations)]
            pool = [p for p in self._patients[code] if id(p) not in seated]
            if pool and self.rng.random() < 0.2:
                person = self.rng.choice(pool)
            else:
                person = self.people.patient()
                self._patients[code].append(person)
            seated.add(id(person))
            organisation = self.directory.patient_organisation(code)
            seats.append(Seat(person, Role.PATIENT, organisation=organisation))
        return seats

    def _leadership_representative(self, spec, seated) -> Seat:
        """A director or vice-director with a health-professional background."""
        code = self.rng.choice(REGION_CODES)
        tier = "psychiatry" if SPECIALTIES[spec.specialties[0]][1] == "psychiatry" else "somatic"
        pool = [p for p in self._leaders[(code, tier)] if id(p) not in seated]
        if pool and self.rng.random() < 0.35:
            person = self.rng.choice(pool)
        else:
            hospital = self.directory.hospital(code, tier, self.rng)
            person = self.people.leader(hospital=hospital, region_code=code)
            self._leaders[(code, tier)].append(person)
        seated.add(id(person))
        return Seat(person, Role.LEADERSHIP)

    def _municipal_representative(self, seated) -> Seat:
        code = self.rng.choice(REGION_CODES)
        municipality = self.directory.municipality(code)
        person = self.people.municipal(municipality=municipality, region_code=code)
        seated.add(id(person))
        return Seat(person, Role.MUNICIPAL, organisation=municipality)

    def _clinician(self, code, specialty, spec, seated) -> Person:
        """Someone from the region's specialty: now and then a person already in a group."""
        pool = [p for p in self._clinicians[(code, specialty)] if id(p) not in seated]
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
        seated.add(id(person))
        return person
