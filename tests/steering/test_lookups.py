"""The register's lookup views (people, workplaces, steering groups) and the secretariat's
forms that search with them: found by name or e-mail whatever the case, scoped as the
page, at most twenty, in a fixed number of queries; the chosen id still goes through the
form and its service, and without JavaScript the search button works too."""

import pytest
from django.urls import reverse

from rkkp_portal.lookups import LIMIT
from steering.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_secretariat(client, secretariat, settings):
    client.force_login(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def lookup(client, key: str, **params):
    return client.get(reverse(key), params)


def test_people_are_found_by_name_or_e_mail_whatever_the_case(as_secretariat):
    ida = factories.PersonFactory(first_name="Ida", last_name="Holm", email="ih@rh.example")
    factories.PersonFactory(first_name="Bo", last_name="Berg", email="bo@ouh.example")
    by_name = lookup(as_secretariat, "steering:person-lookup", name="person", person_search="HOLM")
    by_mail = lookup(as_secretariat, "steering:person-lookup", person_search="IH@RH")
    for response in (by_name, by_mail):
        html = response.content.decode()
        assert response.status_code == 200
        assert f'name="person" id="id_person_0" value="{ida.pk}"' in html
        assert "Ida Holm &lt;ih@rh.example&gt;" in html
        assert "Berg" not in html
        assert 'id="id_person_status" data-hx-swap-oob="innerHTML">1 match for' in html


def test_the_choice_so_far_stays_first_and_checked(as_secretariat):
    ida = factories.PersonFactory(first_name="Ida", last_name="Holm")
    bo = factories.PersonFactory(first_name="Bo", last_name="Holm")
    response = lookup(
        as_secretariat, "steering:person-lookup", person=ida.pk, person_search="bo holm"
    )
    html = response.content.decode()
    assert html.index(f'value="{ida.pk}" checked') < html.index(f'value="{bo.pk}"')
    assert 'id="id_person_none"' in html  # the appoint form's person is optional


@pytest.mark.parametrize("size", [1, LIMIT + 5])
def test_a_person_lookup_costs_the_same_queries_and_shows_at_most_twenty(
    as_secretariat, django_assert_num_queries, size
):
    people = [factories.PersonFactory(last_name="Holm") for _ in range(size)]
    # user, roles, the choice so far, the matches (the session is in the cache)
    with django_assert_num_queries(4):
        response = lookup(
            as_secretariat, "steering:person-lookup", person=people[0].pk, person_search="holm"
        )
    # The choice so far, at most LIMIT other matches, and "None" (the field is optional).
    radios = response.content.decode().count('type="radio"')
    assert min(size, LIMIT) + 1 <= radios <= LIMIT + 2


def test_only_the_secretariat_looks_up_the_register_s_people(client, admin_hovedstaden):
    client.force_login(admin_hovedstaden)
    assert lookup(client, "steering:person-lookup", person_search="a").status_code == 403
    assert lookup(client, "steering:workplace-lookup", employer_search="a").status_code == 403


def test_workplaces_are_found_by_their_hospital_s_name_for_the_field_named(as_secretariat):
    hospital = factories.OrganisationFactory(name="Rigshospitalet", short_name="RH")
    ward = factories.OrganisationFactory(name="Kardiologisk Klinik", parent=hospital)
    response = lookup(
        as_secretariat,
        "steering:workplace-lookup",
        name="appointing_organisation",
        appointing_organisation_search="rigshosp",
    )
    html = response.content.decode()
    assert 'name="appointing_organisation" id="id_appointing_organisation_0"' in html
    assert f'value="{ward.pk}"' in html and f'value="{hospital.pk}"' in html
    assert "Kardiologisk Klinik, RH" in html


def test_a_workplace_lookup_for_a_field_no_form_has_is_refused(as_secretariat):
    response = lookup(as_secretariat, "steering:workplace-lookup", name="password")
    assert response.status_code == 400
    response = lookup(as_secretariat, "steering:group-lookup", name='x"><script>')
    assert response.status_code == 400


def test_a_member_finds_only_the_groups_they_sit_in(client, member, group, other_group):
    client.force_login(member)
    response = lookup(client, "steering:group-lookup", group_search=group.database.name[:4])
    html = response.content.decode()
    assert f'value="{group.pk}"' in html
    assert f'value="{other_group.pk}"' not in html


def test_groups_are_found_by_acronym(as_secretariat, group, other_group):
    response = lookup(as_secretariat, "steering:group-lookup", group_search=group.database.acronym)
    html = response.content.decode()
    assert f'value="{group.pk}"' in html and group.database.name in html


# --- the forms: the chosen id is validated and saved through the service ---------------


def test_without_javascript_the_search_button_lists_people_and_appoints_nobody(
    as_secretariat, group
):
    ida = factories.PersonFactory(first_name="Ida", last_name="Holm")
    url = reverse("steering:appoint", args=[group.database.slug])
    seat = {"role": "patient", "term_start": "2025-01-01", "term_number": "1"}
    response = as_secretariat.post(url, seat | {"person_search": "holm", "lookup": "person"})
    html = response.content.decode()
    assert response.status_code == 200 and not Membership.objects.exists()
    assert "There is a problem" not in html
    assert f'name="person" id="id_person_0" value="{ida.pk}"' in html
    response = as_secretariat.post(url, seat | {"person": ida.pk, "person_search": "holm"})
    assert response.status_code == 302
    assert ida.memberships.get().role == "patient"


def test_a_person_s_workplace_is_chosen_by_id_and_saved(as_secretariat):
    person = factories.PersonFactory(employer=None)
    ward = factories.OrganisationFactory(name="Hjerteafdelingen")
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "profession": "physician",
        "leadership_level": "none",
        "language": "da",
        "employer": ward.pk,
    }
    response = as_secretariat.post(reverse("steering:person-edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.employer == ward
    page = as_secretariat.get(reverse("steering:person-edit", args=[person.pk])).content.decode()
    assert f'name="employer" id="id_employer_0" value="{ward.pk}" checked' in page


def test_a_seat_s_appointing_organisation_is_chosen_by_id_and_saved(as_secretariat, member_seat):
    society = factories.OrganisationFactory(name="Dansk Selskab")
    url = reverse("steering:membership-edit", args=[member_seat.pk])
    data = {
        "role": member_seat.role,
        "representing_region": member_seat.representing_region_id,
        "appointing_body": member_seat.appointing_body,
        "appointing_organisation": society.pk,
        "term_start": member_seat.term_start.isoformat(),
        "term_end": member_seat.term_end.isoformat() if member_seat.term_end else "",
        "term_number": member_seat.term_number,
    }
    assert as_secretariat.post(url, data).status_code == 302
    member_seat.refresh_from_db()
    assert member_seat.appointing_organisation == society


def test_the_outbox_filter_finds_only_the_groups_the_user_may_see(
    client, member, group, other_group
):
    client.force_login(member)
    url = reverse("steering:message-group-lookup")
    html = client.get(url, {"group_search": group.database.name[:4]}).content.decode()
    assert f'value="{group.pk}"' in html and f'value="{other_group.pk}"' not in html
    assert 'id="id_group_none" value=""' in html  # the filter may be left empty again


def test_the_outbox_filter_searches_without_javascript_and_filters_by_the_chosen_group(
    as_secretariat, group, other_group
):
    response = as_secretariat.get(
        reverse("steering:message-list"),
        {"group": group.pk, "group_search": other_group.database.acronym, "lookup": "group"},
    )
    html = response.content.decode()
    assert f'name="group" id="id_group_0" value="{group.pk}" checked' in html
    assert f'value="{other_group.pk}"' in html
    assert "Every steering group" in html
