"""Every page × persona → status. 404 keeps an object invisible; 403 refuses a visible one."""

import pytest
from django.urls import reverse

PERSONAS = [
    "anonymous",
    "secretariat",
    "admin_hovedstaden",
    "admin_syddanmark",
    "circle_member",
    "member",
    "chair",
    "outsider",
]


@pytest.fixture
def as_persona(client, request):
    def login(persona: str):
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return login


def _urls(group, member_seat, outsider_seat):
    return {
        "dashboard": reverse("dashboard"),
        "database_list": reverse("steering:database-list"),
        "own_database": reverse("steering:database-detail", args=[group.database.slug]),
        "other_database": reverse(
            "steering:database-detail", args=[outsider_seat.group.database.slug]
        ),
        "person_list": reverse("steering:person-list"),
        "member_person": reverse("steering:person-detail", args=[member_seat.person.pk]),
        "outsider_person": reverse("steering:person-detail", args=[outsider_seat.person.pk]),
        "region_hovedstaden": reverse("regions:region-detail", args=["hovedstaden"]),
        "region_unknown": reverse("regions:region-detail", args=["atlantis"]),
        "representatives": reverse("representatives:overview"),
        "public": reverse("steering:public-roster"),
        "health": reverse("health"),
    }


LOGIN = "login"
# page: {persona: status}; "login" means a redirect to the login page.
EXPECTED = {
    "dashboard": dict.fromkeys(PERSONAS[1:], 200) | {"anonymous": LOGIN},
    "database_list": dict.fromkeys(PERSONAS[1:], 200) | {"anonymous": LOGIN},
    "own_database": dict.fromkeys(PERSONAS[1:], 200) | {"anonymous": LOGIN, "outsider": 404},
    "other_database": dict.fromkeys(PERSONAS[1:], 200)
    | {"anonymous": LOGIN, "member": 404, "chair": 404},
    "person_list": {
        "anonymous": LOGIN,
        "secretariat": 200,
        "admin_hovedstaden": 200,
        "admin_syddanmark": 200,
        "circle_member": 403,
        "member": 403,
        "chair": 403,
        "outsider": 403,
    },
    "member_person": {
        "anonymous": LOGIN,
        "secretariat": 200,
        "admin_hovedstaden": 200,
        "admin_syddanmark": 404,
        "circle_member": 404,
        "member": 200,
        "chair": 404,
        "outsider": 404,
    },
    "outsider_person": {
        "anonymous": LOGIN,
        "secretariat": 200,
        "admin_hovedstaden": 404,
        "admin_syddanmark": 200,
        "circle_member": 404,
        "member": 404,
        "chair": 404,
        "outsider": 200,
    },
    "region_hovedstaden": {
        "anonymous": LOGIN,
        "secretariat": 200,
        "admin_hovedstaden": 200,
        "admin_syddanmark": 403,
        "circle_member": 403,
        "member": 403,
        "chair": 403,
        "outsider": 403,
    },
    "region_unknown": dict.fromkeys(PERSONAS[1:], 404) | {"anonymous": LOGIN},
    "representatives": {
        "anonymous": LOGIN,
        "secretariat": 200,
        "admin_hovedstaden": 200,
        "admin_syddanmark": 200,
        "circle_member": 200,
        "member": 403,
        "chair": 403,
        "outsider": 403,
    },
    "public": dict.fromkeys(PERSONAS, 200),
    "health": dict.fromkeys(PERSONAS, 200),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_page_status_per_persona(
    page, persona, as_persona, group, member_seat, outsider_seat, settings
):
    settings.REDIS_URL = ""
    url = _urls(group, member_seat, outsider_seat)[page]
    response = as_persona(persona).get(url)
    expected = EXPECTED[page][persona]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, (page, persona)


def test_every_persona_has_an_expectation_for_every_page():
    for page, statuses in EXPECTED.items():
        assert set(statuses) == set(PERSONAS), page


def test_writes_are_refused_on_read_only_pages(as_persona, group, member_seat, outsider_seat):
    client = as_persona("secretariat")
    for name in ("dashboard", "database_list", "public"):
        url = _urls(group, member_seat, outsider_seat)[name]
        assert client.post(url).status_code == 405, name


def test_the_database_page_shows_composition_findings(as_persona, group, member_seat):
    response = as_persona("secretariat").get(
        reverse("steering:database-detail", args=[group.database.slug])
    )
    html = response.content.decode()
    assert member_seat.person.full_name in html
    rules = {f.rule for f in response.context["findings"]}
    assert {"regions", "chair", "leadership", "patients"} <= rules


def test_the_person_list_is_scoped_to_the_administrators_region(
    as_persona, member_seat, outsider_seat
):
    response = as_persona("admin_hovedstaden").get(reverse("steering:person-list"))
    people = {person.email for person in response.context["page_obj"]}
    assert member_seat.person.email in people
    assert outsider_seat.person.email not in people


def test_the_database_list_filters_by_search(as_persona, group, other_group):
    response = as_persona("secretariat").get(
        reverse("steering:database-list"), {"q": group.database.acronym}
    )
    assert [row.name for row in response.context["page_obj"]] == [group.database.name]
