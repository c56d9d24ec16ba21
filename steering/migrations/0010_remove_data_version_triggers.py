"""Remove what the page cache installed in PostgreSQL outside the migrations: a trigger on
every table that replaced a row in ``rkkp_data_version`` on each committed write, the
function they called and that table. Nothing reads them any more; left in place they
would still cost every write a trigger call. SQLite never had them."""

from django.db import migrations

TRIGGERS = ("rkkp_data_version_rows", "rkkp_data_version_updates", "rkkp_data_version_truncate")


def drop_data_version(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname = ANY(%s) AND c.relnamespace = 'public'::regnamespace",
            [list(TRIGGERS)],
        )
        for table, trigger in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER IF EXISTS {quote(trigger)} ON {quote(table)}")
        cursor.execute("DROP FUNCTION IF EXISTS rkkp_bump_data_version()")
        cursor.execute("DROP TABLE IF EXISTS rkkp_data_version")


class Migration(migrations.Migration):
    dependencies = [("steering", "0009_add_workspace_and_plan_indexes")]

    operations = [
        migrations.RunPython(drop_data_version, migrations.RunPython.noop, elidable=True),
    ]
