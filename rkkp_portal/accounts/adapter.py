from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from appointments or the secretariat: nobody signs up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        # A plain member's work is on their own page (#8); a new member arrives there from the
        # welcome letter's set-password link. Staff roles keep the dashboard; ?next= still wins.
        roles = request.user.roles
        if roles.person_id is not None and not roles.is_staff_role:
            return reverse("me")
        return super().get_login_redirect_url(request)
