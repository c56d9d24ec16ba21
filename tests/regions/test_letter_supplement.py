"""The region's supplement to the welcome letter: edited safely, versioned, previewed."""

import pytest

from regions import services
from regions.models import WelcomeLetterSupplement
from steering.models import Message, StandardText

SCRIPT = '<script>alert("x")</script>'


def test_an_admin_edits_the_regions_text(client, admin_hovedstaden, hovedstaden, group):
    client.force_login(admin_hovedstaden)
    response = client.post("/regions/hovedstaden/letter/", {"body": "Velkommen fra regionen"})
    assert response.status_code == 302
    supplement = WelcomeLetterSupplement.objects.get(region=hovedstaden)
    assert supplement.body == "Velkommen fra regionen"
    assert supplement.history.first().history_user == admin_hovedstaden


def test_html_in_the_text_is_shown_never_run(client, admin_hovedstaden, hovedstaden, group):
    services.set_letter_supplement(actor=admin_hovedstaden, region=hovedstaden, body=SCRIPT)
    client.force_login(admin_hovedstaden)
    for url in (
        "/regions/hovedstaden/letter/preview/",
        "/regions/hovedstaden/letter/preview/html/",
        "/regions/hovedstaden/letter/versions/",
        "/regions/hovedstaden/support/",
    ):
        html = client.get(url).content.decode()
        assert SCRIPT not in html, url
        assert "&lt;script&gt;" in html, url


def test_every_version_is_listed(client, admin_hovedstaden, hovedstaden):
    services.set_letter_supplement(actor=admin_hovedstaden, region=hovedstaden, body="Første")
    services.set_letter_supplement(actor=admin_hovedstaden, region=hovedstaden, body="Anden")
    client.force_login(admin_hovedstaden)
    versions = client.get("/regions/hovedstaden/letter/versions/").context["versions"]
    assert [v.body for v in versions] == ["Anden", "Første"]


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("member", StandardText.Key.MEMBER_EXPECTATIONS),
        ("chair", StandardText.Key.CHAIR_DUTIES),
        ("leadership", StandardText.Key.LEADERSHIP_EXPECTATIONS),
        ("patient", StandardText.Key.PATIENT_REPRESENTATIVES),
    ],
)
def test_the_preview_composes_common_content_supplement_and_the_roles_expectations(
    client, admin_hovedstaden, hovedstaden, group, role, key
):
    services.set_letter_supplement(
        actor=admin_hovedstaden, region=hovedstaden, body="Regionens egen hilsen"
    )
    client.force_login(admin_hovedstaden)
    letter = client.get(f"/regions/hovedstaden/letter/preview/?role={role}&language=da").context[
        "letter"
    ]
    text = letter.body_text
    assert "Regionens egen hilsen" in text
    assert StandardText.objects.get(key=key).title_da in text
    assert StandardText.objects.get(key=StandardText.Key.REGION_SUPPORT).title_da in text
    assert not Message.objects.exists()  # a preview sends nothing


def test_the_preview_of_another_region_shows_that_regions_text(
    client, secretariat, admin_hovedstaden, hovedstaden, syddanmark, group
):
    services.set_letter_supplement(actor=secretariat, region=syddanmark, body="Hilsen fra Syd")
    client.force_login(admin_hovedstaden)
    text = client.get("/regions/hovedstaden/letter/preview/").context["letter"].body_text
    assert "Hilsen fra Syd" not in text


def test_the_service_refuses_another_regions_text(admin_syddanmark, hovedstaden):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.set_letter_supplement(actor=admin_syddanmark, region=hovedstaden, body="x")


@pytest.mark.parametrize(
    "url",
    [
        "/regions/hovedstaden/letter/",
        "/regions/hovedstaden/letter/versions/",
        "/regions/hovedstaden/letter/preview/",
        "/regions/hovedstaden/letter/preview/html/",
    ],
)
@pytest.mark.parametrize("persona", ["admin_syddanmark", "member", "circle_member"])
def test_other_roles_are_refused(client, request, persona, url, hovedstaden):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Kapret"}).status_code in (403, 405)
    assert not WelcomeLetterSupplement.objects.filter(body="Kapret").exists()
