from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come from appointments or the secretariat: nobody signs up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return False
