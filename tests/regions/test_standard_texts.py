"""The secretariat keeps the common content and obligations of the welcome letter."""

import pytest

from steering.models import StandardText

URL = "/regions/standard-texts/member_expectations/"


def form_data(**extra):
    return {
        "title_da": "Forventninger",
        "title_en": "Expectations",
        "body_da": "- Bidrag til kvalitet",
        "body_en": "- Contribute",
        **extra,
    }


def test_the_secretariat_edits_a_text_and_history_keeps_it(client, secretariat):
    client.force_login(secretariat)
    assert client.get("/regions/standard-texts/").status_code == 200
    assert client.post(URL, form_data()).status_code == 302
    text = StandardText.objects.get(key="member_expectations")
    assert text.title_da == "Forventninger"
    assert text.history.first().history_user == secretariat


def test_an_empty_body_is_a_form_error(client, secretariat):
    client.force_login(secretariat)
    response = client.post(URL, form_data(body_da=""))
    assert response.status_code == 200
    assert response.context["form"].errors["body_da"]


@pytest.mark.parametrize("persona", ["admin_hovedstaden", "member", "circle_member"])
def test_no_one_else_edits_them(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/regions/standard-texts/").status_code == 403
    assert client.post(URL, form_data(title_da="Kapret")).status_code == 403
    assert not StandardText.objects.filter(title_da="Kapret").exists()


def test_an_unknown_text_is_404(client, secretariat):
    client.force_login(secretariat)
    assert client.get("/regions/standard-texts/nonsense/").status_code == 404
