"""Asking ahead: a seat nears its planned end, and the body that appoints it is asked.

Re-appointing a member ahead of their term's end, from this question or from the seat's
own page, records the decision here (``renewal_starts``, ``renewal_ends`` and a chair's
``term_limit_exception``) and leaves the seat in office; the daily scan
carries it out on its start date (``steering/succession/reappointing.py``), which then
names the new seat (``successor``).

One row per seat (``one_succession_ask_per_seat``) is the marker that makes the daily
scan ask once, however often and however concurrently it runs. The row also carries
the sitting member's answer to "willing to continue?" and how the question was closed.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def pending_renewal(through: str = "") -> Q:
    """A re-appointment decided ahead of the term's end and not yet carried out; on the
    asks themselves, or ``through`` a relation to them (``"succession_asks__"`` from a
    seat, for a join)."""
    return Q(
        **{
            f"{through}status": SuccessionAsk.Status.REAPPOINTED,
            f"{through}successor__isnull": True,
            f"{through}renewal_starts__isnull": False,
        }
    )


class SuccessionAskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=SuccessionAsk.Status.OPEN)

    def pending_renewals(self):
        """Re-appointments decided ahead of the term's end and not yet carried out."""
        return self.filter(pending_renewal())


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
    # Empty when the appointing body decided on the seat's page before anyone was asked.
    asked_on = models.DateField(_("asked on"), null=True, blank=True)
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
    # A re-appointment decided ahead of the term's end: the next term, carried out on
    # its first day by the daily scan.
    renewal_starts = models.DateField(_("new term starts"), null=True, blank=True)
    renewal_ends = models.DateField(_("new term ends"), null=True, blank=True)
    # Why a chair is re-appointed past the term limit, carried onto the new seat.
    term_limit_exception = models.TextField(_("reason for exceeding the term limit"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Why a decided re-appointment was not carried out (the seat ended or changed).
    close_reason = models.TextField(_("reason for closing"), blank=True)

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
                condition=~Q(status="reappointed")
                | Q(successor__isnull=False)
                | Q(renewal_starts__isnull=False),
                name="reappointed_succession_names_seat_or_term",
                violation_error_message=_(
                    "A re-appointment must name the new seat or the new term's dates."
                ),
            ),
            models.CheckConstraint(
                condition=Q(renewal_starts__isnull=True, renewal_ends__isnull=True)
                | Q(renewal_starts__isnull=False, renewal_ends__isnull=False),
                name="succession_renewal_has_both_dates",
                violation_error_message=_("A new term must have both a start and an end."),
            ),
            models.CheckConstraint(
                condition=Q(renewal_starts__isnull=True) | Q(renewal_ends__gt=F("renewal_starts")),
                name="succession_renewal_ends_after_it_starts",
                violation_error_message=_("The new term must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(renewal_starts__isnull=True)
                | Q(decided_at__isnull=False, status__in=["reappointed", "closed"]),
                name="succession_renewal_is_a_decision",
                violation_error_message=_(
                    "A new term is recorded only with a re-appointment, and when it was decided."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False),
                name="closed_succession_has_a_time",
                violation_error_message=_("A closed question must record when it was closed."),
            ),
            # A region is asked through a request; one that decides before it is asked
            # (on the seat's page) records its decision without one.
            models.CheckConstraint(
                condition=~Q(body="region")
                | Q(appointment_request__isnull=False)
                | Q(asked_on__isnull=True),
                name="regional_succession_names_its_request",
                violation_error_message=_("A region is asked through an appointment request."),
            ),
            models.CheckConstraint(
                condition=Q(asked_on__isnull=False) | ~Q(status="open"),
                name="open_succession_was_asked",
                violation_error_message=_("An open question must record when it was asked."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.membership)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_pending_renewal(self) -> bool:
        """Re-appointed ahead of the term's end, and not carried out yet."""
        return (
            self.status == self.Status.REAPPOINTED
            and self.successor_id is None
            and self.renewal_starts is not None
        )

    @property
    def reappointed_from(self):
        """The first day of the new term, decided or carried out (None if not re-appointed)."""
        if self.status != self.Status.REAPPOINTED:
            return None
        return self.renewal_starts or self.successor.term_start
