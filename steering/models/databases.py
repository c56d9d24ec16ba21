from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rkkp_portal.labels import choice_label
from rkkp_portal.search.documents import DATABASE_TEXT, search_indexes

# A group's meeting reminders: at most this many, each at most this far ahead (the
# reminder scan looks no further ahead than that).
MAX_REMINDERS = 5
MAX_REMINDER_LEAD_DAYS = 60
# Composition rules a group can be given at most.
MAX_SUCCESSION_ASK_DAYS = 730
MAX_PATIENT_REPRESENTATIVES = 10


def default_reminder_lead_days() -> list[int]:
    return [14, 2]


def validate_reminder_lead_days(value) -> None:
    """Whole days from 1 to 60 before the meeting, each once, longest first, at most five.

    A list in a JSON column cannot be checked by a constraint both databases understand,
    so this validator (run by the services' ``full_clean`` and by the admin) is the guard.
    """
    if not isinstance(value, list) or any(
        not isinstance(day, int) or isinstance(day, bool) for day in value
    ):
        raise ValidationError(_("Give the reminders as whole days, e.g. 14, 2."), code="format")
    if len(value) > MAX_REMINDERS:
        raise ValidationError(
            _("A group can have at most %(max)d reminders."),
            code="too_many",
            params={"max": MAX_REMINDERS},
        )
    if any(not 1 <= day <= MAX_REMINDER_LEAD_DAYS for day in value):
        raise ValidationError(
            _("A reminder must come 1 to %(max)d days before the meeting."),
            code="out_of_range",
            params={"max": MAX_REMINDER_LEAD_DAYS},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Give each number of days only once."), code="repeated")
    if value != sorted(value, reverse=True):
        raise ValidationError(_("List the days longest first, e.g. 14, 2."), code="order")


class ClinicalDatabase(models.Model):
    """A national clinical quality database (landsdækkende klinisk kvalitetsdatabase)."""

    class Umbrella(models.TextChoices):
        NONE = "", _("None")
        DMCG = "dmcg", _("DMCG (Danish Multidisciplinary Cancer Groups)")
        DMHG = "dmhg", _("DMHG (the heart databases)")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ESTABLISHING = "establishing", _("Being established")
        PAUSED = "paused", _("On hold")
        CLOSED = "closed", _("Closed down")

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    umbrella = models.CharField(
        _("umbrella"), max_length=10, choices=Umbrella.choices, default=Umbrella.NONE, blank=True
    )
    disease_area = models.CharField(_("disease area"), max_length=200)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.ACTIVE
    )
    indicator_count = models.PositiveSmallIntegerField(_("number of indicators"), default=0)
    indicator_notes = models.TextField(_("about the indicators"), blank=True)
    # The RKKP team that serves the database and its steering group.
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_databases",
        verbose_name=_("RKKP contact person"),
    )
    epidemiologist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="epidemiologist_for_databases",
        verbose_name=_("epidemiologist"),
    )
    data_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_manager_for_databases",
        verbose_name=_("data manager"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clinical quality database")
        verbose_name_plural = _("clinical quality databases")
        ordering = ["name"]
        # The header's search (PostgreSQL only).
        indexes = search_indexes("database", *DATABASE_TEXT)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("steering:database-detail", kwargs={"slug": self.slug})

    # The database list shows both for each of its rows (rkkp_portal.labels.choice_label).
    def get_umbrella_display(self) -> str:
        return choice_label(self.Umbrella, self.umbrella)

    def get_status_display(self) -> str:
        return choice_label(self.Status, self.status)


class SteeringGroup(models.Model):
    """The professional steering group (faglig styregruppe) of one database, and its rules."""

    database = models.OneToOneField(
        ClinicalDatabase,
        on_delete=models.PROTECT,
        related_name="steering_group",
        verbose_name=_("database"),
    )
    requires_all_regions = models.BooleanField(
        _("all five regions must be represented"), default=True
    )
    requires_leadership_representative = models.BooleanField(
        _("requires a leadership representative"), default=True
    )
    min_patient_representatives = models.PositiveSmallIntegerField(
        _("minimum number of patient/relative representatives"), default=2
    )
    full_day_meetings_per_year = models.PositiveSmallIntegerField(
        _("full-day meetings per year"), default=2
    )
    reminder_lead_days = models.JSONField(
        _("reminders (days before the meeting)"),
        default=default_reminder_lead_days,
        blank=True,
        validators=[validate_reminder_lead_days],
    )
    # Empty: settings.SUCCESSION_ASK_DAYS (steering/succession/asking.py).
    succession_ask_days = models.PositiveSmallIntegerField(
        _("ask about a successor (days before a term ends)"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering group")
        verbose_name_plural = _("steering groups")
        ordering = ["database__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(full_day_meetings_per_year__lte=12),
                name="steering_group_meeting_cadence_is_plausible",
                violation_error_message=_("At most 12 full-day meetings a year."),
            ),
            models.CheckConstraint(
                condition=Q(min_patient_representatives__lte=MAX_PATIENT_REPRESENTATIVES),
                name="steering_group_patient_minimum_is_plausible",
                violation_error_message=_(
                    "At most 10 patient/relative representatives can be required."
                ),
            ),
            models.CheckConstraint(
                condition=Q(succession_ask_days__lte=MAX_SUCCESSION_ASK_DAYS),
                name="steering_group_succession_ask_days_is_plausible",
                violation_error_message=_("Ask at most two years before a term ends."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.database)

    def get_absolute_url(self) -> str:
        return self.database.get_absolute_url()

    @property
    def ask_days(self) -> int:
        """Days before a planned term end at which the appointing body is asked."""
        if self.succession_ask_days is None:
            return settings.SUCCESSION_ASK_DAYS
        return self.succession_ask_days
