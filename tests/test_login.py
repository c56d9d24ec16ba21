"""The allauth login flow: e-mail login, no sign-up, password reset, logout."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def user(db):
    return UserFactory(email="karen@hospital.example")


def test_the_login_page_renders_for_anonymous_visitors(client, db):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert b'name="login"' in response.content
    assert b'name="password"' in response.content


def test_anonymous_visitors_are_sent_to_login_from_the_dashboard(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_logs_in_with_email_and_password(client, user):
    response = client.post(
        reverse("account_login"), {"login": "Karen@Hospital.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get("/").status_code == 200


def test_a_wrong_password_gives_a_message_not_a_login(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "wrong password"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


def test_nobody_can_sign_up_by_themselves(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": "A-long-pass-99", "password2": "A-long-pass-99"},
    )
    assert response.status_code == 200
    assert not UserFactory._meta.model.objects.filter(email="new@example.org").exists()
    assert "signup_closed" in " ".join(t.name for t in response.templates if t.name)


def test_password_reset_sends_a_link_to_a_known_address(client, user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_logout_ends_the_session(client, user):
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_inactive_user_cannot_log_in(client, user):
    user.is_active = False
    user.save()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
