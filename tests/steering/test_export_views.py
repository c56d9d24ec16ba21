"""Every list as CSV (UTF-8 with BOM, so Excel keeps æøå) and XLSX, with the page's filters."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories
from tests.steering.register_data import populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_secretariat(client, secretariat):
    client.force_login(secretariat)
    return client


def test_the_csv_starts_with_a_byte_order_mark_and_keeps_danish_letters(as_secretariat):
    factories.GroupFactory(database__name="Dansk Ønskeregister for Ærø og Åbenrå")
    response = as_secretariat.get(reverse("steering:database-export", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "Dansk Ønskeregister for Ærø og Åbenrå" in response.content.decode("utf-8-sig")


def test_the_export_applies_the_current_filters(as_secretariat):
    factories.GroupFactory(database__name="Kept", database__status="paused")
    factories.GroupFactory(database__name="Dropped")
    response = as_secretariat.get(
        reverse("steering:database-export", args=["xlsx"]), {"status": "paused"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Kept"]


def test_the_people_export_lists_current_seats(as_secretariat, member_seat, outsider_seat):
    response = as_secretariat.get(
        reverse("steering:person-export", args=["csv"]), {"q": member_seat.person.email}
    )
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2
    assert member_seat.person.email in lines[1] and member_seat.group.database.acronym in lines[1]


def test_a_regional_administrator_exports_only_their_region(
    client, admin_hovedstaden, member_seat, outsider_seat
):
    client.force_login(admin_hovedstaden)
    text = client.get(reverse("steering:person-export", args=["csv"])).content.decode("utf-8-sig")
    assert member_seat.person.email in text and outsider_seat.person.email not in text


def test_the_roster_export_can_be_imported_again(as_secretariat, member_seat):
    response = as_secretariat.get(
        reverse("steering:roster-export", args=[member_seat.group.database.slug, "csv"])
    )
    header, row = response.content.decode("utf-8-sig").strip().splitlines()
    assert header.startswith("email;first_name;last_name")
    assert member_seat.person.email in row and "hovedstaden" in row


def test_an_unknown_format_is_not_found(as_secretariat):
    assert as_secretariat.get("/databases.pdf").status_code == 404


# session, user, roles, databases, regions, seats, chair history, meetings, decided
# re-appointments
@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_query_count_is_constant(
    as_secretariat, secretariat, django_assert_max_num_queries, size, fmt
):
    databases = populate(size, actor=secretariat)
    with django_assert_max_num_queries(9):
        response = as_secretariat.get(reverse("steering:database-export", args=[fmt]))
    assert response.status_code == 200
    with django_assert_max_num_queries(5):
        as_secretariat.get(reverse("steering:roster-export", args=[databases[0].slug, fmt]))
