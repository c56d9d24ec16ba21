"""Who approves a buy-out (#20.10): the region proposes, the secretariat approves or rejects.

The RKKP pool is common to all regions (the framework names no other approving body), so
a regional administrator cannot approve their own region's agreement by any route.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from regions import reports, services
from regions.models import BuyOutAgreement
from regions.workspace import chairs_without_agreement
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # pages in their msgid language
    return client


@pytest.fixture
def chair_hovedstaden(group, hospital_hovedstaden):
    return factories.MembershipFactory(
        group=group,
        role="chair",
        representing_region=None,
        appointing_body="rkkp",
        person__employer=hospital_hovedstaden,
    )


def terms(membership, employer, **extra):
    return {
        "membership": membership,
        "employer": employer,
        "starts_on": datetime.date(2026, 1, 1),
        "ends_on": datetime.date(2026, 12, 31),
        "hours_per_month": Decimal("20"),
        "fte_share": None,
        "annual_amount_dkk": Decimal("120000"),
        "notes": "",
        **extra,
    }


@pytest.fixture
def fields(chair_hovedstaden, hospital_hovedstaden):
    return terms(chair_hovedstaden, hospital_hovedstaden)


@pytest.fixture
def agreement(admin_hovedstaden, fields):
    return services.propose_buyout_agreement(actor=admin_hovedstaden, **fields)


def page(agreement, action="edit"):
    return f"/regions/hovedstaden/buyouts/{agreement.pk}/{action}/"


# --- services ------------------------------------------------------------------------


def test_the_secretariat_approves_and_is_recorded_with_the_time(secretariat, agreement):
    before = timezone.now()
    approved = services.decide_buyout_agreement(
        actor=secretariat, agreement=agreement, approve=True
    )
    assert approved.status == "approved"
    assert approved.decided_by == secretariat
    assert before <= approved.decided_at <= timezone.now()
    latest = approved.history.first()
    assert latest.history_user == secretariat
    assert (latest.status, latest.decided_by_id) == ("approved", secretariat.pk)


def test_a_regional_administrator_cannot_approve_their_own_regions_agreement(
    admin_hovedstaden, agreement, fields
):
    with pytest.raises(PermissionDenied):
        services.decide_buyout_agreement(actor=admin_hovedstaden, agreement=agreement, approve=True)
    # Nor by setting the status on the agreement's form.
    with pytest.raises(ValidationError) as raised:
        services.change_buyout_agreement(
            actor=admin_hovedstaden, agreement=agreement, status="approved", **fields
        )
    assert "The secretariat approves or rejects" in str(raised.value)
    agreement.refresh_from_db()
    assert agreement.status == "proposed" and agreement.decided_by is None


def test_nor_can_the_secretariat_approve_by_setting_the_status(secretariat, agreement, fields):
    """One way to approve: the decision, which records who and when."""
    with pytest.raises(ValidationError):
        services.change_buyout_agreement(
            actor=secretariat, agreement=agreement, status="approved", **fields
        )


def test_a_rejection_says_why_and_is_recorded(secretariat, agreement):
    with pytest.raises(ValidationError) as raised:
        services.decide_buyout_agreement(actor=secretariat, agreement=agreement, approve=False)
    assert "reasoning" in raised.value.message_dict
    rejected = services.decide_buyout_agreement(
        actor=secretariat,
        agreement=agreement,
        approve=False,
        reasoning="  The pool for 2026 is spent.  ",
    )
    assert rejected.status == "rejected"
    assert rejected.reasoning == "The pool for 2026 is spent."
    assert rejected.decided_by == secretariat and rejected.decided_at is not None


def test_an_agreement_is_decided_once(secretariat, agreement):
    services.decide_buyout_agreement(actor=secretariat, agreement=agreement, approve=True)
    with pytest.raises(ValidationError) as raised:
        services.decide_buyout_agreement(
            actor=secretariat, agreement=agreement, approve=False, reasoning="Changed my mind"
        )
    assert raised.value.code == "already_decided"


def test_a_rejected_agreement_stays_rejected(admin_hovedstaden, secretariat, agreement, fields):
    services.decide_buyout_agreement(
        actor=secretariat, agreement=agreement, approve=False, reasoning="No"
    )
    for status in ("proposed", "approved", "active"):
        with pytest.raises(ValidationError):
            services.change_buyout_agreement(
                actor=admin_hovedstaden, agreement=agreement, status=status, **fields
            )


def test_the_region_cannot_change_approved_terms_but_may_end_earlier(
    admin_hovedstaden, secretariat, agreement, fields
):
    services.decide_buyout_agreement(actor=secretariat, agreement=agreement, approve=True)
    with pytest.raises(ValidationError) as raised:
        services.change_buyout_agreement(
            actor=admin_hovedstaden,
            agreement=agreement,
            status="approved",
            **{**fields, "annual_amount_dkk": Decimal("900000")},
        )
    assert raised.value.code == "decided_terms"
    with pytest.raises(ValidationError):
        services.change_buyout_agreement(
            actor=admin_hovedstaden,
            agreement=agreement,
            status="approved",
            **{**fields, "ends_on": datetime.date(2027, 12, 31)},
        )
    ended = services.change_buyout_agreement(
        actor=admin_hovedstaden,
        agreement=agreement,
        status="ended",
        **{**fields, "ends_on": datetime.date(2026, 9, 30), "notes": "The chair stepped down."},
    )
    assert (ended.status, ended.ends_on) == ("ended", datetime.date(2026, 9, 30))
    assert ended.annual_amount_dkk == Decimal("120000")


def test_the_secretariat_may_change_approved_terms(secretariat, agreement, fields):
    services.decide_buyout_agreement(actor=secretariat, agreement=agreement, approve=True)
    changed = services.change_buyout_agreement(
        actor=secretariat,
        agreement=agreement,
        status="approved",
        **{**fields, "annual_amount_dkk": Decimal("100000")},
    )
    assert changed.annual_amount_dkk == Decimal("100000")


def test_only_an_approval_counts_in_the_report(
    admin_hovedstaden, secretariat, chair_hovedstaden, hospital_hovedstaden, agreement, fields
):
    services.decide_buyout_agreement(
        actor=secretariat, agreement=agreement, approve=False, reasoning="No"
    )
    withdrawn = services.propose_buyout_agreement(actor=admin_hovedstaden, **fields)
    services.change_buyout_agreement(
        actor=admin_hovedstaden, agreement=withdrawn, status="ended", **fields
    )
    [bucket] = reports.buyout_report(2026, hospital_hovedstaden.region)
    assert len(bucket.rows) == 2
    assert bucket.total == Decimal("0.00")


def test_a_chair_whose_agreement_was_rejected_has_no_agreement(
    secretariat, agreement, chair_hovedstaden, hovedstaden
):
    assert chair_hovedstaden not in chairs_without_agreement(hovedstaden)
    services.decide_buyout_agreement(
        actor=secretariat, agreement=agreement, approve=False, reasoning="No"
    )
    assert chair_hovedstaden in chairs_without_agreement(hovedstaden)


# --- pages ---------------------------------------------------------------------------


def test_the_regions_form_offers_no_approval(client, admin_hovedstaden, agreement):
    client.force_login(admin_hovedstaden)
    response = client.get(page(agreement))
    choices = [value for value, _label in response.context["form"].fields["status"].choices]
    assert choices == ["proposed", "ended"]
    assert response.context["decision_form"] is None
    assert page(agreement, "decide") not in response.text


def test_posting_an_approval_as_a_regional_administrator_is_refused(
    client, admin_hovedstaden, agreement, fields
):
    client.force_login(admin_hovedstaden)
    response = client.post(page(agreement, "decide"), {"decision": "approve"})
    assert response.status_code == 403
    # The status on the terms form is refused with a message, too.
    data = {
        "membership": fields["membership"].pk,
        "employer": fields["employer"].pk,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "hours_per_month": "20",
        "annual_amount_dkk": "120000",
        "status": "approved",
    }
    response = client.post(page(agreement), data)
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    agreement.refresh_from_db()
    assert agreement.status == "proposed" and agreement.decided_at is None


def test_another_regions_administrator_does_not_see_the_decision(
    client, admin_syddanmark, agreement
):
    client.force_login(admin_syddanmark)
    assert client.post(page(agreement, "decide"), {"decision": "approve"}).status_code == 403
    url = f"/regions/syddanmark/buyouts/{agreement.pk}/decide/"
    assert client.post(url, {"decision": "approve"}).status_code == 404


def test_the_secretariat_decides_on_the_agreements_page(client, secretariat, agreement):
    client.force_login(secretariat)
    response = client.get(page(agreement))
    assert response.context["decision_form"] is not None
    assert page(agreement, "decide") in response.text

    response = client.post(page(agreement, "decide"), {"decision": "reject", "reasoning": ""})
    assert response.status_code == 200
    assert response.context["decision_form"].errors["reasoning"]

    response = client.post(page(agreement, "decide"), {"decision": "approve"})
    assert response["Location"] == page(agreement)
    shown = client.get(page(agreement))
    assert shown.context["decision_form"] is None
    assert "Decided by" in shown.text and str(secretariat) in shown.text


def test_deciding_is_post_only(client, secretariat, agreement):
    client.force_login(secretariat)
    assert client.get(page(agreement, "decide")).status_code == 405


def test_deciding_twice_on_the_page_gives_a_message(client, secretariat, agreement):
    client.force_login(secretariat)
    client.post(page(agreement, "decide"), {"decision": "approve"})
    response = client.post(page(agreement, "decide"), {"decision": "reject", "reasoning": "No"})
    assert response.status_code == 200
    assert "already approved" in str(response.context["decision_form"].errors)
    assert BuyOutAgreement.objects.get().status == "approved"
