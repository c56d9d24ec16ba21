from django.urls import path

from regions import views

app_name = "regions"

urlpatterns = [
    path("<slug:code>/", views.region_detail, name="region-detail"),
]
