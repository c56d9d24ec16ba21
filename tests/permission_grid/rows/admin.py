"""The Django admin: the secretariat's tool (``is_staff``), nobody else's.

The admin's per-model URLs come in families, so their rows are generated from
``MODELS`` below: one line per registered model, giving the secretariat's GET and POST
status for each of the model's admin pages. Every other persona is not staff and is sent
to the login page (``NOT_STAFF``). A model registered in the admin without a line here
has URL patterns without rows, and the grid fails naming them.
"""

from django.apps import apps
from django.urls import reverse

from tests.permission_grid.notation import row

NOT_STAFF = "L    L    L    L    L    L    L    L"  # anon mem oth chr lead adm adx circ

# The admin pages of one model, in the order of the cells in MODELS. "redirect" is the
# unnamed <id>/ that forwards to <id>/change/; "simple_history" shows one history row.
PAGES = ("changelist", "add", "change", "history", "delete", "redirect", "simple_history")
# model: the secretariat's "GET/POST" status on each page ("-": the model has no such page).
# Deletes are refused where the register keeps its record (seats and people end instead);
# the outbox and calendar tokens are read-only (letters come from the services); the five
# regions and the standard texts are a fixed set; auth groups, e-mail addresses and
# authenticators and user sessions are allauth's and Django's, not the secretariat's
# to edit (the secretariat deactivates an account instead, which ends its sessions).
# Cells in the order of PAGES: changelist add change history delete redirect simple_history
APPS = {
    "auth": {
        "group": "403/403 403/403 403/403 403/403 403/403 302/302 -",
    },
    "account": {
        "emailaddress": "403/403 403/403 403/403 403/403 403/403 302/302 -",
    },
    "mfa": {
        "authenticator": "403/403 403/403 403/403 403/403 403/403 302/302 -",
    },
    "usersessions": {
        "usersession": "403/403 403/403 403/403 403/403 403/403 302/302 -",
    },
    "socialaccount": {
        "socialapp": "403/403 403/403 403/403 403/403 403/403 302/302 -",
        "socialaccount": "403/403 403/403 403/403 403/403 403/403 302/302 -",
        "socialtoken": "403/403 403/403 403/403 403/403 403/403 302/302 -",
    },
    "accounts": {
        "user": "200/200 200/200 200/200 200/200 403/403 302/302 -",
        "signinevent": "200/200 403/403 200/403 200/200 403/403 302/302 -",
    },
    "regions": {
        "region": "200/200 403/403 200/200 200/200 403/403 302/302 -",
        "organisationkind": "200/200 200/200 200/200 200/200 403/403 302/302 -",
        "organisation": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "regionaladministrator": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "welcomelettersupplement": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "supportcontact": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "buyoutagreement": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "appointmentrequest": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "employerbacking": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
    },
    "steering": {
        "clinicaldatabase": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "steeringgroup": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "person": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "membership": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "meeting": "200/200 200/200 200/200 200/200 200/200 302/302 200/200",
        "meetingpaper": "200/200 200/200 200/200 200/200 200/200 302/302 200/200",
        "calendartoken": "200/200 403/403 200/302 200/200 403/403 302/302 -",
        "declaration": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "message": "200/200 403/403 200/302 200/200 403/403 302/302 -",
        "groupletter": "200/200 403/403 200/403 200/200 403/403 302/302 -",
        "invitation": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "standardtext": "200/200 403/403 200/200 200/200 403/403 302/302 200/200",
        "successionask": "200/200 403/403 200/403 200/200 403/403 302/302 -",
    },
    "representatives": {
        "circlemember": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "leadershipnomination": "200/200 200/200 200/200 200/200 403/403 302/302 200/200",
        "qualifyingleadershiplevel": "200/200 200/200 200/200 200/200 200/200 302/302 200/200",
        "qualifyingprofession": "200/200 200/200 200/200 200/200 200/200 302/302 200/200",
        "qualifyingorganisationkind": "200/200 200/200 200/200 200/200 200/200 302/302 200/200",
    },
}
MODELS = {
    f"{app}.{model}": cells for app, models in APPS.items() for model, cells in models.items()
}


def _first(label: str):
    obj = apps.get_model(label).objects.order_by("pk").first()
    assert obj is not None, f"the scenario has no {label} for its admin pages"
    return obj


