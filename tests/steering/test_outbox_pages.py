"""The outbox pages: who sees which letters, the filters, the content shown safely, retry."""

import datetime
import itertools

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone, translation

from steering.models import Message

pytestmark = pytest.mark.django_db

_keys = itertools.count()


def translated(text: str) -> str:
    with translation.override("da"):
        return translation.gettext(text)


def letter(**fields) -> Message:
    defaults = {
        "kind": Message.Kind.WELCOME,
        "idempotency_key": f"page-test:{next(_keys)}",
        "recipient_email": "someone@hospital.example",
        "subject": "Velkommen",
        "body_text": "Kære medlem",
    }
    return Message.objects.create(**(defaults | fields))


@pytest.fixture
def to_member(member_seat, group):
    return letter(
        recipient_person=member_seat.person,
        recipient_email=member_seat.person.email,
        group=group,
        subject="Velkommen til medlemmet",
        body_html="<p>Kære medlem</p>",
    )


@pytest.fixture
def to_outsider(outsider_seat, other_group):
    """A failed letter to someone employed in Syddanmark."""
    return letter(
        recipient_person=outsider_seat.person,
        recipient_email=outsider_seat.person.email,
        group=other_group,
        subject="Velkommen til outsideren",
        status=Message.Status.FAILED,
        attempts=5,
        last_error="SMTPRecipientsRefused: {'x@y': (550, b'No such user')}",
    )


@pytest.fixture
def to_admin_by_email(admin_syddanmark):
    """A term alert addressed to a login that has no person in the register; its address is
    verified, as every login create_login makes has it."""
    EmailAddress.objects.create(
        user=admin_syddanmark, email=admin_syddanmark.email, verified=True, primary=True
    )
    return letter(
        kind=Message.Kind.TERM_ALERT,
        recipient_email=admin_syddanmark.email,
        subject="Udløbende pladser",
    )


PERSONAS = [
    "secretariat",
    "admin_hovedstaden",
    "admin_syddanmark",
    "circle_member",
    "member",
    "chair",
    "outsider",
]


def client_as(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("secretariat", {"to_member", "to_outsider", "to_admin_by_email"}),
        ("admin_hovedstaden", {"to_member"}),
        ("admin_syddanmark", {"to_outsider", "to_admin_by_email"}),
        ("circle_member", set()),
        ("member", {"to_member"}),
        ("chair", set()),
        ("outsider", {"to_outsider"}),
    ],
)
def test_the_list_shows_each_persona_only_the_letters_they_may_see(
    client, request, persona, visible, to_member, to_outsider, to_admin_by_email
):
    client_as(client, request, persona)
    response = client.get(reverse("steering:message-list"))
    assert response.status_code == 200
    shown = {
        name
        for name, message in [
            ("to_member", to_member),
            ("to_outsider", to_outsider),
            ("to_admin_by_email", to_admin_by_email),
        ]
        if reverse("steering:message-detail", args=[message.pk]) in response.content.decode()
    }
    assert shown == visible


