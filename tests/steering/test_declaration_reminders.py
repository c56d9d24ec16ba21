"""The secretariat's declarations page (/declarations/): filters, paging, and reminding
everyone the filter finds missing through a confirmation with the count."""

import datetime
import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rkkp_portal.jobs.models import Job
from steering.models import Declaration, Message, Person
from steering.selfservice.services import send_declaration_reminders
from tests import factories

pytestmark = pytest.mark.django_db

OVERVIEW = "/declarations/"
REMIND = "/declarations/remind/"
YEAR = timezone.localdate().year


def declare(seat, year: int = YEAR) -> None:
    Declaration.objects.create(
        person=seat.person, year=year, nothing_to_declare=True, submitted_at=timezone.now()
    )


def reminders():
    return Message.objects.filter(kind=Message.Kind.DECLARATION_REMINDER)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("admin_hovedstaden", 403),
        ("circle_member", 403),
        ("member", 403),
        ("chair", 403),
    ],
)
def test_who_sees_the_overview_and_sends_reminders(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(OVERVIEW).status_code == status
    assert client.get(REMIND).status_code == status
    response = client.post(REMIND, {"year": YEAR})
    assert response.status_code == (302 if status == 200 else 403)


def test_the_overview_shows_every_seat_and_whether_its_holder_declared(
    client, secretariat, member_seat, chair_seat, outsider_seat
):
    declare(chair_seat)
    declare(member_seat, YEAR - 1)  # last year's does not count
    client.force_login(secretariat)
    response = client.get(OVERVIEW)
    declared = {seat.person: seat.declared for seat in response.context["page_obj"]}
    assert declared == {
        chair_seat.person: True,
        member_seat.person: False,
        outsider_seat.person: False,
    }
    assert response.context["missing_count"] == 2
    assert "Påmind alle 2, der mangler" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "missing"}, {"member", "outsider"}),
        ({"status": "submitted"}, {"chair"}),
        ({"group": "group"}, {"member", "chair"}),
        ({"region": "syddanmark"}, {"outsider"}),
        ({"status": "missing", "group": "group"}, {"member"}),
    ],
)
def test_the_overview_filters_by_status_group_and_region(
    client, secretariat, member_seat, chair_seat, outsider_seat, query, expected
):
    declare(chair_seat)
    seats = {"member": member_seat, "chair": chair_seat, "outsider": outsider_seat}
    params = dict(query)
    if "group" in params:
        params["group"] = member_seat.group_id
    if "region" in params:
        params["region"] = factories.region(params["region"]).pk
    client.force_login(secretariat)
    response = client.get(OVERVIEW, params)
    shown = {seat.pk for seat in response.context["page_obj"]}
    assert shown == {seats[name].pk for name in expected}


def test_the_overview_is_paginated_and_its_queries_do_not_grow(
    client, secretariat, group, member_seat, django_assert_num_queries
):
    client.force_login(secretariat)
    client.get(OVERVIEW)  # warm the session
    # user, roles (session from the cache), the regions (filter choices), the seats
    # counted, a page of them, the people missing counted
    with django_assert_num_queries(6):
        client.get(OVERVIEW, {"status": "missing"})
    factories.MembershipFactory.create_batch(60, group=group)
    with django_assert_num_queries(6):
        response = client.get(OVERVIEW, {"status": "missing"})
    page = response.context["page_obj"]
    assert (len(page), page.paginator.count, page.paginator.num_pages) == (25, 61, 3)
    assert response.context["missing_count"] == 61


def test_the_confirmation_counts_people_once_and_only_those_who_can_be_written_to(
    client, secretariat, group, member_seat, chair_seat, outsider_seat
):
    factories.MembershipFactory(group=outsider_seat.group, person=member_seat.person)
    Person.objects.filter(pk=chair_seat.person_id).update(email="")
    client.force_login(secretariat)
    response = client.get(REMIND, {"year": YEAR})
    assert response.context["count"] == 2  # member (two seats) and outsider; chair: no e-mail
    response = client.get(REMIND, {"year": YEAR, "group": group.pk})
    assert response.context["count"] == 1
    page = response.content.decode()
    assert "Send 1 påmindelse" in page
    assert f'<input type="hidden" name="group" value="{group.pk}">' in page
    assert group.database.name in page  # the filter is named


