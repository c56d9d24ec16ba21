from django.urls import path

from rkkp_portal.accounts.signins import views as signins

app_name = "accounts"

urlpatterns = [
    path("", signins.sign_in_list, name="sign-in-list"),
]
