from django import forms
from django.utils.translation import gettext_lazy as _


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("A CSV (UTF-8) or XLSX file with the columns described below, at most 5 MB."),
    )
