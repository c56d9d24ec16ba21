"""/me/details/: a member edits their own work contact details, language and consent."""

import pytest
from django.urls import reverse

from steering.models import Membership, Person
from steering.selfservice.services import set_listing_consent, update_own_details
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/me/details/"
CONSENT = "/me/consent/"


def test_the_addresses_are_stable():
    assert reverse("me-details") == URL
    assert reverse("me-consent") == CONSENT


def test_a_member_edits_their_details_and_history_records_it(client, member, member_seat):
    person = member_seat.person
    client.force_login(member)
    response = client.post(URL, {"title": " Afdelingslæge ", "phone": "+45 1234", "language": "en"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.title, person.phone, person.language) == ("Afdelingslæge", "+45 1234", "en")
    latest = person.history.first()
    assert latest.history_user == member
    assert latest.phone == "+45 1234"


def test_the_email_cannot_be_changed_by_a_crafted_post(client, member, member_seat):
    email = member_seat.person.email
    client.force_login(member)
    client.post(URL, {"title": "", "phone": "", "language": "da", "email": "evil@example.com"})
    member_seat.person.refresh_from_db()
    assert member_seat.person.email == email


def test_bad_input_is_a_form_error_not_a_500(client, member, member_seat):
    client.force_login(member)
    response = client.post(URL, {"title": "x", "phone": "1" * 40, "language": "xx"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"phone", "language"}


def test_saving_unchanged_details_writes_no_history(member, member_seat):
    person = member_seat.person
    before = person.history.count()
    update_own_details(
        actor=member, person=person, title=person.title, phone=person.phone, language="da"
    )
    assert person.history.count() == before


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member"])
def test_staff_without_a_register_entry_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"title": "x", "phone": "", "language": "da"}).status_code == 403
    assert client.post(CONSENT, {"consent": "yes"}).status_code == 403


def test_the_service_refuses_someone_else(outsider, member_seat):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        update_own_details(
            actor=outsider, person=member_seat.person, title="x", phone="", language="da"
        )
    with pytest.raises(PermissionDenied):
        set_listing_consent(actor=outsider, person=member_seat.person, consent=True)


@pytest.fixture
def patient(group):
    seat = factories.MembershipFactory(
        group=group,
        role=Membership.Role.PATIENT,
        representing_region=None,
        appointing_body="patient_organisation",
    )
    return factories.make_member_login(seat), seat.person


def test_a_patient_representative_gives_and_withdraws_consent(client, patient):
    user, person = patient
    client.force_login(user)
    assert client.get(URL).context["asks_consent"] is True
    assert client.post(CONSENT, {"consent": "yes"}).status_code == 302
    person.refresh_from_db()
    assert person.listing_consent_at is not None
    assert client.post(CONSENT, {"consent": "no"}).status_code == 302
    person.refresh_from_db()
    assert person.listing_consent_at is None
    assert person.history.first().history_user == user


def test_consent_is_only_for_patient_representatives(client, member, member_seat):
    client.force_login(member)
    assert client.get(URL).context["asks_consent"] is False
    assert client.post(CONSENT, {"consent": "yes"}).status_code == 403
    assert Person.objects.get(pk=member_seat.person.pk).listing_consent_at is None


def test_consent_only_answers_post(client, member):
    client.force_login(member)
    assert client.get(CONSENT).status_code == 405


def test_the_page_names_the_workplace_with_its_hospital_in_five_queries(
    client, member, member_seat, django_assert_num_queries
):
    employer = member_seat.person.employer
    employer.parent = factories.OrganisationFactory(name="Rigshospitalet", short_name="RH")
    employer.save()
    client.force_login(member)
    client.get(URL)  # warm the session
    # user, roles, the person with region, workplace and its parent, the patient-seat check,
    # whether two-step login is on
    with django_assert_num_queries(5):
        page = client.get(URL).content.decode()
    assert f"{employer.name}, RH" in page
