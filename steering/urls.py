from django.urls import path

from steering.views import databases, people, public

app_name = "steering"

urlpatterns = [
    path("databases/", databases.database_list, name="database-list"),
    path("databases/<slug:slug>/", databases.database_detail, name="database-detail"),
    path("people/", people.person_list, name="person-list"),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("public/", public.public_roster, name="public-roster"),
    path("public/databases/<slug:slug>/", public.public_database, name="public-database"),
]