@pytest.mark.parametrize(
    ("persona", "member_letter", "outsider_letter", "retry_outsider"),
    [
        ("secretariat", 200, 200, 302),
        ("admin_hovedstaden", 200, 404, 404),
        ("admin_syddanmark", 404, 200, 403),
        ("circle_member", 404, 404, 404),
        ("member", 200, 404, 404),
        ("chair", 404, 404, 404),
        ("outsider", 404, 200, 403),
    ],
)
def test_the_message_page_and_retry_answer_each_persona(
    client,
    request,
    persona,
    member_letter,
    outsider_letter,
    retry_outsider,
    to_member,
    to_outsider,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client_as(client, request, persona)
    assert client.get(reverse("steering:message-detail", args=[to_member.pk])).status_code == (
        member_letter
    )
    assert client.get(reverse("steering:message-detail", args=[to_outsider.pk])).status_code == (
        outsider_letter
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("steering:message-retry", args=[to_outsider.pk]))
    assert response.status_code == retry_outsider
    to_outsider.refresh_from_db()
    expected = Message.Status.SENT if retry_outsider == 302 else Message.Status.FAILED
    assert to_outsider.status == expected


def test_anonymous_visitors_are_sent_to_the_login(client, to_outsider):
    for url in [
        reverse("steering:message-list"),
        reverse("steering:message-detail", args=[to_outsider.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("steering:message-retry", args=[to_outsider.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    to_outsider.refresh_from_db()
    assert to_outsider.status == Message.Status.FAILED


def test_retry_is_post_only(client, secretariat, to_outsider):
    client.force_login(secretariat)
    response = client.get(reverse("steering:message-retry", args=[to_outsider.pk]))
    assert response.status_code == 405
    to_outsider.refresh_from_db()
    assert to_outsider.status == Message.Status.FAILED


def test_retrying_a_letter_that_did_not_fail_explains_instead_of_resending(
    client, secretariat, to_member, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Message.objects.filter(pk=to_member.pk).update(status="sent", sent_at=timezone.now())
    client.force_login(secretariat)
    response = client.post(reverse("steering:message-retry", args=[to_member.pk]), follow=True)
    assert response.status_code == 200
    [notice] = response.context["messages"]
    assert notice.level_tag == "error"
    assert str(notice) == translated("Only a failed message can be retried.")
    to_member.refresh_from_db()
    assert to_member.status == "sent" and to_member.attempts == 0


def test_a_retry_from_the_page_sends_the_failed_letter(
    client, secretariat, to_outsider, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(secretariat)
    page = client.get(reverse("steering:message-detail", args=[to_outsider.pk])).content.decode()
    assert "No such user" in page  # the last error is shown
    assert reverse("steering:message-retry", args=[to_outsider.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("steering:message-retry", args=[to_outsider.pk]), follow=True
        )
    [notice] = response.context["messages"]
    assert notice.level_tag == "success"
    assert str(notice) in response.content.decode()
    to_outsider.refresh_from_db()
    assert to_outsider.status == "sent" and to_outsider.attempts == 6
    assert [m.subject for m in mailoutbox] == ["Velkommen til outsideren"]


def test_only_the_secretariat_is_offered_the_retry_button(client, admin_syddanmark, to_outsider):
    client.force_login(admin_syddanmark)
    page = client.get(reverse("steering:message-detail", args=[to_outsider.pk])).content.decode()
    assert "No such user" in page
    assert reverse("steering:message-retry", args=[to_outsider.pk]) not in page


def test_the_html_body_is_shown_only_inside_a_sandboxed_frame(client, secretariat, member_seat):
    hostile = letter(
        recipient_person=member_seat.person,
        body_text="Tekst med <b>tegn</b>",
        body_html='<p>Hej</p><script>alert("x")</script><img src=x onerror="alert(1)">',
    )
    client.force_login(secretariat)
    page = client.get(reverse("steering:message-detail", args=[hostile.pk])).content.decode()
    assert "<script>alert" not in page
    assert 'onerror="alert' not in page
    assert 'sandbox=""' in page
    assert 'srcdoc="&lt;p&gt;Hej&lt;/p&gt;&lt;script&gt;alert(&quot;x&quot;)' in page
    assert "Tekst med &lt;b&gt;tegn&lt;/b&gt;" in page  # the text body is escaped too


def test_the_filters_narrow_the_list(client, secretariat, to_member, to_outsider, group):
    old = letter(kind=Message.Kind.NOTICE, subject="Gammel besked")
    Message.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    client.force_login(secretariat)

    def shown(**params) -> set[str]:
        response = client.get(reverse("steering:message-list"), params)
        assert response.status_code == 200
        return {m.subject for m in response.context["page_obj"]}

    everything = {"Velkommen til medlemmet", "Velkommen til outsideren", "Gammel besked"}
    assert shown() == everything
    assert shown(kind="notice") == {"Gammel besked"}
    assert shown(status="failed") == {"Velkommen til outsideren"}
    assert shown(group=group.pk) == {"Velkommen til medlemmet"}
    first_name = to_member.recipient_person.first_name
    assert shown(recipient=first_name) == {"Velkommen til medlemmet"}
    assert shown(recipient=to_outsider.recipient_email.upper()) == {"Velkommen til outsideren"}
    week_ago = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert shown(created_from=week_ago) == everything - {"Gammel besked"}
    assert shown(created_to=week_ago) == {"Gammel besked"}
    # Nonsense in the filters is a form error on the page, never a 500.
    response = client.get(
        reverse("steering:message-list"), {"created_from": "tomorrow", "group": "x"}
    )
    assert response.status_code == 200


def test_the_list_is_paginated(client, secretariat):
    # 15 a page (LETTERS_PAGE_SIZE): a page of letters fits about three screens.
    for number in range(20):
        letter(subject=f"Brev {number}")
    client.force_login(secretariat)
    first = client.get(reverse("steering:message-list"))
    assert len(first.context["page_obj"]) == 15
    second = client.get(reverse("steering:message-list"), {"page": 2, "kind": "welcome"})
    assert len(second.context["page_obj"]) == 5
    assert "kind=welcome&amp;page=1" in second.content.decode()


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "member"])
def test_the_list_costs_the_same_number_of_queries_for_3_and_30_letters(
    client, request, persona, member_seat, group, django_assert_num_queries
):
    def make(count: int) -> None:
        for _ in range(count):
            letter(
                recipient_person=member_seat.person,
                recipient_email=member_seat.person.email,
                group=group,
            )

    client_as(client, request, persona)
    make(3)
    client.get(reverse("steering:message-list"))  # warm the session
    # user, roles (the session is read from Redis), count, the page with recipients
    # and groups (the group filter is a search field: no list of groups)
    with django_assert_num_queries(4):
        client.get(reverse("steering:message-list"))
    make(27)
    with django_assert_num_queries(4):
        response = client.get(reverse("steering:message-list"))
    assert response.context["page_obj"].paginator.count == 30


def test_the_message_page_costs_a_fixed_number_of_queries(
    client, secretariat, to_member, django_assert_num_queries
):
    client.force_login(secretariat)
    client.get(reverse("steering:message-detail", args=[to_member.pk]))
    # user, roles (the session is read from Redis), the message with its recipient
    # and group
    with django_assert_num_queries(3):
        client.get(reverse("steering:message-detail", args=[to_member.pk]))


def test_the_menu_links_to_the_letters(client, member):
    client.force_login(member)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("steering:message-list") in page


def test_the_urls_are_stable():
    assert reverse("steering:message-list") == "/outbox/"
    assert reverse("steering:message-detail", args=[7]) == "/outbox/7/"
    assert reverse("steering:message-retry", args=[7]) == "/outbox/7/retry/"
    assert reverse("steering:welcome-letter", args=[7]) == "/memberships/7/welcome-letter/"


def test_an_address_the_user_has_not_verified_shows_no_letter_to_it(client, admin_syddanmark):
    """Making an unverified address primary at /accounts/email/ changes the login's e-mail;
    it must not open the letters sent to that address."""
    EmailAddress.objects.create(user=admin_syddanmark, email="lis@rh.example", primary=True)
    admin_syddanmark.email = "lis@rh.example"
    admin_syddanmark.save(update_fields=["email"])
    theirs = letter(recipient_email="lis@rh.example", subject="Til kontaktperson")
    client.force_login(admin_syddanmark)

    listed = client.get(reverse("steering:message-list")).content.decode()

    assert reverse("steering:message-detail", args=[theirs.pk]) not in listed
    assert client.get(reverse("steering:message-detail", args=[theirs.pk])).status_code == 404


def test_a_verified_address_of_the_user_shows_letters_to_it_whatever_its_case(
    client, admin_syddanmark
):
    EmailAddress.objects.create(
        user=admin_syddanmark, email=admin_syddanmark.email, verified=True, primary=True
    )
    theirs = letter(recipient_email=admin_syddanmark.email.upper(), subject="Til dig")
    client.force_login(admin_syddanmark)

    assert client.get(reverse("steering:message-detail", args=[theirs.pk])).status_code == 200
