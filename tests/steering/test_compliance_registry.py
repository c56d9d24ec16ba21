"""One source for every rule's parameters (issue #20, point 13): the registry of rules
(steering/compliance/registry.py) holds each rule's label, parameters and check, and the
"ending soon" window is the setting TERM_ENDING_SOON_DAYS everywhere: in the check and its
texts, the seat figures, the dashboards and /me/."""

import datetime

import pytest
from django.utils import timezone, translation

from steering.compliance import register, registry
from steering.compliance.checks import RULE_LABELS, Rule, check_group
from steering.compliance.facts import GroupFacts, Seat
from steering.models import Membership
from tests import factories

TODAY = datetime.date(2025, 6, 1)
REGIONS = {1: "Hovedstaden"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def thirty_days(settings):
    settings.TERM_ENDING_SOON_DAYS = 30


def society_seat(term_end: datetime.date, membership_id: int = 1) -> Seat:
    return Seat(
        membership_id=membership_id,
        person_id=membership_id,
        person_name="A",
        role=Membership.Role.SOCIETY,
        region_id=1,
        term_start=datetime.date(2024, 1, 1),
        term_end=term_end,
    )


def ending_soon(seats: list[Seat]):
    group = GroupFacts(seats=seats, region_ids=REGIONS)
    return [f for f in check_group(group, TODAY) if f.rule == Rule.ENDING_SOON]


def test_every_rule_code_has_one_registry_entry_with_its_label_and_check():
    codes = [value for name, value in vars(Rule).items() if name.isupper()]

    assert list(registry.RULES) == codes
    assert {code: rule.label for code, rule in registry.RULES.items()} == RULE_LABELS
    assert all(callable(rule.check) for rule in registry.RULES.values())


def test_the_ending_soon_check_follows_the_setting(thirty_days):
    assert ending_soon([society_seat(TODAY + datetime.timedelta(days=60))]) == []
    (finding,) = ending_soon([society_seat(TODAY + datetime.timedelta(days=30))])
    assert finding.message == "1 term ends within 30 days."


def test_a_longer_window_in_the_setting_widens_the_check(settings):
    settings.TERM_ENDING_SOON_DAYS = 120

    (finding,) = ending_soon(
        [
            society_seat(TODAY + datetime.timedelta(days=100), 1),
            society_seat(TODAY + datetime.timedelta(days=110), 2),
        ]
    )
    assert finding.message == "2 terms end within 120 days."
    assert finding.membership_ids == (1, 2)


def test_the_rule_s_label_names_the_setting_s_days(thirty_days):
    assert str(RULE_LABELS[Rule.ENDING_SOON]) == "Terms ending within 30 days"
    assert str(registry.RULES[Rule.ENDING_SOON].label) == "Terms ending within 30 days"


@pytest.mark.django_db
def test_the_seat_figures_count_ending_terms_by_the_same_window(thirty_days, group):
    today = timezone.localdate()
    factories.MembershipFactory(group=group, term_end=today + datetime.timedelta(days=20))
    factories.MembershipFactory(group=group, term_end=today + datetime.timedelta(days=60))

    figures = register.compute(today).seats
    (finding,) = [f for f in register.compute(today).failing[group.pk] if f.rule == "ending_soon"]

    assert figures.ending == 1
    assert len(finding.membership_ids) == 1


@pytest.mark.django_db
def test_the_dashboards_name_the_setting_s_window(
    client, thirty_days, secretariat, admin_hovedstaden, hovedstaden
):
    today = timezone.localdate()
    seat = factories.MembershipFactory(
        representing_region=hovedstaden, term_end=today + datetime.timedelta(days=45)
    )
    client.cookies["django_language"] = "en"

    client.force_login(secretariat)
    text = " ".join(client.get("/").text.split())
    assert "terms end within 30 days" in text
    assert "90 days" not in text

    client.force_login(admin_hovedstaden)
    response = client.get("/")
    # The dashboard counts (45 days is outside the window); the workspace lists.
    assert response.context["region"]["ending_count"] == 0
    assert "terms end within 30 days" in " ".join(response.text.split())
    workspace = client.get("/regions/hovedstaden/")
    assert seat not in workspace.context["data"]["ending"]
    assert "Terms ending within 30 days" in workspace.text
    assert "90 days" not in workspace.text


@pytest.mark.django_db
def test_me_warns_of_an_ending_term_by_the_same_window(client, thirty_days, member, member_seat):
    member_seat.term_end = timezone.localdate() + datetime.timedelta(days=45)
    member_seat.save()
    client.force_login(member)

    assert client.get("/me/").context["ending_seats"] == []

    member_seat.term_end = timezone.localdate() + datetime.timedelta(days=25)
    member_seat.save()
    assert client.get("/me/").context["ending_seats"] == [member_seat]


def test_the_rules_compare_roles_with_the_model_s_values_not_bare_strings():
    import pathlib
    import re

    roles = "|".join(value for value, _label in Membership.Role.choices)
    bare = re.compile(rf"""(?:==|!=|\bin\b)\s*\(?["']({roles})["']""")
    folder = pathlib.Path(registry.__file__).parent
    found = [
        f"{path.name}: {match.group()}"
        for path in sorted(folder.glob("*.py"))
        for match in bare.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
