"""The regions' workspace: seats, requests, letters, support, buy-outs, standard texts."""

from django.urls import reverse

from tests.permission_grid.notation import row


def hov(*pks):
    """Arguments of a page in Hovedstaden's workspace (the member's region)."""
    return lambda s: ["hovedstaden", *(pk(s) for pk in pks)]


def seat(s):
    return s.member_seat.pk


ROWS = [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "regions:region-list",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:buyout-report-all",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:standard-text-list",
        get=" L    403  403  403  403  403  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:standard-text-edit",
        lambda s: [s.standard_text.key],
        get=" L    403  403  403  403  403  403  403  200",
        post="L    403  403  403  403  403  403  403  200",
    ),
    row(
        "regions:my-support",
        why="sends a member on to their region's support page; staff have no region of employment",
        get=" L    302  302  302  302  404  404  404  404",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:request-missing",
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  403  403  403  403  403  403  302+",
    ),
    row(
        "regions:region-detail",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:region-people",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:seat-appoint",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:seat-replace",
        hov(seat),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:seat-end",
        hov(seat),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:seat-backing",
        hov(seat),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:request-list",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:request-create",
        hov(),
        get=" L    403  403  403  403  403  403  403  200",
        post="L    403  403  403  403  403  403  403  200",
    ),
    row(
        "regions:request-detail",
        hov(lambda s: s.request.pk),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:request-decline",
        hov(lambda s: s.request.pk),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:supplement-edit",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:supplement-versions",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:letter-preview",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:letter-preview-html",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:support",
        hov(),
        why="the region's members (by employment) read it; chair and leader are employed there",
        get=" L    200  403  200  200  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:contact-create",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:contact-edit",
        hov(lambda s: s.contact.pk),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:contact-delete",
        hov(lambda s: s.contact.pk),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  302+ 403  403  302+",
    ),
    row(
        "regions:buyout-list",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:buyout-chairs",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:buyout-create",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:buyout-edit",
        hov(lambda s: s.buyout.pk),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    403  403  403  403  200  403  403  200",
    ),
    row(
        "regions:buyout-decide",
        hov(lambda s: s.buyout.pk),
        why="the region proposes; only the secretariat approves or rejects (#20)",
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  403  403  403  403  403  403  200",
    ),
    row(
        "regions:buyout-report",
        hov(),
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
]


def syd(pk):
    """Syddanmark's workspace naming one of Hovedstaden's objects: hidden (404) from all."""
    return lambda s: ["syddanmark", pk(s)]


OTHER_WORKSPACE = "Hovedstaden's object in Syddanmark's workspace"
# The workspace belongs to Syddanmark (Hovedstaden's administrator: 403) and the object is not
# in it (Syddanmark's administrator and the secretariat: 404).
ROWS += [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "regions:seat-replace",
        syd(seat),
        variant=OTHER_WORKSPACE,
        get=" L    403  403  403  403  403  404  403  404",
        post="L    403  403  403  403  403  404  403  404",
    ),
    row(
        "regions:seat-end",
        syd(seat),
        variant=OTHER_WORKSPACE,
        get=" L    403  403  403  403  403  404  403  404",
        post="L    403  403  403  403  403  404  403  404",
    ),
    row(
        "regions:seat-backing",
        syd(seat),
        variant=OTHER_WORKSPACE,
        get=" L    403  403  403  403  403  404  403  404",
        post="L    403  403  403  403  403  404  403  404",
    ),
    row(
        "regions:request-detail",
        syd(lambda s: s.request.pk),
        variant=OTHER_WORKSPACE,
        get=" L    403  403  403  403  403  404  403  404",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:request-decline",
        syd(lambda s: s.request.pk),
        variant=OTHER_WORKSPACE,
        get=" L    403  403  403  403  403  404  403  404",
        post="L    403  403  403  403  403  404  403  404",
    ),
    row(
        "regions:contact-edit",
        syd(lambda s: s.contact.pk),
        variant=OTHER_WORKSPACE,
        get=" L    403  403  403  403  403  404  403  404",
        post="L    403  403  403  403  403  404  403  404",
    ),
    row(
        "regions:contact-delete",
        syd(lambda s: s.contact.pk),
        variant=OTHER_WORKSPACE,
        get=" L    403  403  403  403  403  404  403  404",
        post="L    403  403  403  403  403  404  403  404",
    ),
    row(
        "regions:buyout-edit",
        syd(lambda s: s.buyout.pk),
        variant=OTHER_WORKSPACE,
        get=" L    403  403  403  403  403  404  403  404",
        post="L    403  403  403  403  403  404  403  404",
    ),
    row(
        "regions:buyout-decide",
        syd(lambda s: s.buyout.pk),
        variant=OTHER_WORKSPACE,
        get=" L    405  405  405  405  405  405  405  405",
        post="L    403  403  403  403  403  404  403  404",
    ),
    # Search-as-you-type choices (rkkp_portal/lookups.py): the same rules as their forms.
    row(
        "regions:person-lookup",
        path=lambda s: reverse("regions:person-lookup", args=["hovedstaden"]) + "?person_search=a",
        why="the appoint and replace forms' people",
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "regions:seat-lookup",
        path=lambda s: (
            reverse("regions:seat-lookup", args=["hovedstaden"]) + "?membership_search=a"
        ),
        why="the buy-out form's seats",
        get=" L    403  403  403  403  200  403  403  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
]
