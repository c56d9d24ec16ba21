"""The organisations of the demo, created once through the services and then looked up.

Every lookup is cached, so seeding many groups costs one query per new organisation.
"""

import random

from regions.models import Organisation, Region
from regions.services import create_organisation
from steering.demo.data import (
    HOSPITALS,
    MUNICIPALITIES,
    PATIENT_ORGANISATIONS,
    REGION_CODES,
    REGIONAL_ADMINISTRATIONS,
    RKKP_NAME,
    SOCIETIES,
    SPECIALTIES,
)


class Directory:
    def __init__(self) -> None:
        self.regions: dict[str, Region] = {r.code: r for r in Region.objects.all()}
        missing = set(REGION_CODES) - self.regions.keys()
        if missing:
            raise RuntimeError(f"Regions missing (run migrate first): {sorted(missing)}")
        self._organisations = {
            (o.kind.code, o.name, o.parent_id): o
            for o in Organisation.objects.select_related("kind")
        }
        self.created = 0
        # region code -> tier -> hospitals; "somatic" holds the university hospital twice,
        # because most members come from the large hospitals.
        self._hospitals: dict[str, dict[str, list[Organisation]]] = {}

    def organisation(
        self,
        name: str,
        kind_code: str,
        *,
        region: Region | None = None,
        parent: Organisation | None = None,
        short_name: str = "",
    ) -> Organisation:
        key = (kind_code, name, parent.pk if parent else None)
        organisation = self._organisations.get(key)
        if organisation is None:
            organisation = create_organisation(
                actor=None,
                name=name,
                kind_code=kind_code,
                region=region,
                parent=parent,
                short_name=short_name,
            )
            self._organisations[key] = organisation
            self.created += 1
        return organisation

    def ensure_base(self) -> None:
        """The organisations every copy of the demo shares."""
        self.rkkp()
        for code in REGION_CODES:
            self.administration(code)
            self.municipality(code)
        for hospital in HOSPITALS:
            organisation = self.organisation(
                hospital.name,
                "hospital",
                region=self.regions[hospital.region],
                short_name=hospital.short_name,
            )
            tiers = self._hospitals.setdefault(hospital.region, {})
            tiers.setdefault(hospital.tier, []).append(organisation)
            if hospital.tier != "psychiatry":
                tiers.setdefault("somatic", []).append(organisation)
            if hospital.tier == "university":
                tiers["somatic"].append(organisation)
        for code in SOCIETIES:
            self.society(code)
        for code in PATIENT_ORGANISATIONS:
            self.patient_organisation(code)

    def rkkp(self) -> Organisation:
        return self.organisation(RKKP_NAME, "rkkp", short_name="RKKP")

    def administration(self, region_code: str) -> Organisation:
        return self.organisation(
            REGIONAL_ADMINISTRATIONS[region_code],
            "regional_administration",
            region=self.regions[region_code],
        )

    def municipality(self, region_code: str) -> Organisation:
        name, _domain = MUNICIPALITIES[region_code]
        return self.organisation(name, "municipality", region=self.regions[region_code])

    def society(self, code: str) -> Organisation:
        name, short_name = SOCIETIES[code]
        return self.organisation(name, "society", short_name=short_name)

    def patient_organisation(self, code: str) -> Organisation:
        name, short_name = PATIENT_ORGANISATIONS[code]
        return self.organisation(name, "patient_organisation", short_name=short_name)

    def hospital(self, region_code: str, tier: str, rng: random.Random) -> Organisation:
        """A hospital of the region: ``university``, ``psychiatry`` or ``somatic`` (any)."""
        return rng.choice(self._hospitals[region_code][tier])

    def department(self, region_code: str, specialty: str, rng: random.Random) -> Organisation:
        """A department of the specialty at one of the region's hospitals that has one."""
        name, where = SPECIALTIES[specialty]
        tier = {"any": "somatic"}.get(where, where)
        hospital = self.hospital(region_code, tier, rng)
        return self.organisation(name, "department", parent=hospital)
