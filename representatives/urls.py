from django.urls import path

from representatives import views

app_name = "representatives"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("mine/", views.my_nominations, name="my-nominations"),
    path("nominate/", views.nominate, name="nominate"),
    # Search-as-you-type candidates on the nomination form (rkkp_portal/lookups.py).
    path("candidates/lookup/", views.candidate_lookup, name="candidate-lookup"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination-detail"),
    path("nominations/<int:pk>/decide/", views.decide, name="nomination-decide"),
    path("nominations/<int:pk>/withdraw/", views.withdraw, name="nomination-withdraw"),
]
