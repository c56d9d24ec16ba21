"""Made-up people with common Danish names, registered through ``register_person``."""

import random
import unicodedata

from django.db.models.functions import Lower
from simple_history.utils import bulk_create_with_history

from regions.models import Organisation
from steering.demo.data import (
    CHAIR_TITLES,
    FEMALE_NAMES,
    LAST_NAMES,
    LEADER_TITLES,
    MALE_NAMES,
    MIDDLE_NAMES,
    MUNICIPAL_TITLES,
    MUNICIPALITIES,
    PATIENT_TITLES,
    PRIVATE_DOMAIN,
    REGION_DOMAINS,
    TITLES,
)
from steering.models import Person
from steering.register.services.memberships import register_person

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def ascii_local_part(*names: str) -> str:
    """``("Søren", "Kjær Nielsen")`` -> ``"soeren.kjaer.nielsen"``."""
    text = ".".join(names).lower().translate(_DANISH_LETTERS).replace(" ", ".")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text if c.isalnum() or c in ".-")


def used_emails() -> set[str]:
    return set(Person.objects.exclude(email="").values_list(Lower("email"), flat=True))


class PeopleMaker:
    """Registers new people; ``used`` is shared so e-mail addresses stay unique.

    With ``batch`` the people are kept until ``flush()`` and then written in bulk, with
    history (benchmark copies); otherwise each goes through ``register_person``.
    """

    def __init__(self, rng: random.Random, used: set[str], *, batch: bool = False) -> None:
        self.rng = rng
        self.used = used
        self.batch = batch
        self.created = 0
        self._pending: list[Person] = []

    def flush(self) -> None:
        if self._pending:
            bulk_create_with_history(self._pending, Person)
            self._pending = []

    def clinician(
        self,
        *,
        employer: Organisation,
        region_code: str,
        profession: str = "physician",
        chair: bool = False,
    ) -> Person:
        titles, lead_titles = TITLES[profession]
        if chair:
            title = self.rng.choice(CHAIR_TITLES)
        else:
            title = self.rng.choice(lead_titles if self.rng.random() < 0.15 else titles)
        leads = title in lead_titles or title.startswith("Ledende")
        return self._register(
            domain=REGION_DOMAINS[region_code],
            title=title,
            profession=profession,
            leadership_level="department" if leads else "none",
            employer=employer,
        )

    def leader(self, *, hospital: Organisation, region_code: str) -> Person:
        title, profession, level = self.rng.choice(LEADER_TITLES)
        return self._register(
            domain=REGION_DOMAINS[region_code],
            title=title,
            profession=profession,
            leadership_level=level,
            employer=hospital,
        )

    def municipal(self, *, municipality: Organisation, region_code: str) -> Person:
        title, profession = self.rng.choice(MUNICIPAL_TITLES)
        return self._register(
            domain=MUNICIPALITIES[region_code][1],
            title=title,
            profession=profession,
            leadership_level="none",
            employer=municipality,
        )

    def patient(self) -> Person:
        # Not employees: no workplace, and the e-mail is the one they gave us.
        return self._register(
            domain=PRIVATE_DOMAIN,
            title=self.rng.choice(PATIENT_TITLES),
            profession="",
            leadership_level="none",
            employer=None,
        )

    def _register(self, *, domain, title, profession, leadership_level, employer) -> Person:
        first_name, last_name = self._name()
        details = {
            "first_name": first_name,
            "last_name": last_name,
            "email": self._email(first_name, last_name, domain),
            "title": title,
            "profession": profession,
            "leadership_level": leadership_level,
            "employer": employer,
        }
        if self.batch:
            person = Person(**details, region_id=employer.region_id if employer else None)
            self._pending.append(person)
        else:
            person = register_person(actor=None, **details)
        self.created += 1
        return person

    def _name(self) -> tuple[str, str]:
        rng = self.rng
        first_name = rng.choice(FEMALE_NAMES if rng.random() < 0.55 else MALE_NAMES)
        last_name = rng.choice(LAST_NAMES)
        if rng.random() < 0.2:
            middle = rng.choice(MIDDLE_NAMES)
            if middle != last_name:
                last_name = f"{middle} {last_name}"
        return first_name, last_name

    def _email(self, first_name: str, last_name: str, domain: str) -> str:
        local = ascii_local_part(first_name, last_name)
        number = 1
        while True:
            address = f"{local}{number if number > 1 else ''}@{domain}"
            if address not in self.used:
                self.used.add(address)
                return address
            number += 1
