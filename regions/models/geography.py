"""The regions, their organisations and the users who administer a region."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rkkp_portal.labels import bilingual, workplace_label
from rkkp_portal.search.documents import ORGANISATION_TEXT, search_indexes


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
        return bilingual(self.name_da, self.name_en)


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
        return bilingual(self.name_da, self.name_en)


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
        # The header's search (PostgreSQL only).
        indexes = search_indexes("organisation", *ORGANISATION_TEXT)
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organisation_is_not_its_own_parent",
                violation_error_message=_("An organisation cannot be placed under itself."),
            ),
        ]

    def __str__(self) -> str:
        if self.parent_id:
            return workplace_label(self.name, self.parent.name, self.parent.short_name)
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
