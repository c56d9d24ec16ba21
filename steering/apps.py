from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "steering"
    verbose_name = _("Steering groups")

    def ready(self):
        from steering.compliance import register as compliance_cache

        compliance_cache.connect()
