"""The Django admin is the secretariat's tool; staff roles must enrol MFA when required."""

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

OUR_APPS = {"accounts", "regions", "steering", "representatives"}


def test_every_model_of_the_portal_is_in_the_admin():
    missing = [
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and not model.__name__.startswith("Historical")
        and model not in admin.site._registry
    ]
    assert missing == []


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if m._meta.app_label in OUR_APPS],
    ids=lambda m: m._meta.label,
)
def test_the_secretariat_can_open_every_changelist(client, secretariat, model):
    client.force_login(secretariat)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("persona", ["admin_hovedstaden", "circle_member", "member"])
def test_other_roles_cannot_open_the_admin(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("admin:steering_membership_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_memberships_cannot_be_deleted_in_the_admin(client, secretariat, member_seat):
    client.force_login(secretariat)
    url = reverse("admin:steering_membership_delete", args=[member_seat.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    member_seat.refresh_from_db()


def test_a_secretariat_user_cannot_make_themselves_superuser(client, secretariat):
    client.force_login(secretariat)
    url = reverse("admin:accounts_user_change", args=[secretariat.pk])
    form = client.get(url).context["adminform"].form
    assert "is_superuser" not in form.fields


def test_adding_a_database_in_the_admin_creates_its_group(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:steering_clinicaldatabase_add"),
        {
            "name": "Dansk Testregister",
            "acronym": "DTR",
            "slug": "dtr",
            "umbrella": "",
            "disease_area": "Test",
            "status": "active",
            "indicator_count": 5,
        },
    )
    assert response.status_code == 302
    assert client.get("/databases/dtr/").status_code == 200


@pytest.mark.parametrize("persona", ["secretariat", "admin_hovedstaden", "circle_member"])
def test_staff_roles_without_mfa_are_sent_to_enrol_when_required(
    client, request, persona, settings
):
    settings.REQUIRE_STAFF_MFA = True
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)


def test_members_need_no_mfa(client, member, settings):
    settings.REQUIRE_STAFF_MFA = True
    client.force_login(member)
    assert client.get("/").status_code == 200


def test_staff_with_totp_pass_through(client, secretariat, settings):
    settings.REQUIRE_STAFF_MFA = True
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    client.force_login(secretariat)
    assert client.get("/").status_code == 200
