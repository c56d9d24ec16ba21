"""Workplaces as rosters write them: "Ortopædkirurgisk Afdeling, Aarhus Universitetshospital".

A workplace written exactly as in the register is that organisation. Otherwise the import
looks for the hospital the text names (by name, short name or a close spelling) and takes
the rest as a department under it: an existing one if its name matches, else a new one,
created when the import is confirmed. When no hospital is named, the workplace is left
empty and the row says so.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from regions.models import Organisation
from regions.services.organisations import create_organisation
from steering.imports.columns import fold

HOSPITAL = "hospital"
DEPARTMENT = "department"
SEPARATORS = re.compile(r"\s*[,;/]\s*|\s+-\s+")


@dataclass
class Match:
    organisation: Organisation | None
    new_department: str = ""  # a department to create under ``hospital``
    hospital: Organisation | None = None
    note: str = ""  # what the preview says about the match, if it was not word for word


class Workplaces:
    """The register's organisations, read once per import, plus the departments it adds."""

    def __init__(self):
        self.by_name: dict[str, Organisation] = {}
        self.hospitals: dict[str, Organisation] = {}
        self.children: dict[tuple[int, str], Organisation] = {}
        organisations = Organisation.objects.select_related("kind", "parent").order_by("pk")
        for organisation in organisations:
            self.by_name.setdefault(organisation.name.lower(), organisation)
            self.by_name.setdefault(str(organisation).lower(), organisation)
            if organisation.kind.code == HOSPITAL:
                for name in (organisation.name, organisation.short_name):
                    if name:
                        self.hospitals.setdefault(fold(name), organisation)
            if organisation.parent_id:
                key = (organisation.parent_id, fold(organisation.name))
                self.children.setdefault(key, organisation)

    def match(self, text: str) -> Match:
        exact = self.by_name.get(text.strip().lower())
        if exact is not None:
            return Match(exact)
        hospital, rest = self._hospital_in(text)
        if hospital is None:
            return Match(
                None,
                note=_("No workplace like “%s” in the register; the workplace is left empty.")
                % text,
            )
        if not rest:
            return Match(hospital, note=_("Matched to the hospital %s.") % hospital.name)
        department = self.children.get((hospital.pk, fold(rest)))
        if department is not None:
            return Match(department, note=_("Matched to %s.") % department)
        return Match(
            None,
            new_department=rest,
            hospital=hospital,
            note=_("New department “%(department)s” under %(hospital)s, created on import.")
            % {"department": rest, "hospital": hospital.name},
        )

    def create_department(self, *, actor, match: Match) -> Organisation:
        """The proposed department, created once however many rows name it."""
        key = (match.hospital.pk, fold(match.new_department))
        if key not in self.children:
            self.children[key] = create_organisation(
                actor=actor,
                name=match.new_department,
                kind_code=DEPARTMENT,
                parent=match.hospital,
            )
        return self.children[key]

    def _hospital_in(self, text: str) -> tuple[Organisation | None, str]:
        parts = [part for part in SEPARATORS.split(text.strip()) if part]
        for index, part in enumerate(parts):
            hospital = self._hospital_named(part)
            if hospital is not None:
                return hospital, ", ".join(parts[:index] + parts[index + 1 :])
        # "Ortopædkirurgisk Afdeling Aarhus Universitetshospital": the name inside the text.
        folded = fold(text)
        for name, hospital in sorted(self.hospitals.items(), key=lambda item: -len(item[0])):
            if len(name) > 3 and name in folded:
                rest = re.sub(re.escape(hospital.name), "", text, flags=re.IGNORECASE)
                return hospital, " ".join(rest.split()).strip(" ,;-")
        return None, ""

    def _hospital_named(self, part: str) -> Organisation | None:
        folded = fold(part)
        if folded in self.hospitals:
            return self.hospitals[folded]
        close = difflib.get_close_matches(folded, list(self.hospitals), n=1, cutoff=0.85)
        return self.hospitals[close[0]] if close else None
