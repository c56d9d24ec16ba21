"""/regions/: the secretariat reaches every region's workspace from the main menu."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGION_CODES = ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]


def test_the_secretariat_finds_every_regions_workspace_in_its_menu(client, secretariat):
    client.force_login(secretariat)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("regions:region-list")}"' in dashboard

    page = client.get(reverse("regions:region-list"))
    assert page.status_code == 200
    html = page.content.decode()
    for code in REGION_CODES:
        workspace = reverse("regions:region-detail", kwargs={"code": code})
        assert f'href="{workspace}"' in html
        assert client.get(workspace).status_code == 200


def test_the_menu_marks_the_regions_entry_on_a_regions_workspace(client, secretariat):
    client.force_login(secretariat)
    html = client.get(reverse("regions:region-list")).content.decode()
    assert 'href="/regions/" class="nav-link" aria-current="page"' in html
    html = client.get("/regions/sjaelland/").content.decode()
    assert 'href="/regions/" class="nav-link" aria-current="true"' in html


@pytest.mark.parametrize("persona", ["admin_hovedstaden", "circle_member", "member"])
def test_other_logins_have_no_regions_entry_and_may_not_open_the_list(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert 'href="/regions/"' not in client.get(reverse("dashboard")).content.decode()
    assert client.get(reverse("regions:region-list")).status_code == 403


def test_the_list_costs_the_same_whatever_the_regions_hold(
    client, secretariat, django_assert_num_queries
):
    client.force_login(secretariat)
    client.get(reverse("regions:region-list"))
    # user, roles, the regions with their counts (the suite keeps sessions in the cache).
    with django_assert_num_queries(3):
        client.get(reverse("regions:region-list"))
