"""Buy-out agreements: region-scoped CRUD, statuses, flags and the yearly report."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regions import reports, services
from regions.models import BuyOutAgreement
from tests import factories


@pytest.fixture
def chair_hovedstaden(group, hospital_hovedstaden):
    return factories.MembershipFactory(
        group=group,
        role="chair",
        representing_region=None,
        person__employer=hospital_hovedstaden,
        person__last_name="Æblegaard",
    )


def terms(membership, employer, **extra):
    return {
        "membership": membership,
        "employer": employer,
        "starts_on": datetime.date(2026, 7, 1),
        "ends_on": datetime.date(2027, 6, 30),
        "hours_per_month": Decimal("20"),
        "fte_share": None,
        "annual_amount_dkk": Decimal("120000"),
        "notes": "",
        **extra,
    }


@pytest.fixture
def agreement(admin_hovedstaden, chair_hovedstaden, hospital_hovedstaden):
    return services.propose_buyout_agreement(
        actor=admin_hovedstaden, **terms(chair_hovedstaden, hospital_hovedstaden)
    )


def test_an_admin_proposes_an_agreement_for_a_chair(agreement, admin_hovedstaden):
    assert agreement.status == "proposed"
    assert agreement.history.first().history_user == admin_hovedstaden


def test_another_region_cannot_propose_or_change_it(
    admin_syddanmark, agreement, chair_hovedstaden, hospital_hovedstaden
):
    with pytest.raises(PermissionDenied):
        services.propose_buyout_agreement(
            actor=admin_syddanmark, **terms(chair_hovedstaden, hospital_hovedstaden)
        )
    with pytest.raises(PermissionDenied):
        services.change_buyout_agreement(
            actor=admin_syddanmark,
            agreement=agreement,
            status="approved",
            **terms(chair_hovedstaden, hospital_hovedstaden),
        )


def test_the_employer_must_be_where_the_member_works(
    admin_syddanmark, chair_hovedstaden, hospital_syddanmark
):
    with pytest.raises(ValidationError):
        services.propose_buyout_agreement(
            actor=admin_syddanmark, **terms(chair_hovedstaden, hospital_syddanmark)
        )
    assert not BuyOutAgreement.objects.exists()


def test_statuses_move_forward_only(
    admin_hovedstaden, secretariat, agreement, chair_hovedstaden, hospital_hovedstaden
):
    fields = terms(chair_hovedstaden, hospital_hovedstaden)
    agreement = services.decide_buyout_agreement(
        actor=secretariat, agreement=agreement, approve=True
    )
    for status in ("active", "ended"):
        agreement = services.change_buyout_agreement(
            actor=admin_hovedstaden, agreement=agreement, status=status, **fields
        )
    with pytest.raises(ValidationError):
        services.change_buyout_agreement(
            actor=admin_hovedstaden, agreement=agreement, status="active", **fields
        )


def test_the_form_offers_only_the_regions_seats_and_employers(
    client, admin_hovedstaden, chair_hovedstaden, outsider_seat, hospital_syddanmark
):
    client.force_login(admin_hovedstaden)
    form = client.get("/regions/hovedstaden/buyouts/new/").context["form"]
    assert list(form.fields["membership"].queryset) == [chair_hovedstaden]
    assert hospital_syddanmark not in form.fields["employer"].queryset


def test_a_crafted_seat_of_another_region_is_refused(
    client, admin_hovedstaden, outsider_seat, hospital_hovedstaden
):
    client.force_login(admin_hovedstaden)
    data = {
        "membership": outsider_seat.pk,
        "employer": hospital_hovedstaden.pk,
        "starts_on": "2026-07-01",
        "ends_on": "2027-06-30",
        "hours_per_month": "20",
        "annual_amount_dkk": "1000",
    }
    response = client.post("/regions/hovedstaden/buyouts/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["membership"]
    assert not BuyOutAgreement.objects.exists()


def test_an_admin_proposes_and_the_secretariat_approves_through_the_pages(
    client, admin_hovedstaden, secretariat, chair_hovedstaden, hospital_hovedstaden
):
    client.force_login(admin_hovedstaden)
    data = {
        "membership": chair_hovedstaden.pk,
        "employer": hospital_hovedstaden.pk,
        "starts_on": "2026-07-01",
        "ends_on": "2027-06-30",
        "fte_share": "0.2",
        "annual_amount_dkk": "150000",
    }
    assert client.post("/regions/hovedstaden/buyouts/new/", data).status_code == 302
    agreement = BuyOutAgreement.objects.get()
    url = f"/regions/hovedstaden/buyouts/{agreement.pk}/edit/"

    client.force_login(secretariat)
    page = client.get(url)
    assert page.context["decision_form"] is not None
    decide = f"/regions/hovedstaden/buyouts/{agreement.pk}/decide/"
    assert client.post(decide, {"decision": "approve"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "approved"
    # Neither hours nor share: the constraint's message on the form, not a 500.
    response = client.post(url, {**data, "fte_share": "", "status": "approved"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_another_regions_agreement_is_invisible(client, admin_syddanmark, agreement):
    client.force_login(admin_syddanmark)
    assert client.get(f"/regions/syddanmark/buyouts/{agreement.pk}/edit/").status_code == 404
    assert client.post(f"/regions/syddanmark/buyouts/{agreement.pk}/edit/", {}).status_code == 404
    assert client.post(f"/regions/hovedstaden/buyouts/{agreement.pk}/edit/", {}).status_code == 403
    assert client.get("/regions/hovedstaden/buyouts/report/").status_code == 403


def test_the_yearly_report_counts_the_share_of_the_year(secretariat, agreement):
    # Proposed: listed, not counted.
    bucket = reports.buyout_report(2026, agreement.employer.region)[0]
    assert bucket.total == Decimal("0.00")
    services.decide_buyout_agreement(actor=secretariat, agreement=agreement, approve=True)
    bucket = reports.buyout_report(2026, agreement.employer.region)[0]
    # 1 July – 31 December: 184 of 365 days of 120,000 DKK.
    assert bucket.rows[0].days == 184
    assert bucket.total == Decimal("60493.15")


def approved(admin, membership, employer, amount):
    agreement = services.propose_buyout_agreement(
        actor=admin,
        **terms(
            membership,
            employer,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            annual_amount_dkk=Decimal(amount),
        ),
    )
    return services.decide_buyout_agreement(
        actor=factories.make_secretariat(), agreement=agreement, approve=True
    )


def test_the_report_exports_per_region_and_in_total(
    client,
    secretariat,
    admin_hovedstaden,
    admin_syddanmark,
    chair_hovedstaden,
    hospital_hovedstaden,
    hospital_syddanmark,
    outsider_seat,
):
    approved(admin_hovedstaden, chair_hovedstaden, hospital_hovedstaden, "1000")
    approved(admin_syddanmark, outsider_seat, outsider_seat.person.employer, "3000")

    client.force_login(admin_hovedstaden)
    response = client.get("/regions/hovedstaden/buyouts/report/?year=2026&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    text = response.content.decode("utf-8-sig")
    assert "Æblegaard" in text
    assert outsider_seat.person.full_name not in text
    assert rows[-1][-1] == "1000,00"
    assert client.get("/regions/buyout-report/").status_code == 403

    client.force_login(secretariat)
    response = client.get("/regions/buyout-report/?year=2026&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    last = [cell.value for cell in list(sheet.rows)[-1]]
    assert last[-1] == 4000
    html = client.get("/regions/buyout-report/?year=2026").content.decode()
    assert "4.000,00 kr." in html


def test_the_report_costs_the_same_whatever_the_number_of_agreements(
    client, secretariat, admin_hovedstaden, hospital_hovedstaden, django_assert_max_num_queries
):
    client.force_login(secretariat)
    for _ in range(3):
        seat = factories.MembershipFactory(role="chair", person__employer=hospital_hovedstaden)
        approved(admin_hovedstaden, seat, hospital_hovedstaden, "100")
    client.get("/regions/buyout-report/")
    # session, user, roles, regions, agreements.
    with django_assert_max_num_queries(5):
        client.get("/regions/buyout-report/?year=2026&format=csv")


def test_the_report_leads_to_each_agreement_and_each_regions_agreements(
    client, secretariat, admin_hovedstaden, agreement
):
    region = agreement.employer.region
    edit = f"/regions/{region.code}/buyouts/{agreement.pk}/edit/"
    listing = f"/regions/{region.code}/buyouts/"
    for who, report in ((secretariat, "/regions/buyout-report/"), (admin_hovedstaden, None)):
        client.force_login(who)
        report = report or f"/regions/{region.code}/buyouts/report/"
        html = client.get(f"{report}?year=2026").content.decode()
        assert f'href="{edit}"' in html and f'href="{listing}"' in html
        assert client.get(edit).status_code == 200
        assert client.get(listing).status_code == 200
