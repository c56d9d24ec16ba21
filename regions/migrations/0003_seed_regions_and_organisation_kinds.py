from django.db import migrations

REGIONS = [
    ("hovedstaden", "Region Hovedstaden", "Capital Region of Denmark", 1),
    ("sjaelland", "Region Sjælland", "Region Zealand", 2),
    ("syddanmark", "Region Syddanmark", "Region of Southern Denmark", 3),
    ("midtjylland", "Region Midtjylland", "Central Denmark Region", 4),
    ("nordjylland", "Region Nordjylland", "North Denmark Region", 5),
]

ORGANISATION_KINDS = [
    ("hospital", "Hospital", "Hospital"),
    ("department", "Afdeling", "Department"),
    ("regional_administration", "Regional administration", "Regional administration"),
    ("municipality", "Kommune", "Municipality"),
    ("society", "Fagligt selskab", "Scientific society"),
    ("patient_organisation", "Patientorganisation", "Patient organisation"),
    ("general_practice", "Almen praksis", "General practice"),
    ("rkkp", "RKKP", "RKKP"),
    ("other", "Anden enhed", "Other unit"),
]


def seed(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    OrganisationKind = apps.get_model("regions", "OrganisationKind")
    for code, name_da, name_en, order in REGIONS:
        Region.objects.update_or_create(
            code=code, defaults={"name_da": name_da, "name_en": name_en, "sort_order": order}
        )
    for code, name_da, name_en in ORGANISATION_KINDS:
        OrganisationKind.objects.update_or_create(
            code=code, defaults={"name_da": name_da, "name_en": name_en}
        )


def unseed(apps, schema_editor):
    apps.get_model("regions", "Region").objects.filter(code__in=[r[0] for r in REGIONS]).delete()
    apps.get_model("regions", "OrganisationKind").objects.filter(
        code__in=[k[0] for k in ORGANISATION_KINDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0002_link_buyout_and_admins")]

    operations = [migrations.RunPython(seed, unseed)]
