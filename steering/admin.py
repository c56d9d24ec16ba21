from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from rkkp_portal.paging import PAGE_SIZE
from steering.models import (
    CalendarToken,
    ClinicalDatabase,
    Declaration,
    GroupLetter,
    Invitation,
    Meeting,
    MeetingPaper,
    Membership,
    Message,
    Person,
    StandardText,
    SteeringGroup,
    SuccessionAsk,
)


class NoDeleteMixin:
    """The register is a record: seats and people end, they are not deleted."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ClinicalDatabase)
class ClinicalDatabaseAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "umbrella", "status", "contact_person"]
    list_filter = ["umbrella", "status"]
    search_fields = ["name", "acronym", "disease_area"]
    prepopulated_fields = {"slug": ["acronym"]}
    list_select_related = ["contact_person"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # Every database has its steering group, however it was created.
        SteeringGroup.objects.get_or_create(database=obj)


@admin.register(SteeringGroup)
class SteeringGroupAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["database", "requires_all_regions", "min_patient_representatives"]
    search_fields = ["database__name"]
    list_select_related = ["database"]


@admin.register(Person)
class PersonAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "email", "title", "employer", "region"]
    list_filter = ["region", "profession", "leadership_level"]
    search_fields = ["first_name", "last_name", "email"]
    autocomplete_fields = ["employer", "user"]
    list_select_related = ["employer__parent", "region"]
    # The portal's own lists' page size, so the page benchmark compares like with like.
    list_per_page = PAGE_SIZE


@admin.register(Membership)
class MembershipAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = [
        "person",
        "group",
        "role",
        "representing_region",
        "term_start",
        "term_end",
        "status",
    ]
    list_filter = ["status", "role", "representing_region"]
    search_fields = ["person__first_name", "person__last_name", "group__database__name"]
    autocomplete_fields = ["person", "group", "appointing_organisation", "predecessor"]
    list_select_related = ["person", "group__database", "representing_region"]
    date_hierarchy = "term_start"
    list_per_page = PAGE_SIZE


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    autocomplete_fields = ["person"]


class MeetingPaperInline(admin.TabularInline):
    model = MeetingPaper
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["group", "kind", "starts_at", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["group__database__name", "title"]
    autocomplete_fields = ["group"]
    inlines = [InvitationInline, MeetingPaperInline]
    list_select_related = ["group__database"]


@admin.register(MeetingPaper)
class MeetingPaperAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "meeting", "uploaded_at"]
    list_filter = ["kind"]
    search_fields = ["title", "meeting__group__database__name"]
    autocomplete_fields = ["meeting"]
    list_select_related = ["meeting__group__database"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    """Read-only here: a member resets their own address on their calendar page."""

    list_display = ["person", "created_at"]
    search_fields = ["person__first_name", "person__last_name", "person__email"]
    readonly_fields = ["person", "token_hash", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Declaration)
class DeclarationAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["person", "year", "nothing_to_declare", "submitted_at"]
    list_filter = ["year"]
    search_fields = ["person__first_name", "person__last_name"]
    autocomplete_fields = ["person"]


@admin.register(Message)
class MessageAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = [
        "kind",
        "recipient_email",
        "subject",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["recipient_email", "subject", "idempotency_key"]
    readonly_fields = [f.name for f in Message._meta.fields]

    def has_add_permission(self, request) -> bool:
        # Letters are written by the services that cause them, with their idempotency key;
        # an empty form here would queue a blank letter.
        return False


@admin.register(GroupLetter)
class GroupLetterAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Letters to whole groups, read-only: they are written and sent on the group's page."""

    list_display = ("subject", "group", "signature", "recipient_count", "created_at")
    list_select_related = ("group__database",)
    readonly_fields = [field.name for field in GroupLetter._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "person", "response", "attendance"]
    list_filter = ["response", "attendance"]
    search_fields = ["person__first_name", "person__last_name", "meeting__group__database__name"]
    autocomplete_fields = ["meeting", "person"]
    list_select_related = ["meeting__group__database", "person"]


@admin.register(StandardText)
class StandardTextAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["key", "title_da", "updated_at"]
    readonly_fields = ["key"]

    def has_add_permission(self, request) -> bool:
        # The texts are a fixed set that letters and pages refer to by key.
        return False


@admin.register(SuccessionAsk)
class SuccessionAskAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Read-only: the daily scan asks, the appointing body re-appoints on its page."""

    list_display = ["membership", "body", "asked_on", "status", "willing"]
    list_filter = ["body", "status", "willing"]
    list_select_related = ["membership__person", "membership__group__database"]
    readonly_fields = [field.name for field in SuccessionAsk._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
