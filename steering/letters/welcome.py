"""The welcome letter: everything a new member needs to know, composed from the register."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from steering.letters import outbox
from steering.letters.rendering import render_letter
from steering.models import Meeting, Membership, Message, StandardText
from steering.models.memberships import Role

EXPECTATIONS_BY_ROLE = {
    Role.MEMBER: [StandardText.Key.MEMBER_EXPECTATIONS],
    Role.CHAIR: [StandardText.Key.CHAIR_DUTIES, StandardText.Key.MEMBER_EXPECTATIONS],
    Role.LEADERSHIP: [StandardText.Key.LEADERSHIP_EXPECTATIONS],
    Role.PATIENT: [StandardText.Key.PATIENT_REPRESENTATIVES],
}


OWN_EXPECTATIONS = {Role.LEADERSHIP, Role.PATIENT}


def welcome_context(membership: Membership) -> dict:
    """Everything a new member needs to know, composed from the register."""
    from regions.models import SupportContact, WelcomeLetterSupplement

    person = membership.person
    group = membership.group
    database = group.database
    # What the region offers follows where the member is employed.
    region = person.region or membership.representing_region
    texts = {t.key: t for t in StandardText.objects.all()}
    expectation_keys = list(EXPECTATIONS_BY_ROLE.get(membership.role, []))
    # The regions' expectations cover everyone they employ; leaders and patients have their own.
    employed_in_region = region is not None and membership.role not in OWN_EXPECTATIONS
    if employed_in_region and StandardText.Key.MEMBER_EXPECTATIONS not in expectation_keys:
        expectation_keys.append(StandardText.Key.MEMBER_EXPECTATIONS)
    return {
        "membership": membership,
        "person": person,
        "group": group,
        "database": database,
        "region": region,
        "chairs": [
            m.person
            for m in group.memberships.active().chairs().select_related("person")
            if m.pk != membership.pk
        ],
        "contact_person": database.contact_person,
        "meetings": list(Meeting.objects.upcoming(timezone.now()).filter(group=group)[:3]),
        "region_support": texts.get(StandardText.Key.REGION_SUPPORT) if region else None,
        "supplement": (
            WelcomeLetterSupplement.objects.filter(region=region).first() if region else None
        ),
        "support_contacts": (list(SupportContact.objects.filter(region=region)) if region else []),
        "expectations": [texts[key] for key in expectation_keys if key in texts],
        "login_url": settings.SITE_URL + reverse("account_reset_password"),
        "site_url": settings.SITE_URL,
    }


def queue_welcome_letter(membership: Membership) -> Message | None:
    """Queue the welcome letter once per seat; members without e-mail get the printed one."""
    person = membership.person
    if not person.email:
        return None
    letter = render_letter("welcome", welcome_context(membership), person.language)
    message, _ = outbox.queue_message(
        kind=Message.Kind.WELCOME,
        key=f"welcome:{membership.pk}",
        recipient_email=person.email,
        subject=letter.subject,
        body_text=letter.body_text,
        body_html=letter.body_html,
        person=person,
        group=membership.group,
        language=person.language,
    )
    return message
