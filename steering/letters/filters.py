"""The outbox page's filters (django-filter)."""

import django_filters
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from rkkp_portal.lookups import LookupForm
from steering.access import groups_visible_to
from steering.models import Message
from steering.register.forms import group_search


def _visible_groups(request):
    return groups_visible_to(request.user).select_related("database").order_by("database__name")


class MessageFilter(django_filters.FilterSet):
    """The outbox page's filters: kind, status, recipient, group and date."""

    kind = django_filters.ChoiceFilter(choices=Message.Kind.choices, label=_("Type"))
    status = django_filters.ChoiceFilter(choices=Message.Status.choices, label=_("Status"))
    recipient = django_filters.CharFilter(method="filter_recipient", label=_("Recipient"))
    # Hundreds of groups: a search-as-you-type field (rkkp_portal/lookups.py), not a select.
    group = django_filters.ModelChoiceFilter(
        queryset=_visible_groups,
        label=_("Steering group"),
        widget=group_search(
            url=reverse_lazy("steering:message-group-lookup"),
            blank_label=_("Every steering group"),
        ),
    )
    created_from = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Created from (yyyy-mm-dd)")
    )
    created_to = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Created until (yyyy-mm-dd)")
    )

    class Meta:
        model = Message
        form = LookupForm
        fields = ["kind", "status", "recipient", "group", "created_from", "created_to"]

    def filter_recipient(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(recipient_email__icontains=word)
                | Q(recipient_person__first_name__icontains=word)
                | Q(recipient_person__last_name__icontains=word)
            )
        return queryset
