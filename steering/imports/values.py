"""A roster's values as people write them: roles, regions, databases, appointing bodies, dates.

Each kind of value has a ``Vocabulary``: every way of writing a value (compared after
``columns.fold``) → its code in the register. What matches nothing gets the closest
known spelling as a suggestion.
"""

import datetime
import difflib

from django.utils.translation import gettext as _

from regions.models import Region
from rkkp_portal.forms import EARLIEST, LATEST, in_range
from steering.imports.columns import fold
from steering.models import SteeringGroup
from steering.models.memberships import AppointingBody, Role

ROLE_WORDS = {
    Role.CHAIR: ["formand", "forperson", "medformand", "formandskab", "chair", "co-chair"],
    Role.MEMBER: [
        "medlem",
        "regionalt medlem",
        "regional member",
        "member",
        "regionsrepræsentant",
        "regional repræsentant",
    ],
    Role.SOCIETY: [
        "selskabsrepræsentant",
        "repræsentant for fagligt selskab",
        "fagligt selskab",
        "society",
        "society representative",
    ],
    Role.PATIENT: [
        "patientrepræsentant",
        "pårørenderepræsentant",
        "patient-/pårørenderepræsentant",
        "patient- og pårørenderepræsentant",
        "patient",
        "patient representative",
    ],
    Role.LEADERSHIP: ["ledelsesrepræsentant", "leadership", "leadership representative"],
    Role.MUNICIPAL: [
        "kommunal repræsentant",
        "kommunerepræsentant",
        "municipal",
        "municipal representative",
    ],
    Role.OBSERVER: ["observatør", "observer", "tilforordnet"],
}

# Short names the regions go by besides "Region X" and "X".
REGION_SHORT = {
    "hovedstaden": ["RH", "Regionh"],
    "sjaelland": ["RSJ", "Zealand"],
    "syddanmark": ["RSD", "Southern Denmark"],
    "midtjylland": ["RM", "Region Midt", "Midt", "Central Denmark"],
    "nordjylland": ["RN", "Region Nord", "Nord", "North Denmark"],
}

BODY_WORDS = {
    AppointingBody.REGION: ["region", "regionen", "regionerne"],
    AppointingBody.SOCIETY: ["society", "fagligt selskab", "selskab", "selskabet"],
    AppointingBody.CIRCLE: [
        "circle",
        "regionssundhedsdirektørkredsen",
        "sundhedsdirektørkredsen",
        "direktørkredsen",
    ],
    AppointingBody.PATIENT_ORGANISATION: ["patient_organisation", "patientorganisation"],
    AppointingBody.GENERAL_PRACTICE: ["general_practice", "plo", "dsam", "plo/dsam"],
    AppointingBody.MUNICIPALITIES: ["municipalities", "kl", "kommunerne", "kommune"],
    AppointingBody.RKKP: ["rkkp"],
}


class Vocabulary:
    """Every way of writing a value → its code; ``labels`` names each code for people."""

    def __init__(self, words: dict[str, list[str]], labels: dict[str, str]):
        self.codes: dict[str, str] = {}
        self.spelling: dict[str, str] = {}  # folded → as written, for suggestions
        for code, spellings in words.items():
            for spelling in [labels.get(code, ""), *spellings, code]:
                if spelling and fold(spelling) not in self.codes:
                    self.codes[fold(spelling)] = code
                    self.spelling[fold(spelling)] = spelling
        self.labels = labels

    def match(self, value: str) -> str | None:
        return self.codes.get(fold(value))

    def suggestion(self, value: str) -> str | None:
        """The closest spelling the vocabulary knows, or None when nothing is close."""
        close = difflib.get_close_matches(fold(value), list(self.codes), n=1, cutoff=0.6)
        return self.spelling[close[0]] if close else None

    def choices(self) -> list[tuple[str, str]]:
        return list(self.labels.items())


def roles() -> Vocabulary:
    return Vocabulary(
        ROLE_WORDS,
        {role.value: str(role.label) for role in Role},
    )


def bodies() -> Vocabulary:
    return Vocabulary(
        BODY_WORDS,
        {body.value: str(body.label) for body in AppointingBody},
    )


def regions() -> Vocabulary:
    words, labels = {}, {}
    for region in Region.objects.all():
        bare = region.name_da.removeprefix("Region ").strip()
        short = REGION_SHORT.get(region.code, [])
        words[region.code] = [region.name_da, region.name_en, bare, *short]
        labels[region.code] = region.name_da
    return Vocabulary(words, labels)


def databases() -> Vocabulary:
    """Databases by slug, acronym and full name; the code is the database's slug."""
    words, labels = {}, {}
    for group in SteeringGroup.objects.select_related("database").order_by("database__name"):
        database = group.database
        words[database.slug] = [database.acronym, database.name]
        labels[database.slug] = database.name
    return Vocabulary(words, labels)


def unknown(message: str, value: str, vocabulary: Vocabulary) -> str:
    """``message`` ("Unknown role “x”.") with the closest known spelling: "Did you mean …?"."""
    suggestion = vocabulary.suggestion(value)
    if suggestion:
        message += " " + _("Did you mean “%s”?") % suggestion
    return message


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")


def parse_date(value: str) -> tuple[datetime.date | None, str]:
    """The date and "", or None and the reason it is not one."""
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
        if not in_range(parsed):
            return None, _("“%(date)s” is outside the years %(earliest)d–%(latest)d.") % {
                "date": value,
                "earliest": EARLIEST.year,
                "latest": LATEST.year,
            }
        return parsed, ""
    return None, _("“%s” is not a date; write it as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY.") % value
