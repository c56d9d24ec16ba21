"""Forms a member fills in about themself: contact details and the declaration of interests."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from steering.models import Declaration


class OwnDetailsForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    phone = forms.CharField(label=_("Work phone"), max_length=30, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the portal and of the letters sent to you."),
    )


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["nothing_to_declare", "employments", "boards", "financial_interests", "other"]
        labels = {"nothing_to_declare": _("I have nothing to declare")}
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("employments", "boards", "financial_interests", "other")
        }

    def clean(self):
        data = super().clean()
        filled = any(
            (data.get(name) or "").strip()
            for name in ("employments", "boards", "financial_interests", "other")
        )
        if data.get("nothing_to_declare") and filled:
            raise ValidationError(
                _("Either tick “nothing to declare” or describe your interests, not both.")
            )
        if not data.get("nothing_to_declare") and not filled:
            raise ValidationError(
                _("Describe at least one interest, or tick “nothing to declare”.")
            )
        return data
