"""Who may do what with databases, groups, people and seats.

Predicates receive the user and (for object permissions) the object; the scoped
querysets in ``steering/access.py`` apply the same rules to lists.
"""

import rules
from allauth.account.models import EmailAddress

from steering.models import Membership, SuccessionAsk


@rules.predicate
def is_secretariat(user) -> bool:
    return user.is_authenticated and user.roles.secretariat


@rules.predicate
def is_regional_admin(user) -> bool:
    return user.is_authenticated and user.roles.admin_region_id is not None


@rules.predicate
def is_circle_member(user) -> bool:
    return user.is_authenticated and user.roles.circle


@rules.predicate
def sits_in_group(user, group) -> bool:
    if group is None or not user.is_authenticated or user.roles.person_id is None:
        return False
    return Membership.objects.current().filter(person_id=user.roles.person_id, group=group).exists()


@rules.predicate
def chairs_group(user, group) -> bool:
    if group is None or not user.is_authenticated or user.roles.person_id is None:
        return False
    return (
        Membership.objects.in_office()
        .filter(person_id=user.roles.person_id, group=group, role=Membership.Role.CHAIR)
        .exists()
    )


@rules.predicate
def administers_region(user, region) -> bool:
    return (
        region is not None
        and user.is_authenticated
        and user.roles.admin_region_id is not None
        and user.roles.admin_region_id == region.pk
    )


@rules.predicate
def administers_seat_region(user, membership) -> bool:
    return (
        membership is not None
        and user.is_authenticated
        and user.roles.admin_region_id is not None
        and membership.representing_region_id == user.roles.admin_region_id
    )


@rules.predicate
def employs_in_administered_region(user, person) -> bool:
    return (
        person is not None
        and user.is_authenticated
        and user.roles.admin_region_id is not None
        and person.region_id == user.roles.admin_region_id
    )


@rules.predicate
def is_the_person(user, person) -> bool:
    return (
        person is not None
        and person.pk is not None
        and user.is_authenticated
        and user.roles.person_id is not None
        and person.pk == user.roles.person_id
    )


@rules.predicate
def is_regional_seat(user, membership) -> bool:
    """Regions appoint their regional members; chairs, leaders and others have other bodies."""
    return membership is not None and membership.role == Membership.Role.MEMBER


@rules.predicate
def is_leadership_seat(user, membership) -> bool:
    """Leadership representatives are appointed by the health directors' circle."""
    return membership is not None and membership.role == Membership.Role.LEADERSHIP


@rules.predicate
def holds_the_seat(user, membership) -> bool:
    return (
        membership is not None
        and user.is_authenticated
        and membership.person_id == user.roles.person_id
    )


reads_the_register = is_secretariat | is_regional_admin | is_circle_member


@rules.predicate
def sits_in_meeting_group(user, meeting) -> bool:
    group = getattr(meeting, "group", None)
    return group is not None and sits_in_group(user, group)


@rules.predicate
def invitation_is_own(user, invitation) -> bool:
    return (
        invitation is not None
        and user.is_authenticated
        and user.roles.person_id is not None
        and invitation.person_id == user.roles.person_id
    )


# Domain permissions (object: the group, person or seat in question).
rules.add_perm("steering.read_group", reads_the_register | sits_in_group)
rules.add_perm("steering.manage_group", is_secretariat)
# Letters to a whole group (steering/letters/group_letters.py): the secretariat, and the
# chair for their own group.
rules.add_perm("steering.write_to_group", is_secretariat | chairs_group)
rules.add_perm(
    "steering.read_person", is_secretariat | employs_in_administered_region | is_the_person
)
rules.add_perm(
    "steering.edit_person", is_secretariat | employs_in_administered_region | is_the_person
)
rules.add_perm("steering.register_person", is_secretariat | employs_in_administered_region)
# Self-service (#8): only the person themself; consent to public listing is theirs to give.
rules.add_perm("steering.edit_own_details", is_the_person)
rules.add_perm("steering.give_listing_consent", is_the_person)
rules.add_perm("steering.submit_declaration", is_the_person)
rules.add_perm("steering.manage_declarations", is_secretariat)
rules.add_perm("steering.list_people", is_secretariat | is_regional_admin)
# The header's search (rkkp_portal/search): each kind of result is scoped on its own.
rules.add_perm("steering.search_register", reads_the_register)
rules.add_perm(
    "steering.appoint_member",
    is_secretariat
    | (administers_seat_region & is_regional_seat)
    | (is_circle_member & is_leadership_seat),
)
# Re-appointing a chair past the framework's term limit is the secretariat's exception (#20).
rules.add_perm("steering.exceed_chair_term_limit", is_secretariat)
rules.add_perm(
    "steering.end_membership", is_secretariat | (administers_seat_region & is_regional_seat)
)
rules.add_perm(
    "steering.read_membership", is_secretariat | administers_seat_region | holds_the_seat
)
# Meetings (#6): the group's members and staff read a meeting and its papers.
rules.add_perm("steering.read_meeting", reads_the_register | sits_in_meeting_group)
rules.add_perm("steering.respond_to_invitation", invitation_is_own)
rules.add_perm("steering.view_meeting_plan", reads_the_register)
rules.add_perm("steering.view_attendance_statistics", is_secretariat | is_circle_member)
# Attendance in one year as charts (#19); an administrator's figures count only the people
# employed in their region (steering/meetings/access.py::invitations_counted_for).
rules.add_perm("steering.view_yearly_attendance", reads_the_register)
# The secretariat's register pages (issue #3): only the secretariat writes there.
rules.add_perm("steering.manage_register", is_secretariat)
rules.add_perm("steering.read_compliance", reads_the_register)
# The forecast (#22): each reader for the seats their body appoints (compliance/forecast.py).
rules.add_perm("steering.read_forecast", reads_the_register)


