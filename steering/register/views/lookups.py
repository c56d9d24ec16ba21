"""The lookup views behind the register's search-as-you-type fields (rkkp_portal/lookups.py).

Each builds the very field of the page it serves, so it finds exactly what that page would
accept, and answers with at most ``lookups.LIMIT`` choices in a constant number of queries.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from rkkp_portal.lookups import lookup_response
from steering.access import groups_visible_to
from steering.letters.filters import MessageFilter
from steering.register.forms import AppointForm, GroupChoiceField, MembershipForm, PersonForm

# The register's workplace fields, by name, and the form each is on.
WORKPLACE_FIELDS = {
    "employer": PersonForm,
    "new_employer": AppointForm,
    "appointing_organisation": MembershipForm,
}


def _require_register(request: HttpRequest) -> None:
    # The forms with these fields (appoint, person, seat) are the secretariat's.
    if not request.user.has_perm("steering.manage_register"):
        raise PermissionDenied


@require_GET
def person_lookup(request: HttpRequest) -> HttpResponse:
    """People to appoint to a group (the register's appoint form)."""
    _require_register(request)
    return lookup_response(request, AppointForm().fields["person"], name="person")


@require_GET
def workplace_lookup(request: HttpRequest) -> HttpResponse:
    """Workplaces, for the person, appoint and seat forms; ``name`` says which field."""
    _require_register(request)
    name = request.GET.get("name", "employer")
    form_class = WORKPLACE_FIELDS.get(name)
    if form_class is None:
        return HttpResponseBadRequest()
    return lookup_response(request, form_class().fields[name], name=name)


@require_GET
def group_lookup(request: HttpRequest) -> HttpResponse:
    """Steering groups (appointing in a region, asking a region, nominating), among those
    the user may see."""
    field = GroupChoiceField(
        queryset=groups_visible_to(request.user)
        .select_related("database")
        .order_by("database__name")
    )
    return lookup_response(request, field, name="group")


@require_GET
def message_group_lookup(request: HttpRequest) -> HttpResponse:
    """The outbox filter's steering groups: the filter's own field, so its scope."""
    field = MessageFilter(request=request).form.fields["group"]
    return lookup_response(request, field, name="group")
