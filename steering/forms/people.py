from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steering.models import Person


class PersonForm(forms.ModelForm):
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
