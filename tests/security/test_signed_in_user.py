"""A signed-in request loads its user and then its roles, fresh on every request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse

from regions.models import RegionalAdministrator


def test_an_inactive_login_is_not_loaded_for_its_session(member):
    get_user_model().objects.filter(pk=member.pk).update(is_active=False)

    assert ModelBackend().get_user(member.pk) is None


@pytest.mark.parametrize("persona", ["secretariat", "member"])
def test_a_signed_in_static_page_costs_two_queries(
    client, request, persona, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(persona))
    client.get(reverse("privacy"))

    # The session comes from the cache; then the user, and their roles (for the menu).
    with django_assert_num_queries(2):
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
