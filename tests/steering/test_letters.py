"""The welcome letter: composed from the register, rendered safely, queued once per seat."""

import datetime

import pytest
from django.db import transaction
from django.utils import translation

from regions.models import SupportContact, WelcomeLetterSupplement
from rkkp_portal.templatetags.plain_text import plain_text
from steering.letters.rendering import render_letter
from steering.letters.welcome import queue_welcome_letter, welcome_context
from steering.models import Message, StandardText
from tests.factories import MeetingFactory, MembershipFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat(hovedstaden, secretariat):
    seat = MembershipFactory(
        role="member",
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        person__first_name="Karen",
        person__last_name="Blixen",
        person__email="karen.blixen@regionh.example",
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2029, 12, 31),
    )
    seat.group.database.contact_person = secretariat
    seat.group.database.save()
    MembershipFactory(
        group=seat.group,
        role="chair",
        representing_region=None,
        person__first_name="Niels",
        person__last_name="Bohr",
    )
    WelcomeLetterSupplement.objects.create(
        region=hovedstaden, body="Region Hovedstaden holder et årligt møde for medlemmer."
    )
    SupportContact.objects.create(
        region=hovedstaden, kind="lis", name="LIS-support", email="lis@regionh.example"
    )
    MeetingFactory(group=seat.group, place="Rigshospitalet")
    return seat


def test_the_standard_texts_are_seeded_in_both_languages():
    assert set(StandardText.objects.values_list("key", flat=True)) == set(StandardText.Key.values)
    for text in StandardText.objects.all():
        assert text.body_da and text.body_en and text.title_da and text.title_en


def test_the_welcome_letter_tells_the_member_everything_they_need(seat):
    letter = render_letter("welcome", welcome_context(seat), "da")
    text = letter.body_text
    assert seat.group.database.name in letter.subject
    for expected in [
        "Karen Blixen",
        "Regionalt medlem",
        "Region Hovedstaden",
        "1. januar 2026",
        "Niels Bohr",
        "sekretariat@rkkp.example",
        "Rigshospitalet",
        "RKKP-pulje",  # the common minimum support
        "årligt møde for medlemmer",  # the region's supplement
        "lis@regionh.example",  # the region's support contacts
        "bindeleddet mellem din region",  # what is expected of a regional member
        "/accounts/password/reset/",
    ]:
        assert expected in text, expected
    assert "Karen Blixen" in letter.body_html


def test_a_leadership_representative_gets_the_leadership_expectations(seat):
    seat.role = "leadership"
    letter = render_letter("welcome", welcome_context(seat), "da")
    assert "to årlige heldagsmøder" in letter.body_text
    assert "bindeleddet mellem din region" not in letter.body_text


def test_the_letter_is_written_in_the_recipient_s_language(seat):
    letter = render_letter("welcome", welcome_context(seat), "en")
    assert "Welcome to the steering group" in letter.subject
    assert "What the regions offer you" in letter.body_text
    assert translation.get_language() == "da"


def test_a_region_s_supplement_cannot_inject_html(seat, hovedstaden):
    WelcomeLetterSupplement.objects.filter(region=hovedstaden).update(
        body='<script>alert("x")</script>\n\n- <b>fed</b>'
    )
    letter = render_letter("welcome", welcome_context(seat), "da")
    assert "<script>" not in letter.body_html
    assert "&lt;script&gt;" in letter.body_html
    assert "<li>&lt;b&gt;fed&lt;/b&gt;</li>" in letter.body_html


def test_plain_text_makes_paragraphs_and_bullets():
    html = plain_text("Første linje\nanden linje\n\n- et punkt\n- & et til")
    assert (
        html
        == "<p>Første linje<br>anden linje</p>\n<ul><li>et punkt</li><li>&amp; et til</li></ul>"
    )


def test_the_welcome_letter_is_queued_once_per_seat(seat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        first = queue_welcome_letter(seat)
        second = queue_welcome_letter(seat)
    assert first.pk == second.pk
    assert Message.objects.filter(idempotency_key=f"welcome:{seat.pk}").count() == 1
    assert first.recipient_email == "karen.blixen@regionh.example"


def test_a_member_without_email_gets_no_queued_letter(seat):
    seat.person.email = ""
    assert queue_welcome_letter(seat) is None
    assert not Message.objects.exists()


def test_a_rolled_back_change_leaves_no_letter(seat):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_welcome_letter(seat)
        raise RuntimeError
    assert not Message.objects.exists()


def test_a_member_employed_in_another_region_gets_that_region_s_offer(seat):
    seat.person.region = region("syddanmark")
    context = welcome_context(seat)
    assert context["region"].code == "syddanmark"
    assert context["supplement"] is None


def test_appointing_a_member_gives_a_login_and_queues_the_welcome_letter(
    secretariat, group, hovedstaden, django_capture_on_commit_callbacks, settings
):
    from allauth.account.models import EmailAddress

    from steering.register.services.memberships import appoint_member
    from tests.factories import PersonFactory

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    person = PersonFactory(email="ny@regionh.example", employer__region=hovedstaden)
    with django_capture_on_commit_callbacks(execute=True):
        seat = appoint_member(
            actor=secretariat,
            person=person,
            group=group,
            role="member",
            representing_region=hovedstaden,
            term_start=datetime.date(2026, 1, 1),
        )
    person.refresh_from_db()
    assert person.user.email == "ny@regionh.example"
    assert not person.user.has_usable_password()
    assert EmailAddress.objects.get(user=person.user).verified
    message = Message.objects.get(idempotency_key=f"welcome:{seat.pk}")
    assert message.status == "sent"


def test_appointing_without_notice_sends_nothing(secretariat, group, hovedstaden):
    from steering.register.services.memberships import appoint_member
    from tests.factories import PersonFactory

    person = PersonFactory(employer__region=hovedstaden)
    appoint_member(
        actor=secretariat,
        person=person,
        group=group,
        role="member",
        notify=False,
        representing_region=hovedstaden,
        term_start=datetime.date(2026, 1, 1),
    )
    person.refresh_from_db()
    assert person.user is None
    assert not Message.objects.exists()
