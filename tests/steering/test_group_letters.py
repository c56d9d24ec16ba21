"""Letters to a whole steering group (steering/letters/group_letters.py and its pages).
The copies are queued by a background job (group_letter_job.py), which ``_send`` runs as
the worker would."""

import uuid

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from rkkp_portal.jobs import services as jobs
from rkkp_portal.jobs.models import Job
from steering.letters.group_letters import recipients, send_group_letter
from steering.models import GroupLetter, Message
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def letters_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def patient_seat(group, syddanmark):
    return factories.MembershipFactory(
        group=group,
        role="patient",
        representing_region=None,
        appointing_body="patient_organisation",
    )


def _form(token=None, **extra):
    return {
        "subject": "Ekstra møde om indikatorerne",
        "body": "Kære alle\n\nVi mødes igen i marts.\n\n- Punkt et\n- Punkt to",
        "token": str(token or uuid.uuid4()),
        **extra,
    }


def _send(actor, group, **kwargs):
    """Send, and run the job as the worker would; the letter and whether it was written."""
    defaults = {"subject": "Emne", "body": "Tekst", "token": uuid.uuid4()}
    letter, job = send_group_letter(actor=actor, group=group, **{**defaults, **kwargs})
    if job is not None:
        jobs.run(job.pk)
    return letter, job is not None


def test_every_member_in_office_gets_a_copy_in_the_outbox_and_by_mail(
    secretariat,
    group,
    member_seat,
    chair_seat,
    patient_seat,
    outsider_seat,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        letter, written = _send(secretariat, group)
    assert written and letter.recipient_count == 3
    copies = Message.objects.filter(kind=Message.Kind.GROUP_LETTER)
    assert {m.recipient_person_id for m in copies} == {
        member_seat.person_id,
        chair_seat.person_id,
        patient_seat.person_id,
    }
    assert {m.group_id for m in copies} == {group.pk}
    assert {m.status for m in copies} == {Message.Status.SENT}
    assert len(mail.outbox) == 3
    body = mail.outbox[0].body
    assert "Tekst" in body and group.database.name in body


def test_roles_and_region_narrow_the_recipients(
    group, member_seat, chair_seat, patient_seat, hovedstaden, syddanmark
):
    assert list(recipients(group, roles=["chair"])) == [chair_seat.person]
    assert set(recipients(group, roles=["member", "patient"])) == {
        member_seat.person,
        patient_seat.person,
    }
    assert list(recipients(group, region=hovedstaden)) == [member_seat.person]
    assert list(recipients(group, region=syddanmark)) == []


def test_ended_and_future_seats_get_nothing(secretariat, group, member_seat):
    import datetime

    factories.MembershipFactory(group=group, term_start=datetime.date(2099, 1, 1), term_end=None)
    factories.MembershipFactory(
        group=group, status="ended", ended_on=datetime.date(2025, 1, 1), end_reason="Fratrådt"
    )
    assert list(recipients(group)) == [member_seat.person]


def test_the_chair_writes_to_their_own_group_only(chair, group, other_group, member_seat):
    _send(chair, group)
    with pytest.raises(PermissionDenied):
        _send(chair, other_group)


@pytest.mark.parametrize("persona", ["member", "admin_hovedstaden", "circle_member"])
def test_others_may_not_write_to_a_group(request, persona, group, member_seat):
    with pytest.raises(PermissionDenied):
        _send(request.getfixturevalue(persona), group)
    assert not GroupLetter.objects.exists()


def test_the_same_form_sent_twice_sends_once(secretariat, group, member_seat):
    token = uuid.uuid4()
    first, written = _send(secretariat, group, token=token)
    again, written_again = _send(secretariat, group, token=token)
    assert (written, written_again) == (True, False)
    assert again == first
    assert Message.objects.filter(kind=Message.Kind.GROUP_LETTER).count() == 1


def test_the_database_sends_a_token_once(secretariat, group, member_seat):
    letter, _ = _send(secretariat, group)
    duplicate = GroupLetter(
        group=group, signature="x", subject="x", body="x", recipient_count=1, token=letter.token
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_letter_without_recipients_is_refused_and_writes_nothing(secretariat, group):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _send(secretariat, group)
    assert not GroupLetter.objects.exists()
    assert not Message.objects.exists()


def test_the_page_previews_then_sends_and_lists_the_letter(
    client, secretariat, group, member_seat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    url = reverse("steering:group-letter", args=[group.database.slug])
    assert client.get(url).status_code == 200
    token = uuid.uuid4()
    preview = client.post(url, _form(token))
    assert preview.status_code == 200
    assert "steering/group_letter_preview.html" in [t.name for t in preview.templates]
    assert member_seat.person.full_name in preview.content.decode()
    assert not GroupLetter.objects.exists()  # a preview writes nothing
    with django_capture_on_commit_callbacks(execute=True):  # the job runs eagerly
        sent = client.post(url, _form(token, action="send"))
    job = Job.objects.get(kind="group_letter")
    assert sent["Location"] == reverse("jobs:job-detail", args=[job.pk])
    outcome = client.get(sent["Location"]).content.decode()
    assert "Ekstra møde om indikatorerne" in outcome and "1 medlem" in outcome
    letters = reverse("steering:group-letters", args=[group.database.slug])
    assert f'href="{letters}"' in outcome  # back to the group's letters
    assert "Ekstra møde om indikatorerne" in client.get(letters).content.decode()
    assert GroupLetter.objects.get().recipient_count == 1
    # The member finds it among their letters.
    copy = Message.objects.get(kind=Message.Kind.GROUP_LETTER)
    assert copy.recipient_person == member_seat.person
    again = client.post(url, _form(token, action="send"), follow=True)
    assert again.status_code == 200
    assert Message.objects.filter(kind=Message.Kind.GROUP_LETTER).count() == 1


def test_the_member_sees_the_letter_on_their_own_letters(client, secretariat, member, group):
    _send(secretariat, group, subject="Nyt fra formanden")
    client.force_login(member)
    # /me/ links to the letters page, which lists them.
    assert f'href="{reverse("steering:message-list")}"' in client.get("/me/").content.decode()
    assert "Nyt fra formanden" in client.get(reverse("steering:message-list")).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"subject": ""}, "subject"),
        ({"body": ""}, "body"),
        ({"subject": "x" * 201}, "subject"),
        ({"roles": ["nonsense"]}, "roles"),
        ({"region": "999999"}, "region"),
        ({"token": "not-a-token"}, "token"),
    ],
)
def test_bad_input_is_a_message_on_the_form(client, secretariat, group, member_seat, data, field):
    client.force_login(secretariat)
    url = reverse("steering:group-letter", args=[group.database.slug])
    response = client.post(url, {**_form(), **data, "action": "send"})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not GroupLetter.objects.exists()


def test_no_matching_member_is_said_on_the_form(
    client, secretariat, group, member_seat, syddanmark
):
    client.force_login(secretariat)
    url = reverse("steering:group-letter", args=[group.database.slug])
    response = client.post(url, _form(region=syddanmark.pk))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_the_group_page_offers_the_letter_to_the_chair_not_the_member(client, chair, member, group):
    write = reverse("steering:group-letter", args=[group.database.slug])
    client.force_login(chair)
    assert write in client.get(group.database.get_absolute_url()).content.decode()
    client.force_login(member)
    assert write not in client.get(group.database.get_absolute_url()).content.decode()
    assert client.get(write).status_code == 403
