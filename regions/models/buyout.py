"""Frikøb: buy-out agreements funded by the RKKP pool."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regions.models.geography import Organisation


def outlives_its_seat() -> Q:
    """An open agreement that runs on after its seat ended or its planned term is over."""
    return ~Q(status__in=BuyOutAgreement.CLOSED) & (
        Q(membership__ended_on__isnull=False, ends_on__gt=F("membership__ended_on"))
        | Q(membership__term_end__isnull=False, ends_on__gt=F("membership__term_end"))
    )


class BuyOutAgreementQuerySet(models.QuerySet):
    def for_region(self, region):
        """An agreement belongs to the region of the employer it compensates."""
        return self.filter(employer__region=region)

    def open(self):
        """Proposed, approved or active: neither ended nor rejected."""
        return self.exclude(status__in=BuyOutAgreement.CLOSED)

    def overlapping_year(self, year: int):
        return self.filter(starts_on__year__lte=year, ends_on__year__gte=year)


class BuyOutAgreement(models.Model):
    """Frikøb: the employer is compensated from the RKKP pool for a member's group work."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Completed")
        REJECTED = "rejected", _("Rejected")

    # The region proposes; the secretariat approves or rejects (#20). These statuses carry
    # the decision: who made it and when.
    DECIDED = (Status.APPROVED, Status.ACTIVE, Status.REJECTED)
    CLOSED = (Status.ENDED, Status.REJECTED)

    membership = models.ForeignKey(
        "steering.Membership",
        on_delete=models.PROTECT,
        related_name="buyout_agreements",
        verbose_name=_("seat"),
    )
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="buyout_agreements",
        verbose_name=_("employer"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    hours_per_month = models.DecimalField(
        _("hours per month"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    fte_share = models.DecimalField(
        _("share of a full-time position"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    annual_amount_dkk = models.DecimalField(
        _("annual amount (DKK)"), max_digits=10, decimal_places=2
    )
    funded_by_pool = models.BooleanField(_("funded by the RKKP pool"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    notes = models.TextField(_("remarks"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="buyouts_decided",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reasoning = models.TextField(_("reason for the decision"), blank=True)

    objects = BuyOutAgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buy-out agreement")
        verbose_name_plural = _("buy-out agreements")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="buyout_ends_after_it_starts",
                violation_error_message=_("The agreement must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(annual_amount_dkk__gte=0),
                name="buyout_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_month__isnull=False) | Q(fte_share__isnull=False),
                name="buyout_states_hours_or_share",
                violation_error_message=_(
                    "Give the hours per month or the share of a full-time post."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "active", "rejected"])
                | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="decided_buyout_records_decider",
                violation_error_message=_(
                    "An approved or rejected agreement must record who decided and when."
                ),
            ),
            models.CheckConstraint(
                condition=Q(fte_share__isnull=True) | Q(fte_share__gt=0, fte_share__lte=1),
                name="buyout_share_between_zero_and_one",
                violation_error_message=_(
                    "The share of a full-time post must be above 0 and at most 1."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.starts_on:%Y}–{self.ends_on:%Y}"
