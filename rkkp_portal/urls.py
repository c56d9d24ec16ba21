from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from rkkp_portal import views
from rkkp_portal.search.views import search_page
from steering.privacy import views as privacy
from steering.selfservice.views import declarations, me

# The admin has no login of its own: /admin/login/ sends to allauth's login (with its MFA
# step and rate limits); a signed-in user who is not Django staff gets 403 there.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("health/", views.health, name="health"),
    path("search/", search_page, name="search"),
    # A stable address: letters and the dashboard link to it.
    path("me/", me.me, name="me"),
    path("me/fellows/", me.me_fellows, name="me-fellows"),
    path("me/meetings/", me.me_meetings, name="me-meetings"),
    path("me/details/", me.me_details, name="me-details"),
    path("me/consent/", me.me_consent, name="me-consent"),
    path("me/declaration/", declarations.my_declaration, name="me-declaration"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("privatliv/", privacy.privacy_page, name="privacy"),
    path("accounts/", include("allauth.urls")),
    # The record of every sign-in (#17), for the secretariat.
    path("sign-ins/", include("rkkp_portal.accounts.urls")),
    # The language switch is on every page, the login and public pages included.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("jobs/", include("rkkp_portal.jobs.urls")),
    path("", include("steering.urls")),
    path("regions/", include("regions.urls")),
    path("representatives/", include("representatives.urls")),
]
