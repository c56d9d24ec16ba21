"""First edition of who may become a leadership representative, from the circle's framework.

Leaders at director or deputy-director level with a health-professional background,
employed by a hospital or a region's administration. The secretariat edits the rows in
the admin afterwards; this only creates missing ones and its reverse removes only these.
"""

from django.db import migrations

LEVELS = ["director", "vice_director"]
# Every health-professional background in the register; only "non_health" is left out.
PROFESSIONS = [
    "physician",
    "nurse",
    "physiotherapist",
    "occupational_therapist",
    "midwife",
    "dentist",
    "pharmacist",
    "psychologist",
    "biomedical_scientist",
    "dietitian",
    "radiographer",
    "other_health",
]
# "Hospitals and regions today": a hospital's management or the regional health directorate.
ORGANISATION_KINDS = ["hospital", "regional_administration"]


def seed(apps, schema_editor):
    Level = apps.get_model("representatives", "QualifyingLeadershipLevel")
    Profession = apps.get_model("representatives", "QualifyingProfession")
    Kind = apps.get_model("representatives", "QualifyingOrganisationKind")
    OrganisationKind = apps.get_model("regions", "OrganisationKind")
    for level in LEVELS:
        Level.objects.get_or_create(level=level)
    for profession in PROFESSIONS:
        Profession.objects.get_or_create(profession=profession)
    for kind in OrganisationKind.objects.filter(code__in=ORGANISATION_KINDS):
        Kind.objects.get_or_create(kind=kind)


def unseed(apps, schema_editor):
    apps.get_model("representatives", "QualifyingLeadershipLevel").objects.filter(
        level__in=LEVELS
    ).delete()
    apps.get_model("representatives", "QualifyingProfession").objects.filter(
        profession__in=PROFESSIONS
    ).delete()
    apps.get_model("representatives", "QualifyingOrganisationKind").objects.filter(
        kind__code__in=ORGANISATION_KINDS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("representatives", "0003_add_eligibility_policy"),
        ("regions", "0003_seed_regions_and_organisation_kinds"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
