from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "steering"
    verbose_name = _("Steering groups")

    def ready(self):
        from django.db.backends.signals import connection_created

        from steering.compliance import register
        from steering.imports import jobs  # noqa: F401  (registers the import's job kinds)

        connection_created.connect(register.watch_writes, dispatch_uid="compliance-register")
