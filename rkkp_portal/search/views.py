from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from rkkp_portal.search.finding import LIMIT, search


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        min_length=2,
        max_length=100,
        strip=True,
        help_text=_("A name, an e-mail, a workplace, a database or its acronym."),
    )


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("steering.search_register"):
        raise PermissionDenied
    form = SearchForm(request.GET if "q" in request.GET else None)
    found = search(request.user, form.cleaned_data["q"]) if form.is_valid() else None
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "found": found,
            "total": sum(len(group.hits) for group in found) if found else 0,
            "limit": LIMIT,
        },
    )
