"""The sign-in records page's filters: person, kind, outcome and date."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rkkp_portal import security
from rkkp_portal.accounts.models import SignInEvent


class SignInEventFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        method="filter_person",
        label=_("Person (name or e-mail address)"),
        help_text=_("Attempts at an address without a login are found by the whole address."),
    )
    kind = django_filters.ChoiceFilter(choices=SignInEvent.Kind.choices, label=_("Event"))
    outcome = django_filters.ChoiceFilter(choices=SignInEvent.Outcome.choices, label=_("Outcome"))
    at_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("From (yyyy-mm-dd)")
    )
    at_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("Until (yyyy-mm-dd)")
    )

    class Meta:
        model = SignInEvent
        fields = ["person", "kind", "outcome", "at_from", "at_to"]

    def filter_person(self, queryset, name, value):
        words = value.split()
        # What an unknown visitor typed is kept only as a keyed hash: the whole address
        # typed here finds it.
        typed = Q(login_hash=security.pseudonym(value)) if "@" in value else Q(pk__in=[])
        known = Q()
        for word in words:
            known &= (
                Q(user__email__icontains=word)
                | Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
            )
        return queryset.filter(typed | known) if words else queryset
