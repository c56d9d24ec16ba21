from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "steering"
    verbose_name = _("Steering groups")

    def ready(self):
        from django.db.backends.signals import connection_created

        from steering.compliance import register

        # Each registers its background job kinds.
        from steering.imports import jobs  # noqa: F401
        from steering.letters import group_letter_job  # noqa: F401
        from steering.selfservice import reminder_job  # noqa: F401

        connection_created.connect(register.watch_writes, dispatch_uid="compliance-register")
