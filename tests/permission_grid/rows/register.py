"""The register: databases, groups, people, seats, compliance, imports, exports, outbox."""

from django.urls import reverse

from tests.permission_grid.notation import row


def searching(key: str, query: str):
    """A lookup view's address with a search, so an allowed request runs its query."""
    return lambda s: f"{reverse(key)}?{query}"


ROWS = [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "steering:database-list",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:database-create",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    403  403  403  403  403  403  403  200",
    ),
    row(
        "steering:database-export",
        lambda s: ["csv"],
        get=" L    200  200  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:database-detail",
        lambda s: [s.database.slug],
        get=" L    200  404  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:database-edit",
        lambda s: [s.database.slug],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:group-edit",
        lambda s: [s.database.slug],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:appoint",
        lambda s: [s.database.slug],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:group-letter",
        lambda s: [s.database.slug],
        why="the secretariat and the group's chair write to the group; an empty post is a form",
        get=" L    403  404  200  403  403  403  403  200",
        post="L    403  404  200  403  403  403  403  200",
    ),
    row(
        "steering:group-letters",
        lambda s: [s.database.slug],
        why="the letters written to the group, for those who may write them",
        get=" L    403  404  200  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:roster-export",
        lambda s: [s.database.slug, "csv"],
        why=(
            "carries e-mail addresses: only who may list people; an administrator gets only "
            "their region's people (test_scoping.py)"
        ),
        get=" L    403  404  403  403  200  200  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:person-list",
        get=" L    403  403  403  403  200  200  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:person-create",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    403  403  403  403  403  403  403  200",
    ),
    row(
        "steering:person-export",
        lambda s: ["csv"],
        get=" L    403  403  403  403  200  200  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:person-detail",
        lambda s: [s.person.pk],
        get=" L    200  404  404  404  200  404  404  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:person-edit",
        lambda s: [s.person.pk],
        why="the register's page is the secretariat's; members use me-details",
        get=" L    403  404  404  404  403  404  404  200",
        post="L    403  404  404  404  403  404  404  200",
    ),
    row(
        "steering:person-data-export",
        lambda s: [s.person.pk, "json"],
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:membership-detail",
        lambda s: [s.member_seat.pk],
        why="the seat's holder, its region's administrator and the secretariat",
        get=" L    200  404  404  404  200  404  404  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:membership-edit",
        lambda s: [s.member_seat.pk],
        get=" L    403  404  404  404  403  404  404  200",
        post="L    403  404  404  404  403  404  404  200",
    ),
    row(
        "steering:membership-end",
        lambda s: [s.member_seat.pk],
        get=" L    403  404  404  404  403  404  404  200",
        post="L    403  404  404  404  403  404  404  200",
    ),
    row(
        "steering:membership-reappoint",
        lambda s: [s.member_seat.pk],
        get=" L    403  404  404  404  403  404  404  200",
        post="L    403  404  404  404  403  404  404  200",
    ),
    row(
        "steering:welcome-letter",
        lambda s: [s.member_seat.pk],
        get=" L    200  404  404  404  200  404  404  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:compliance",
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:compliance-representation",
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:compliance-forecast",
        why="each reader for the seats their body appoints (test_views_forecast.py)",
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:database-forecast",
        lambda s: [s.database.slug],
        why="the group's members see the group, not its forecast",
        get=" L    403  404  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:compliance-export",
        lambda s: ["csv"],
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:declaration-overview",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:declaration-remind",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    403  403  403  403  403  403  403  302+",
    ),
    row(
        "steering:roster-import",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    403  403  403  403  403  403  403  200",
    ),
    row(
        "steering:roster-import-mapping",
        why="without an upload in the session the secretariat is sent back to the upload",
        get=" L    403  403  403  403  403  403  403  302",
        post="L    403  403  403  403  403  403  403  302",
    ),
    row(
        "steering:roster-preview",
        lambda s: [s.preview_job.pk],
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:roster-import-confirm",
        lambda s: [s.preview_job.pk],
        why="starts the import job (a row in jobs_job)",
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  403  403  403  403  403  403  302+",
    ),
    row(
        "steering:roster-result",
        lambda s: [s.import_job.pk],
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:roster-import-sample",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:message-list",
        why="a scoped list: each sees the letters they may read",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:message-bounces",
        why="the addresses receiving servers refused: the secretariat keeps the addresses",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:message-detail",
        lambda s: [s.message.pk],
        why="a letter to the member: the member and their region's administrator",
        get=" L    200  404  404  404  200  404  404  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:message-retry",
        lambda s: [s.message.pk],
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  404  404  404  403  404  404  302",
    ),
    # Search-as-you-type choices (rkkp_portal/lookups.py): the forms' own scope and rules.
    row(
        "steering:person-lookup",
        path=searching("steering:person-lookup", "name=person&person_search=a"),
        why="the register's appoint form, the secretariat's",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:workplace-lookup",
        path=searching("steering:workplace-lookup", "name=employer&employer_search=a"),
        why="the register's person, appoint and seat forms, the secretariat's",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:message-group-lookup",
        path=searching("steering:message-group-lookup", "name=group&group_search=a"),
        why="the outbox filter's groups: each finds the groups they may see",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:group-lookup",
        path=searching("steering:group-lookup", "name=group&group_search=a"),
        why="a scoped list: each finds the groups they may see (as on /databases/)",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:succession-list",
        why="each appointing body sees the questions about the seats it appoints (#22)",
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:succession-reappoint",
        lambda s: [s.succession_ask.pk],
        why=(
            "the member's region (and the secretariat) re-appoints a regional seat; the "
            "question stays invisible (404) to everyone else"
        ),
        get=" L    405  405  405  405  405  405  405  405",
        post="L    404  404  404  404  302+ 404  404  302+",
    ),
    row(
        "steering:succession-cancel",
        lambda s: [s.succession_ask.pk],
        why=(
            "whoever may re-appoint may undo a re-appointment decided ahead; the grid's "
            "question has none, so it is refused with a message and nothing is written"
        ),
        get=" L    405  405  405  405  405  405  405  405",
        post="L    404  404  404  404  302  404  404  302",
    ),
    row(
        "steering:succession-answer",
        lambda s: [s.willingness_token],
        why=(
            "the signed link is the credential; a GET only shows the question, the POST "
            "records it (an empty one is a bad request); anyone signed in as someone else "
            "is refused (403)"
        ),
        get=" 200  200  403  403  403  403  403  403  403",
        post="400  400  403  403  403  403  403  403  403",
    ),
]
