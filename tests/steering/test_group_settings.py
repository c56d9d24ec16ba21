"""A group's settings on its page (#18): composition rules and reminder lead times, edited
by the secretariat on a form, checked with clear messages, kept in history and read by the
composition checks and the reminder scan."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from steering.compliance import checks
from steering.compliance.registry import Rule
from steering.meetings.reminders import lead_days_for
from steering.models import SteeringGroup
from steering.register.services.databases import update_group
from tests import factories

pytestmark = pytest.mark.django_db

VALID = {
    "requires_all_regions": "on",
    "requires_leadership_representative": "on",
    "min_patient_representatives": "2",
    "full_day_meetings_per_year": "2",
    "reminder_lead_days": "14, 2",
    "notes": "",
}


def edit_url(group) -> str:
    return reverse("steering:group-edit", args=[group.database.slug])


def test_the_group_page_shows_the_settings_and_the_secretariat_may_edit_them(
    client, secretariat, group
):
    client.force_login(secretariat)
    html = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The group's settings" in html and "14, 2 days before" in html
    assert f'href="{edit_url(group)}"' in html
    form = client.get(edit_url(group)).content.decode()
    assert 'value="14, 2"' in form


@pytest.mark.parametrize("persona", ["admin_hovedstaden", "circle_member", "chair"])
def test_others_see_the_settings_but_may_not_edit_them(client, request, persona, group):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "14, 2 days before" in html and edit_url(group) not in html
    assert client.get(edit_url(group)).status_code == 403
    assert client.post(edit_url(group), VALID).status_code == 403


def test_the_days_are_kept_longest_first_and_the_change_in_history(client, secretariat, group):
    client.force_login(secretariat)
    response = client.post(edit_url(group), {**VALID, "reminder_lead_days": "2 30,7"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.reminder_lead_days == [30, 7, 2]
    latest = group.history.first()
    assert latest.history_user == secretariat and latest.reminder_lead_days == [30, 7, 2]
    # The reminder scan reads them.
    assert lead_days_for(group) == [30, 7, 2]
    html = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "14, 2" in html and "30, 7, 2" in html  # the history shows old and new


def test_no_reminders_at_all_is_a_setting_too(client, secretariat, group):
    client.force_login(secretariat)
    assert client.post(edit_url(group), {**VALID, "reminder_lead_days": ""}).status_code == 302
    group.refresh_from_db()
    assert group.reminder_lead_days == [] and lead_days_for(group) == []
    html = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No reminders" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reminder_lead_days", "14, to", "Skriv hele dage adskilt af komma, fx 14, 2."),
        ("reminder_lead_days", "-3", "Skriv hele dage adskilt af komma, fx 14, 2."),
        ("reminder_lead_days", "14, 0", "En påmindelse skal komme 1 til 60 dage før mødet."),
        ("reminder_lead_days", "61", "En påmindelse skal komme 1 til 60 dage før mødet."),
        ("reminder_lead_days", "7, 14, 7", "Angiv hvert antal dage én gang (7)."),
        ("reminder_lead_days", "1 2 3 4 5 6", "En gruppe kan højst have 5 påmindelser."),
        ("min_patient_representatives", "11", "Der kan højst kræves 10 patient-"),
        # Django's own message for a number below the field's minimum.
        ("min_patient_representatives", "-1", "0"),
        ("full_day_meetings_per_year", "13", "Højst 12 heldagsmøder om året."),
    ],
)
def test_bad_settings_get_a_clear_danish_message_and_nothing_is_saved(
    client, secretariat, group, field, value, message
):
    client.force_login(secretariat)
    response = client.post(edit_url(group), {**VALID, field: value}, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message.split("(")[0] in response.content.decode()
    assert group.history.count() == 1
    group.refresh_from_db()
    assert group.reminder_lead_days == [14, 2] and group.min_patient_representatives == 2


@pytest.mark.parametrize(
    "days", [[2, 14], [14, 14], [0], [61], [1, 2, 3, 4, 5, 6][::-1], ["14"], [True], "14"]
)
def test_the_service_refuses_days_the_form_would_refuse(secretariat, group, days):
    with pytest.raises(ValidationError) as error:
        update_group(actor=secretariat, group=group, reminder_lead_days=days)
    assert "reminder_lead_days" in error.value.message_dict
    group.refresh_from_db()
    assert group.reminder_lead_days == [14, 2]


def test_only_the_secretariat_may_change_the_settings(admin_hovedstaden, group):
    with pytest.raises(PermissionDenied):
        update_group(actor=admin_hovedstaden, group=group, reminder_lead_days=[7])


def test_the_composition_checks_read_the_groups_settings(secretariat):
    group = factories.GroupFactory(
        requires_all_regions=False,
        requires_leadership_representative=True,
        min_patient_representatives=2,
        full_day_meetings_per_year=0,
    )
    factories.MembershipFactory(group=group, role="chair", representing_region=None)

    def broken() -> set[str]:
        fresh = SteeringGroup.objects.get(pk=group.pk)
        return {finding.rule for finding in checks.findings_for_groups([fresh])[group.pk]}

    assert {Rule.LEADERSHIP, Rule.PATIENTS} <= broken()
    update_group(
        actor=secretariat,
        group=group,
        requires_leadership_representative=False,
        min_patient_representatives=0,
    )
    assert not {Rule.LEADERSHIP, Rule.PATIENTS} & broken()
    update_group(actor=secretariat, group=group, full_day_meetings_per_year=2)
    assert Rule.FULL_DAY_MEETINGS in broken()
