# The header's search ranks with pg_trgm and folds Danish letters with unaccent
# (rkkp_portal/search/finding.py). On SQLite both directions do nothing: Django's own
# operations skip SQLite going forwards but ask pg_extension going backwards.
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class OnPostgreSQLOnly:
    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Trigram(OnPostgreSQLOnly, TrigramExtension):
    pass


class Unaccent(OnPostgreSQLOnly, UnaccentExtension):
    pass


class Migration(migrations.Migration):
    dependencies = [("steering", "0015_add_chair_term_limit_exception")]

    operations = [Trigram(), Unaccent()]
