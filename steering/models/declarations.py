from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Declaration(models.Model):
    """A member's yearly declaration of interests (habilitetserklæring)."""

    person = models.ForeignKey(
        "steering.Person",
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("person"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    nothing_to_declare = models.BooleanField(_("nothing to declare"), default=False)
    employments = models.TextField(_("relevant employment"), blank=True)
    boards = models.TextField(_("board positions and committees"), blank=True)
    financial_interests = models.TextField(_("financial interests"), blank=True)
    other = models.TextField(_("other"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declaration of interests")
        verbose_name_plural = _("declarations of interests")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="one_declaration_per_person_and_year",
                violation_error_message=_("A declaration already exists for this year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2200),
                name="declaration_year_is_plausible",
                violation_error_message=_("Give a year between 2000 and 2200."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}"
