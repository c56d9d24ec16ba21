"""Give the browser journeys their starting points in a freshly seeded demo database.

Run by the session fixture in ``conftest.py`` as ``python -m tests.browser.prepare_journeys``
right after ``seed_demo``, with the server's environment; prints one JSON object, or
writes it to the file named by its argument (``make_run.py``: with ``DEBUG=1`` the
letters it queues are printed to the console too).

The demo data has no open appointment request or leadership nomination, so this writes
one of each through the services (as the secretariat and a regional administrator would
in the portal). Every journey gets its own steering group, so the journeys do not
disturb each other whatever order they run in.
"""

import json
import os
import sys


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rkkp_portal.settings")
    import django

    django.setup()


def main() -> dict:
    _setup_django()
    from django.db import transaction
    from django.utils import timezone

    from regions.models import Region
    from regions.services import request_appointment
    from representatives.eligibility import EligibilityPolicy, eligibility_problems
    from representatives.services import nominate
    from rkkp_portal.accounts.models import User
    from steering.compliance.checks import Rule, facts_for_groups
    from steering.compliance.checks import check_group as findings_of
    from steering.demo.catalogue import DATABASES
    from steering.models import Invitation, Membership, Message, Person, SteeringGroup

    today = timezone.localdate()
    hovedstaden = Region.objects.get(code="hovedstaden")
    secretariat = User.objects.get(email="sekretariat@rkkp.example")
    admin = User.objects.get(email="admin.hovedstaden@rkkp.example")

    demo_slugs = [spec.slug for spec in DATABASES]
    groups = list(
        SteeringGroup.objects.filter(database__slug__in=demo_slugs)
        .select_related("database")
        .order_by("database__name")
    )
    facts = facts_for_groups(groups, today)
    broken = {g.pk: {f.rule for f in findings_of(facts[g.pk], today)} for g in groups}
    # The demo logins' own groups stay as they are, so the dashboards stay recognisable.
    login_groups = set(
        Membership.objects.current()
        .filter(person__user__isnull=False)
        .values_list("group_id", flat=True)
    )
    free = [g for g in groups if g.pk not in login_groups]

    # 1. The secretariat ends the only chair of a group that has one.
    def single_chair(group):
        chairs = [s for s in facts[group.pk].seats if s.role == Membership.Role.CHAIR]
        return len(chairs) == 1 and Rule.CHAIR not in broken[group.pk]

    chair_group = next(g for g in free if single_chair(g))
    chair_seat = Membership.objects.active().get(group=chair_group, role=Membership.Role.CHAIR)

    # 2. The secretariat asks Region Hovedstaden to fill a seat in a group it is missing from.
    represented = set(
        Membership.objects.current().representing(hovedstaden).values_list("group_id", flat=True)
    )
    request_group = next(g for g in free if g.pk not in represented and g.pk != chair_group.pk)
    candidate = (
        Person.objects.employed_in(hovedstaden)
        .exclude(memberships__group=request_group)
        .exclude(user__isnull=False)
        .exclude(email="")
        .order_by("last_name", "first_name")
        .first()
    )
    with transaction.atomic():
        appointment_request = request_appointment(
            actor=secretariat,
            group=request_group,
            region=hovedstaden,
            reason="Regionen mangler en repræsentant i styregruppen.",
        )

    # 3. Region Hovedstaden nominates a qualifying person for a group without a leader.
    policy = EligibilityPolicy.load()
    used = {chair_group.pk, request_group.pk}
    nomination_group = next(g for g in free if Rule.LEADERSHIP in broken[g.pk] and g.pk not in used)
    nominee = next(
        p
        for p in Person.objects.employed_in(hovedstaden)
        .filter(user__isnull=True)
        .exclude(memberships__group=nomination_group)
        .select_related("employer__kind")
        .order_by("pk")
        if not eligibility_problems(p, policy)
    )
    with transaction.atomic():
        nomination = nominate(
            actor=admin,
            person=nominee,
            group=nomination_group,
            motivation="Erfaren leder med ansvar for området i regionen.",
        )

    # 4. The next meeting each member login has not answered yet (one journey each).
    next_meeting = {}
    for email in ("medlem@rkkp.example", "formand@rkkp.example", "ledelse@rkkp.example"):
        invitation = (
            Invitation.objects.filter(
                person__user__email=email,
                response=Invitation.Response.NONE,
                meeting__starts_at__gte=timezone.now(),
            )
            .order_by("meeting__starts_at")
            .first()
        )
        if invitation is None:
            raise SystemExit(f"{email} has no unanswered future meeting to answer.")
        next_meeting[email] = invitation.meeting_id

    # 5. A welcome letter the member's mail server refused for good (a bounce).
    bounced_person = chair_seat.person
    Message.objects.create(
        kind=Message.Kind.WELCOME,
        idempotency_key=f"journey-bounce:{bounced_person.pk}",
        recipient_person=bounced_person,
        recipient_email=bounced_person.email,
        subject="Velkommen i styregruppen",
        body_text="Kære medlem",
        status=Message.Status.FAILED,
        attempts=1,
        bounced=True,
        last_error="SMTPRecipientsRefused: 550 5.1.1 Mailbox unavailable",
    )

    # 6. A regional member's term nears its end: the region and the member are asked (#22).
    from steering.succession import willingness
    from steering.succession.asking import ask_about_seat

    used |= {nomination_group.pk}
    succession_seat = (
        Membership.objects.active()
        .representing(hovedstaden)
        .filter(group__in=[g for g in free if g.pk not in used], role=Membership.Role.MEMBER)
        .exclude(person__email="")
        .select_related("person", "group__database", "representing_region")
        .order_by("pk")
        .first()
    )
    with transaction.atomic():
        succession_ask = ask_about_seat(succession_seat, today)

    # 7. The secretariat re-appoints a regional member ahead of the term's end, on the
    #    seat's page.
    used |= {succession_seat.group_id}
    renewal_seat = (
        Membership.objects.active()
        .representing(hovedstaden)
        .filter(
            group__in=[g for g in free if g.pk not in used],
            role=Membership.Role.MEMBER,
            term_end__gt=today,
            succession_asks__isnull=True,
        )
        .select_related("person")
        .order_by("pk")
        .first()
    )

    return {
        "succession": {
            "id": succession_ask.pk,
            "path": willingness.link(succession_ask).split("/", 3)[3],
            "person": succession_seat.person.full_name,
            "request_id": succession_ask.appointment_request_id,
        },
        "renewal": {"membership_id": renewal_seat.pk, "person": renewal_seat.person.full_name},
        "bounce": {"person": bounced_person.full_name},
        "chair": {
            "membership_id": chair_seat.pk,
            "person": chair_seat.person.full_name,
            "database": chair_group.database.name,
            "slug": chair_group.database.slug,
        },
        "request": {
            "id": appointment_request.pk,
            "database": request_group.database.name,
            "candidate": candidate.full_name,
            "candidate_label": f"{candidate.full_name} <{candidate.email}>",
        },
        "nomination": {
            "id": nomination.pk,
            "person": nominee.full_name,
            "database": nomination_group.database.name,
        },
        "meetings": next_meeting,
    }


if __name__ == "__main__":
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as output:
            json.dump(main(), output)
    else:
        json.dump(main(), sys.stdout)
