"""Rosters in the shapes a secretariat really keeps them, imported through the pages and the
command: Danish or English headers, one full-name column, values as people write them,
workplaces named by department and hospital."""

import datetime
import io

import pytest
import tablib
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from regions.models import Organisation
from steering.imports.reading import read_rows
from steering.imports.roster import Outcome, run_import
from steering.models import Membership, Message, Person
from tests import factories
from tests.steering.roster_flow import Flow

pytestmark = pytest.mark.django_db

DANISH = (
    "\ufeff"
    + "\n".join(
        ";".join(cells)
        for cells in [
            [
                "Navn",
                "E-mail",
                "Stilling",
                "Arbejdssted",
                "Database",
                "Rolle",
                "Region",
                "Udpeget af",
                "Periode start",
                "Udløb",
                "Periode nr.",
            ],
            [
                "Anna Marie Holm",
                "anna.holm@rm.example",
                "Overlæge",
                "Ortopædkirurgisk Afdeling, Aarhus Universitetshospital",
                "Dansk Hoftealloplastik Register",
                "formand",
                "Region Midtjylland",
                "RKKP",
                "01-01-2024",
                "31.12.2027",
                "1",
            ],
            [
                "Jan van der Berg",
                "jan.berg@rsyd.example",
                "Overlæge",
                "Odense Universitetshospital",
                "dansk hoftealloplastik-register",
                "medlem",
                "Region Syddanmark",
                "Regionen",
                "2024-03-01",
                "",
                "2",
            ],
            [],  # a blank row: the rows below keep their spreadsheet numbers
            [
                "Lise Mortensen",
                "lise@patient.example",
                "",
                "",
                "DHR",
                "patientrepræsentant",
                "",
                "Patientorganisation",
                "01.06.2024",
                "",
                "",
            ],
            [
                "Peter de Vries",
                "peter.devries@regionh.example",
                "Overlæge",
                "Rigshospitalet, Ortopædkirurgisk Klinik",
                "Dansk  Hoftealloplastik  Register",
                "selskabsrepræsentant",
                "",
                "fagligt selskab",
                "01-02-2025",
                "",
                "",
            ],
            [
                "Karen Sørensen",
                "karen@rn.example",
                "Sygeplejerske",
                "Sygehus Nordpå",
                "dhr",
                "regionalt medlem",
                "Nordjylland",
                "",
                "01-01-2025",
                "",
                "",
            ],
        ]
    )
    + "\n"
)

# The same person as another office keeps her: commas, no byte order mark, other header
# words in other cases, Danish letters written without them, the surname first.
PLAIN = (
    "FULDE_NAVN,e_mail,ANSAETTELSESSTED,Register,funktion,region,Udpeget fra,Udlob\n"
    '"Holm, Anna Marie",anna.holm@rm.example,"Ortopædkirurgisk Afdeling, AUH",dhr,Formand,'
    "midtjylland,2024-01-01,2027-12-31\n"
)


@pytest.fixture
def register():
    factories.GroupFactory(
        database__name="Dansk Hoftealloplastik Register",
        database__acronym="DHR",
        database__slug="dhr",
    )
    factories.GroupFactory(
        database__name="Dansk Apopleksiregister", database__acronym="DAP", database__slug="dap"
    )
    factories.OrganisationFactory(
        name="Aarhus Universitetshospital",
        short_name="AUH",
        region=factories.region("midtjylland"),
    )
    factories.OrganisationFactory(
        name="Odense Universitetshospital",
        short_name="OUH",
        region=factories.region("syddanmark"),
    )
    rigshospitalet = factories.OrganisationFactory(name="Rigshospitalet")
    factories.OrganisationFactory(
        name="Ortopædkirurgisk Klinik",
        kind=factories.organisation_kind("department"),
        parent=rigshospitalet,
    )


