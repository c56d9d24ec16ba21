import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rkkp_portal.labels import choice_label


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Regional member")
    SOCIETY = "society", _("Scientific society representative")
    PATIENT = "patient", _("Patient/relative representative")
    LEADERSHIP = "leadership", _("Leadership representative")
    MUNICIPAL = "municipal", _("Municipal representative")
    OBSERVER = "observer", _("Observer")


class AppointingBody(models.TextChoices):
    REGION = "region", _("Region")
    SOCIETY = "society", _("Scientific society")
    CIRCLE = "circle", _("Health directors' circle")
    PATIENT_ORGANISATION = "patient_organisation", _("Patient organisation")
    GENERAL_PRACTICE = "general_practice", _("PLO/DSAM")
    MUNICIPALITIES = "municipalities", _("KL/the municipalities")
    RKKP = "rkkp", _("RKKP")


def is_holdover(status: str, term_end: datetime.date | None, today: datetime.date) -> bool:
    """An active seat whose planned term has passed: the member stays until replaced."""
    return status == Membership.Status.ACTIVE and term_end is not None and term_end < today


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def in_office(self, today: datetime.date | None = None):
        """Active seats whose term has started: a seat counts from its start."""
        return self.active().filter(term_start__lte=today or timezone.localdate())

    def current(self):
        """Seats that are not ended: proposed or active."""
        return self.exclude(status=Membership.Status.ENDED)

    def ended(self):
        return self.filter(status=Membership.Status.ENDED)

    def representing(self, region):
        return self.filter(representing_region=region)

    def chairs(self):
        return self.filter(role=Role.CHAIR)

    def holdovers(self, today: datetime.date | None = None):
        """Active seats whose planned term has passed: the member stays until replaced."""
        today = today or timezone.localdate()
        return self.active().filter(term_end__lt=today)


class Membership(models.Model):
    """A seat: one person in one steering group in one role for one term.

    Never deleted; ending a seat records when and why, and history keeps every change.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    Role = Role
    AppointingBody = AppointingBody

    person = models.ForeignKey(
        "steering.Person",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    group = models.ForeignKey(
        "steering.SteeringGroup",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("steering group"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    representing_region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("representing region"),
    )
    appointing_body = models.CharField(
        _("appointed by"), max_length=30, choices=AppointingBody.choices
    )
    appointing_organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointed_seats",
        verbose_name=_("appointing organisation"),
    )
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("planned term end"), null=True, blank=True)
    term_number = models.PositiveSmallIntegerField(_("term number"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("successor to"),
    )
    # Why the secretariat re-appointed a chair past the framework's term limit (#20).
    term_limit_exception = models.TextField(_("reason for exceeding the term limit"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "role", "person__last_name"]
        indexes = [
            models.Index(fields=["group", "status"], name="membership_group_status"),
            models.Index(fields=["representing_region", "status"], name="membership_region_status"),
            # term_start too, for the seats in office (started) by their term's end: the
            # compliance page's chart counts them from the index alone (PostgreSQL).
            models.Index(
                fields=["status", "term_end"],
                include=["term_start"],
                name="membership_status_term_end",
            ),
            # Chairs and leadership representatives across all groups (dashboards, compliance).
            models.Index(fields=["role", "status"], name="membership_role_status"),
        ]
        constraints = [
            # Co-chairs are allowed, so the rule is per person, not per role.
            models.UniqueConstraint(
                fields=["person", "group"],
                condition=~Q(status="ended"),
                name="one_current_seat_per_person_and_group",
                violation_error_message=_("This person already has a seat in this steering group."),
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=F("term_start")),
                name="membership_term_ends_after_it_starts",
                violation_error_message=_("The term must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(role="member") | Q(representing_region__isnull=False),
                name="regional_seat_names_its_region",
                violation_error_message=_("A regional member must represent a region."),
            ),
            models.CheckConstraint(
                condition=(Q(status="ended") & Q(ended_on__isnull=False))
                | (~Q(status="ended") & Q(ended_on__isnull=True)),
                name="ended_seat_has_end_date",
                violation_error_message=_("An ended membership must have an end date."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("term_start")),
                name="seat_ends_after_it_starts",
                violation_error_message=_(
                    "The end date cannot be earlier than the start of the term."
                ),
            ),
            models.CheckConstraint(
                condition=Q(term_limit_exception="") | Q(role="chair"),
                name="term_limit_exception_only_for_chairs",
                violation_error_message=_(
                    "Only a chair's seat can record an exception to the chair term limit."
                ),
            ),
            models.CheckConstraint(
                condition=Q(term_number__gte=1),
                name="term_number_is_positive",
                violation_error_message=_("The term number must be at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.group}"

    # The people lists show it for every seat (rkkp_portal.labels.choice_label).
    def get_role_display(self) -> str:
        return choice_label(Role, self.role)

    def has_started(self, today: datetime.date | None = None) -> bool:
        """False for a seat appointed from a later date: it counts from its start."""
        return self.term_start <= (today or timezone.localdate())

    def is_holdover(self, today: datetime.date | None = None) -> bool:
        return is_holdover(self.status, self.term_end, today or timezone.localdate())
