from django.urls import path

from steering import views

app_name = "steering"

urlpatterns = [
    path("databases/", views.database_list, name="database-list"),
    path("databases/<slug:slug>/", views.database_detail, name="database-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("public/", views.public_roster, name="public-roster"),
    path("public/databases/<slug:slug>/", views.public_database, name="public-database"),
]
