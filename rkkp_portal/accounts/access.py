"""Who may read the sign-in records: the secretariat, every record; nobody else, none."""

from django.db.models import QuerySet

from rkkp_portal.accounts.models import SignInEvent


def sign_in_events_visible_to(user) -> QuerySet[SignInEvent]:
    if user.has_perm("accounts.view_signinevent"):
        return SignInEvent.objects.all()
    return SignInEvent.objects.none()
