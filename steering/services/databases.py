"""Clinical databases and their steering groups."""

from django.db import transaction
from django.utils.text import slugify

from steering.models import ClinicalDatabase, SteeringGroup
from steering.services.base import require, save


@transaction.atomic
def create_database(
    *,
    actor,
    name: str,
    disease_area: str,
    acronym: str = "",
    slug: str = "",
    umbrella: str = "",
    status: str = ClinicalDatabase.Status.ACTIVE,
    indicator_count: int = 0,
    contact_person=None,
    epidemiologist=None,
    data_manager=None,
) -> ClinicalDatabase:
    """Register a database together with its (empty) steering group."""
    require(actor, "steering.manage_group")
    database = ClinicalDatabase(
        name=name.strip(),
        acronym=acronym.strip(),
        slug=slug or slugify(acronym or name)[:60],
        umbrella=umbrella,
        disease_area=disease_area.strip(),
        status=status,
        indicator_count=indicator_count,
        contact_person=contact_person,
        epidemiologist=epidemiologist,
        data_manager=data_manager,
    )
    database.full_clean()
    save(database, actor=actor)
    group = SteeringGroup(database=database)
    group.full_clean()
    save(group, actor=actor)
    return database
