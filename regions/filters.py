"""Filters of the region workspace's lists. They narrow a queryset that is already scoped
to the region, so no filter value can reach another region's rows."""

import django_filters
from django.utils.translation import gettext_lazy as _

from regions.models import AppointmentRequest


class AppointmentRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=AppointmentRequest.Status.choices, label=_("Status")
    )
    q = django_filters.CharFilter(
        field_name="group__database__name", lookup_expr="icontains", label=_("Steering group")
    )

    class Meta:
        model = AppointmentRequest
        fields = ["status", "q"]
