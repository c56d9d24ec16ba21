from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "rkkp_portal.accounts"
    label = "accounts"
    verbose_name = _("Users")

    def ready(self) -> None:
        from rkkp_portal import security
        from rkkp_portal.accounts.signins import receivers

        security.connect()
        receivers.connect()
