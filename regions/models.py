from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Region(models.Model):
    """One of the five Danish regions; seeded by the migration ``seed_regions``."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "da").startswith("en") else self.name_da


class OrganisationKind(models.Model):
    """Hospital, department, municipality, patient organisation …

    Kept as data: leaders of other kinds of unit may in time qualify as leadership
    representatives, and turning a kind on must need no code change.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")
        ordering = ["name_da"]

    def __str__(self) -> str:
        return self.name_en if (get_language() or "da").startswith("en") else self.name_da


class OrganisationQuerySet(models.QuerySet):
    def in_region(self, region):
        return self.filter(region=region)

    def active(self):
        return self.filter(active=True)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.ForeignKey(
        OrganisationKind,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("type"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("region"),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organisation_is_not_its_own_parent",
                violation_error_message=_("An organisation cannot be placed under itself."),
            ),
        ]

    def __str__(self) -> str:
        if self.parent_id:
            return f"{self.name}, {self.parent.short_name or self.parent.name}"
        return self.name


class RegionalAdministrator(models.Model):
    """A user who appoints and supports the members representing one region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="administered_regions",
        verbose_name=_("user"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="administrators", verbose_name=_("region")
    )
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regional administrator")
        verbose_name_plural = _("regional administrators")
        constraints = [
            models.UniqueConstraint(fields=["user"], name="administrator_of_one_region"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.region})"


class WelcomeLetterSupplement(models.Model):
    """A region's own text that supplements the common minimum content of the welcome letter."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="letter_supplement", verbose_name=_("region")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Plain text; blank lines separate paragraphs. HTML is not rendered."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("welcome letter supplement")
        verbose_name_plural = _("welcome letter supplements")

    def __str__(self) -> str:
        return str(self.region)


class SupportContact(models.Model):
    """Where a member employed in the region gets the help the regions have promised."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General administrative assistance")
        ORGANISATION = "organisation", _("Regional organisation and contact with other hospitals")
        SECRETARIAT = "secretariat", _("Secretariat support for cross-cutting initiatives")
        LIS = "lis", _("Guidance on the management information system (LIS)")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="support_contacts", verbose_name=_("region")
    )
    kind = models.CharField(_("area"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name or function"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support contact")
        verbose_name_plural = _("support contacts")
        ordering = ["region", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="support_contact_is_reachable",
                violation_error_message=_("Give an e-mail address or a phone number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class BuyOutAgreement(models.Model):
    """Frikøb: the employer is compensated from the RKKP pool for a member's group work."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Completed")

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
                condition=Q(fte_share__isnull=True) | Q(fte_share__gt=0, fte_share__lte=1),
                name="buyout_share_between_zero_and_one",
                violation_error_message=_(
                    "The share of a full-time post must be above 0 and at most 1."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.starts_on:%Y}–{self.ends_on:%Y}"
