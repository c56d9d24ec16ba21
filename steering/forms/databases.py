from django import forms
from django.utils.translation import gettext_lazy as _

from rkkp_portal.accounts.models import User
from steering.models import ClinicalDatabase, SteeringGroup
from steering.services.databases import DATABASE_FIELDS, GROUP_FIELDS

# Addresses under /databases/ that are pages, not databases.
RESERVED_SLUGS = {"new"}


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


class GroupForm(forms.ModelForm):
    class Meta:
        model = SteeringGroup
        fields = GROUP_FIELDS
