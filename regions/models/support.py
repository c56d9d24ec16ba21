"""What a region offers its members: its welcome-letter supplement and support contacts."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regions.models.geography import Region


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


class EmployerBackingQuerySet(models.QuerySet):
    def for_region(self, region):
        return self.filter(membership__person__region=region)


class EmployerBacking(models.Model):
    """The employing management's confirmation that the member may do the group work in
    working hours: when it was given, and by whom."""

    membership = models.OneToOneField(
        "steering.Membership",
        on_delete=models.PROTECT,
        related_name="employer_backing",
        verbose_name=_("seat"),
    )
    confirmed_on = models.DateField(_("confirmed on"))
    confirmed_by = models.CharField(
        _("confirmed by"),
        max_length=200,
        help_text=_("Name and title of the manager who confirmed it."),
    )
    notes = models.TextField(_("remarks"), blank=True)

    objects = EmployerBackingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employer backing")
        verbose_name_plural = _("employer backings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(confirmed_by=""),
                name="employer_backing_names_who_confirmed",
                violation_error_message=_("Name the manager who confirmed it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.confirmed_by} ({self.confirmed_on})"
