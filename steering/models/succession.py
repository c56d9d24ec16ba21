"""Asking ahead: a seat nears its planned end, and the body that appoints it is asked.

One row per seat (``one_succession_ask_per_seat``) is the marker that makes the daily
scan ask once, however often and however concurrently it runs. The row also carries
the sitting member's answer to "willing to continue?" and how the question was closed.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SuccessionAskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=SuccessionAsk.Status.OPEN)


class SuccessionAsk(models.Model):
    class Body(models.TextChoices):
        REGION = "region", _("The region")
        CIRCLE = "circle", _("The health directors' circle")
        SECRETARIAT = "secretariat", _("The RKKP secretariat")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REAPPOINTED = "reappointed", _("Re-appointed")
        CLOSED = "closed", _("Closed")

    class Willing(models.TextChoices):
        YES = "yes", _("Yes, I am willing to continue")
        NO = "no", _("No, I do not wish to continue")

    membership = models.ForeignKey(
        "steering.Membership",
        on_delete=models.PROTECT,
        related_name="succession_asks",
        verbose_name=_("seat"),
    )
    body = models.CharField(_("asked"), max_length=20, choices=Body.choices)
    # The region's appointment request, for a regional seat.
    appointment_request = models.ForeignKey(
        "regions.AppointmentRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="succession_asks",
        verbose_name=_("appointment request"),
    )
    asked_on = models.DateField(_("asked on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    # Whether the framework allows the member another period, so they were asked too.
    member_asked = models.BooleanField(_("member asked"), default=False)
    willing = models.CharField(
        _("willing to continue"), max_length=3, choices=Willing.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    successor = models.ForeignKey(
        "steering.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new seat"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = SuccessionAskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("succession question")
        verbose_name_plural = _("succession questions")
        ordering = ["membership__term_end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                name="one_succession_ask_per_seat",
                violation_error_message=_("The appointing body has already been asked."),
            ),
            models.CheckConstraint(
                condition=(Q(willing="") & Q(answered_at__isnull=True))
                | (~Q(willing="") & Q(answered_at__isnull=False) & Q(member_asked=True)),
                name="succession_answer_has_a_time",
                violation_error_message=_("An answer must record when it was given."),
            ),
            models.CheckConstraint(
                condition=~Q(status="reappointed") | Q(successor__isnull=False),
                name="reappointed_succession_names_the_seat",
                violation_error_message=_("A re-appointment must name the new seat."),
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False),
                name="closed_succession_has_a_time",
                violation_error_message=_("A closed question must record when it was closed."),
            ),
            models.CheckConstraint(
                condition=~Q(body="region") | Q(appointment_request__isnull=False),
                name="regional_succession_names_its_request",
                violation_error_message=_("A region is asked through an appointment request."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.membership)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
