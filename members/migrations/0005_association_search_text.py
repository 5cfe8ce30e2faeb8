"""Folded search text per association, with the PostgreSQL extensions that search it.

`unaccent` folds accents on the fly (site search), `pg_trgm` finds words with a typo; the
trigram GIN index serves both `LIKE '%word%'` and `word <% search_text`. Creating an
extension needs a role allowed to (docs/deploy.md). SQLite skips the extensions and the
index and searches the same folded text with LIKE.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

from vmdo_portal.migration_operations import PostgreSQLOnlySQL


def backfill(apps, schema_editor):
    from members.search import refresh

    refresh(apps.get_model("members", "Association").objects.all())


class Migration(migrations.Migration):
    dependencies = [("members", "0004_random_upload_names")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.AddField(
            model_name="association",
            name="search_name",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="association",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        PostgreSQLOnlySQL(
            sql=[
                "CREATE INDEX association_search_text ON members_association "
                "USING gin (search_text gin_trgm_ops)",
            ],
            reverse_sql=["DROP INDEX association_search_text"],
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
