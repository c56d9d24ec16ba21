from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regions.models import (
    AppointmentRequest,
    BuyOutAgreement,
    EmployerBacking,
    Organisation,
    OrganisationKind,
    Region,
    RegionalAdministrator,
    SupportContact,
    WelcomeLetterSupplement,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_da", "name_en"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OrganisationKind)
class OrganisationKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name_da", "name_en"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "region", "active"]
    list_filter = ["kind", "region", "active"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["kind", "parent", "region"]


@admin.register(RegionalAdministrator)
class RegionalAdministratorAdmin(SimpleHistoryAdmin):
    list_display = ["user", "region", "active"]
    list_filter = ["region", "active"]
    autocomplete_fields = ["user"]


@admin.register(WelcomeLetterSupplement)
class WelcomeLetterSupplementAdmin(SimpleHistoryAdmin):
    list_display = ["region", "updated_at"]


@admin.register(SupportContact)
class SupportContactAdmin(SimpleHistoryAdmin):
    list_display = ["region", "kind", "name", "email", "phone"]
    list_filter = ["region", "kind"]


@admin.register(BuyOutAgreement)
class BuyOutAgreementAdmin(SimpleHistoryAdmin):
    list_display = ["membership", "employer", "starts_on", "ends_on", "annual_amount_dkk", "status"]
    list_filter = ["status"]
    autocomplete_fields = ["membership", "employer"]


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(SimpleHistoryAdmin):
    list_display = ["group", "region", "due_on", "status"]
    list_filter = ["status", "region"]
    list_select_related = ["group__database", "region"]
    raw_id_fields = ["group", "membership"]


@admin.register(EmployerBacking)
class EmployerBackingAdmin(SimpleHistoryAdmin):
    list_display = ["membership", "confirmed_on", "confirmed_by"]
    raw_id_fields = ["membership"]
