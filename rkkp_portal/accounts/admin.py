from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from rkkp_portal.accounts.models import SignInEvent, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_secretariat", "is_active"]
    list_filter = ["is_secretariat", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Name"), {"fields": ["first_name", "last_name"]}),
        (_("Roles"), {"fields": ["is_secretariat", "is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def has_change_permission(self, request, obj=None) -> bool:
        # A superuser's account (password, e-mail, roles) is a superuser's to change: the
        # secretariat could otherwise take it over by setting its password.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser may hand out superuser or staff rights.
        if request.user.is_superuser:
            return ["last_login", "date_joined"]
        return ["is_superuser", "is_staff", "last_login", "date_joined"]


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    """Read only: the record is written by the sign-in flows (accounts/signins/record.py)."""

    list_display = ["at", "kind", "outcome", "user", "method", "reason", "client"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
