"""The pages: every page × persona for GET and POST, crafted posts, and what each shows."""

import pytest
from django.urls import reverse

from representatives.models import LeadershipNomination
from steering.models import Membership

pytestmark = pytest.mark.django_db
Status = LeadershipNomination.Status

PERSONAS = [
    "anonymous",
    "secretariat",
    "admin_hovedstaden",
    "admin_syddanmark",
    "circle_member",
    "member",
    "chair",
    "outsider",
    "candidate",
]
LOGIN = "login"


def check(response, expected) -> None:
    if expected == LOGIN:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == expected, response.content[:500]


# --- GET: page × persona --------------------------------------------------------------------

STAFF = {"secretariat": 200, "admin_hovedstaden": 200, "admin_syddanmark": 200}
MEMBERS_REFUSED = {"member": 403, "chair": 403, "outsider": 403, "candidate": 403}
GET_EXPECTED = {
    "overview": {"anonymous": LOGIN, "circle_member": 200} | STAFF | MEMBERS_REFUSED,
    "nominate": {
        "anonymous": LOGIN,
        "secretariat": 403,
        "admin_hovedstaden": 200,
        "admin_syddanmark": 200,
        "circle_member": 200,
    }
    | MEMBERS_REFUSED,
    "detail": {
        "anonymous": LOGIN,
        "secretariat": 200,
        "admin_hovedstaden": 200,
        "admin_syddanmark": 404,
        "circle_member": 200,
        "member": 404,
        "chair": 404,
        "outsider": 404,
        "candidate": 200,
    },
    "mine": dict.fromkeys(PERSONAS, 200) | {"anonymous": LOGIN},
}


