from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from steering.models import ClinicalDatabase, Membership
from steering.models.memberships import Role

PUBLIC_ROLES = [
    Role.CHAIR,
    Role.MEMBER,
    Role.SOCIETY,
    Role.LEADERSHIP,
    Role.MUNICIPAL,
    Role.PATIENT,
]


def _publicly_listed_seats():
    """Work-related data only; patient representatives only with recorded consent."""
    return (
        Membership.objects.active()
        .filter(role__in=PUBLIC_ROLES)
        .exclude(role=Role.PATIENT, person__listing_consent_at__isnull=True)
        .select_related("person__employer", "person__region", "representing_region")
        .order_by("role", "person__last_name")
    )


@login_not_required
@require_GET
def public_roster(request: HttpRequest) -> HttpResponse:
    databases = (
        ClinicalDatabase.objects.exclude(status=ClinicalDatabase.Status.CLOSED)
        .select_related("steering_group")
        .prefetch_related(
            Prefetch(
                "steering_group__memberships",
                queryset=_publicly_listed_seats().filter(role=Role.CHAIR),
                to_attr="public_chairs",
            )
        )
        .order_by("name")
    )
    return render(request, "steering/public_roster.html", {"databases": databases})


@login_not_required
@require_GET
def public_database(request: HttpRequest, slug: str) -> HttpResponse:
    database = get_object_or_404(
        ClinicalDatabase.objects.exclude(status=ClinicalDatabase.Status.CLOSED).select_related(
            "steering_group"
        ),
        slug=slug,
    )
    seats = list(_publicly_listed_seats().filter(group=database.steering_group))
    by_role = [(label, [s for s in seats if s.role == role]) for role, label in Role.choices]
    return render(
        request,
        "steering/public_database.html",
        {
            "database": database,
            "seats_by_role": [(label, items) for label, items in by_role if items],
        },
    )
