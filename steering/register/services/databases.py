"""Clinical databases and their steering groups."""

from django.db import transaction
from django.utils.text import slugify

from rkkp_portal.services import has_changes, require, save
from steering.models import ClinicalDatabase, SteeringGroup


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
    indicator_notes: str = "",
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
        indicator_notes=indicator_notes.strip(),
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


DATABASE_FIELDS = (
    "name",
    "acronym",
    "slug",
    "umbrella",
    "disease_area",
    "status",
    "indicator_count",
    "indicator_notes",
    "contact_person",
    "epidemiologist",
    "data_manager",
)
GROUP_FIELDS = (
    "requires_all_regions",
    "requires_leadership_representative",
    "min_patient_representatives",
    "full_day_meetings_per_year",
    "reminder_lead_days",
    "succession_ask_days",
    "notes",
)


@transaction.atomic
def update_database(*, actor, database: ClinicalDatabase, **changes) -> ClinicalDatabase:
    require(actor, "steering.manage_group", getattr(database, "steering_group", None))
    return _update(database, DATABASE_FIELDS, changes, actor=actor)


@transaction.atomic
def update_group(*, actor, group: SteeringGroup, **changes) -> SteeringGroup:
    """Change a group's settings: composition rules, meeting cadence, reminders, notes."""
    require(actor, "steering.manage_group", group)
    return _update(group, GROUP_FIELDS, changes, actor=actor)


def _update(instance, allowed: tuple[str, ...], changes: dict, *, actor):
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    for name, value in changes.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    if not has_changes(locked):
        return locked
    locked.full_clean()
    save(locked, actor=actor)
    return locked
