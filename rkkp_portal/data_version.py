"""The data version: one value that PostgreSQL replaces whenever any of the portal's data
changes, however it is written.

Rendered page content is kept per data version (``rkkp_portal/page_cache.py``), so the
version must change with *every* committed write a page could show: a service's save, a
``QuerySet.update``, ``bulk_create_with_history``, the outbox's claim and status updates,
raw SQL, the admin, a migration's data step. Django's model signals miss most of those,
so the version is kept by the database itself:

- one row in ``rkkp_data_version`` holding a random UUID;
- on every table except the few in ``UNWATCHED_TABLES``, a *deferred* row trigger
  (``rkkp_data_version_rows``) that, when the writing transaction commits, gives the row
  a new UUID — once per transaction, however many rows it wrote (a transaction-local
  setting remembers it was done);
- a statement trigger (``rkkp_data_version_truncate``) for ``TRUNCATE``, which row
  triggers do not see.

Signing in writes ``accounts_user.last_login`` (and an MFA key's ``last_used_at``); those
tables' update trigger ignores such an update, or every sign-in would empty every kept
page.

Why deferred: the version row is the last lock a writing transaction takes, just before
it commits, so writers never wait for one another while they work and cannot deadlock
over it. Why a row and not a sequence: the new version becomes visible *with* the data
(MVCC), never before it, so a reader that reads the version and then the data can only
ever see data as new as its version or newer — what it keeps under that version is never
older than the version. A sequence is visible at once and would let a reader keep the
old data under the new number.

The triggers are (re)installed after every ``migrate`` (``post_migrate``), so a table a
later migration adds is watched from the moment it exists;
``tests/performance/test_data_version.py`` fails if a table is not. Only PostgreSQL has
them: on SQLite (``make run``) there is no version and nothing is kept.
"""

from django.db import ProgrammingError, connection, connections

TABLE = "rkkp_data_version"
FUNCTION = "rkkp_bump_data_version"
ROW_TRIGGER = "rkkp_data_version_rows"
TRUNCATE_TRIGGER = "rkkp_data_version_truncate"
UPDATE_TRIGGER = "rkkp_data_version_updates"

# Tables whose writes no page shows and which are written by reading traffic itself; a
# trigger on them would replace the version on every sign-in or beat tick.
UNWATCHED_TABLES = frozenset(
    {
        TABLE,
        "django_migrations",
        # Written on sign-in and when a session's data changes.
        "django_session",
        "usersessions_usersession",
    }
)
# Columns written by signing in (Django's last_login, allauth's MFA bookkeeping) that no
# page shows: an update changing only these leaves the version, so a sign-in does not
# empty every viewer's kept pages.
SIGN_IN_COLUMNS = {"accounts_user": ("last_login",), "mfa_authenticator": ("last_used_at",)}

_INSTALL_FUNCTION = """
CREATE TABLE IF NOT EXISTS rkkp_data_version (
    id smallint PRIMARY KEY CONSTRAINT rkkp_data_version_single_row CHECK (id = 1),
    version uuid NOT NULL
);
CREATE OR REPLACE FUNCTION rkkp_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('rkkp.data_version_replaced', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('rkkp.data_version_replaced', 'yes', true);
        INSERT INTO rkkp_data_version (id, version) VALUES (1, gen_random_uuid())
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
    END IF;
    RETURN NULL;
END
$$;
"""


def supported(alias: str = "default") -> bool:
    return connections[alias].vendor == "postgresql"


def watched_tables(alias: str = "default") -> list[str]:
    """Every table in the database but the unwatched ones."""
    with connections[alias].cursor() as cursor:
        tables = connections[alias].introspection.table_names(cursor)
    return sorted(set(tables) - UNWATCHED_TABLES)


def tables_with_triggers(alias: str = "default") -> set[str]:
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname = %s AND c.relnamespace = 'public'::regnamespace",
            [ROW_TRIGGER],
        )
        return {name for (name,) in cursor.fetchall()}


def install(alias: str = "default") -> int:
    """Create the version row's table, the function and the missing triggers; returns how
    many tables were given triggers. Safe to run again."""
    if not supported(alias):
        return 0
    quote = connections[alias].ops.quote_name
    missing = [table for table in watched_tables(alias) if table not in tables_with_triggers(alias)]
    with connections[alias].cursor() as cursor:
        cursor.execute(_INSTALL_FUNCTION)
        for table in missing:
            ignored = SIGN_IN_COLUMNS.get(table)
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER {ROW_TRIGGER}"
                f" AFTER INSERT OR DELETE{'' if ignored else ' OR UPDATE'}"
                f" ON {quote(table)} DEFERRABLE INITIALLY DEFERRED"
                f" FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
            )
            if ignored:
                without = " - ".join(f"'{column}'" for column in ignored)
                cursor.execute(
                    f"CREATE CONSTRAINT TRIGGER {UPDATE_TRIGGER} AFTER UPDATE"
                    f" ON {quote(table)} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                    f" WHEN (to_jsonb(OLD) - {without} IS DISTINCT FROM to_jsonb(NEW) - {without})"
                    f" EXECUTE FUNCTION {FUNCTION}()"
                )
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRUNCATE_TRIGGER} AFTER TRUNCATE"
                f" ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
    return len(missing)


def installed_after_migrate(sender, using: str = "default", **kwargs) -> None:
    install(using)


def replace() -> None:
    """A new version at once, without a write to watch (tests; by hand after a restore)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO rkkp_data_version (id, version) VALUES (1, gen_random_uuid())"
            " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version"
        )


def current() -> str | None:
    """The version as this connection sees it now; None where there is none (SQLite, or
    the database has not been migrated)."""
    if not supported():
        return None
    with connection.cursor() as cursor:
        try:
            cursor.execute("SELECT version::text FROM rkkp_data_version WHERE id = 1")
        except ProgrammingError:  # not migrated yet: read outside a transaction, no harm
            return None
        row = cursor.fetchone()
        if row is None:
            # A fresh (or flushed) database: the first version.
            cursor.execute(
                "INSERT INTO rkkp_data_version (id, version) VALUES (1, gen_random_uuid())"
                " ON CONFLICT (id) DO NOTHING"
            )
            cursor.execute("SELECT version::text FROM rkkp_data_version WHERE id = 1")
            row = cursor.fetchone()
    return row[0]
