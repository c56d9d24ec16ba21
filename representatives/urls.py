from django.urls import path

from representatives import views

app_name = "representatives"

urlpatterns = [
    path("", views.overview, name="overview"),
]
