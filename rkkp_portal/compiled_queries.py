"""Querysets compiled to SQL once per process, for pages that run them on every request.

Turning a queryset with a few joins into SQL costs more than PostgreSQL takes to run it
(the same finding as ``rkkp_portal.roles``). A ``CompiledQuery`` is written as an ordinary
``values_list`` queryset of one integer parameter (a person's id, say); the first call
compiles it with a marker in the parameter's place, and every call after that runs the
same SQL with the marker replaced, converting the rows as the ORM would (SQLite's dates
and datetimes; nothing on PostgreSQL). The queryset must not depend on anything else that
changes between calls: the time of day goes in as ``Now()``, not as a parameter.
"""

from collections.abc import Callable

from django.db import connections, router
from django.db.models import QuerySet

# Stands in for the parameter while compiling; negative, so never a row's id, and checked
# to occur exactly once among the compiled parameters.
_MARKER = -738_291_043


class CompiledQuery:
    def __init__(self, build: Callable[[int], QuerySet]):
        self._build = build
        self._compiled: tuple | None = None

    def _compile(self) -> tuple:
        queryset = self._build(_MARKER)
        alias = router.db_for_read(queryset.model)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if params.count(_MARKER) != 1:
            raise ValueError("The queryset must use its parameter exactly once.")
        columns = [select[0] for select in compiler.select[: compiler.col_count]]
        converters = list(compiler.get_converters(columns).items())
        return alias, sql, list(params), params.index(_MARKER), converters

    def __call__(self, value: int) -> list[tuple]:
        if self._compiled is None:
            self._compiled = self._compile()
        alias, sql, params, index, converters = self._compiled
        params = [*params[:index], int(value), *params[index + 1 :]]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                for convert in functions:
                    row[position] = convert(row[position], expression, connection)
            converted.append(tuple(row))
        return converted


__all__ = ["CompiledQuery"]
