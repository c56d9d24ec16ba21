"""The lookup views behind the region workspace's search-as-you-type fields
(rkkp_portal/lookups.py). Each authorises the region as its page does and builds the page's
own field, so an administrator finds only the people and seats of their region."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from regions.access import get_region_for
from regions.forms import BuyOutForm, PersonOrNewForm
from regions.views.buyouts import MANAGE
from regions.views.seats import APPOINT
from rkkp_portal.lookups import lookup_response


def _person_id(value: str) -> int | None:
    # isdecimal, not isdigit: "²" is a digit int() refuses; longer than a bigint is no id.
    return int(value) if value.isdecimal() and len(value) <= 18 else None


@require_GET
def person_lookup(request: HttpRequest, code: str) -> HttpResponse:
    """People employed in the region, to appoint or to succeed a member (``exclude``: the
    member being replaced, as the replace form leaves them out)."""
    region = get_region_for(request.user, code, APPOINT)
    exclude = _person_id(request.GET.get("exclude", ""))
    form = PersonOrNewForm(region=region, exclude_person_id=exclude)
    return lookup_response(request, form.fields["person"], name="person")


@require_GET
def seat_lookup(request: HttpRequest, code: str) -> HttpResponse:
    """Current seats of people employed in the region, for a buy-out agreement."""
    region = get_region_for(request.user, code, MANAGE)
    form = BuyOutForm(region=region)
    return lookup_response(request, form.fields["membership"], name="membership")
