"""The secretariat's page of sign-in records: filters, pagination, refusal for others."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rkkp_portal.accounts.models import SignInEvent
from rkkp_portal.accounts.signins.record import record_event
from rkkp_portal.paging import PAGE_SIZE
from tests.factories import UserFactory

Kind, Outcome = SignInEvent.Kind, SignInEvent.Outcome
URL = reverse("accounts:sign-in-list")


@pytest.fixture
def karen(db):
    return UserFactory(email="karen.jensen@hospital.example", first_name="Karen", last_name="Lund")


@pytest.fixture
def events(karen, secretariat):
    record_event(kind=Kind.SIGN_IN, outcome=Outcome.SUCCEEDED, user=karen, method="password")
    record_event(kind=Kind.FAILED_ATTEMPT, outcome=Outcome.FAILED, user=karen, method="password")
    record_event(kind=Kind.FAILED_ATTEMPT, outcome=Outcome.FAILED, login="ghost@x.example")
    old = record_event(kind=Kind.SIGN_IN, outcome=Outcome.SUCCEEDED, user=secretariat)
    SignInEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))


def shown(response) -> list[SignInEvent]:
    return list(response.context["page_obj"])


def test_the_secretariat_sees_every_record_newest_first(client, secretariat, events):
    client.force_login(secretariat)

    response = client.get(URL)

    assert response.status_code == 200
    rows = shown(response)
    assert len(rows) == 4  # force_login signs in without allauth: no record of its own
    assert rows == sorted(rows, key=lambda e: (e.at, e.pk), reverse=True)
    assert "Ukendt adresse" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["admin_hovedstaden", "circle_member", "member", "chair", "outsider"]
)
def test_nobody_else_may_read_the_records(client, request, persona, events):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "failed_attempt"}, 2),
        ({"outcome": "succeeded"}, 2),
        ({"person": "karen lund"}, 2),
        ({"person": "KAREN.JENSEN@hospital.example"}, 2),
        ({"person": "ghost@x.example"}, 1),  # an unknown address: by its keyed hash
        ({"at_from": (timezone.localdate() - timedelta(days=1)).isoformat()}, 3),
        ({"at_to": (timezone.localdate() - timedelta(days=30)).isoformat()}, 1),
        ({"kind": "failed_attempt", "person": "karen"}, 1),
    ],
)
def test_the_filters_narrow_the_list(client, secretariat, events, query, expected):
    client.force_login(secretariat)
    SignInEvent.objects.filter(user=secretariat, kind=Kind.SIGN_IN).exclude(
        at__lt=timezone.now() - timedelta(days=1)
    ).delete()

    assert len(shown(client.get(URL, query))) == expected


def test_a_bad_filter_value_is_a_message_not_an_error(client, secretariat, events):
    client.force_login(secretariat)

    response = client.get(URL, {"at_from": "not a date", "kind": "nonsense"})

    assert response.status_code == 200
    assert response.context["filter"].form.errors


def test_the_list_is_paged(client, secretariat, karen):
    SignInEvent.objects.bulk_create(
        SignInEvent(kind=Kind.SIGN_IN, outcome=Outcome.SUCCEEDED, user=karen)
        for _ in range(PAGE_SIZE + 3)
    )
    client.force_login(secretariat)

    first = client.get(URL)
    last = client.get(URL, {"page": 2})

    assert len(shown(first)) == PAGE_SIZE
    assert len(shown(last)) == 3
    assert 'href="?page=2"' in first.content.decode()


def test_the_page_costs_the_same_few_queries_however_many_records(
    client, secretariat, karen, django_assert_num_queries
):
    SignInEvent.objects.bulk_create(
        SignInEvent(kind=Kind.SIGN_IN, outcome=Outcome.SUCCEEDED, user=UserFactory())
        for _ in range(30)
    )
    client.force_login(secretariat)
    client.get(URL)
    # user, roles (one query), count, one page of records with their logins (the session
    # is read from the cache, tests/conftest.py::cached_sessions).
    with django_assert_num_queries(4):
        client.get(URL, {"kind": "sign_in", "person": "user"})
