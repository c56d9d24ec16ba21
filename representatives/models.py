from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from steering.models.people import LeadershipLevel, Profession


class CircleMember(models.Model):
    """A member of the circle of regional health directors (regionssundhedsdirektørkredsen)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="circle_membership",
        verbose_name=_("user"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="circle_members",
        verbose_name=_("region"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member of the health directors' circle")
        verbose_name_plural = _("members of the health directors' circle")

    def __str__(self) -> str:
        return str(self.user)


class QualifyingLeadershipLevel(models.Model):
    """A leadership level at which a person may become a leadership representative.

    Eligibility is data (one row per qualifying value), edited by the secretariat in
    the admin: the appointment procedure is still being shaped.
    """

    level = models.CharField(
        _("leadership level"), max_length=20, choices=LeadershipLevel.choices, unique=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("qualifying leadership level")
        verbose_name_plural = _("qualifying leadership levels")
        ordering = ["level"]

    def __str__(self) -> str:
        return self.get_level_display()


class QualifyingProfession(models.Model):
    """A health-professional background that qualifies a leader."""

    profession = models.CharField(
        _("professional background"), max_length=30, choices=Profession.choices, unique=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("qualifying professional background")
        verbose_name_plural = _("qualifying professional backgrounds")
        ordering = ["profession"]

    def __str__(self) -> str:
        return self.get_profession_display()


class QualifyingOrganisationKind(models.Model):
    """A kind of organisation whose leaders qualify; adding a row turns a kind on."""

    kind = models.OneToOneField(
        "regions.OrganisationKind",
        on_delete=models.PROTECT,
        related_name="qualifies_for_leadership",
        verbose_name=_("organisation type"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("qualifying organisation type")
        verbose_name_plural = _("qualifying organisation types")
        ordering = ["kind__code"]

    def __str__(self) -> str:
        return str(self.kind)


class NominationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=LeadershipNomination.Status.PROPOSED)


class LeadershipNomination(models.Model):
    """A proposal that the circle appoints a leader to a steering group, and its decision."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Nominated")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.ForeignKey(
        "steering.Person",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("candidate"),
    )
    group = models.ForeignKey(
        "steering.SteeringGroup",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("steering group"),
    )
    proposing_region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("nominating region"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="nominations_made",
        verbose_name=_("nominated by"),
    )
    motivation = models.TextField(_("reason for the nomination"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations_decided",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reasoning = models.TextField(_("reason for the decision"), blank=True)
    membership = models.OneToOneField(
        "steering.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nomination",
        verbose_name=_("membership"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = NominationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leadership representative nomination")
        verbose_name_plural = _("leadership representative nominations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "group"],
                condition=Q(status="proposed"),
                name="one_open_nomination_per_person_and_group",
                violation_error_message=_(
                    "This person has already been nominated for this steering group."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "withdrawn"])
                | (Q(decided_at__isnull=False) & Q(decided_by__isnull=False)),
                name="decided_nomination_records_decider",
                violation_error_message=_("A decision must record who decided and when."),
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(membership__isnull=False),
                name="approved_nomination_has_membership",
                violation_error_message=_("An approved nomination must have its seat."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.group}"
