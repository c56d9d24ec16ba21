"""The page cache's PostgreSQL triggers, function and version table are removed from a
database that had them (steering migration 0010)."""

import importlib

import pytest
from django.db import connection

removal = importlib.import_module("steering.migrations.0010_remove_data_version_triggers")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,
]


def triggers() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname LIKE 'rkkp_data_version%%'"
        )
        return set(cursor.fetchall())


def test_the_migration_drops_what_the_page_cache_installed():
    with connection.cursor() as cursor:
        # As the removed installer left a database: the table, the function, the triggers.
        cursor.execute(
            "CREATE TABLE rkkp_data_version (id smallint PRIMARY KEY, version uuid NOT NULL)"
        )
        cursor.execute(
            "CREATE FUNCTION rkkp_bump_data_version() RETURNS trigger LANGUAGE plpgsql"
            " AS $$ BEGIN RETURN NULL; END $$"
        )
        for table in ("steering_person", "steering_membership"):
            cursor.execute(
                f"CREATE CONSTRAINT TRIGGER rkkp_data_version_rows AFTER INSERT OR DELETE"
                f" OR UPDATE ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
                f" EXECUTE FUNCTION rkkp_bump_data_version()"
            )
            cursor.execute(
                f"CREATE TRIGGER rkkp_data_version_truncate AFTER TRUNCATE ON {table}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION rkkp_bump_data_version()"
            )
    assert len(triggers()) == 4

    with connection.schema_editor() as editor:
        removal.drop_data_version(None, editor)

    assert triggers() == set()
    assert "rkkp_data_version" not in connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_proc WHERE proname = 'rkkp_bump_data_version'")
        assert cursor.fetchone() == (0,)


def test_the_migration_runs_again_on_a_database_without_them():
    with connection.schema_editor() as editor:
        removal.drop_data_version(None, editor)
    assert triggers() == set()
