"""The work in progress of the demo, so that every page has something to show a newcomer:
buy-out agreements in each state, employer backings recorded and missing, patient
representatives with and without consent to be listed, declarations submitted and missing,
leadership nominations pending and decided.

Everything goes through the services, with the demo logins as the actors where a service
records who proposed or decided. Only the catalogue's first copy gets it (the benchmark
copies are for speed), and each kind is seeded once: a second run finds it and changes
nothing. Who gets what is chosen by a fixed rule over the seats in id order, so every run
seeds the same.
"""

import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef

from regions.models import BuyOutAgreement, EmployerBacking, RegionalAdministrator
from regions.services import (
    change_buyout_agreement,
    decide_buyout_agreement,
    propose_buyout_agreement,
    record_employer_backing,
)
from representatives.eligibility import EligibilityPolicy, eligibility_problems
from representatives.models import LeadershipNomination
from representatives.services import decide_nomination, nominate
from rkkp_portal.accounts.models import User
from steering.demo.catalogue import DATABASES
from steering.demo.data import RKKP_DOMAIN
from steering.models import Declaration, Membership, Person, SteeringGroup
from steering.selfservice.services import set_listing_consent, submit_declaration

Role = Membership.Role
Status = BuyOutAgreement.Status

# The buy-out agreements, one per chair employed in a region: the state each ends in.
BUYOUT_STATES = (
    Status.PROPOSED,
    Status.APPROVED,
    Status.ACTIVE,
    Status.ACTIVE,
    Status.ENDED,
    Status.REJECTED,
    Status.PROPOSED,
    Status.ACTIVE,
)
BUYOUT_AMOUNTS = (Decimal("180000"), Decimal("120000"), Decimal("240000"), Decimal("90000"))


def seed_casework(*, today: datetime.date, log) -> None:
    seats = (
        Membership.objects.active()
        .filter(group__database__slug__in=[spec.slug for spec in DATABASES])
        .select_related("person__employer", "group__database")
        .order_by("pk")
    )
    secretariat = User.objects.get(email=f"sekretariat@{RKKP_DOMAIN}")
    admins = {a.region_id: a.user for a in RegionalAdministrator.objects.select_related("user")}
    circle = User.objects.get(email=f"direktoerkreds@{RKKP_DOMAIN}")
    parts = [
        _buyouts(seats, secretariat, admins, today),
        _backings(seats, today),
        _consents(seats),
        _declarations(seats, today),
        _nominations(admins, circle, today),
    ]
    log("Work in progress: " + (", ".join(part for part in parts if part) or "already seeded"))


def _buyouts(seats, secretariat, admins, today) -> str:
    if BuyOutAgreement.objects.exists():
        return ""
    chairs = [
        seat
        for seat in seats.filter(role=Role.CHAIR, person__region__isnull=False)
        if seat.person.employer is not None
        and seat.person.employer.region_id == seat.person.region_id
        and seat.person.user_id is None
    ][: len(BUYOUT_STATES)]
    for index, (seat, state) in enumerate(zip(chairs, BUYOUT_STATES, strict=False)):
        admin = admins[seat.person.region_id]
        past = state == Status.ENDED
        starts_on = datetime.date(today.year - (1 if past else 0), 1, 1)
        ends_on = datetime.date(starts_on.year + (0 if past else 1), 12, 31)
        terms = {
            "membership": seat,
            "employer": seat.person.employer,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "annual_amount_dkk": BUYOUT_AMOUNTS[index % len(BUYOUT_AMOUNTS)],
            "hours_per_month": Decimal("20"),
            "fte_share": None,
            "notes": "",
        }
        agreement = propose_buyout_agreement(actor=admin, **terms)
        if state == Status.PROPOSED:
            continue
        if state == Status.REJECTED:
            decide_buyout_agreement(
                actor=secretariat,
                agreement=agreement,
                approve=False,
                reasoning="Puljen dækker ikke frikøb ud over formandsopgaven.",
            )
            continue
        agreement = decide_buyout_agreement(actor=secretariat, agreement=agreement, approve=True)
        if state in (Status.ACTIVE, Status.ENDED):
            agreement = change_buyout_agreement(
                actor=admin, agreement=agreement, status=Status.ACTIVE, **terms
            )
        if state == Status.ENDED:
            change_buyout_agreement(actor=admin, agreement=agreement, status=Status.ENDED, **terms)
    return f"{len(chairs)} buy-out agreements"


