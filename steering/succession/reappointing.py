"""Re-appoint the sitting member from the question about their seat, in one action."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rkkp_portal.services import require, save
from steering.models import Membership, SuccessionAsk
from steering.register.services.memberships import reappoint_member


@transaction.atomic
def reappoint_from_ask(*, actor, ask: SuccessionAsk) -> Membership:
    """The next period for the same person through ``reappoint_member`` (which checks the
    seat's own permission and the chair term limit); answers the region's request with
    the new seat, and closes the question."""
    require(actor, "steering.handle_succession", ask)
    locked = SuccessionAsk.objects.select_for_update().get(pk=ask.pk)
    if not locked.is_open:
        raise ValidationError(_("This question is already closed."), code="closed")
    if locked.willing == SuccessionAsk.Willing.NO:
        raise ValidationError(
            _("The member does not wish to continue. Appoint someone else."), code="unwilling"
        )
    renewed = reappoint_member(actor=actor, membership=locked.membership)
    locked.status = SuccessionAsk.Status.REAPPOINTED
    locked.successor = renewed
    locked.closed_at = timezone.now()
    locked.full_clean()
    save(locked, actor=actor)
    if locked.body == SuccessionAsk.Body.REGION:
        # The region's request is answered by the new seat, as when it appoints anyone.
        from regions.services.appointment_requests import answer_open_requests

        answer_open_requests(actor=actor, membership=renewed)
    return renewed
