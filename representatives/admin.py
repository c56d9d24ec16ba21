from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from representatives.models import (
    CircleMember,
    LeadershipNomination,
    QualifyingLeadershipLevel,
    QualifyingOrganisationKind,
    QualifyingProfession,
)


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


# Who qualifies as a leadership representative: add a row to turn a value on, delete it to
# turn it off; no code change is needed (history keeps every change).
@admin.register(QualifyingLeadershipLevel)
class QualifyingLeadershipLevelAdmin(SimpleHistoryAdmin):
    list_display = ["level"]


@admin.register(QualifyingProfession)
class QualifyingProfessionAdmin(SimpleHistoryAdmin):
    list_display = ["profession"]


@admin.register(QualifyingOrganisationKind)
class QualifyingOrganisationKindAdmin(SimpleHistoryAdmin):
    list_display = ["kind"]
