"""Forms of the region workspace. Every choice list is scoped to the region: a person,
workplace or seat of another region is not a valid choice, whatever a crafted POST says."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.access import organisations_in, people_employed_in, seats_held_in
from regions.models import BuyOutAgreement, Region, SupportContact
from regions.services.buyouts import NEXT_STATUSES
from rkkp_portal.forms import DateInput, EndDateField, PlausibleDateField, not_after_today
from rkkp_portal.lookups import LookupFormMixin, SearchSelect
from steering.models import Membership, StandardText
from steering.models.people import LeadershipLevel, Profession
from steering.register.forms import PERSON_SEARCH, GroupChoiceField

NEW_PERSON_FIELDS = ("first_name", "last_name", "email", "title", "profession", "phone")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} <{obj.email}>" if obj.email else obj.full_name


class SeatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.person.full_name} – {obj.get_role_display()} – {obj.group.database.name}"


SEAT_SEARCH = (
    "person__first_name",
    "person__last_name",
    "group__database__name",
    "group__database__acronym",
)


class PersonOrNewForm(LookupFormMixin, forms.Form):
    """An existing person employed in the region, or a new one with work details."""

    person = PersonChoiceField(
        label=_("Existing person"),
        queryset=None,
        required=False,
        widget=SearchSelect(search_fields=PERSON_SEARCH),
    )
    first_name = forms.CharField(label=_("New person: first name"), required=False)
    last_name = forms.CharField(label=_("New person: last name"), required=False)
    email = forms.EmailField(label=_("New person: work e-mail"), required=False)
    phone = forms.CharField(label=_("New person: work phone"), required=False)
    title = forms.CharField(label=_("New person: job title"), required=False)
    profession = forms.ChoiceField(
        label=_("New person: professional background"),
        choices=[("", "—"), *Profession.choices],
        required=False,
    )
    employer = forms.ModelChoiceField(
        label=_("New person: workplace"), queryset=None, required=False
    )

    def __init__(self, *args, region: Region, exclude_person_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_employed_in(region).order_by("last_name", "first_name")
        if exclude_person_id is not None:
            people = people.exclude(pk=exclude_person_id)
        self.fields["person"].queryset = people
        self.fields["person"].widget.url = reverse("regions:person-lookup", args=[region.code])
        if exclude_person_id is not None:
            self.fields["person"].widget.params = {"exclude": exclude_person_id}
        self.fields["employer"].queryset = organisations_in(region)

    def clean(self):
        data = super().clean()
        new_given = any(data.get(name) for name in ("first_name", "last_name", "email"))
        if data.get("person") and new_given:
            raise forms.ValidationError(
                _("Choose an existing person or describe a new one, not both.")
            )
        if not data.get("person") and not new_given:
            raise forms.ValidationError(_("Choose an existing person or describe a new one."))
        if new_given:
            for name in ("first_name", "last_name", "employer"):
                if not data.get(name):
                    self.add_error(name, _("Required for a new person."))
        return data

    def new_person(self) -> dict | None:
        """The new person's details for ``register_employee``, or None for an existing one."""
        if self.cleaned_data.get("person"):
            return None
        details = {name: self.cleaned_data[name] for name in NEW_PERSON_FIELDS}
        details["leadership_level"] = LeadershipLevel.NONE
        details["employer"] = self.cleaned_data["employer"]
        return details


