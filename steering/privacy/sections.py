"""What the personal-data export covers: one section per kind of record held about a person.

A section names a model and how its rows are found from the person: through the person
(``"person"``), their login (``"user"``) or their e-mail addresses (``"email"``). Every
relation from any model to a person, a login or a seat must be covered by a section or
listed in ``NOT_EXPORTED`` with the reason; ``tests/privacy/test_export_completeness.py``
walks the app registry and fails when a new one is neither.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    model: str
    # (lookup from the model, subject it is compared with): "person", "user" or "email".
    lookups: tuple[tuple[str, str], ...]
    # The fields exported; None means every concrete field except ``secret``.
    fields: tuple[str, ...] | None = None
    secret: tuple[str, ...] = ()
    # Also export the model's historical rows (django-simple-history) found the same way.
    history: bool = True
    # Relations that point back into records this section already exports.
    also_covers: tuple[str, ...] = field(default=())

    def relations(self) -> set[str]:
        return {lookup.split("__")[0] for lookup, _subject in self.lookups} | set(self.also_covers)


# A section whose model's app is not installed holds nothing and is left out.
SECTIONS: tuple[Section, ...] = (
    Section(
        "person",
        _("Personal details"),
        "steering.Person",
        (("pk", "person"),),
        also_covers=("user",),  # the login section
    ),
    Section(
        "login",
        _("Login"),
        "accounts.User",
        (("pk", "user"),),
        fields=(
            "email",
            "first_name",
            "last_name",
            "is_active",
            "is_secretariat",
            "is_staff",
            "is_superuser",
            "date_joined",
            "last_login",
        ),
    ),
    Section(
        "login_email_addresses",
        _("E-mail addresses of the login"),
        "account.EmailAddress",
        (("user", "user"),),
        fields=("email", "verified", "primary"),
        history=False,
    ),
    Section(
        "two_factor_methods",
        _("Two-factor authentication"),
        "mfa.Authenticator",
        (("user", "user"),),
        # Never the secret or the recovery codes.
        fields=("type", "created_at", "last_used_at"),
        history=False,
    ),
    Section(
        "login_sessions",
        _("Signed-in sessions"),
        "usersessions.UserSession",
        (("user", "user"),),
        # Never the session key, which is a credential.
        fields=("created_at", "last_seen_at", "ip", "user_agent"),
        history=False,
    ),
    Section(
        "sign_ins",
        _("Sign-ins"),
        "accounts.SignInEvent",
        (("user", "user"),),
        # The client address only as the keyed code the record holds.
        fields=("at", "kind", "outcome", "method", "reason", "client"),
        history=False,
    ),
    Section(
        "single_sign_on",
        _("Single sign-on accounts"),
        "socialaccount.SocialAccount",
        (("user", "user"),),
        # Which provider knows the login under which id; not the provider's whole answer.
        fields=("provider", "uid", "last_login", "date_joined"),
        history=False,
    ),
    Section(
        "regional_administrator",
        _("Regional administrator"),
        "regions.RegionalAdministrator",
        (("user", "user"),),
    ),
    Section(
        "health_directors_circle",
        _("Health directors' circle"),
        "representatives.CircleMember",
        (("user", "user"),),
    ),
    Section(
        "rkkp_database_roles",
        _("RKKP roles for clinical databases"),
        "steering.ClinicalDatabase",
        (("contact_person", "user"), ("epidemiologist", "user"), ("data_manager", "user")),
        fields=("name", "acronym", "contact_person", "epidemiologist", "data_manager"),
    ),
    Section(
        "memberships",
        _("Seats in steering groups"),
        "steering.Membership",
        (("person", "person"),),
        also_covers=("predecessor",),  # the earlier seat, named by its label
    ),
    Section(
        "invitations",
        _("Meeting invitations, answers and attendance"),
        "steering.Invitation",
        (("person", "person"),),
    ),
    Section(
        "declarations",
        _("Declarations of interests"),
        "steering.Declaration",
        (("person", "person"),),
    ),
    Section(
        "nominations",
        _("Nominations as leadership representative"),
        "representatives.LeadershipNomination",
        (("person", "person"),),
        also_covers=("membership",),  # the seat an approval created, in memberships
    ),
    Section(
        "nominations_handled",
        _("Nominations made or decided"),
        "representatives.LeadershipNomination",
        (("proposed_by", "user"), ("decided_by", "user")),
        fields=("person", "group", "status", "created_at", "decided_at"),
    ),
    Section(
        "appointment_requests",
        _("Appointment requests answered with a seat"),
        "regions.AppointmentRequest",
        (("membership__person", "person"),),
    ),
    Section(
        "succession_questions",
        _("Questions about continuing in a seat"),
        "steering.SuccessionAsk",
        (("membership__person", "person"),),
        also_covers=("successor",),  # the seat a re-appointment created, in memberships
    ),
    Section(
        "succession_decisions",
        _("Re-appointments decided"),
        "steering.SuccessionAsk",
        (("decided_by", "user"),),
        fields=("membership", "status", "renewal_starts", "renewal_ends", "decided_at"),
    ),
    Section(
        "buyout_agreements",
        _("Buy-out agreements"),
        "regions.BuyOutAgreement",
        (("membership__person", "person"),),
    ),
    Section(
        "buyouts_decided",
        _("Buy-out agreements decided"),
        "regions.BuyOutAgreement",
        (("decided_by", "user"),),
        fields=("membership", "employer", "status", "decided_at"),
    ),
    Section(
        "employer_backing",
        _("Employer backing"),
        "regions.EmployerBacking",
        (("membership__person", "person"),),
    ),
    Section(
        "support_contacts",
        _("Listed as a regional support contact"),
        "regions.SupportContact",
        (("email__iexact", "email"),),
    ),
    Section(
        "letters",
        _("Letters sent to the person"),
        "steering.Message",
        (("recipient_person", "person"), ("recipient_email__iexact", "email")),
        # The record of a letter, not its text (removed after delivery anyway).
        fields=(
            "kind",
            "subject",
            "recipient_email",
            "status",
            "attempts",
            "created_at",
            "sent_at",
            "body_cleared_at",
        ),
        history=False,
    ),
    Section(
        "calendar_address",
        _("Calendar subscription address"),
        "steering.CalendarToken",
        (("person", "person"),),
        # Whether one exists and since when; never the token, which is a credential.
        fields=("created_at",),
        history=False,
    ),
)

# Changes the person's login made to any record (who changed what): every historical
# table's ``history_user`` and the admin log's ``user``. Exported as a list of the records
# changed and when, without the values (they are other people's data).
CHANGES_MADE = ("changes_made", _("Changes made with the login"))
CHANGE_LOGS = (("admin.LogEntry", "user"),)


def installed_sections() -> list[Section]:
    installed = []
    for section in SECTIONS:
        try:
            apps.get_model(section.model)
        except LookupError:
            continue
        installed.append(section)
    return installed


# Relations to a person, a login or a seat that the export deliberately leaves out.
NOT_EXPORTED: dict[tuple[str, str], str] = {
    ("steering.GroupLetter", "author"): (
        "a letter to a whole group is the group's record of it, written by staff at work and "
        "signed with their name; each recipient's copy is exported as the recipient's letter"
    ),
    ("jobs.Job", "started_by"): (
        "a background job (a roster import) records which staff login started it; its "
        "content is the roster's people, not the one who started it"
    ),
}