def url_of(page: str, nomination) -> str:
    if page in ("detail",):
        return reverse("representatives:nomination-detail", args=[nomination.pk])
    return reverse(
        {
            "overview": "representatives:overview",
            "nominate": "representatives:nominate",
            "mine": "representatives:my-nominations",
        }[page]
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", list(GET_EXPECTED))
def test_get_page_per_persona(page, persona, as_persona, nomination, member, chair, outsider):
    response = as_persona(persona).get(url_of(page, nomination))
    check(response, GET_EXPECTED[page][persona])


def test_an_unknown_nomination_is_404(client, circle_member):
    client.force_login(circle_member)
    assert (
        client.get(reverse("representatives:nomination-detail", args=[999999])).status_code == 404
    )


@pytest.mark.parametrize("persona", ["secretariat", "circle_member"])
@pytest.mark.parametrize("page", ["overview", "detail", "mine"])
def test_read_only_pages_refuse_posts(page, persona, as_persona, nomination):
    assert as_persona(persona).post(url_of(page, nomination)).status_code == 405


# --- decide: POST × persona -----------------------------------------------------------------

DECIDE_EXPECTED = {
    "anonymous": LOGIN,
    "secretariat": 403,
    "admin_hovedstaden": 403,
    "admin_syddanmark": 404,
    "circle_member": 302,
    "member": 404,
    "chair": 404,
    "outsider": 404,
    "candidate": 403,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_circle_decides(persona, as_persona, nomination, member, chair, outsider):
    url = reverse("representatives:nomination-decide", args=[nomination.pk])
    response = as_persona(persona).post(url, {"decision": "approve", "reasoning": "Ja"})
    check(response, DECIDE_EXPECTED[persona])
    nomination.refresh_from_db()
    approved = DECIDE_EXPECTED[persona] == 302
    assert nomination.status == (Status.APPROVED if approved else Status.PROPOSED)
    assert Membership.objects.filter(role="leadership").exists() == approved


def test_deciding_is_post_only(client, circle_member, nomination):
    client.force_login(circle_member)
    url = reverse("representatives:nomination-decide", args=[nomination.pk])
    assert client.get(url).status_code == 405


def test_the_circle_approves_and_is_sent_back_to_the_nomination(client, circle_member, nomination):
    client.force_login(circle_member)
    url = reverse("representatives:nomination-decide", args=[nomination.pk])
    response = client.post(
        url,
        {"decision": "approve", "reasoning": "Ja", "term_start": "2027-01-01"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url.replace("decide/", "")
    assert "The decision has been recorded" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.membership.term_start.isoformat() == "2027-01-01"


def test_a_decision_without_reasoning_is_shown_on_the_form(client, circle_member, nomination):
    client.force_login(circle_member)
    url = reverse("representatives:nomination-decide", args=[nomination.pk])
    response = client.post(url, {"decision": "reject", "reasoning": ""})
    assert response.status_code == 200
    assert "Give the reasoning for the decision." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == Status.PROPOSED


def test_a_crafted_decision_value_is_a_form_error(client, circle_member, nomination):
    client.force_login(circle_member)
    url = reverse("representatives:nomination-decide", args=[nomination.pk])
    response = client.post(url, {"decision": "appoint-everyone", "reasoning": "x"})
    assert response.status_code == 200
    assert response.context["decision_form"].errors["decision"]
    nomination.refresh_from_db()
    assert nomination.status == Status.PROPOSED


def test_deciding_twice_shows_a_clear_message(client, circle_member, nomination):
    client.force_login(circle_member)
    url = reverse("representatives:nomination-decide", args=[nomination.pk])
    client.post(url, {"decision": "reject", "reasoning": "Nej"})
    response = client.post(url, {"decision": "approve", "reasoning": "Ja"})
    assert response.status_code == 200
    assert "This nomination has already been rejected." in response.content.decode()
    assert not Membership.objects.filter(role="leadership").exists()


# --- withdraw: POST × persona ---------------------------------------------------------------

WITHDRAW_EXPECTED = {
    "anonymous": LOGIN,
    "secretariat": 302,
    "admin_hovedstaden": 302,
    "admin_syddanmark": 404,
    "circle_member": 403,
    "member": 404,
    "chair": 404,
    "outsider": 404,
    "candidate": 403,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_proposer_or_the_secretariat_withdraws(
    persona, as_persona, nomination, member, chair, outsider
):
    url = reverse("representatives:nomination-withdraw", args=[nomination.pk])
    response = as_persona(persona).post(url, {"reason": "Ny stilling"})
    check(response, WITHDRAW_EXPECTED[persona])
    nomination.refresh_from_db()
    withdrawn = WITHDRAWN = WITHDRAW_EXPECTED[persona] == 302
    assert nomination.status == (Status.WITHDRAWN if WITHDRAWN else Status.PROPOSED)
    assert (nomination.reasoning == "Ny stilling") == withdrawn


def test_withdrawing_a_decided_nomination_shows_a_clear_message(
    client, circle_member, admin_hovedstaden, nomination
):
    client.force_login(circle_member)
    client.post(
        reverse("representatives:nomination-decide", args=[nomination.pk]),
        {"decision": "approve", "reasoning": "Ja"},
    )
    client.force_login(admin_hovedstaden)
    response = client.post(reverse("representatives:nomination-withdraw", args=[nomination.pk]))
    assert response.status_code == 200
    assert "This nomination has already been approved." in response.content.decode()


# --- the forms each persona sees ------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "decides", "withdraws"),
    [
        ("circle_member", True, False),
        ("admin_hovedstaden", False, True),
        ("secretariat", False, True),
        ("candidate", False, False),
    ],
)
def test_the_detail_page_offers_only_allowed_actions(
    persona, decides, withdraws, as_persona, nomination
):
    response = as_persona(persona).get(url_of("detail", nomination))
    assert (response.context["decision_form"] is not None) == decides
    assert (response.context["withdraw_form"] is not None) == withdraws
    html = response.content.decode()
    assert ("/decide/" in html) == decides and ("/withdraw/" in html) == withdraws


def test_the_detail_page_shows_why_a_candidate_does_not_qualify(client, circle_member, nomination):
    nomination.person.profession = "non_health"
    nomination.person.save()
    client.force_login(circle_member)
    html = client.get(url_of("detail", nomination)).content.decode()
    assert "does not qualify as a leadership representative" in html
    assert "Professional background “Not a health professional” does not qualify." in html
