"""Migration operations for what only PostgreSQL has.

The search's GIN indexes (``rkkp_portal.search.documents``) are part of the models' state on
both databases, so that ``makemigrations`` sees no change on either, but are created on
PostgreSQL only: SQLite has no GIN indexes, and its search matches without them.
"""

from django.db.migrations.operations import AddIndex


class AddIndexOnPostgreSQL(AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
