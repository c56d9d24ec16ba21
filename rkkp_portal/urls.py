from django.contrib import admin
from django.urls import include, path

from rkkp_portal import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("steering.urls")),
    path("regions/", include("regions.urls")),
    path("representatives/", include("representatives.urls")),
]
