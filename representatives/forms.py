"""Forms of the nomination workflow; the services do the checking, the forms only parse."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from rkkp_portal.forms import PlausibleDateField
from rkkp_portal.lookups import LookupFormMixin, SearchSelect
from steering.models import Person
from steering.register.forms import PERSON_SEARCH, GroupChoiceField


class CandidateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        workplace = person.employer.name if person.employer_id else "—"
        return f"{person.full_name}, {person.title or '—'}, {workplace}"


def candidates_for(user):
    """People the user may nominate: an administrator only those employed in their region."""
    people = Person.objects.select_related("employer__kind").order_by("last_name", "first_name")
    roles = user.roles
    if roles.circle:
        return people
    if roles.admin_region_id is not None:
        return people.filter(region_id=roles.admin_region_id)
    return people.none()


class NominationForm(LookupFormMixin, forms.Form):
    person = CandidateChoiceField(
        label=_("Candidate"),
        queryset=Person.objects.none(),
        widget=SearchSelect(
            url=reverse_lazy("representatives:candidate-lookup"), search_fields=PERSON_SEARCH
        ),
    )
    group = GroupChoiceField()
    motivation = forms.CharField(
        label=_("Reason for the nomination"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why this leader, and why this group? The circle reads this when deciding."),
        required=False,  # the service gives the message, so it is the same everywhere
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates_for(user)


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve and appoint")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(
        label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    term_start = PlausibleDateField(
        label=_("Term starts"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only for an approval. Empty: today."),
    )
    term_end = PlausibleDateField(
        label=_("Planned term end"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the standard four-year term."),
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "approve": data["decision"] == self.APPROVE,
            "reasoning": data["reasoning"],
            "term_start": data["term_start"],
            "term_end": data["term_end"],
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the nomination withdrawn? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
