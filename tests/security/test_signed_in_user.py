"""A signed-in request loads its user and roles in one query, fresh on every request."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from regions.models import RegionalAdministrator
from rkkp_portal.accounts.backends import ModelBackend
from rkkp_portal.roles import Roles, load_user_with_roles

PERSONAS = ["secretariat", "admin_hovedstaden", "circle_member", "member", "outsider"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_user_comes_with_the_same_fields_and_roles_as_the_orm_gives(request, persona):
    user = request.getfixturevalue(persona)
    fresh = get_user_model().objects.get(pk=user.pk)

    loaded = load_user_with_roles(user.pk)

    for field in get_user_model()._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(fresh, field.attname), field.name
    assert loaded.roles == Roles.for_user(fresh)
    assert loaded._state.adding is False


def test_an_unknown_id_loads_no_user(db):
    assert load_user_with_roles(10**9) is None


def test_an_inactive_login_is_not_loaded_for_its_session(member):
    get_user_model().objects.filter(pk=member.pk).update(is_active=False)

    assert ModelBackend().get_user(member.pk) is None


@pytest.mark.parametrize("persona", ["secretariat", "member"])
def test_a_signed_in_static_page_costs_one_query(
    client, request, persona, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(persona))
    client.get(reverse("privacy"))

    # The session comes from the cache; the user with their roles is the one query.
    with django_assert_num_queries(1):
        assert client.get(reverse("privacy")).status_code == 200


def test_a_role_taken_away_counts_from_the_next_request(client, admin_hovedstaden, hovedstaden):
    client.force_login(admin_hovedstaden)
    page = reverse("regions:region-detail", args=[hovedstaden.code])
    assert client.get(page).status_code == 200

    RegionalAdministrator.objects.filter(user=admin_hovedstaden).update(active=False)

    assert client.get(page).status_code in (403, 404)
    assert f'href="{page}"' not in client.get(reverse("privacy")).content.decode()  # the menu


def test_a_login_switched_off_without_signals_is_signed_out_on_the_next_request(client, member):
    client.force_login(member)
    assert client.get(reverse("me")).status_code == 200

    get_user_model().objects.filter(pk=member.pk).update(is_active=False)

    response = client.get(reverse("me"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