def _path(label: str, page: str):
    app, model = label.split(".")
    name = f"admin:{app}_{model}_{page}"

    def path(s):
        if page in ("changelist", "add"):
            return reverse(name)
        if page == "simple_history":
            record = apps.get_model(label).history.order_by("pk").first()
            assert record is not None, f"the scenario has no history of {label}"
            return reverse(name, args=[record.instance.pk, record.pk])
        obj = _first(label)
        if page == "redirect":
            return f"/admin/{app}/{model}/{obj.pk}/"
        return reverse(name, args=[obj.pk])

    return path


def _key(label: str, page: str) -> str:
    app, model = label.split(".")
    if page == "redirect":
        return f"admin/{app}/{model}/<path:object_id>/"
    return f"admin:{app}_{model}_{page}"


def _family() -> list:
    rows = []
    for label, cells in MODELS.items():
        cells = cells.split()
        assert len(cells) == len(PAGES), f"{label}: {len(cells)} cells for {len(PAGES)} pages"
        for page, statuses in zip(PAGES, cells, strict=True):
            if statuses == "-":
                continue
            get, post = statuses.split("/")
            rows.append(
                row(
                    _key(label, page),
                    path=_path(label, page),
                    get=f"{NOT_STAFF} {get}",
                    post=f"{NOT_STAFF} {post}",
                    why=f"admin family: {label} {page}",
                )
            )
    return rows


# The admin's own pages. Its login is allauth's (anonymous → L); a signed-in user who is not
# staff is refused there (403) rather than sent round in a loop.
SITE_ROWS = [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "admin:index",
        get=" L    L    L    L    L    L    L    L    200",
        post="L    L    L    L    L    L    L    L    200",
    ),
    row(
        "admin:login",
        get=" L    403  403  403  403  403  403  403  302",
        post="L    403  403  403  403  403  403  403  200",
    ),
    row(
        "admin:logout",
        why=(
            "non-staff are sent to the admin's index (and from there to log in); logout is "
            "POST and writes its sign-in record (#17)"
        ),
        get=" L    302  302  302  302  302  302  302  405",
        post="L    302  302  302  302  302  302  302  L+",
    ),
    row(
        "admin:password_change",
        get=" L    L    L    L    L    L    L    L    200",
        post="L    L    L    L    L    L    L    L    200",
    ),
    row(
        "admin:password_change_done",
        get=" L    L    L    L    L    L    L    L    200",
        post="L    L    L    L    L    L    L    L    405",
    ),
    row(
        "admin:autocomplete",
        why="without app_label/model_name/field_name the request is refused",
        get=" L    L    L    L    L    L    L    L    403",
        post="L    L    L    L    L    L    L    L    405",
    ),
    row(
        "admin:jsi18n",
        get=" L    L    L    L    L    L    L    L    200",
        post="L    L    L    L    L    L    L    L    405",
    ),
    row(
        "admin:view_on_site",
        path=lambda s: reverse(
            "admin:view_on_site", args=[_content_type(s.database).pk, s.database.pk]
        ),
        get=" L    L    L    L    L    L    L    L    302",
        post="L    L    L    L    L    L    L    L    302",
    ),
    row(
        "admin:app_list",
        lambda s: ["steering"],
        get=" L    L    L    L    L    L    L    L    200",
        post="L    L    L    L    L    L    L    L    200",
    ),
    row(
        "admin:auth_user_password_change",
        lambda s: [s.secretariat.pk],
        get=" L    L    L    L    L    L    L    L    200",
        post="L    L    L    L    L    L    L    L    200",
    ),
    row(
        "admin:auth_user_password_change",
        lambda s: [s.superuser.pk],
        variant="a superuser's account",
        why="the secretariat may not take over a superuser's account",
        get=" L    L    L    L    L    L    L    L    403",
        post="L    L    L    L    L    L    L    L    403",
    ),
    row(
        "admin:accounts_user_change",
        lambda s: [s.superuser.pk],
        variant="a superuser's account",
        why="shown read-only to the secretariat; a change is refused",
        get=" L    L    L    L    L    L    L    L    200",
        post="L    L    L    L    L    L    L    L    403",
    ),
    row(
        "admin/(?P<url>.*)$",
        path=lambda s: "/admin/no-such-page/",
        get=" L    L    L    L    L    L    L    L    404",
        post="L    L    L    L    L    L    L    L    404",
    ),
]


def _content_type(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj)


ROWS = SITE_ROWS + _family()
