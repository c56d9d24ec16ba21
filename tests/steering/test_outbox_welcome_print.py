"""The printable welcome letter for members without e-mail: the same letter, on paper."""

import pytest
from django.urls import reverse

from regions.models import WelcomeLetterSupplement
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat_without_email(group, hovedstaden):
    seat = factories.MembershipFactory(
        group=group,
        role="member",
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        person__first_name="Ingeborg",
        person__last_name="Papir",
        person__email="",
    )
    WelcomeLetterSupplement.objects.create(region=hovedstaden, body="Vi holder et årligt <møde>.")
    return seat


def url(seat) -> str:
    return reverse("steering:welcome-letter", args=[seat.pk])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("secretariat", 200),
        ("admin_hovedstaden", 200),  # the seat represents their region
        # The others do not find it: the roster shows the seat, not its letter (404).
        ("admin_syddanmark", 404),
        ("circle_member", 404),
        ("member", 404),  # sits in the group, but it is not their seat
        ("chair", 404),
        ("outsider", 404),
    ],
)
def test_who_may_open_the_printable_letter(client, request, persona, expected, seat_without_email):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url(seat_without_email)).status_code == expected


def test_the_member_may_print_their_own_letter(client, member, member_seat):
    client.force_login(member)
    assert client.get(url(member_seat)).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client, seat_without_email):
    response = client.get(url(seat_without_email))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_is_read_only(client, secretariat, seat_without_email):
    client.force_login(secretariat)
    assert client.post(url(seat_without_email)).status_code == 405


def test_the_page_shows_the_welcome_letter_with_a_print_stylesheet(
    client, secretariat, seat_without_email
):
    client.force_login(secretariat)
    page = client.get(url(seat_without_email)).content.decode()
    assert "Ingeborg Papir" in page
    assert seat_without_email.group.database.name in page
    assert "Regionalt medlem" in page  # the role, in the member's language (Danish)
    assert "Vi holder et årligt &lt;møde&gt;." in page  # the region's supplement, escaped
    assert "/accounts/password/reset/" in page
    assert 'href="/static/css/print.css" media="print"' in page
    assert 'class="letter"' in page


def test_the_letter_is_in_the_members_language_whatever_the_page_language(
    client, secretariat, seat_without_email
):
    seat_without_email.person.language = "en"
    seat_without_email.person.save()
    client.force_login(secretariat)
    page = client.get(url(seat_without_email)).content.decode()
    assert "Regional member" in page
    assert "Dear Ingeborg Papir" in page


def test_the_print_stylesheet_hides_the_portal_around_the_letter():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static/css/print.css").read_text()
    for selector in ["header", "footer", "nav", ".no-print"]:
        assert selector in css
