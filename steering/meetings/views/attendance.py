"""Attendance in one year as charts and a table (issue #19): per region and per group."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regions.models import Region
from rkkp_portal.paging import paginate
from steering.meetings import attendance_year as yearly
from steering.meetings.access import invitations_counted_for
from steering.meetings.forms import AttendanceYearForm


@require_GET
def attendance_by_year(request: HttpRequest) -> HttpResponse:
    """One year's attendance, per region or per steering group (``yearly.VIEWS``)."""
    if not request.user.has_perm("steering.view_yearly_attendance"):
        raise PermissionDenied
    now = timezone.now()
    today = timezone.localdate(now)
    form = AttendanceYearForm(
        request.GET or None,
        years=yearly.years_offered(today),
        views=yearly.VIEWS,
        orders=yearly.ORDERS,
    )
    # A year, view or order not offered is shown on the form; the page shows this year's
    # regions. An order is the groups' (the links of the groups' view name one).
    valid = form.is_valid()
    year = form.cleaned_data["year"] if valid else today.year
    order = form.cleaned_data["order"] if valid else ""
    view = (form.cleaned_data["view"] if valid else "") or ("groups" if order else "regions")
    order = order or "name"

    invitations = yearly.in_year(invitations_counted_for(request.user), year, now)
    roles = request.user.roles
    # A regional administrator counts the people employed in their region only.
    own_region = None
    if not (roles.secretariat or roles.circle):
        own_region = Region.objects.get(pk=roles.admin_region_id)
    context = {
        "form": form,
        "year": year,
        "view": view,
        "views": list(yearly.VIEWS.items()),
        "order": order,
        "own_region": own_region,
    }
    if view == "groups":
        groups = yearly.per_group(invitations)
        page, query = paginate(
            request, yearly.in_order(groups, order), per_page=yearly.GROUPS_PER_PAGE
        )
        context |= {
            "lowest_chart": yearly.lowest_chart(year, yearly.lowest_groups(groups)),
            "page_obj": page,
            "query_without_page": query,
        }
    else:
        regions = [own_region] if own_region else list(Region.objects.all())
        region_rows, total = yearly.per_region(invitations, regions)
        context |= {
            "region_rows": region_rows,
            "total": total,
            "regions_chart": yearly.region_chart(year, region_rows, total),
        }
    return render(request, "meetings/attendance_year.html", context)
