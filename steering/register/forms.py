"""Forms of the register's pages: databases and groups, people, seats. They validate
input; the services in ``steering.register.services`` do the writing."""

import datetime
import re

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models import Organisation, Region
from rkkp_portal.accounts.models import User
from rkkp_portal.forms import (
    ConstraintErrorsOnFields,
    DateInput,
    EndDateField,
    PlausibleDateField,
)
from rkkp_portal.lookups import LookupFormMixin, SearchSelect
from steering.models import ClinicalDatabase, Membership, Person, SteeringGroup
from steering.models.databases import MAX_PATIENT_REPRESENTATIVES, MAX_SUCCESSION_ASK_DAYS
from steering.models.memberships import AppointingBody, Role
from steering.models.people import LeadershipLevel, Profession
from steering.register.services.databases import DATABASE_FIELDS, GROUP_FIELDS
from steering.register.services.memberships import MEMBERSHIP_FIELDS

# Addresses under /databases/ that are pages, not databases.
RESERVED_SLUGS = {"new"}

# What a search-as-you-type field looks in (rkkp_portal/lookups.py), by kind of choice.
PERSON_SEARCH = ("first_name", "last_name", "email")
WORKPLACE_SEARCH = ("name", "short_name", "parent__name", "parent__short_name")
GROUP_SEARCH = ("database__name", "database__acronym")


def workplace_search() -> SearchSelect:
    """Every workplace in the register (hundreds): the secretariat's forms search them."""
    return SearchSelect(
        url=reverse_lazy("steering:workplace-lookup"), search_fields=WORKPLACE_SEARCH
    )


def group_search(url=None, **options) -> SearchSelect:
    """Steering groups (hundreds), searched by their database's name or acronym."""
    if url is None:  # not `url or …`: that would resolve a lazy URL while urls.py loads
        url = reverse_lazy("steering:group-lookup")
    return SearchSelect(url=url, search_fields=GROUP_SEARCH, **options)


class GroupChoiceField(forms.ModelChoiceField):
    """A steering group, named by its database and found by searching (there are hundreds)."""

    def __init__(self, *, queryset=None, **kwargs):
        if queryset is None:
            queryset = SteeringGroup.objects.select_related("database").order_by("database__name")
        kwargs.setdefault("label", _("Steering group"))
        super().__init__(queryset=queryset, widget=group_search(), **kwargs)

    def label_from_instance(self, obj) -> str:
        return obj.database.name


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.email


class DatabaseForm(forms.ModelForm):
    class Meta:
        model = ClinicalDatabase
        fields = DATABASE_FIELDS
        field_classes = {
            "contact_person": StaffChoiceField,
            "epidemiologist": StaffChoiceField,
            "data_manager": StaffChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The RKKP team is drawn from the secretariat's own logins.
        staff = User.objects.filter(is_secretariat=True).order_by("email")
        for name in ("contact_person", "epidemiologist", "data_manager"):
            self.fields[name].queryset = staff
        self.fields["slug"].required = not self.instance._state.adding
        self.fields["slug"].help_text = _(
            "Used in the page's address. Left empty, it is made from the acronym."
        )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is reserved; choose another."))
        return slug


class ReminderDaysField(forms.CharField):
    """A group's reminder lead times, typed as days separated by commas ("14, 2").

    Given in any order, they are kept longest first; the model's validator checks the rest
    (how many, how far ahead), so the admin and the services apply the same rules.
    """

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(day) for day in value)
        return value

    def to_python(self, value) -> list[int]:
        text = super().to_python(value)
        parts = [part for part in re.split(r"[\s,;]+", text) if part]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                _("Write whole days separated by commas, e.g. 14, 2."), code="format"
            )
        days = [int(part) for part in parts]
        repeated = sorted({day for day in days if days.count(day) > 1})
        if repeated:
            raise forms.ValidationError(
                _("Give each number of days only once (%(days)s).")
                % {"days": ", ".join(map(str, repeated))},
                code="repeated",
            )
        return sorted(days, reverse=True)


