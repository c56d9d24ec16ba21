"""What a user is in the portal: secretariat, regional administrator, circle member, member.

Roles combine (an administrator may also sit in a group), so they are derived from the
data on every request and cached on the user object (``User.roles``): a role taken away
counts from the next request on. Every page asks, so the query is a fixed SQL text built
once per process (compiling the equivalent ORM query cost more than running it), and the
login's own row comes with it: ``load_user_with_roles`` is what the authentication
backends (``rkkp_portal.accounts.backends``) load a signed-in request's user with. Each
join is on a unique user column (one administrator row, one circle seat and one person
per login), so the query returns at most one row.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.utils.translation import gettext_lazy as _


@cache
def _sql(alias: str, *, with_user: bool) -> str:
    """The roles query for the database ``alias``, with every column of the user or only
    ``is_secretariat``; the last four columns are the other roles."""
    from regions.models import Region, RegionalAdministrator
    from representatives.models import CircleMember
    from steering.models import Person

    quote = connections[alias].ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def column(model, field: str) -> str:
        meta = model._meta
        return quote((meta.pk if field == "pk" else meta.get_field(field)).column)

    user = get_user_model()
    admin, region, circle, person = RegionalAdministrator, Region, CircleMember, Person
    user_pk = f"u.{column(user, 'pk')}"
    if with_user:
        columns = [f"u.{quote(f.column)}" for f in user._meta.concrete_fields]
    else:
        columns = [f"u.{column(user, 'is_secretariat')}"]
    columns += [
        f"a.{column(admin, 'region')}",
        f"r.{column(region, 'code')}",
        f"c.{column(circle, 'pk')}",
        f"p.{column(person, 'pk')}",
    ]
    joins = [
        f"LEFT JOIN {table(admin)} a ON a.{column(admin, 'user')} = {user_pk}"
        f" AND a.{column(admin, 'active')}",
        f"LEFT JOIN {table(region)} r ON r.{column(region, 'pk')} = a.{column(admin, 'region')}",
        f"LEFT JOIN {table(circle)} c ON c.{column(circle, 'user')} = {user_pk}"
        f" AND c.{column(circle, 'active')}",
        f"LEFT JOIN {table(person)} p ON p.{column(person, 'user')} = {user_pk}",
    ]
    select, join = ", ".join(columns), " ".join(joins)
    # The user's id is a query parameter.
    return f"SELECT {select} FROM {table(user)} u {join} WHERE {user_pk} = %s"  # noqa: S608 - names from the models, quoted


def _fetch_one(alias: str, sql: str, user_id) -> tuple | None:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [user_id])
        return cursor.fetchone()


@dataclass(frozen=True)
class Roles:
    secretariat: bool = False
    admin_region_id: int | None = None
    admin_region_code: str | None = None
    circle: bool = False
    person_id: int | None = None

    @classmethod
    def for_user(cls, user) -> "Roles":
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return cls()
        alias = router.db_for_read(type(user))
        row = _fetch_one(alias, _sql(alias, with_user=False), user.pk)
        return cls() if row is None else cls._from_row(*row)

    @classmethod
    def _from_row(cls, secretariat, admin_region_id, admin_region_code, circle_seat, person_id):
        return cls(
            secretariat=bool(secretariat),
            admin_region_id=admin_region_id,
            admin_region_code=admin_region_code,
            circle=circle_seat is not None,
            person_id=person_id,
        )

    @property
    def is_staff_role(self) -> bool:
        """Roles that manage other people's data; these must use MFA in production."""
        return self.secretariat or self.admin_region_id is not None or self.circle

    @property
    def labels(self) -> list[str]:
        labels = []
        if self.secretariat:
            labels.append(_("RKKP secretariat"))
        if self.admin_region_id is not None:
            labels.append(_("Regional administrator"))
        if self.circle:
            labels.append(_("Health directors' circle"))
        if self.person_id is not None:
            labels.append(_("Member"))
        return labels


@cache
def _user_converters(alias: str) -> tuple[tuple[int, object, list], ...]:
    """What the ORM would apply to each user column (SQLite's datetimes and booleans;
    nothing on PostgreSQL), as (index, column, converters)."""
    connection = connections[alias]
    model = get_user_model()
    found = []
    for index, field in enumerate(model._meta.concrete_fields):
        col = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if converters:
            found.append((index, col, converters))
    return tuple(found)


def load_user_with_roles(user_id):
    """The user ``user_id`` with ``user.roles`` filled in, in one query; None if unknown."""
    model = get_user_model()
    alias = router.db_for_read(model)
    row = _fetch_one(alias, _sql(alias, with_user=True), user_id)
    if row is None:
        return None
    fields = model._meta.concrete_fields
    values = list(row[: len(fields)])
    connection = connections[alias]
    for index, col, converters in _user_converters(alias):
        for converter in converters:
            values[index] = converter(values[index], col, connection)
    user = model.from_db(alias, [f.attname for f in fields], values)
    roles = Roles._from_row(user.is_secretariat, *row[len(fields) :])
    # ``User.roles`` is a cached_property: filling its slot spares it the query.
    user.__dict__["roles"] = roles if user.is_active else Roles()
    return user
