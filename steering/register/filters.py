"""Filters of the register's lists (django-filter). Every filter is one SQL condition,
except the compliance filter, which evaluates the rules for every group in a fixed
number of queries."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models import Organisation, Region
from rkkp_portal.forms import DateInput
from steering.compliance import checks as compliance
from steering.compliance import register as compliance_register
from steering.models import ClinicalDatabase, Membership, Person, SteeringGroup
from steering.models.memberships import Role

ANY_PROBLEM = "any"


def problem_choices() -> list[tuple[str, str]]:
    return [(ANY_PROBLEM, _("Any composition problem")), *compliance.RULE_LABELS.items()]


class DatabaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ClinicalDatabase.Status.choices, label=_("Status"))
    umbrella = django_filters.ChoiceFilter(
        choices=[("none", _("None")), *ClinicalDatabase.Umbrella.choices[1:]],
        method="filter_umbrella",
        label=_("Umbrella"),
    )
    # A text search, not a drop-down: a select of the register's 85 disease areas was long to
    # use and cost a third of the page to render.
    disease_area = django_filters.CharFilter(
        lookup_expr="icontains",
        label=_("Disease area"),
        help_text=_("Part of the disease area's name."),
    )
    # The regions' choices are read in __init__: one query serves both region filters.
    represented = django_filters.ChoiceFilter(
        method="filter_represented", label=_("Region represented")
    )
    missing = django_filters.ChoiceFilter(
        method="filter_missing", label=_("Region not represented")
    )
    problem = django_filters.ChoiceFilter(
        choices=problem_choices, method="filter_problem", label=_("Composition problem")
    )

    class Meta:
        model = ClinicalDatabase
        fields = ["q", "status", "umbrella", "disease_area"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = [(region.pk, region.name) for region in Region.objects.all()]
        for name in ("represented", "missing"):
            self.filters[name].extra["choices"] = regions

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(acronym__icontains=value)
            | Q(disease_area__icontains=value)
        )

    def filter_umbrella(self, queryset, name, value):
        return queryset.filter(umbrella="" if value == "none" else value)

    def filter_represented(self, queryset, name, value):
        return queryset.filter(steering_group__in=_groups_represented_by(value))

    def filter_missing(self, queryset, name, value):
        return queryset.exclude(steering_group__in=_groups_represented_by(value))

    def filter_problem(self, queryset, name, value):
        register = compliance_register.register()
        if value == ANY_PROBLEM:
            failing = list(register.failing)
        else:
            failing = [group_id for group_id, _finding in register.failing_rule(value)]
        return queryset.filter(steering_group__in=failing)


def _groups_represented_by(region):
    return Membership.objects.in_office().filter(representing_region=region).values("group_id")


class PersonFilter(django_filters.FilterSet):
    """The people list's filters. Workplace and steering group are text searches, not
    drop-downs: at the register's size a select of every workplace or group is too long to
    use and to render. ``employer`` and ``group`` still take an id, for links from other
    pages; the form carries the chosen one as a hidden field and the page names it."""

    q = django_filters.CharFilter(method="search", label=_("Name or e-mail"))
    # The regions' choices are read in __init__: one query serves both the check of the
    # chosen region and the options (a ModelChoiceFilter reads the table for each).
    region = django_filters.ChoiceFilter(label=_("Region of employment"))
    workplace = django_filters.CharFilter(
        method="search_workplace",
        label=_("Workplace"),
        help_text=_("Part of the name of the workplace or the hospital it belongs to."),
    )
    employer = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.select_related("parent"),
        widget=forms.HiddenInput,
        label=_("Workplace"),
    )
    role = django_filters.ChoiceFilter(
        choices=Role.choices, method="filter_seats", label=_("Role (current seats)")
    )
    database = django_filters.CharFilter(
        method="filter_seats",
        label=_("Steering group (current seats)"),
        help_text=_("Part of the database's name or its acronym."),
    )
    group = django_filters.ModelChoiceFilter(
        queryset=SteeringGroup.objects.select_related("database"),
        method="filter_seats",
        widget=forms.HiddenInput,
        label=_("Steering group (current seats)"),
    )
    term_ends_before = django_filters.DateFilter(
        method="filter_seats",
        label=_("A current term ends before"),
        widget=DateInput(),
    )

    class Meta:
        model = Person
        fields = [
            "q",
            "region",
            "workplace",
            "employer",
            "role",
            "database",
            "group",
            "term_ends_before",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = [(region.pk, region.name) for region in Region.objects.all()]
        self.filters["region"].extra["choices"] = regions

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )

    def search_workplace(self, queryset, name, value):
        return queryset.filter(
            Q(employer__name__icontains=value)
            | Q(employer__short_name__icontains=value)
            | Q(employer__parent__name__icontains=value)
            | Q(employer__parent__short_name__icontains=value)
        )

    def filter_seats(self, queryset, name, value):
        # Role, group and term end are read together: one seat must match all of them.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        seat = Q()
        if data.get("role"):
            seat &= Q(role=data["role"])
        if data.get("group"):
            seat &= Q(group=data["group"])
        if data.get("database"):
            seat &= Q(group__database__name__icontains=data["database"]) | Q(
                group__database__acronym__icontains=data["database"]
            )
        if data.get("term_ends_before"):
            seat &= Q(term_end__lt=data["term_ends_before"])
        if seat:
            seats = Membership.objects.active().filter(seat).values("person_id")
            queryset = queryset.filter(pk__in=seats)
        return queryset

    def chosen(self) -> list[tuple[str, object, str]]:
        """The workplace and group given by id: (label, the object, the parameter)."""
        self.is_valid()  # fills cleaned_data with the valid fields, even if others are not
        data = getattr(self.form, "cleaned_data", {})
        return [
            (self.filters[name].label, data[name], name)
            for name in ("employer", "group")
            if data.get(name)
        ]
