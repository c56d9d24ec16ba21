"""The secretariat's register pages × persona → status, for GET and for crafted POSTs.

Only the secretariat writes; regional administrators and the circle read; members see
their own groups; 404 keeps an invisible object invisible, 403 refuses a visible one.
"""

import pytest
from django.urls import reverse

from steering.models import ClinicalDatabase, Membership, Person

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
LOGIN = "login"
OK = 200
SECRETARIAT_ONLY = dict.fromkeys(PERSONAS, 403) | {"anonymous": LOGIN, "secretariat": OK}
# A page about the member's group: outsiders may not even know it exists.
GROUP_WRITE = SECRETARIAT_ONLY | {"outsider": 404}
# A seat's pages: only its holder and its region's administrator see it (and are refused).
SEAT_WRITE = SECRETARIAT_ONLY | {
    "admin_syddanmark": 404,
    "circle_member": 404,
    "chair": 404,
    "outsider": 404,
}
PERSON_WRITE = SECRETARIAT_ONLY | {
    "admin_syddanmark": 404,
    "circle_member": 404,
    "chair": 404,
    "outsider": 404,
}

PAGES = {
    "database-create": (lambda s: reverse("steering:database-create"), SECRETARIAT_ONLY),
    "database-edit": (
        lambda s: reverse("steering:database-edit", args=[s.group.database.slug]),
        GROUP_WRITE,
    ),
    "group-edit": (
        lambda s: reverse("steering:group-edit", args=[s.group.database.slug]),
        GROUP_WRITE,
    ),
    "appoint": (lambda s: reverse("steering:appoint", args=[s.group.database.slug]), GROUP_WRITE),
    "person-create": (lambda s: reverse("steering:person-create"), SECRETARIAT_ONLY),
    "person-edit": (lambda s: reverse("steering:person-edit", args=[s.person.pk]), PERSON_WRITE),
    "membership-edit": (lambda s: reverse("steering:membership-edit", args=[s.pk]), SEAT_WRITE),
    "membership-end": (lambda s: reverse("steering:membership-end", args=[s.pk]), SEAT_WRITE),
    "membership-reappoint": (
        lambda s: reverse("steering:membership-reappoint", args=[s.pk]),
        SEAT_WRITE,
    ),
    "roster-import": (lambda s: reverse("steering:roster-import"), SECRETARIAT_ONLY),
}

READ_PAGES = {
    "membership-detail": (
        lambda s: reverse("steering:membership-detail", args=[s.pk]),
        {
            "anonymous": LOGIN,
            "secretariat": OK,
            "admin_hovedstaden": OK,
            "admin_syddanmark": 404,
            "circle_member": 404,
            "member": OK,
            "chair": 404,
            "outsider": 404,
        },
    ),
    "compliance": (
        lambda s: reverse("steering:compliance"),
        dict.fromkeys(PERSONAS, OK)
        | {"anonymous": LOGIN, "member": 403, "chair": 403, "outsider": 403},
    ),
    "compliance-export": (
        lambda s: reverse("steering:compliance-export", args=["csv"]),
        dict.fromkeys(PERSONAS, OK)
        | {"anonymous": LOGIN, "member": 403, "chair": 403, "outsider": 403},
    ),
    "database-export": (
        lambda s: reverse("steering:database-export", args=["xlsx"]),
        dict.fromkeys(PERSONAS, OK) | {"anonymous": LOGIN},
    ),
    "person-export": (
        lambda s: reverse("steering:person-export", args=["csv"]),
        dict.fromkeys(PERSONAS, 403)
        | {"anonymous": LOGIN, "secretariat": OK, "admin_hovedstaden": OK, "admin_syddanmark": OK},
    ),
    "roster-export": (
        lambda s: reverse("steering:roster-export", args=[s.group.database.slug, "csv"]),
        dict.fromkeys(PERSONAS, 403)
        | {
            "anonymous": LOGIN,
            "secretariat": OK,
            "admin_hovedstaden": OK,
            "admin_syddanmark": OK,
            "outsider": 404,
        },
    ),
    "roster-import-sample": (
        lambda s: reverse("steering:roster-import-sample"),
        SECRETARIAT_ONLY,
    ),
}


@pytest.fixture
def everyone(request, member_seat, outsider_seat, chair_seat):
    """Every persona exists, so each test sees the same world."""
    for persona in PERSONAS[1:]:
        request.getfixturevalue(persona)
    return member_seat


def _as(client, request, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


def _assert_status(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", list(PAGES) + list(READ_PAGES))
def test_get_status(client, request, everyone, page, persona):
    url, expected = {**PAGES, **READ_PAGES}[page]
    response = _as(client, request, persona).get(url(everyone))
    _assert_status(response, expected[persona])


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS[2:])
@pytest.mark.parametrize("page", list(PAGES))
def test_crafted_post_is_refused_and_writes_nothing(client, request, everyone, page, persona):
    """A well-formed POST from anyone but the secretariat changes nothing."""
    seat = everyone
    url, expected = PAGES[page]
    before = (
        ClinicalDatabase.history.count(),
        Person.history.count(),
        Membership.history.count(),
    )
    data = {
        "name": "Hacked",
        "disease_area": "x",
        "status": "active",
        "indicator_count": "1",
        "first_name": "Eve",
        "last_name": "Evil",
        "leadership_level": "none",
        "language": "da",
        "person": str(seat.person.pk),
        "role": "observer",
        "appointing_body": "rkkp",
        "term_start": "2025-01-01",
        "term_number": "2",
        "ended_on": "2025-06-01",
        "reason": "Hacked",
        "full_day_meetings_per_year": "1",
        "min_patient_representatives": "0",
    }
    response = _as(client, request, persona).post(url(seat), data)
    _assert_status(response, expected[persona])
    after = (
        ClinicalDatabase.history.count(),
        Person.history.count(),
        Membership.history.count(),
    )
    assert after == before
    seat.refresh_from_db()
    assert seat.status == Membership.Status.ACTIVE


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS[2:])
def test_import_confirmation_is_refused(client, request, everyone, persona):
    response = _as(client, request, persona).post(
        reverse("steering:roster-import-confirm", args=[1]), {"notify": "on"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_from_a_post(client, everyone):
    response = client.post(reverse("steering:membership-end", args=[everyone.pk]), {})
    _assert_status(response, LOGIN)
