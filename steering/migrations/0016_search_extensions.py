# The header's search ranks with pg_trgm and folds Danish letters with unaccent
# (rkkp_portal/search/finding.py). Both operations do nothing on SQLite.
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("steering", "0015_add_chair_term_limit_exception")]

    operations = [TrigramExtension(), UnaccentExtension()]
