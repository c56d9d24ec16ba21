from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "rkkp_portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from rkkp_portal import data_version

        # After every migrate (and test database flush): every table watched, new ones too.
        post_migrate.connect(data_version.installed_after_migrate, dispatch_uid="rkkp-data-version")
