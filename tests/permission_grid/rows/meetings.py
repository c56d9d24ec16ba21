"""Meetings, papers, answers, calendar feeds and the public roster."""

from tests.permission_grid.notation import row

ROWS = [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "steering:meeting-detail",
        lambda s: [s.meeting.pk],
        get=" L    200  404  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:meeting-respond",
        lambda s: [s.meeting.pk],
        why="an empty answer is a bad request (400) for those invited",
        get=" L    405  405  405  405  405  405  405  405",
        post="L    400  404  400  400  403  403  403  403",
    ),
    row(
        "steering:meeting-paper-upload",
        lambda s: [s.meeting.pk],
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  404  403  403  403  403  403  400",
    ),
    row(
        "steering:meeting-paper",
        lambda s: [s.meeting.pk, s.paper.pk],
        get=" L    200  404  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:meeting-ics",
        lambda s: [s.meeting.pk],
        get=" L    200  404  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:meeting-change",
        lambda s: [s.meeting.pk],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:meeting-cancel",
        lambda s: [s.meeting.pk],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:meeting-attendance",
        lambda s: [s.meeting.pk],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:meeting-schedule",
        lambda s: [s.group.pk],
        get=" L    403  404  403  403  403  403  403  200",
        post="L    403  404  403  403  403  403  403  200",
    ),
    row(
        "steering:meeting-plan",
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:attendance-statistics",
        get=" L    403  403  403  403  403  403  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:attendance-year",
        why="an administrator's figures count only the people employed in their region",
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:rsvp",
        lambda s: [s.rsvp_token],
        why=(
            "the signed link is the credential; a GET only shows the choice, the POST records "
            "it (an empty one is a bad request); anyone signed in as someone else, staff "
            "included, is told whose invitation it is and refused (403)"
        ),
        get=" 200  200  403  403  403  403  403  403  403",
        post="400  400  403  403  403  403  403  403  403",
    ),
    row(
        "steering:calendar-settings",
        why="a POST makes the member's feed address, shown once on the page it leads to",
        get=" L    200  200  200  200  403  403  403  403",
        post="L    302  302+ 302+ 302+ 403  403  403  403",
    ),
    row(
        "steering:calendar-feed",
        lambda s: [s.calendar_token],
        why="the token in the address is the credential (calendar programs cannot log in)",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:calendar-group-feed",
        lambda s: [s.calendar_token, s.group.pk],
        why="the token in the address is the credential",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:public-roster",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "steering:public-database",
        lambda s: [s.database.slug],
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
]
