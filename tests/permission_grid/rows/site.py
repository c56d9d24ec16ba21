"""The project's own pages outside the apps: dashboard, health, self-service, language."""

from tests.permission_grid.notation import row

ROWS = [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "dashboard",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "search",
        why="the header's search is for staff; each kind of result is scoped (test_scoping)",
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "health",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "me",
        why="a self-service page: staff accounts without a person record are refused",
        get=" L    200  200  200  200  403  403  403  403",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "me-fellows",
        why="a self-service page: staff accounts without a person record are refused",
        get=" L    200  200  200  200  403  403  403  403",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "me-meetings",
        why="a self-service page: staff accounts without a person record are refused",
        get=" L    200  200  200  200  403  403  403  403",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "me-details",
        get=" L    200  200  200  200  403  403  403  403",
        post="L    200  200  200  200  403  403  403  403",
    ),
    row(
        "me-consent",
        why="only a patient/relative representative gives consent; no persona is one",
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  403  403  403  403  403  403  403",
    ),
    row(
        "me-declaration",
        get=" L    200  200  200  200  403  403  403  403",
        post="L    200  200  200  200  403  403  403  403",
    ),
    row(
        "accounts:sign-in-list",
        why="the record of every sign-in is the secretariat's (#17)",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "accessibility",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "privacy",
        get=" 200  200  200  200  200  200  200  200  200",
        post="405  405  405  405  405  405  405  405  405",
    ),
    row(
        "set_language",
        why="public: the switch is on the login and public pages too",
        get=" 302  302  302  302  302  302  302  302  302",
        post="302  302  302  302  302  302  302  302  302",
        data={"language": "en", "next": "/"},
    ),
]
