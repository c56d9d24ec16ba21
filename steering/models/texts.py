from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class StandardText(models.Model):
    """Content the secretariat keeps: the common minimum support and each role's expectations.

    Letters and members' pages compose these; the regions add their own supplement.
    Bodies are plain text: blank lines separate paragraphs, lines starting "- " are bullets.
    """

    class Key(models.TextChoices):
        REGION_SUPPORT = "region_support", _("What the regions offer members (common minimum)")
        MEMBER_EXPECTATIONS = (
            "member_expectations",
            _("What is expected of a member employed in a region"),
        )
        LEADERSHIP_EXPECTATIONS = (
            "leadership_expectations",
            _("What is expected of a leadership representative"),
        )
        CHAIR_DUTIES = "chair_duties", _("What a chair does")
        PATIENT_REPRESENTATIVES = (
            "patient_representatives",
            _("Patient and relative representatives"),
        )

    key = models.CharField(_("text"), max_length=40, choices=Key.choices, unique=True)
    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_da = models.TextField(_("text (Danish)"))
    body_en = models.TextField(_("text (English)"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standard text")
        verbose_name_plural = _("standard texts")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.get_key_display()

    def _english(self) -> bool:
        return (get_language() or "da").startswith("en")

    @property
    def title(self) -> str:
        return self.title_en if self._english() else self.title_da

    @property
    def body(self) -> str:
        return self.body_en if self._english() else self.body_da