# Succession (#22; object: the question about a seat). Each appointing body follows and
# answers the questions about the seats it appoints; the member answers their own.
@rules.predicate
def asks_administered_region(user, ask) -> bool:
    return (
        isinstance(ask, SuccessionAsk)
        and ask.body == SuccessionAsk.Body.REGION
        and user.is_authenticated
        and user.roles.admin_region_id is not None
        and ask.membership.representing_region_id == user.roles.admin_region_id
    )


@rules.predicate
def asks_the_circle(user, ask) -> bool:
    return (
        isinstance(ask, SuccessionAsk)
        and ask.body == SuccessionAsk.Body.CIRCLE
        and is_circle_member(user)
    )


@rules.predicate
def asks_the_person(user, ask) -> bool:
    return isinstance(ask, SuccessionAsk) and is_the_person(user, ask.membership.person)


rules.add_perm("steering.follow_succession", reads_the_register)
rules.add_perm(
    "steering.handle_succession", is_secretariat | asks_administered_region | asks_the_circle
)
rules.add_perm("steering.answer_willingness", asks_the_person)


# The outbox (object: the message). Administrators follow letters to people employed in
# their region; everyone sees the letters addressed to them.
@rules.predicate
def message_to_administered_region(user, message) -> bool:
    return (
        message is not None
        and user.is_authenticated
        and user.roles.admin_region_id is not None
        and message.recipient_person_id is not None
        and message.recipient_person.region_id == user.roles.admin_region_id
    )


@rules.predicate
def message_to_user(user, message) -> bool:
    if message is None or not user.is_authenticated:
        return False
    if message.recipient_person_id is not None:
        return message.recipient_person_id == user.roles.person_id
    # As messages_visible_to: an address counts only once the user has verified it.
    return EmailAddress.objects.filter(
        user=user, verified=True, email__iexact=message.recipient_email
    ).exists()


rules.add_perm(
    "steering.read_message", is_secretariat | message_to_administered_region | message_to_user
)
rules.add_perm("steering.retry_message", is_secretariat)
# The addresses receiving servers refused (bounces): the secretariat keeps the register's
# addresses, so it follows them up.
rules.add_perm("steering.read_bounces", is_secretariat)
# The printable welcome letter (object: the seat) is for whoever may read the seat.
rules.add_perm(
    "steering.read_welcome_letter", is_secretariat | administers_seat_region | holds_the_seat
)

# Data protection (#10): everything held about a person, and anonymising them, is the
# secretariat's (the person asks the secretariat; see the privacy page).
rules.add_perm("steering.export_person_data", is_secretariat)
rules.add_perm("steering.anonymise_person", is_secretariat)

# The Django admin is the secretariat's tool; its model permissions come from here too.
for model in (
    "clinicaldatabase",
    "steeringgroup",
    "person",
    "membership",
    "meeting",
    "invitation",
    "declaration",
    "message",
    "meetingpaper",
    "calendartoken",
    "standardtext",
    "successionask",
):
    for action in ("view", "add", "change"):
        rules.add_perm(f"steering.{action}_{model}", is_secretariat)
# Letters to a group are written on the group's page; the admin only shows them.
rules.add_perm("steering.view_groupletter", is_secretariat)
rules.add_perm("steering.delete_meeting", is_secretariat)
rules.add_perm("steering.delete_meetingpaper", is_secretariat)
rules.add_perm("steering", is_secretariat)
