"""Who sees which questions: the secretariat all, a region its regional seats', the
circle the leadership seats' (the same split as ``steering.handle_succession``)."""

from django.http import Http404

from steering.models import SuccessionAsk


def asks_for(user):
    asks = SuccessionAsk.objects.all()
    roles = user.roles
    if roles.secretariat:
        return asks
    if roles.admin_region_id is not None:
        return asks.filter(
            body=SuccessionAsk.Body.REGION,
            membership__representing_region_id=roles.admin_region_id,
        )
    if roles.circle:
        return asks.filter(body=SuccessionAsk.Body.CIRCLE)
    return asks.none()


def get_ask_for(user, pk: int) -> SuccessionAsk:
    ask = (
        asks_for(user)
        .select_related(
            "membership__person", "membership__group__database", "appointment_request__region"
        )
        .filter(pk=pk)
        .first()
    )
    if ask is None:
        raise Http404
    return ask
