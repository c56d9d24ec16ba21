from django.contrib import admin
from django.urls import include, path

from rkkp_portal import views
from steering.views import declarations, me

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
    # A stable address: letters and the dashboard link to it.
    path("me/", me.me, name="me"),
    path("me/details/", me.me_details, name="me-details"),
    path("me/consent/", me.me_consent, name="me-consent"),
    path("me/declaration/", declarations.my_declaration, name="me-declaration"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("steering.urls")),
    path("regions/", include("regions.urls")),
    path("representatives/", include("representatives.urls")),
]
