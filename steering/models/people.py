from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rkkp_portal.search.documents import PERSON_TEXT, search_indexes


class Profession(models.TextChoices):
    PHYSICIAN = "physician", _("Physician")
    NURSE = "nurse", _("Nurse")
    PHYSIOTHERAPIST = "physiotherapist", _("Physiotherapist")
    OCCUPATIONAL_THERAPIST = "occupational_therapist", _("Occupational therapist")
    MIDWIFE = "midwife", _("Midwife")
    DENTIST = "dentist", _("Dentist")
    PHARMACIST = "pharmacist", _("Pharmacist")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    BIOMEDICAL_SCIENTIST = "biomedical_scientist", _("Biomedical laboratory scientist")
    DIETITIAN = "dietitian", _("Clinical dietitian")
    RADIOGRAPHER = "radiographer", _("Radiographer")
    OTHER_HEALTH = "other_health", _("Other health professional education")
    NON_HEALTH = "non_health", _("Not a health professional")


class LeadershipLevel(models.TextChoices):
    NONE = "none", _("No leadership role")
    DEPARTMENT = "department", _("Department management")
    VICE_DIRECTOR = "vice_director", _("Deputy director")
    DIRECTOR = "director", _("Director")


class PersonQuerySet(models.QuerySet):
    def employed_in(self, region):
        return self.filter(region=region)


class Person(models.Model):
    """Someone in the register: a member, a candidate or a former member.

    Work-related details may be published; anything private needs recorded consent.
    """

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("work e-mail"), blank=True)
    phone = models.CharField(_("work phone"), max_length=30, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    profession = models.CharField(
        _("professional background"), max_length=30, choices=Profession.choices, blank=True
    )
    leadership_level = models.CharField(
        _("leadership level"),
        max_length=20,
        choices=LeadershipLevel.choices,
        default=LeadershipLevel.NONE,
    )
    employer = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("workplace"),
    )
    # Stored (not only derived from the employer) so region scoping is one indexed filter.
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("region of employment"),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="da"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("login"),
    )
    listing_consent_at = models.DateTimeField(
        _("consent to public listing"),
        null=True,
        blank=True,
        help_text=_(
            "Required for patient and relative representatives before they are shown publicly."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set by steering.privacy.services.anonymise_person; the row stays so that the groups'
    # composition history keeps its seats, but nothing in it identifies anyone any more.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        # The lists page through people in name order (LIMIT 50 off this index).
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="person_name_order"),
            # A region's workspace counts its people without reading their rows.
            models.Index(fields=["region", "id"], name="person_region_and_id"),
            # The header's search (PostgreSQL only).
            *search_indexes("person", *PERSON_TEXT),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="unique_person_email",
                violation_error_code="unique_person_email",
                violation_error_message=_("Another person in the register has this e-mail."),
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True)
                | Q(
                    email="",
                    phone="",
                    title="",
                    employer__isnull=True,
                    user__isnull=True,
                    listing_consent_at__isnull=True,
                ),
                name="anonymised_person_keeps_no_contact_details",
                violation_error_message=_("An anonymised person cannot have contact details."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("steering:person-detail", kwargs={"pk": self.pk})

    def validate_constraints(self, exclude=None) -> None:
        # An expression constraint cannot name its field; put the e-mail error on the field.
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            for item in general:
                key = "email" if getattr(item, "code", "") == "unique_person_email" else None
                errors.setdefault(key or NON_FIELD_ERRORS, []).append(item)
            raise ValidationError(errors) from None

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)


def full_name(first_name: str, last_name: str) -> str:
    """A person's name as the portal writes it; also for rows read without the model."""
    return f"{first_name} {last_name}".strip()
