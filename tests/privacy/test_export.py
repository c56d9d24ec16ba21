"""The export of everything held about a person: who may have it, and what is in it."""

import csv
import io
import json

import pytest
from django.urls import reverse

from steering.privacy import export
from steering.privacy.sections import installed_sections
from tests import factories
from tests.privacy.conftest import OLD_EMAIL, OLD_NAME, SECRET_DECLARATION, TOTP_SECRET

pytestmark = pytest.mark.django_db


def url(person, fmt="json"):
    return reverse("steering:person-data-export", kwargs={"pk": person.pk, "fmt": fmt})


def test_the_secretariat_gets_one_json_document_with_every_section(
    client, secretariat, staff_roles
):
    client.force_login(secretariat)
    response = client.get(url(staff_roles.person))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["person"] == {"id": staff_roles.person.pk, "name": OLD_NAME}
    sections = data["sections"]
    assert set(sections) == {s.key for s in installed_sections()} | {"changes_made"}
    empty = [key for key, section in sections.items() if not section["records"]]
    assert empty == []
    with_history = [s.key for s in installed_sections() if s.history]
    assert [key for key in with_history if not sections[key]["history"]] == []


def test_values_are_readable_and_secrets_are_left_out(client, secretariat, staff_roles):
    client.force_login(secretariat)
    data = json.loads(client.get(url(staff_roles.person)).content)["sections"]
    seat = data["memberships"]["records"][0]
    assert seat["role"] == "Formand"  # the label, in the request's language
    assert seat["group"] == str(staff_roles.seat.group)
    assert data["declarations"]["records"][0]["financial_interests"] == SECRET_DECLARATION
    assert data["login"]["records"][0]["mfa_enrolled"] is True
    assert data["person"]["records"][0]["has_calendar_address"] is True
    assert data["letters"]["records"][0]["recipient_email"] == OLD_EMAIL
    assert set(data["two_factor_methods"]["records"][0]) == {
        "id",
        "type",
        "created_at",
        "last_used_at",
    }
    body = json.dumps(data)
    assert TOTP_SECRET not in body
    assert staff_roles.person.calendar_token.token_hash not in body
    assert "k" * 32 not in body  # the session key
    assert "password" not in body
    assert "pbkdf2" not in body and "md5$" not in body


def test_the_csv_is_one_file_of_section_record_field_value_rows(client, secretariat, everything):
    client.force_login(secretariat)
    response = client.get(url(everything.person, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0].keys() == {"section", "record", "field", "label", "value"}
    assert {
        "section": "declarations",
        "record": f"declarations#{everything.declaration.pk}",
        "field": "financial_interests",
        "label": "økonomiske interesser",
        "value": SECRET_DECLARATION,
    } in rows
    assert any(r["record"].startswith("memberships.history#") for r in rows)
    # The JSON and the CSV carry the same values.
    data = export.collect(everything.person)
    assert len(rows) == sum(len(record) for s in data.sections for record in s.records + s.history)


def test_a_cell_that_looks_like_a_formula_is_defused():
    data = export.PersonData(1, "x", export.timezone.now(), [export.SectionData("s", "S")])
    data.sections[0].records = [{"id": 1, "other": '=HYPERLINK("http://evil")'}]
    rows = list(csv.reader(io.StringIO(export.as_csv(data).lstrip("\ufeff")), delimiter=";"))
    assert rows[-1][-1] == '\'=HYPERLINK("http://evil")'


def test_the_file_is_named_and_never_cached(client, secretariat, member_seat):
    client.force_login(secretariat)
    person = member_seat.person
    for fmt in ("json", "csv"):
        response = client.get(url(person, fmt))
        disposition = response["Content-Disposition"]
        assert disposition.startswith(f'attachment; filename="personal-data-{person.pk}-')
        assert disposition.endswith(f'.{fmt}"')
        assert "no-store" in response["Cache-Control"]


def test_a_person_without_login_or_letters_exports_empty_sections(client, secretariat):
    person = factories.PersonFactory()
    client.force_login(secretariat)
    data = json.loads(client.get(url(person)).content)["sections"]
    assert len(data["person"]["records"]) == 1
    assert data["login"]["records"] == [] and data["changes_made"]["records"] == []
    assert "email" in data["login"]["fields"]


@pytest.mark.parametrize(
    "persona", ["member", "chair", "admin_hovedstaden", "circle_member", "outsider"]
)
def test_everyone_but_the_secretariat_is_refused(client, request, persona, member_seat):
    client.force_login(request.getfixturevalue(persona))
    for fmt in ("json", "csv"):
        assert client.get(url(member_seat.person, fmt)).status_code == 403


def test_even_the_person_themself_is_refused_and_asks_the_secretariat(client, member):
    client.force_login(member)
    assert client.get(url(member.person)).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, member_seat):
    response = client.get(url(member_seat.person))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_an_unknown_person_is_404_and_post_is_405(client, secretariat, member_seat):
    client.force_login(secretariat)
    missing = reverse("steering:person-data-export", kwargs={"pk": 999999, "fmt": "json"})
    assert client.get(missing).status_code == 404
    assert client.post(url(member_seat.person)).status_code == 405


def test_the_person_page_links_the_exports_for_the_secretariat_only(
    client, secretariat, admin_hovedstaden, member_seat
):
    page = reverse("steering:person-detail", kwargs={"pk": member_seat.person.pk})
    client.force_login(secretariat)
    assert url(member_seat.person, "csv") in client.get(page).content.decode()
    client.force_login(admin_hovedstaden)
    response = client.get(page)
    assert response.status_code == 200
    assert url(member_seat.person, "csv") not in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_what_is_held(
    django_assert_max_num_queries, everything, group
):
    """One or two queries per section and per kind of record named, whatever the volume."""
    with django_assert_max_num_queries(87) as few:
        export.collect(everything.person)
    for year in range(2010, 2016):
        everything.person.declarations.create(year=year, other="x")
    extra = factories.MembershipFactory(
        person=everything.person,
        group=factories.GroupFactory(),
        role="chair",
        representing_region=None,
        appointing_body="rkkp",
    )
    extra.end_reason = "changed"
    extra.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        export.collect(everything.person)
