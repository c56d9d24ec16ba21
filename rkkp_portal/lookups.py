"""Search-as-you-type choice fields, for choices too many for a select (thousands of
people, hundreds of workplaces and steering groups).

The field stays a ``ModelChoiceField``, so the form validates the chosen id against its own
(scoped) queryset and the service gets the same object as before. Only its widget changes:
``SearchSelect`` prints a search box and the current choice and matches as radio buttons.

- With JavaScript, typing asks a lookup view (htmx GET, after a short pause) for the
  matches; the view builds the same field the page uses, with the page's scope, and answers
  with ``lookups/lookup_results.html``.
- Without it, the search button sends the form, which comes back unsent with the matches
  listed (``LookupFormMixin``), so the person can choose and send it again.

Matching is ``icontains`` on a few columns, every word of the search somewhere among them, at
most ``LIMIT`` rows: one query, on PostgreSQL and SQLite alike (SQLite folds the case of
ASCII letters only).
"""

import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LIMIT = 20
# The name of every search button: a form sent with it is a search, not a submission.
SEARCH_BUTTON = "lookup"
MAX_WORDS = 5
MAX_LENGTH = 100
# A field's name as the lookup view is told it (a form prefix may add a dash).
FIELD_NAME = re.compile(r"[a-z][a-z0-9_-]{0,59}")


def search_name(name: str) -> str:
    """The name of a field's search box: ``person`` → ``person_search``."""
    return f"{name}_search"


def matching(queryset: QuerySet, fields: tuple[str, ...], text: str) -> QuerySet:
    """Rows where every word of ``text`` is in one of ``fields``, whatever its case."""
    for word in text.split()[:MAX_WORDS]:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def _chosen(field: forms.ModelChoiceField, value):
    """The object the field's value names, if it is one of the field's choices."""
    if value in field.empty_values:
        return None
    try:
        return field.to_python(value)
    except ValidationError:
        return None


def options(field: forms.ModelChoiceField, *, name: str, text: str, value) -> dict:
    """What the choices show: the current choice first, then up to ``LIMIT`` matches."""
    # A NUL byte cannot reach PostgreSQL, and no name has one.
    text = " ".join(text.replace("\x00", "").split())[:MAX_LENGTH]
    chosen = _chosen(field, value)
    found = []
    if text:
        found = list(matching(field.queryset, field.widget.search_fields, text)[: LIMIT + 1])
    shown = [chosen] if chosen is not None else []
    shown += [obj for obj in found[:LIMIT] if chosen is None or obj.pk != chosen.pk]
    return {
        "name": name,
        "id": f"id_{name}",
        "label": field.label,
        "text": text,
        "choices": [
            {
                "value": field.prepare_value(obj),
                "label": field.label_from_instance(obj),
                "checked": obj is chosen,
            }
            for obj in shown
        ],
        # An optional field can be emptied again once something is chosen.
        "blank": not field.required and bool(shown),
        "blank_label": field.widget.blank_label or _("None"),
        "none_chosen": chosen is None,
        "status": _status(text, len(found)),
    }


def _status(text: str, found: int) -> str:
    if not text:
        return _("Type part of a name, then choose from the matches.")
    if not found:
        return _("Nothing matches “%(text)s”.") % {"text": text}
    if found > LIMIT:
        return _("The first %(count)s matches for “%(text)s”; type more to narrow them down.") % {
            "count": LIMIT,
            "text": text,
        }
    return ngettext(
        "%(count)s match for “%(text)s”.", "%(count)s matches for “%(text)s”.", found
    ) % {"count": found, "text": text}


class SearchSelect(forms.Widget):
    """A search box, a search button and the choices as radio buttons (see the module).

    ``url`` is the lookup view; ``search_fields`` the columns a search looks in; ``params``
    more query parameters for the lookup view (e.g. a person to leave out); ``blank_label``
    names the empty choice of an optional field ("None" unless given)."""

    template_name = "lookups/search_select.html"

    def __init__(
        self,
        *,
        url="",
        search_fields: tuple[str, ...] = (),
        params=None,
        blank_label=None,
        attrs=None,
    ):
        super().__init__(attrs)
        self.url = url
        self.search_fields = search_fields
        self.params = params or {}
        self.blank_label = blank_label
        self.search_text = ""

    def use_required_attribute(self, initial) -> bool:
        # What is required is a choice, not text in the search box.
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.choices.field  # ModelChoiceField hands its widget its choices
        lookup = options(field, name=name, text=self.search_text, value=value)
        attrs = context["widget"]["attrs"]
        attrs["class"] = " ".join(["form-input", *attrs.get("class", "").split()])
        lookup["id"] = attrs.get("id") or lookup["id"]
        attrs["aria-describedby"] = " ".join(
            filter(None, [attrs.get("aria-describedby"), f"{lookup['id']}_status"])
        )
        lookup["url"] = str(self.url)
        lookup["search_name"] = search_name(name)
        lookup["button"] = SEARCH_BUTTON
        lookup["vals"] = json.dumps({"name": name, **self.params})
        context["lookup"] = lookup
        return context


class LookupFormMixin:
    """For a form with ``SearchSelect`` fields: the search button shows the matches without
    sending the form (``is_valid()`` is False and no error is shown yet)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, SearchSelect) and self.is_bound:
                field.widget.search_text = self.data.get(search_name(self.add_prefix(name)), "")

    @property
    def searching(self) -> bool:
        return self.is_bound and SEARCH_BUTTON in self.data

    def full_clean(self):
        super().full_clean()
        if self.searching:
            # The person asked for matches; what is still missing is said when they send.
            self._errors = ErrorDict()

    def is_valid(self) -> bool:
        # Cleaned either way, so a search can still read what was chosen so far.
        return super().is_valid() and not self.searching


class LookupForm(LookupFormMixin, forms.Form):
    """A plain form with search-as-you-type fields: django-filter's ``Meta.form``."""


def lookup_response(
    request: HttpRequest, field: forms.ModelChoiceField, *, name: str
) -> HttpResponse:
    """A lookup view's answer for ``field``, which the view built with the page's scope.

    The query string's ``name`` (else ``name``) is the field's name on the page, so the
    radio buttons are named and numbered as the page's own; ``<name>_search`` is the text
    typed and ``<name>`` the choice so far.
    """
    name = request.GET.get("name", name)
    if not FIELD_NAME.fullmatch(name):
        return HttpResponseBadRequest()
    lookup = options(
        field, name=name, text=request.GET.get(search_name(name), ""), value=request.GET.get(name)
    )
    return render(request, "lookups/lookup_results.html", {"lookup": lookup})
