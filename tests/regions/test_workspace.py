"""The region workspace: what it shows, to whom, and at a fixed number of queries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from regions import services
from regions.models import BuyOutAgreement, EmployerBacking
from regions.workspace import SHOWN
from steering.models import Message
from tests import factories


def add_region_content(region, n: int):
    """n people employed in the region, each in a seat of their own group, with letters."""
    today = timezone.localdate()
    for i in range(n):
        seat = factories.MembershipFactory(
            representing_region=region,
            person__employer__region=region,
            term_end=today + datetime.timedelta(days=30 if i % 2 else -5),
        )
        Message.objects.create(
            kind="welcome",
            idempotency_key=f"test:{region.code}:{seat.pk}",
            recipient_person=seat.person,
            recipient_email=seat.person.email,
            subject="Velkommen",
            body_text="…",
            group=seat.group,
        )
        BuyOutAgreement.objects.create(
            membership=seat,
            employer=seat.person.employer,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=365 * 5),
            fte_share="0.1",
            annual_amount_dkk=50000,
        )
        chair = factories.MembershipFactory(
            group=seat.group,
            role="chair",
            representing_region=None,
            person__employer__region=region,
        )
        EmployerBacking.objects.create(
            membership=chair, confirmed_on=today, confirmed_by="Direktionen"
        )


def test_the_workspace_shows_the_regions_work(
    client, admin_hovedstaden, secretariat, hovedstaden, syddanmark, group, other_group
):
    today = timezone.localdate()
    ending = factories.MembershipFactory(
        group=group,
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        person__last_name="Endeløs",
        term_end=today + datetime.timedelta(days=20),
    )
    holdover = factories.MembershipFactory(
        group=other_group,
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        person__last_name="Overtid",
        term_end=today - datetime.timedelta(days=20),
    )
    vacant = factories.GroupFactory(database__name="Dansk Tom Database")
    syd_vacant = factories.MembershipFactory(
        representing_region=syddanmark,
        person__employer__region=syddanmark,
        person__last_name="Sydlig",
    )
    request = services.request_appointment(
        actor=secretariat, group=vacant, region=hovedstaden, reason="Ingen fra regionen"
    )
    Message.objects.create(
        kind="welcome",
        idempotency_key="w:1",
        recipient_person=ending.person,
        recipient_email="x@example.org",
        subject="Brev til Endeløs",
        body_text=".",
    )
    Message.objects.create(
        kind="welcome",
        idempotency_key="w:2",
        recipient_person=syd_vacant.person,
        recipient_email="y@example.org",
        subject="Brev til Sydlig",
        body_text=".",
    )
    client.force_login(admin_hovedstaden)
    response = client.get("/regions/hovedstaden/")
    data = response.context["data"]
    vacancies = {group.pk for group in data["vacancies"]}
    assert vacant.pk in vacancies
    assert syd_vacant.group_id in vacancies  # the group lacks Hovedstaden
    assert data["ending"] == [ending] and data["holdovers"] == [holdover]
    assert data["open_requests"] == [request]
    assert data["without_backing_count"] == 2  # ending and holdover
    html = response.content.decode()
    # The region's own members may be replaced or ended from the workspace.
    assert f'href="/regions/hovedstaden/seats/{ending.pk}/replace/"' in html
    assert "Sydlig" not in html
    # The letters are on the letters page, which shows an administrator their region's.
    assert 'href="/outbox/"' in html
    assert "Brev til" not in html


def test_the_workspace_counts_the_chairs_without_agreement_and_the_open_agreements(
    client, admin_hovedstaden, hovedstaden, group
):
    chair = factories.MembershipFactory(
        group=group,
        role="chair",
        representing_region=None,
        person__employer__region=hovedstaden,
        person__last_name="Formandsen",
    )
    seat = factories.MembershipFactory(
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        term_end=datetime.date(2027, 12, 31),
    )
    outliving = BuyOutAgreement.objects.create(
        membership=seat,
        employer=seat.person.employer,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
        hours_per_month=10,
        annual_amount_dkk=1000,
    )
    client.force_login(admin_hovedstaden)
    response = client.get("/regions/hovedstaden/")
    data = response.context["data"]
    assert data["chairs_without_agreement_count"] == 1
    assert data["open_agreements"] == 1
    # Counts only: the lists are the buy-out pages'.
    html = response.content.decode()
    assert "1 formand ansat i regionen har ingen aftale" in html
    assert "1 aftale er foreslået, godkendt eller aktiv" in html
    assert 'href="/regions/hovedstaden/buyouts/chairs/"' in html
    assert 'href="/regions/hovedstaden/buyouts/"' in html
    assert chair.person.last_name not in html
    # The agreements' page flags the one that outlives its seat.
    listed = client.get("/regions/hovedstaden/buyouts/").context["page_obj"]
    assert [a.pk for a in listed if a.outlives] == [outliving.pk]


def test_the_chairs_without_an_agreement_are_listed_with_a_link_that_proposes_one(
    client,
    settings,
    admin_hovedstaden,
    secretariat,
    hovedstaden,
    syddanmark,
    django_assert_num_queries,
):
    def chair(region, last_name, **seat):
        return factories.MembershipFactory(
            role="chair",
            representing_region=None,
            person__employer__region=region,
            person__last_name=last_name,
            **seat,
        )

    without = chair(hovedstaden, "Bentsen")
    first = chair(hovedstaden, "Andersen")
    rejected = chair(hovedstaden, "Carlsen")
    covered = chair(hovedstaden, "Dahl")
    chair(syddanmark, "Sydlig")
    factories.MembershipFactory(
        representing_region=hovedstaden, person__employer__region=hovedstaden
    )  # a regional member, not a chair
    chair(hovedstaden, "Ebbesen", status="ended", ended_on=datetime.date(2026, 1, 31))
    for seat, status in ((rejected, "rejected"), (covered, "approved")):
        BuyOutAgreement.objects.create(
            membership=seat,
            employer=seat.person.employer,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2027, 12, 31),
            hours_per_month=10,
            annual_amount_dkk=1000,
            status=status,
            decided_by=secretariat,
            decided_at=timezone.now(),
        )
    client.force_login(admin_hovedstaden)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get("/regions/hovedstaden/buyouts/chairs/")  # warm the session and the roles
    # user, region, roles; the chairs counted and a page of them.
    with django_assert_num_queries(5):
        response = client.get("/regions/hovedstaden/buyouts/chairs/")
    assert list(response.context["page_obj"]) == [first, without, rejected]
    html = response.content.decode()
    assert "3 chairs employed in the region have no proposed, approved or active" in html
    assert f'href="/regions/hovedstaden/buyouts/new/?membership={without.pk}"' in html
    assert "Sydlig" not in html and "Dahl" not in html and "Ebbesen" not in html
    assert f'href="/people/?region={hovedstaden.pk}&amp;role=chair"' in html
    # The link fills in the seat on the proposal's form.
    form = client.get(f"/regions/hovedstaden/buyouts/new/?membership={without.pk}").context["form"]
    assert str(form["membership"].value()) == str(without.pk)


def test_the_workspace_costs_the_same_whatever_the_regions_size(
    client, admin_hovedstaden, hovedstaden, django_assert_num_queries
):
    client.force_login(admin_hovedstaden)
    add_region_content(hovedstaden, 2)
    client.get("/regions/hovedstaden/")  # warm the session and the roles
    # user, region with its people and open agreements counted, roles (fetch-and-
    # authorise); the compliance register, computed here because a test runs in a
    # transaction (groups, regions, seats with their decided re-appointments not yet
    # carried out, chairs' history, full-day meetings); no group
    # lacks the region here, so no vacancies to read; the seats due, the unanswered
    # requests, the chairs without an agreement and the seats without backing counted in
    # one pass.
    with django_assert_num_queries(11) as small:
        client.get("/regions/hovedstaden/")
    add_region_content(hovedstaden, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/regions/hovedstaden/")


def test_the_workspace_shows_the_first_few_of_each_list_and_links_to_all_of_them(
    client, settings, admin_hovedstaden, hovedstaden
):
    n = 2 * (SHOWN + 1)
    add_region_content(hovedstaden, n)
    client.force_login(admin_hovedstaden)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/regions/hovedstaden/")
    data = response.context["data"]
    # Every other seat's term has passed, every other one ends within the window.
    assert data["holdover_count"] == data["ending_count"] == SHOWN + 1
    assert len(data["holdovers"]) == len(data["ending"]) == SHOWN
    assert data["open_agreements"] == data["chairs_without_agreement_count"] == n
    assert data["without_backing_count"] == n  # the chairs' backing is recorded
    html = response.content.decode()
    assert f"The first {SHOWN} of {SHOWN + 1} are shown." in html
    assert f"{n} agreements are proposed, approved or active" in html
    assert f"{n} chairs employed in the region have no agreement" in html
    assert 'href="/regions/hovedstaden/buyouts/"' in html
    assert 'href="/regions/hovedstaden/buyouts/chairs/"' in html
    assert 'href="/regions/hovedstaden/requests/"' in html
    assert f'href="/people/?region={hovedstaden.pk}&amp;term_ends_before=' in html


def test_every_agreement_of_the_region_is_listed_a_page_at_a_time(
    client, admin_hovedstaden, hovedstaden, syddanmark, django_assert_num_queries
):
    add_region_content(hovedstaden, 2)
    add_region_content(syddanmark, 1)
    ended = BuyOutAgreement.objects.filter(employer__region=hovedstaden).first()
    BuyOutAgreement.objects.filter(pk=ended.pk).update(status="ended")
    client.force_login(admin_hovedstaden)
    client.get("/regions/hovedstaden/buyouts/")  # warm the session and the roles
    # user, region, roles; the agreements counted and a page of them.
    with django_assert_num_queries(5):
        response = client.get("/regions/hovedstaden/buyouts/")
    listed = {a.pk for a in response.context["page_obj"]}
    assert listed == set(
        BuyOutAgreement.objects.filter(employer__region=hovedstaden).values_list("pk", flat=True)
    )
    assert ended.pk in listed  # the workspace shows only the open ones
    assert f'href="/regions/hovedstaden/buyouts/{ended.pk}/edit/"' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("admin_hovedstaden", 200),
        ("admin_syddanmark", 403),
        ("circle_member", 403),
        ("member", 403),
    ],
)
def test_who_opens_the_workspace(client, request, persona, status, hovedstaden):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/regions/hovedstaden/").status_code == status


@pytest.mark.parametrize("language", ["da", "en"])
def test_only_the_region_s_members_get_replace_and_end_whatever_the_language(
    client, settings, admin_hovedstaden, hovedstaden, group, other_group, language
):
    soon = timezone.localdate() + datetime.timedelta(days=20)
    member = factories.MembershipFactory(
        group=group,
        role="member",
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        term_end=soon,
    )
    factories.MembershipFactory(
        group=other_group,
        role="chair",
        representing_region=hovedstaden,
        person__employer__region=hovedstaden,
        term_end=soon,
    )
    client.force_login(admin_hovedstaden)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/regions/hovedstaden/")
    assert {seat.role for seat in response.context["data"]["ending"]} == {"member", "chair"}
    html = response.content.decode()
    replaced = set(re.findall(r'href="/regions/hovedstaden/seats/(\d+)/replace/"', html))
    ended = set(re.findall(r'href="/regions/hovedstaden/seats/(\d+)/end/"', html))
    # In the table of terms ending soon: the member has both links, the chair neither.
    assert replaced == ended == {str(member.pk)}


def test_the_region_s_people_and_their_seats_are_listed_a_page_at_a_time(
    client, admin_hovedstaden, hovedstaden, syddanmark, django_assert_num_queries
):
    own = factories.MembershipFactory(
        representing_region=hovedstaden, person__employer__region=hovedstaden
    )
    backed = factories.MembershipFactory(
        role="chair", representing_region=None, person__employer__region=hovedstaden
    )
    EmployerBacking.objects.create(
        membership=backed, confirmed_on=timezone.localdate(), confirmed_by="Direktionen"
    )
    factories.MembershipFactory(representing_region=syddanmark, person__employer__region=syddanmark)
    client.force_login(admin_hovedstaden)
    client.get("/regions/hovedstaden/people/")  # warm the session and the roles
    # user, region, roles; the people with a seat counted, a page of them, their seats
    # (each flagged when the employer's backing is recorded).
    with django_assert_num_queries(6):
        response = client.get("/regions/hovedstaden/people/")
    people = list(response.context["page_obj"])
    assert {person.pk for person in people} == {own.person_id, backed.person_id}
    assert {seat.pk: seat.backed for p in people for seat in p.seats} == {
        own.pk: False,
        backed.pk: True,
    }
    html = response.content.decode()
    # The region's own member may be replaced or ended; every seat's backing recorded.
    assert f'href="/regions/hovedstaden/seats/{own.pk}/replace/"' in html
    assert f'href="/regions/hovedstaden/seats/{backed.pk}/replace/"' not in html
    assert f'href="/regions/hovedstaden/seats/{backed.pk}/backing/"' in html
    # The links are written from one reverse per page: they must be the views' addresses.
    for name, seat in [("replace", own), ("end", own), ("backing", own), ("backing", backed)]:
        assert f'href="{reverse(f"regions:seat-{name}", args=["hovedstaden", seat.pk])}"' in html
    for person in people:
        assert f'href="{person.get_absolute_url()}"' in html
