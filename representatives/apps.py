from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentativesConfig(AppConfig):
    name = "representatives"
    verbose_name = _("Leadership representatives")
