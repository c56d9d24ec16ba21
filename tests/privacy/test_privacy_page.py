"""The privacy page: public, linked from every page's footer, periods from the settings."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_may_read_it_without_logging_in(client):
    response = client.get("/privatliv/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    for heading in (
        "Who is responsible",
        "What we hold and why",
        "Legal basis",
        "How long we keep it",
        "Your rights",
        "Contact",
    ):
        assert f">{heading}</h2>" in text
    assert "Article 6(1)(e)" in text and "datatilsynet.dk" in text


def test_it_states_the_periods_the_job_uses(client, settings):
    settings.ANONYMISE_AFTER_DAYS = 730
    settings.OUTBOX_BODY_RETENTION_DAYS = 45
    settings.ROSTER_UPLOAD_RETENTION_DAYS = 14
    settings.PRIVACY_CONTACT_EMAIL = "dpo@rkkp.example"
    text = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "kept for 730 days after the last one ended" in text
    assert "That is 2 years." in text
    assert "deleted 45 days after it was delivered" in text
    assert "the file's rows are deleted 14 days after the upload" in text
    assert 'href="mailto:dpo@rkkp.example"' in text


def test_a_period_of_no_whole_years_is_given_in_days_only(client, settings):
    settings.ANONYMISE_AFTER_DAYS = 1
    text = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "kept for 1 day after" in text and "That is" not in text


def test_every_page_links_to_it_from_the_footer(client, member):
    for who in (None, member):
        if who:
            client.force_login(who)
        page = reverse("me") if who else reverse("accessibility")
        text = client.get(page).content.decode()
        assert f'href="{reverse("privacy")}"' in text


def test_it_is_read_only(client):
    assert client.post(reverse("privacy")).status_code == 405


def test_a_member_is_sent_to_their_own_details_to_correct_them(client, member):
    client.force_login(member)
    text = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="{reverse("me-details")}"' in text


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member", None])
def test_staff_and_visitors_are_not_sent_to_a_page_they_may_not_open(
    client, settings, request, persona
):
    # /me/details/ answers 403 to a login without a register entry (issue #18).
    settings.PRIVACY_CONTACT_EMAIL = "dpo@rkkp.example"
    if persona:
        client.force_login(request.getfixturevalue(persona))
    text = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("me-details") not in text
    assert "ask the secretariat at" in text and 'href="mailto:dpo@rkkp.example"' in text
