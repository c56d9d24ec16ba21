from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from representatives.models import CircleMember, LeadershipNomination


@admin.register(CircleMember)
class CircleMemberAdmin(SimpleHistoryAdmin):
    list_display = ["user", "region", "title", "active"]
    autocomplete_fields = ["user"]


@admin.register(LeadershipNomination)
class LeadershipNominationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "group", "proposing_region", "status", "decided_at"]
    list_filter = ["status", "proposing_region"]
    autocomplete_fields = ["person", "group", "membership"]
    readonly_fields = ["created_at"]