@pytest.fixture
def flow(client, secretariat, settings, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return Flow(client, django_capture_on_commit_callbacks)


def _state():
    return (
        Person.objects.count(),
        Membership.objects.count(),
        Organisation.objects.count(),
        Person.history.count(),
        Membership.history.count(),
    )


def test_a_danish_roster_as_kept_previews_imports_and_imports_again_unchanged(
    flow, register, secretariat
):
    preview = flow.preview(DANISH.encode(), "styregruppe.csv")
    rows = preview.context["result"].rows
    assert [row.errors for row in rows] == [[]] * 5
    assert [row.number for row in rows] == [2, 3, 5, 6, 7]  # row 4 is blank
    assert {row.outcome for row in rows} == {Outcome.NEW_PERSON_AND_SEAT}
    assert rows[0].notes == [
        (
            "workplace",
            "New department “Ortopædkirurgisk Afdeling” under Aarhus Universitetshospital,"
            " created on import.",
        )
    ]
    assert rows[4].notes == [
        (
            "workplace",
            "No workplace like “Sygehus Nordpå” in the register; the workplace is left empty.",
        )
    ]
    assert "created on import" in preview.text and "left empty" in preview.text
    before = _state()
    assert before[:2] == (0, 0)

    result = flow.confirm(preview)

    assert result.context["result"].committed
    anna = Person.objects.get(email="anna.holm@rm.example")
    assert (anna.first_name, anna.last_name) == ("Anna Marie", "Holm")
    assert str(anna.employer) == "Ortopædkirurgisk Afdeling, AUH"
    assert anna.employer.parent.name == "Aarhus Universitetshospital"
    chair = anna.memberships.get()
    assert (chair.role, chair.term_start, chair.term_end) == (
        "chair",
        datetime.date(2024, 1, 1),
        datetime.date(2027, 12, 31),
    )
    jan = Person.objects.get(email="jan.berg@rsyd.example")
    assert (jan.first_name, jan.last_name) == ("Jan", "van der Berg")
    seat = jan.memberships.get()
    assert (seat.role, seat.representing_region.code, seat.term_number) == (
        "member",
        "syddanmark",
        2,
    )
    assert Person.objects.get(last_name="de Vries").employer.name == "Ortopædkirurgisk Klinik"
    karen = Person.objects.get(email="karen@rn.example")
    assert karen.employer is None
    assert karen.memberships.get().representing_region.code == "nordjylland"
    assert Membership.objects.get(person__email="lise@patient.example").role == "patient"
    assert not Message.objects.exists()  # welcome letters are off unless chosen
    after = _state()

    again = flow.preview(DANISH.encode(), "styregruppe.csv")
    assert {row.outcome for row in again.context["result"].rows} == {Outcome.UNCHANGED}
    assert flow.confirm(again).context["result"].committed
    assert _state() == after

    # The same people as another office keeps them change nothing either.
    other = flow.preview(PLAIN.encode(), "andet.csv")
    assert [row.outcome for row in other.context["result"].rows] == [Outcome.UNCHANGED]
    flow.confirm(other)
    assert _state() == after


def test_an_english_workbook_with_real_date_cells_imports(flow, register):
    dataset = tablib.Dataset(
        headers=[
            "First name",
            "Last name",
            "Mail",
            "Job title",
            "Workplace",
            "Database",
            "Role",
            "Region",
            "Start",
            "End",
            "Term number",
        ]
    )
    dataset.append(
        [
            "Ole",
            "Dahl",
            "ole@auh.example",
            "Consultant",
            "Aarhus Universitetshospital",
            "DAP",
            "Regional member",
            "Central Denmark Region",
            datetime.date(2025, 3, 1),
            datetime.date(2029, 2, 28),
            1,
        ]
    )
    dataset.append(
        [
            "Mia",
            "Krogh",
            "mia@ouh.example",
            "",
            "OUH",
            "dansk apopleksiregister",
            "Observer",
            "",
            datetime.date(2025, 3, 1),
            "",
            "",
        ]
    )
    preview = flow.preview(dataset.export("xlsx"), "roster.xlsx")
    rows = preview.context["result"].rows
    assert [row.errors for row in rows] == [[], []]
    assert rows[1].notes == [("workplace", "Matched to the hospital Odense Universitetshospital.")]
    flow.confirm(preview)
    ole = Membership.objects.get(person__email="ole@auh.example")
    assert (
        ole.term_end == datetime.date(2029, 2, 28) and ole.representing_region.code == "midtjylland"
    )
    assert Person.objects.get(email="mia@ouh.example").employer.short_name == "OUH"


def test_values_that_match_nothing_are_errors_with_the_closest_suggestion(register):
    content = (
        b"Navn;Mail;Database;Rolle;Region;Start\n"
        b"A B;a@b.example;Dansk Hoftealoplastik Registr;formnd;Midtjyland;2024-13-01\n"
    )
    with translation.override("en"):
        result = run_import(actor=None, rows=read_rows(content, "r.csv"), dry_run=True)
    assert dict(result.rows[0].errors) == {
        "database": "No database called “Dansk Hoftealoplastik Registr”."
        " Did you mean “Dansk Hoftealloplastik Register”?",
        "role": "Unknown role “formnd”. Did you mean “formand”?",
        "region": "Unknown region “Midtjyland”. Did you mean “Midtjylland”?",
        "term_start": "“2024-13-01” is not a date;"
        " write it as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY.",
    }
    with translation.override("da"):
        result = run_import(actor=None, rows=read_rows(content, "r.csv"), dry_run=True)
    assert "Mente du “formand”?" in dict(result.rows[0].errors)["role"].replace("F", "f")


def test_the_secretariat_maps_a_value_by_hand_and_a_column_by_hand(flow, register):
    content = (
        b"Navn;Mail;Database;Hvad;Region;Start\n"
        b"Eva Lund;eva@rh.example;DHR;tovholder;Hovedstaden;2024-01-01\n"
    )
    page = flow.mapping(content)
    form = page.context["form"]
    assert [form[f"column_{i}"].value() for i in range(6)] == [
        "full_name",
        "email",
        "database",
        "",
        "region",
        "term_start",
    ]
    # "Hvad" is the role: read the column as such, then see its values on the page again.
    again = flow.choose(page, column_3="role")
    assert again.status_code == 200
    assert "Check how their values are read" in again.text
    label, fields = again.context["form"].sections()[0]
    assert str(label) == "Role" and fields[0].value() == ""  # "tovholder" matches nothing
    preview = flow.follow(flow.choose(again, **{fields[0].name: "chair"}))
    assert preview.context["result"].rows[0].errors == []
    flow.confirm(preview)
    assert Membership.objects.get(person__email="eva@rh.example").role == "chair"


def test_welcome_letters_go_to_new_active_seats_only_when_chosen(flow, register):
    content = "Navn;Mail;Database;Rolle;Start\nEva Lund;eva@rh.example;DHR;formand;2024-01-01\n"
    flow.confirm(flow.preview(content.encode()), notify=True)
    assert Message.objects.filter(kind="welcome", recipient_email="eva@rh.example").count() == 1


def test_the_command_reads_the_same_files_and_prints_a_line_per_row(register, tmp_path):
    roster = tmp_path / "styregruppe.csv"
    roster.write_bytes(DANISH.encode())
    out = io.StringIO()
    call_command("import_roster", str(roster), "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines if line.startswith("row ")] == [
        "row 2",
        "row 3",
        "row 5",
        "row 6",
        "row 7",
    ]
    assert lines[0] == "row 2: New person and new seat"
    assert lines[1].startswith("    workplace: New department “Ortopædkirurgisk Afdeling”")
    assert Person.objects.count() == 0
    call_command("import_roster", str(roster), stdout=io.StringIO())
    state = _state()
    out = io.StringIO()
    call_command("import_roster", str(roster), stdout=out)
    assert out.getvalue().count(": Unchanged") == 5 and _state() == state


def test_the_preview_job_and_its_pages_belong_to_whoever_started_it(flow, register, client):
    preview = flow.preview(
        b"Navn;Mail;Database;Rolle;Start\nA B;a@b.example;DHR;formand;2024-01-01\n"
    )
    job = preview.context["job"]
    other = factories.make_secretariat()
    client.force_login(other)
    assert client.get(reverse("jobs:job-detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("steering:roster-preview", args=[job.pk])).status_code == 404
