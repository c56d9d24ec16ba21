"""/me/: a member's own seats, obligations, support, meetings and the way to their letters;
/me/fellows/: their fellow members; /me/meetings/: their past meetings."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from regions.models import BuyOutAgreement, EmployerBacking, SupportContact, WelcomeLetterSupplement
from steering.models import Declaration, Invitation, Membership, Message, StandardText
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/me/"
FELLOWS_URL = "/me/fellows/"
MEETINGS_URL = "/me/meetings/"
_keys = itertools.count()
# Pinned: the page must not grow with seats, meetings or letters (see the last test).
# A chair's page reads the buy-out agreements too.
QUERIES = 7
CHAIR_QUERIES = 8
FELLOWS_QUERIES = 3
# user, roles, the past meetings counted, the page of them (none when there are none)
MEETINGS_QUERIES = 4


def letter(person, subject: str) -> Message:
    return Message.objects.create(
        kind=Message.Kind.WELCOME,
        idempotency_key=f"me-test:{next(_keys)}",
        recipient_person=person,
        recipient_email=person.email,
        subject=subject,
        body_text="Kære medlem",
    )


def invite(person, **meeting_fields) -> Invitation:
    meeting = factories.MeetingFactory(**meeting_fields)
    return Invitation.objects.create(meeting=meeting, person=person)


def test_the_address_is_stable():
    assert reverse("me") == URL


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member"])
def test_staff_without_a_register_entry_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_it_only_answers_get(client, member):
    client.force_login(member)
    assert client.post(URL).status_code == 405


def test_it_shows_my_seats_with_co_chairs_and_contact_person(
    client, member, member_seat, chair_seat, group
):
    contact = factories.UserFactory(first_name="Rita", last_name="Kontakt")
    group.database.contact_person = contact
    group.database.save()
    client.force_login(member)
    response = client.get(URL)
    seat = response.context["seats"][0]
    assert seat == member_seat
    assert seat.co_chairs == [chair_seat.person]
    page = response.content.decode()
    assert group.database.name in page
    assert "Rita Kontakt" in page
    assert chair_seat.person.full_name in page


def test_it_shows_past_seats_and_holdover(client, member, member_seat, other_group):
    ended = factories.MembershipFactory(
        person=member_seat.person,
        group=other_group,
        status=Membership.Status.ENDED,
        term_start=datetime.date(2018, 1, 1),
        term_end=datetime.date(2021, 12, 31),
        ended_on=datetime.date(2021, 12, 31),
    )
    Membership.objects.filter(pk=member_seat.pk).update(
        term_start=datetime.date(2016, 1, 1), term_end=datetime.date(2020, 12, 31)
    )
    client.force_login(member)
    response = client.get(URL)
    assert response.context["past_seats"] == [ended]
    assert response.context["seats"][0].is_holdover() is True
    assert "Fortsætter efter udløb" in response.content.decode()


def test_it_composes_obligations_from_my_roles(client, chair, chair_seat, other_group):
    factories.MembershipFactory(person=chair_seat.person, group=other_group, role="leadership")
    for key in ("chair_duties", "leadership_expectations", "member_expectations"):
        StandardText.objects.update_or_create(
            key=key,
            defaults={
                "title_da": f"Titel {key}",
                "title_en": f"Title {key}",
                "body_da": f"Tekst {key}\n\n- <b>punkt</b>",
                "body_en": "Text",
            },
        )
    client.force_login(chair)
    response = client.get(URL)
    keys = [text.key for text in response.context["obligations"]]
    assert keys == ["chair_duties", "member_expectations", "leadership_expectations"]
    page = response.content.decode()
    assert "Tekst chair_duties" in page
    # The body is escaped by the plain_text filter, never rendered as HTML.
    assert "<b>punkt</b>" not in page


def test_it_lists_what_is_due_now(client, member, member_seat, group):
    unanswered = invite(member_seat.person, group=group)
    answered = invite(member_seat.person, group=group)
    Invitation.objects.filter(pk=answered.pk).update(response=Invitation.Response.YES)
    Membership.objects.filter(pk=member_seat.pk).update(
        term_end=timezone.localdate() + datetime.timedelta(days=30)
    )
    client.force_login(member)
    response = client.get(URL)
    assert response.context["unanswered"] == [unanswered]
    assert response.context["declaration_missing"] is True
    assert response.context["ending_seats"] == [member_seat]


def test_a_submitted_declaration_is_no_longer_due(client, member, member_seat):
    Declaration.objects.create(
        person=member_seat.person,
        year=timezone.localdate().year,
        nothing_to_declare=True,
        submitted_at=timezone.now(),
    )
    client.force_login(member)
    assert client.get(URL).context["declaration_missing"] is False


def test_it_shows_my_regions_support_backing_and_buyout(
    client, chair, chair_seat, hovedstaden, syddanmark
):
    SupportContact.objects.create(
        region=hovedstaden, kind="lis", name="LIS-hotline", email="lis@regionh.example"
    )
    SupportContact.objects.create(
        region=syddanmark, kind="lis", name="Syd-hotline", email="lis@rsyd.example"
    )
    WelcomeLetterSupplement.objects.update_or_create(
        region=hovedstaden, defaults={"body": "Hovedstadens særlige tilbud"}
    )
    EmployerBacking.objects.create(
        membership=chair_seat, confirmed_on=datetime.date(2024, 2, 1), confirmed_by="Direktør X"
    )
    BuyOutAgreement.objects.create(
        membership=chair_seat,
        employer=chair_seat.person.employer,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
        annual_amount_dkk=100000,
        hours_per_month=10,
    )
    client.force_login(chair)
    page = client.get(URL).content.decode()
    # The support contacts are one link away, on the region's support page.
    support_url = reverse("regions:my-support")
    assert f'href="{support_url}"' in page
    support = client.get(support_url, follow=True).content.decode()
    assert "LIS-hotline" in support
    assert "Syd-hotline" not in support
    assert "Hovedstadens særlige tilbud" in page
    assert "Direktør X" in page
    assert "2024" in page


def test_it_shows_my_meetings_and_links_to_answer(client, member, member_seat, group):
    upcoming = invite(member_seat.person, group=group, title="Årsmøde")
    past = invite(
        member_seat.person,
        group=group,
        title="Forårsmøde",
        starts_at=timezone.now() - datetime.timedelta(days=60),
    )
    Invitation.objects.filter(pk=past.pk).update(attendance=Invitation.Attendance.PRESENT)
    client.force_login(member)
    response = client.get(URL)
    assert response.context["upcoming"] == [upcoming]
    page = response.content.decode()
    assert reverse("steering:meeting-detail", kwargs={"pk": upcoming.meeting_id}) in page
    assert reverse("steering:calendar-settings") in page
    # The past meetings are a page of their own, linked from here.
    assert "Forårsmøde" not in page
    assert f'href="{MEETINGS_URL}"' in page
    response = client.get(MEETINGS_URL)
    assert list(response.context["page_obj"]) == [past]
    page = response.content.decode()
    assert reverse("steering:meeting-detail", kwargs={"pk": past.meeting_id}) in page
    assert "Til stede" in page and "Årsmøde" not in page


def test_my_past_meetings_are_mine_newest_first_a_page_at_a_time(
    client, member, member_seat, outsider_seat, group
):
    now = timezone.now()
    past = [
        invite(member_seat.person, group=group, starts_at=now - datetime.timedelta(days=days))
        for days in range(2, 29)
    ]
    invite(
        outsider_seat.person,
        group=group,
        title="Et andet møde",
        starts_at=now - datetime.timedelta(days=1),
    )
    cancelled = invite(
        member_seat.person,
        group=group,
        status="cancelled",
        starts_at=now - datetime.timedelta(days=1),
    )
    client.force_login(member)
    first = client.get(MEETINGS_URL)
    assert list(first.context["page_obj"]) == [cancelled, *past[:24]]
    assert first.context["page_obj"].paginator.count == 28
    assert "Et andet møde" not in first.content.decode()
    assert "Aflyst" in first.content.decode()
    second = client.get(MEETINGS_URL, {"page": 2})
    assert list(second.context["page_obj"]) == past[24:]


def test_my_past_meetings_page_says_when_there_are_none(client, member, member_seat):
    client.force_login(member)
    page = client.get(MEETINGS_URL).content.decode()
    assert "Du har ikke været inviteret til et møde, der er holdt." in page


def test_it_leads_to_my_letters_and_they_are_only_mine_newest_first(
    client, member, member_seat, outsider_seat
):
    first = letter(member_seat.person, "Velkommen")
    second = letter(member_seat.person, "Invitation")
    letter(outsider_seat.person, "Hemmeligt brev")
    client.force_login(member)
    letters_url = reverse("steering:message-list")
    assert f'href="{letters_url}"' in client.get(URL).content.decode()
    response = client.get(letters_url)
    assert [letter.pk for letter in response.context["page_obj"]] == [second.pk, first.pk]
    page = response.content.decode()
    assert reverse("steering:message-detail", kwargs={"pk": first.pk}) in page
    assert "Hemmeligt brev" not in page


def test_fellow_members_are_only_my_groups_active_members(
    client, member, member_seat, chair_seat, outsider_seat, group
):
    factories.MembershipFactory(
        group=group,
        status=Membership.Status.ENDED,
        ended_on=datetime.date(2025, 1, 1),
        person__first_name="Tidligere",
    )
    client.force_login(member)
    response = client.get(URL)
    assert response.context["seats"][0].fellow_count == 1
    assert f'href="{FELLOWS_URL}#{group.database.slug}"' in response.content.decode()
    response = client.get(FELLOWS_URL)
    assert response.context["fellows"] == [chair_seat]
    page = response.content.decode()
    assert chair_seat.person.email in page
    assert outsider_seat.person.full_name not in page
    assert "Tidligere" not in page


def test_a_member_cannot_read_another_members_letters_page_or_feed(client, member, outsider_seat):
    theirs = letter(outsider_seat.person, "Til en anden")
    client.force_login(member)
    assert (
        client.get(reverse("steering:message-detail", kwargs={"pk": theirs.pk})).status_code == 404
    )
    person_url = reverse("steering:person-detail", kwargs={"pk": outsider_seat.person.pk})
    assert client.get(person_url).status_code == 404
    feed = reverse("steering:calendar-feed", kwargs={"token": "guessed-token"})
    assert client.get(feed).status_code == 404


def test_query_count_does_not_grow_with_seats_meetings_or_letters(
    client, member, member_seat, hovedstaden, django_assert_num_queries
):
    person = member_seat.person

    def seat_everywhere(count: int) -> None:
        for _ in range(count):
            seat = factories.MembershipFactory(person=person, role="chair")
            seat.group.database.contact_person = factories.UserFactory()
            seat.group.database.save()
            EmployerBacking.objects.create(
                membership=seat, confirmed_on=datetime.date(2024, 2, 1), confirmed_by="Direktør"
            )
            BuyOutAgreement.objects.create(
                membership=seat,
                employer=person.employer,
                starts_on=datetime.date(2024, 1, 1),
                ends_on=datetime.date(2024, 12, 31),
                annual_amount_dkk=1000,
                hours_per_month=5,
            )
            factories.MembershipFactory(
                group=seat.group,
                role="chair",
                person__employer__parent=factories.OrganisationFactory(short_name="RH"),
            )
            factories.MembershipFactory(
                person=person,
                status=Membership.Status.ENDED,
                term_start=datetime.date(2018, 1, 1),
                term_end=datetime.date(2021, 12, 31),
                ended_on=datetime.date(2021, 12, 31),
            )
            invite(person, group=seat.group)
            invite(person, group=seat.group, starts_at=timezone.now() - datetime.timedelta(days=9))
            SupportContact.objects.create(
                region=hovedstaden, kind="lis", name="LIS", email="lis@regionh.example"
            )
            letter(person, "Brev")

    client.force_login(member)
    client.get(URL)  # warm the session and caches
    # user, roles, person (with its region, the region's supplement and whether this
    # year's declaration is in), seats (with database, contact person, region represented
    # and employer backing), the fellow members in them (how many, and the co-chairs),
    # upcoming invitations, standard texts; a chair's seats' buy-outs
    with django_assert_num_queries(QUERIES):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(FELLOWS_QUERIES):
        assert client.get(FELLOWS_URL).status_code == 200
    seat_everywhere(3)
    with django_assert_num_queries(CHAIR_QUERIES):
        page = client.get(URL).content.decode()
    assert page.count("Direktør") == 3
    with django_assert_num_queries(MEETINGS_QUERIES):
        assert client.get(MEETINGS_URL).context["page_obj"].paginator.count == 3
    # user, roles, the fellow members (with their workplaces)
    with django_assert_num_queries(FELLOWS_QUERIES):
        page = client.get(FELLOWS_URL).content.decode()
    assert page.count(", RH<") == 3
