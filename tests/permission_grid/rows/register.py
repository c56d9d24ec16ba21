"""The register: databases, groups, people, seats, compliance, imports, exports, outbox."""

from tests.permission_grid.notation import row

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
        get=" L    200  404  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:membership-edit",
        lambda s: [s.member_seat.pk],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:membership-end",
        lambda s: [s.member_seat.pk],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:membership-reappoint",
        lambda s: [s.member_seat.pk],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:welcome-letter",
        lambda s: [s.member_seat.pk],
        get=" L    200  404  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:compliance",
        get=" L    403  403  403  403  200  200  200  200",
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
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  403  403  403  403  403  403  302+",
    ),
    row(
        "steering:roster-import",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    403  403  403  403  403  403  403  200",
    ),
    row(
        "steering:roster-import-confirm",
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  403  403  403  403  403  403  302",
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
]
