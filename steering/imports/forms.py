from collections import Counter

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from steering.imports import columns, values
from steering.imports.roster import MAPPED

# Distinct values offered for mapping by hand, per column; a roster of one group has a
# handful, of every group about a hundred databases. Further values are read as written.
MAX_VALUES = 150


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Roster file"),
        help_text=gettext_lazy(
            "A CSV file (UTF-8, separated by ; or ,) or an XLSX workbook, at most 5 MB."
        ),
    )


class MappingForm(forms.Form):
    """Which import column each of the file's columns is, and how roles, regions and
    databases written in the file are read.

    The value fields follow the column mapping the page was shown with (``shown``); when
    the secretariat changes a column, ``columns_changed`` says the page must be shown again
    with the values of the new mapping."""

    shown = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, table: dict, mapping: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = table
        header = table["header"]
        if self.is_bound:
            mapping = self.data.get("shown", "").split(",")
            if len(mapping) != len(header):
                mapping = columns.detect(header)
        elif mapping is None:
            mapping = columns.detect(header)
        self.shown_mapping = mapping
        self.fields["shown"].initial = ",".join(mapping)
        first = table["rows"][0][1] if table["rows"] else []
        choices = [("", _("Not imported"))] + [
            (c, str(label)) for c, label in columns.COLUMN_LABELS.items()
        ]
        for index, name in enumerate(header):
            example = first[index] if index < len(first) else ""
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=_("Column “%s”") % (name or index + 1),
                # Django prints help text as it is (it may hold markup): escape the cell.
                help_text=_("For example “%s”") % escape(example) if example else "",
                choices=choices,
                required=False,
                initial=mapping[index],
            )
        self.value_sections = []
        vocabularies = {
            "role": values.roles(),
            "region": values.regions(),
            "database": values.databases(),
        }
        for column in MAPPED:
            if column not in mapping:
                continue
            vocabulary = vocabularies[column]
            counts = Counter(
                cells[mapping.index(column)].strip()
                for _number, cells in table["rows"]
                if mapping.index(column) < len(cells) and cells[mapping.index(column)].strip()
            )
            names = []
            for n, (value, count) in enumerate(sorted(counts.items())[:MAX_VALUES]):
                name = f"value_{column}_{n}"
                self.fields[name] = forms.ChoiceField(
                    label=_("“%(value)s” (%(count)d rows)") % {"value": value, "count": count},
                    choices=[("", _("No match: the rows get an error")), *vocabulary.choices()],
                    required=False,
                    initial=vocabulary.match(value) or "",
                )
                names.append((name, value))
            self.value_sections.append((columns.COLUMN_LABELS[column], names))

    def column_fields(self):
        return [self[f"column_{i}"] for i in range(len(self.table["header"]))]

    def sections(self):
        return [(label, [self[name] for name, _v in names]) for label, names in self.value_sections]

    def clean(self):
        cleaned = super().clean()
        mapping = [cleaned.get(f"column_{i}", "") for i in range(len(self.table["header"]))]
        chosen = [c for c in mapping if c]
        twice = sorted({str(columns.COLUMN_LABELS[c]) for c in chosen if chosen.count(c) > 1})
        if twice:
            raise forms.ValidationError(
                _("More than one column is read as %s. Choose one.") % ", ".join(twice)
            )
        missing = columns.missing(mapping)
        if missing:
            raise forms.ValidationError(
                _("No column is read as %s.")
                % ", ".join(str(columns.COLUMN_LABELS[c]).lower() for c in missing)
            )
        cleaned["mapping"] = mapping
        cleaned["value_map"] = {
            str(column): {value: cleaned.get(name, "") for name, value in names}
            for column, (_label, names) in zip(
                [c for c in MAPPED if c in self.shown_mapping], self.value_sections, strict=True
            )
        }
        return cleaned

    @property
    def columns_changed(self) -> bool:
        return self.cleaned_data["mapping"] != self.shown_mapping


class ConfirmForm(forms.Form):
    notify = forms.BooleanField(
        label=gettext_lazy("Send welcome letters to the new active members"),
        help_text=gettext_lazy("Off: the seats are imported as history, and nobody gets a letter."),
        required=False,
    )
