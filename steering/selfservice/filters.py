"""The declarations page's filters (django-filter): whether the holder has declared for the
year, the steering group and the holder's region of employment."""

import django_filters
from django.utils.translation import gettext_lazy as _

from regions.models import Region
from rkkp_portal.lookups import LookupForm
from steering.access import declaration_seats_visible_to
from steering.models import Membership, Person, SteeringGroup
from steering.register.forms import group_search

MISSING = "missing"
SUBMITTED = "submitted"


class DeclarationFilter(django_filters.FilterSet):
    """Over ``declaration_seats_visible_to``: seats annotated with ``declared``."""

    status = django_filters.ChoiceFilter(
        choices=[(MISSING, _("Not submitted")), (SUBMITTED, _("Submitted"))],
        method="filter_status",
        label=_("Declaration"),
        empty_label=_("Submitted or not"),
    )
    # Hundreds of groups: a search-as-you-type field (rkkp_portal/lookups.py), not a select.
    group = django_filters.ModelChoiceFilter(
        queryset=SteeringGroup.objects.select_related("database"),
        label=_("Steering group"),
        widget=group_search(blank_label=_("Every steering group")),
    )
    # The regions are read in __init__: one query serves the options and the check.
    region = django_filters.ChoiceFilter(
        field_name="person__region", label=_("Region of employment"), empty_label=_("Every region")
    )

    class Meta:
        model = Membership
        form = LookupForm
        fields = ["status", "group", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].extra["choices"] = [
            (region.pk, region.name) for region in Region.objects.all()
        ]

    def filter_status(self, queryset, name, value):
        return queryset.filter(declared=value == SUBMITTED)


def declaration_filter(user, data, year: int) -> DeclarationFilter:
    """The filter over the seats whose declarations ``user`` follows."""
    return DeclarationFilter(data, queryset=declaration_seats_visible_to(user, year))


def missing_people(filterset: DeclarationFilter):
    """The people the filter's seats belong to who have not declared and can be written to.
    Only for a valid filter: an invalid one would drop the conditions it could not read."""
    missing = filterset.qs.filter(declared=False).values("person_id")
    return Person.objects.filter(pk__in=missing).exclude(email="")


def filter_parameters(data) -> dict[str, str]:
    """The filter's own parameters chosen in ``data`` (a query or a job's payload)."""
    return {
        name: data[name]
        for name in (*DeclarationFilter.base_filters, "group_search")
        if data.get(name)
    }
