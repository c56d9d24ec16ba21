"""The region's people and their seats: 25 people a page, like the register's list."""

import pytest

from rkkp_portal.paging import PEOPLE_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_region_s_people_are_listed_25_a_page(client, admin_hovedstaden, hovedstaden):
    for _ in range(PEOPLE_PAGE_SIZE + 1):
        factories.MembershipFactory(
            representing_region=hovedstaden, person__employer__region=hovedstaden
        )
    client.force_login(admin_hovedstaden)

    first = client.get("/regions/hovedstaden/people/")
    second = client.get("/regions/hovedstaden/people/?page=2")

    assert len(first.context["page_obj"]) == PEOPLE_PAGE_SIZE
    assert len(second.context["page_obj"]) == 1
    assert first.context["page_obj"].paginator.count == PEOPLE_PAGE_SIZE + 1
    assert 'href="?page=2"' in first.text
