import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models import Region
from steering.models import ClinicalDatabase, Person
from steering.models.memberships import Role


class DatabaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ClinicalDatabase.Status.choices, label=_("Status"))
    umbrella = django_filters.ChoiceFilter(
        choices=[("none", _("None")), *ClinicalDatabase.Umbrella.choices[1:]],
        method="filter_umbrella",
        label=_("Umbrella"),
    )

    class Meta:
        model = ClinicalDatabase
        fields = ["q", "status", "umbrella"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(acronym__icontains=value)
            | Q(disease_area__icontains=value)
        )

    def filter_umbrella(self, queryset, name, value):
        return queryset.filter(umbrella="" if value == "none" else value)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or e-mail"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), label=_("Region of employment")
    )
    role = django_filters.ChoiceFilter(
        choices=Role.choices, method="filter_role", label=_("Role (current seats)")
    )

    class Meta:
        model = Person
        fields = ["q", "region", "role"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(email__icontains=value)
        )

    def filter_role(self, queryset, name, value):
        return queryset.filter(memberships__role=value, memberships__status="active").distinct()
