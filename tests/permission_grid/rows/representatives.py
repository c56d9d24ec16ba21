"""Leadership nominations (the nomination: Hovedstaden proposed a Hovedstaden leader)."""

from django.urls import reverse

from tests.permission_grid.notation import row

ROWS = [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "representatives:overview",
        get=" L    403  403  403  403  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "representatives:my-nominations",
        get=" L    200  200  200  200  200  200  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "representatives:nominate",
        get=" L    403  403  403  403  200  200  200  403",
        post="L    403  403  403  403  200  200  200  403",
    ),
    row(
        "representatives:candidate-lookup",
        path=lambda s: reverse("representatives:candidate-lookup") + "?person_search=a",
        why="the nomination form's candidates (rkkp_portal/lookups.py)",
        get=" L    403  403  403  403  200  200  200  403",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "representatives:nomination-detail",
        lambda s: [s.nomination.pk],
        get=" L    404  404  404  404  200  404  200  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "representatives:nomination-decide",
        lambda s: [s.nomination.pk],
        get=" L    405  405  405  405  405  405  405  405",
        post="L    404  404  404  404  403  404  200  403",
    ),
    row(
        "representatives:nomination-withdraw",
        lambda s: [s.nomination.pk],
        get=" L    405  405  405  405  405  405  405  405",
        post="L    404  404  404  404  302+ 404  403  302+",
    ),
]
