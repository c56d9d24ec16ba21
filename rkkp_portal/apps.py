from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "rkkp_portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from rkkp_portal import data_version

        # After every migrate (and test database flush): every table watched, new ones too.
        # post_migrate is sent once per app with models, each time after all migrations
        # have run; installing once, for the last of them, is enough.
        last = [config for config in self.apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(
            data_version.installed_after_migrate, sender=last, dispatch_uid="rkkp-data-version"
        )
