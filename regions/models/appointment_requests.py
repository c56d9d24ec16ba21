"""Appointment requests: the secretariat (or the system) asks a region to fill a seat."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regions.models.geography import Region


class AppointmentRequestQuerySet(models.QuerySet):
    def for_region(self, region):
        return self.filter(region=region)

    def unanswered(self):
        """Open or escalated: still waiting for the region."""
        return self.filter(
            status__in=[AppointmentRequest.Status.OPEN, AppointmentRequest.Status.ESCALATED]
        )

    def overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(status=AppointmentRequest.Status.OPEN, due_on__lt=today)


class AppointmentRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Declined")
        ESCALATED = "escalated", _("Escalated")

    UNANSWERED = (Status.OPEN, Status.ESCALATED)

    group = models.ForeignKey(
        "steering.SteeringGroup",
        on_delete=models.PROTECT,
        related_name="appointment_requests",
        verbose_name=_("steering group"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="appointment_requests",
        verbose_name=_("region"),
    )
    reason = models.TextField(_("reason"))
    due_on = models.DateField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    membership = models.ForeignKey(
        "steering.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointment_requests",
        verbose_name=_("appointed seat"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    objects = AppointmentRequestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "region"],
                condition=Q(status__in=["open", "escalated"]),
                name="one_unanswered_request_per_group_and_region",
                violation_error_message=_(
                    "The region already has an unanswered request for this steering group."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(membership__isnull=False),
                name="answered_request_names_the_seat",
                violation_error_message=_("An answered request must name the appointed seat."),
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="declined_request_gives_a_reason",
                violation_error_message=_("Give a reason for declining."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.group}"

    @property
    def is_unanswered(self) -> bool:
        return self.status in self.UNANSWERED