class GroupForm(ConstraintErrorsOnFields, forms.ModelForm):
    """A group's settings: its composition rules, its meeting cadence and its reminders."""

    reminder_lead_days = ReminderDaysField(
        label=_("Reminders (days before the meeting)"),
        required=False,
        help_text=_(
            "Days before each meeting that members are reminded, separated by commas, "
            "e.g. 14, 2. Leave it empty for no reminders."
        ),
    )

    class Meta:
        model = SteeringGroup
        fields = GROUP_FIELDS
        widgets = {
            "min_patient_representatives": forms.NumberInput(
                attrs={"min": 0, "max": MAX_PATIENT_REPRESENTATIVES}
            ),
            "full_day_meetings_per_year": forms.NumberInput(attrs={"min": 0, "max": 12}),
            "succession_ask_days": forms.NumberInput(
                attrs={"min": 0, "max": MAX_SUCCESSION_ASK_DAYS}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["succession_ask_days"].help_text = _(
            "Leave it empty to ask %(days)d days before, as for every group."
        ) % {"days": settings.SUCCESSION_ASK_DAYS}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} <{obj.email}>" if obj.email else obj.full_name


class SeatFields(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    representing_region = forms.ModelChoiceField(
        label=_("Represents region"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("Required for a regional member."),
    )
    appointing_body = forms.ChoiceField(
        label=_("Appointed by"),
        choices=[("", _("The usual body for the role")), *AppointingBody.choices],
        required=False,
    )
    term_start = PlausibleDateField(label=_("Term start"), widget=DateInput())
    term_end = PlausibleDateField(
        label=_("Planned term end"),
        widget=DateInput(),
        required=False,
        help_text=_("Left empty, the term runs four years."),
    )
    term_number = forms.IntegerField(label=_("Term number"), min_value=1, initial=1)

    def seat_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in SeatFields.base_fields}


class AppointForm(LookupFormMixin, SeatFields):
    """Appoint an existing person, or a new one described in the same form."""

    person = PersonChoiceField(
        label=_("Existing person"),
        queryset=Person.objects.order_by("last_name", "first_name"),
        required=False,
        widget=SearchSelect(
            url=reverse_lazy("steering:person-lookup"), search_fields=PERSON_SEARCH
        ),
    )
    new_first_name = forms.CharField(label=_("New person: first name"), required=False)
    new_last_name = forms.CharField(label=_("New person: last name"), required=False)
    new_email = forms.EmailField(label=_("New person: work e-mail"), required=False)
    new_title = forms.CharField(label=_("New person: job title"), required=False)
    new_profession = forms.ChoiceField(
        label=_("New person: professional background"),
        choices=[("", "—"), *Profession.choices],
        required=False,
    )
    new_leadership_level = forms.ChoiceField(
        label=_("New person: leadership level"), choices=LeadershipLevel.choices, required=False
    )
    new_employer = forms.ModelChoiceField(
        label=_("New person: workplace"),
        queryset=Organisation.objects.select_related("parent"),
        required=False,
        widget=workplace_search(),
    )

    field_order = ["person", *[f"new_{n}" for n in ("first_name", "last_name", "email")]]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term_start"].initial = timezone.localdate

    def clean(self):
        data = super().clean()
        new_given = any(data.get(name) for name in ("new_first_name", "new_last_name", "new_email"))
        if data.get("person") and new_given:
            raise forms.ValidationError(
                _("Choose an existing person or describe a new one, not both.")
            )
        if not data.get("person") and not new_given:
            raise forms.ValidationError(_("Choose an existing person or describe a new one."))
        if new_given:
            for name in ("new_first_name", "new_last_name"):
                if not data.get(name):
                    self.add_error(name, _("Give the new person's name."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = self.seat_kwargs()
        if data["person"]:
            kwargs["person"] = data["person"]
        else:
            kwargs["new_person"] = {
                "first_name": data["new_first_name"],
                "last_name": data["new_last_name"],
                "email": data["new_email"],
                "title": data["new_title"],
                "profession": data["new_profession"],
                "leadership_level": data["new_leadership_level"],
                "employer": data["new_employer"],
            }
        return kwargs


class MembershipForm(LookupFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = MEMBERSHIP_FIELDS
        widgets = {
            "term_start": DateInput(),
            "term_end": DateInput(),
            "appointing_organisation": workplace_search(),
        }
        field_classes = {"term_start": PlausibleDateField, "term_end": PlausibleDateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An organisation's name includes its parent's: fetch both at once.
        field = self.fields["appointing_organisation"]
        field.queryset = field.queryset.select_related("parent")


class EndMembershipForm(forms.Form):
    ended_on = EndDateField(label=_("Ended on"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReappointForm(forms.Form):
    term_start = PlausibleDateField(
        label=_("New term starts"),
        widget=DateInput(),
        required=False,
        help_text=_("Left empty, the day after the current term's planned end."),
    )
    term_end = PlausibleDateField(
        label=_("New term ends"),
        widget=DateInput(),
        required=False,
        help_text=_("Left empty, the term runs four years."),
    )

    term_limit_exception = forms.CharField(
        label=_("Reason for re-appointing past the term limit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Only if the chair has served the maximum: the new term is then recorded as an "
            "exception, with this reason."
        ),
    )

    def __init__(self, *args, membership: Membership, may_exceed_term_limit: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # datetime.date.max has no day after it (a date typed in the admin, say).
        if membership.term_end is not None and membership.term_end < datetime.date.max:
            self.fields["term_start"].initial = membership.term_end + datetime.timedelta(days=1)
        if membership.role != Membership.Role.CHAIR or not may_exceed_term_limit:
            del self.fields["term_limit_exception"]


class PersonForm(LookupFormMixin, forms.ModelForm):
    listing_consent = forms.BooleanField(
        label=_("Consents to being listed publicly"),
        required=False,
        help_text=_("Required before a patient or relative representative is shown publicly."),
    )

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "title",
            "profession",
            "leadership_level",
            "employer",
            "language",
        ]
        widgets = {"employer": workplace_search()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = self.fields["employer"].queryset.select_related("parent")
        self.initial.setdefault("listing_consent", self.instance.listing_consent_at is not None)

    def service_kwargs(self) -> dict:
        """The cleaned data as the service's keywords; consent becomes a timestamp."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if not self.cleaned_data["listing_consent"]:
            data["listing_consent_at"] = None
        else:
            data["listing_consent_at"] = self.instance.listing_consent_at or timezone.now()
        return data