def test_reminding_everyone_missing_in_the_filter_goes_through_the_outbox_once_a_day(
    client, secretariat, group, member_seat, chair_seat, outsider_seat,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    declare(chair_seat)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND, {"year": YEAR, "group": group.pk, "status": "missing"})
        client.post(REMIND, {"year": YEAR, "group": group.pk})
    job = Job.objects.order_by("pk").first()
    assert response["Location"] == reverse("jobs:job-detail", args=[job.pk])
    # The request only asked whether anyone is missing; the job counted them as it ran.
    assert (job.total, job.done) == (1, 1)
    assert job.return_to == f"{OVERVIEW}?year={YEAR}&status=missing&group={group.pk}"
    assert [message.recipient_person for message in reminders()] == [member_seat.person]
    today = timezone.localdate().isoformat()
    assert reminders().get().idempotency_key == (
        f"declaration-reminder:{member_seat.person.pk}:{YEAR}:{today}"
    )
    assert "/me/declaration/" in reminders().get().body_text
    assert len(mail.outbox) == 1


def test_a_filter_that_finds_nobody_missing_starts_no_job(client, secretariat, group, member_seat):
    declare(member_seat)
    client.force_login(secretariat)
    response = client.post(REMIND, {"year": YEAR, "group": group.pk}, follow=True)
    assert response.redirect_chain[-1][0] == f"{OVERVIEW}?year={YEAR}&group={group.pk}"
    assert "Ingen af dem, filteret finder, mangler en erklæring." in response.content.decode()
    assert not Job.objects.exists() and not reminders().exists()


def test_a_filter_that_cannot_be_read_reminds_nobody(client, secretariat, member_seat):
    client.force_login(secretariat)
    for data in ({"group": "999999"}, {"region": "x"}, {"status": "everyone"}):
        response = client.post(REMIND, {"year": YEAR, **data})
        assert response.status_code == 200
        assert response.context["filter"].form.errors
        assert "Der er et problem" in response.content.decode()
    assert not reminders().exists()


def test_reminding_hundreds_is_a_handful_of_queries_and_well_under_a_second(
    secretariat, group, member_seat, django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """The service the reminder job calls for each batch."""
    factories.MembershipFactory.create_batch(300, group=group)
    started = time.perf_counter()
    # 11 on PostgreSQL, 16 on SQLite (its INSERT takes fewer parameters, so bulk_create
    # splits it): the user's roles, the recipients, the keys already queued, the INSERT,
    # the ids read back, the hand-over time, savepoints; not one per letter
    with (
        django_capture_on_commit_callbacks() as handed_over,
        django_assert_max_num_queries(16),
    ):
        send_declaration_reminders(actor=secretariat, year=YEAR, people=Person.objects.all())
    elapsed = time.perf_counter() - started
    assert reminders().filter(status=Message.Status.QUEUED).count() == 301
    assert len(handed_over) == 1  # every letter handed to the broker in batches after commit
    print(f"301 reminders queued in {elapsed:.2f} s")
    assert elapsed < 2.0, elapsed


def test_reminding_on_another_day_sends_again(secretariat, member_seat):
    people = Person.objects.filter(pk=member_seat.person_id)
    first = send_declaration_reminders(actor=secretariat, year=YEAR, people=people)
    same_day = send_declaration_reminders(actor=secretariat, year=YEAR, people=people)
    again = send_declaration_reminders(
        actor=secretariat,
        year=YEAR,
        people=people,
        today=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert (first, same_day, again) == (1, 0, 1)


def test_a_member_who_declared_is_not_reminded(secretariat, member_seat):
    declare(member_seat)
    people = Person.objects.filter(pk=member_seat.person_id)
    assert send_declaration_reminders(actor=secretariat, year=YEAR, people=people) == 0


def test_only_the_secretariat_may_send_reminders(member, member_seat):
    from django.core.exceptions import PermissionDenied

    people = Person.objects.filter(pk=member_seat.person_id)
    with pytest.raises(PermissionDenied):
        send_declaration_reminders(actor=member, year=YEAR, people=people)