def _backings(seats, today) -> str:
    """Two of three seats held by people employed in a region have their backing recorded."""
    if EmployerBacking.objects.exists():
        return ""
    held = seats.filter(person__region__isnull=False)
    count = 0
    for index, seat in enumerate(held):
        if index % 3 == 2:
            continue
        record_employer_backing(
            actor=None,
            membership=seat,
            confirmed_on=min(seat.term_start, today),
            confirmed_by=f"Ledelsen, {seat.person.employer}",
        )
        count += 1
    return f"{count} employer backings"


def _consents(seats) -> str:
    """Every other patient/relative representative consents to be listed publicly."""
    if Person.objects.filter(listing_consent_at__isnull=False).exists():
        return ""
    people = list(
        Person.objects.filter(pk__in=seats.filter(role=Role.PATIENT).values("person"))
        .order_by("pk")
        .distinct()
    )
    consenting = people[::2]
    for person in consenting:
        set_listing_consent(actor=None, person=person, consent=True)
    return f"{len(consenting)} of {len(people)} patient representatives consent to be listed"


def _declarations(seats, today) -> str:
    """Three of four members have declared this year; some of them have something to say."""
    if Declaration.objects.exists():
        return ""
    people = list(Person.objects.filter(pk__in=seats.values("person")).order_by("pk").distinct())
    submitted = 0
    for index, person in enumerate(people):
        if index % 4 == 3:
            continue
        interests = index % 5 == 0
        submit_declaration(
            actor=None,
            person=person,
            year=today.year,
            nothing_to_declare=not interests,
            boards="Medlem af bestyrelsen i det faglige selskab." if interests else "",
            financial_interests="Honorar for undervisning, 2025." if interests else "",
        )
        submitted += 1
    return f"{submitted} of {len(people)} declarations this year"


def _nominations(admins, circle, today) -> str:
    """Four groups without a leadership representative get a nomination each: two wait
    for the circle, one is approved and one rejected."""
    if LeadershipNomination.objects.exists():
        return ""
    leader = Membership.objects.current().filter(group=OuterRef("pk"), role=Role.LEADERSHIP)
    groups = list(
        SteeringGroup.objects.filter(
            requires_leadership_representative=True,
            database__slug__in=[spec.slug for spec in DATABASES],
        )
        .exclude(Exists(leader))
        .select_related("database")
        .order_by("database__name")[:4]
    )
    policy = EligibilityPolicy.load()
    candidates = [
        person
        for person in Person.objects.filter(user__isnull=True, region__isnull=False)
        .select_related("employer__kind")
        .order_by("pk")
        if not eligibility_problems(person, policy)
    ]
    decisions = (None, None, True, False)
    made = 0
    for group, approve in zip(groups, decisions, strict=False):
        candidate = next(
            (
                person
                for person in candidates
                if not Membership.objects.current().filter(person=person, group=group).exists()
            ),
            None,
        )
        if candidate is None:
            continue
        candidates.remove(candidate)
        nomination = nominate(
            actor=admins[candidate.region_id],
            person=candidate,
            group=group,
            motivation="Har stor erfaring med kvalitetsarbejde og ledelse på tværs af afdelinger.",
        )
        made += 1
        if approve is None:
            continue
        decide_nomination(
            actor=circle,
            nomination=nomination,
            approve=approve,
            reasoning=(
                "Kandidaten opfylder kriterierne og har tid til heldagsmøderne."
                if approve
                else "Kredsen foretrækker en kandidat fra en anden region."
            ),
            term_start=today,
        )
    return f"{made} leadership nominations"