class AppointForm(PersonOrNewForm):
    group = GroupChoiceField()
    term_start = PlausibleDateField(label=_("Term start"), widget=DateInput())
    term_end = PlausibleDateField(
        label=_("Planned term end"),
        widget=DateInput(),
        required=False,
        help_text=_("Left empty, the term runs four years."),
    )

    field_order = ["group", "person"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term_start"].initial = timezone.localdate


class ReplaceForm(PersonOrNewForm):
    changeover_on = PlausibleDateField(
        label=_("Changeover date"),
        widget=DateInput(),
        help_text=_("The current member's last day, and the successor's first."),
        # The current seat ends on the changeover day (end_regional_seat), at once.
        validators=[
            not_after_today(
                _(
                    "The changeover can be today or an earlier day. To plan ahead, appoint "
                    "the successor from their first day, and end the current member's seat "
                    "on their last."
                ),
                "future_changeover",
            )
        ],
    )
    reason = forms.CharField(
        label=_("Why the current member leaves"), widget=forms.Textarea(attrs={"rows": 3})
    )
    term_end = PlausibleDateField(
        label=_("Successor's planned term end"),
        widget=DateInput(),
        required=False,
        help_text=_("Left empty, the term runs four years."),
    )

    field_order = ["person"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["changeover_on"].initial = timezone.localdate


class EndSeatForm(forms.Form):
    ended_on = EndDateField(label=_("Ended on"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AppointmentRequestForm(LookupFormMixin, forms.Form):
    group = GroupChoiceField()
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    due_on = PlausibleDateField(label=_("Answer by"), widget=DateInput())

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on


class DeclineForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Why the region declines"), widget=forms.Textarea(attrs={"rows": 3})
    )


class SupplementForm(forms.Form):
    body = forms.CharField(
        label=_("The region's text in the welcome letter"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_(
            "Plain text: blank lines separate paragraphs, lines starting with “- ” are "
            "bullets. HTML is shown as typed, never interpreted."
        ),
    )


class PreviewForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Membership.Role.MEMBER, Membership.Role.MEMBER.label),
            (Membership.Role.CHAIR, Membership.Role.CHAIR.label),
            (Membership.Role.LEADERSHIP, Membership.Role.LEADERSHIP.label),
            (Membership.Role.PATIENT, Membership.Role.PATIENT.label),
        ],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("da", "Dansk"), ("en", "English")], required=False
    )


class SupportContactForm(forms.ModelForm):
    class Meta:
        model = SupportContact
        fields = ["kind", "name", "email", "phone", "description"]

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EmployerBackingForm(forms.Form):
    confirmed_on = PlausibleDateField(
        label=_("Confirmed on"), widget=DateInput(), initial=timezone.localdate
    )
    confirmed_by = forms.CharField(
        label=_("Confirmed by"),
        max_length=200,
        help_text=_("Name and title of the manager who confirmed it."),
    )
    notes = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class BuyOutForm(LookupFormMixin, forms.Form):
    membership = SeatChoiceField(
        label=_("Seat"), queryset=None, widget=SearchSelect(search_fields=SEAT_SEARCH)
    )
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=None)
    starts_on = PlausibleDateField(label=_("From"), widget=DateInput())
    ends_on = PlausibleDateField(label=_("To"), widget=DateInput())
    hours_per_month = forms.DecimalField(
        label=_("Hours per month"), max_digits=5, decimal_places=1, required=False
    )
    fte_share = forms.DecimalField(
        label=_("Share of a full-time post"),
        max_digits=4,
        decimal_places=3,
        required=False,
        help_text=_("For example 0.1 for a tenth of a full-time post."),
    )
    annual_amount_dkk = forms.DecimalField(
        label=_("Annual amount (DKK)"), max_digits=10, decimal_places=2
    )
    notes = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, region: Region, agreement: BuyOutAgreement | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        seats = seats_held_in(region)
        if agreement is not None:
            # An agreement may outlive its seat; keep the seat it names choosable.
            seats = seats | Membership.objects.filter(pk=agreement.membership_id)
        self.fields["membership"].queryset = seats.select_related(
            "person", "group__database"
        ).order_by("person__last_name", "group__database__name")
        self.fields["membership"].widget.url = reverse("regions:seat-lookup", args=[region.code])
        self.fields["employer"].queryset = organisations_in(region)
        if agreement is not None:
            # Only the statuses the region may set from here: approval and rejection are
            # the secretariat's decision, made apart (BuyOutDecisionForm).
            allowed = NEXT_STATUSES[agreement.status]
            self.fields["status"] = forms.ChoiceField(
                label=_("Status"),
                choices=[(v, label) for v, label in BuyOutAgreement.Status.choices if v in allowed],
            )

    def service_kwargs(self) -> dict:
        names = [
            "membership",
            "employer",
            "starts_on",
            "ends_on",
            "hours_per_month",
            "fte_share",
            "annual_amount_dkk",
            "notes",
        ]
        return {name: self.cleaned_data[name] for name in names}


class BuyOutDecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(
        label=_("Reasoning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when you reject the agreement."),
    )

    def service_kwargs(self) -> dict:
        return {
            "approve": self.cleaned_data["decision"] == self.APPROVE,
            "reasoning": self.cleaned_data["reasoning"],
        }


class ReportYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("html", "HTML"), ("csv", "CSV"), ("xlsx", "XLSX")],
        required=False,
    )


class StandardTextForm(forms.ModelForm):
    class Meta:
        model = StandardText
        fields = ["title_da", "title_en", "body_da", "body_en"]
        widgets = {
            "body_da": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
        }
