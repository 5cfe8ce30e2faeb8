"""A stored full-text vector of every association, kept up to date by PostgreSQL.

The directory search used to compute the vectors of every row on each query; a generated
column with a GIN index computes them once per change. Each translation is indexed with
its language's text search configuration (stemming); a new portal language needs a new
migration that redefines the column.
"""

from django.db import migrations

from vmdo_portal.migration_operations import PostgreSQLOnlySQL

# Language -> PostgreSQL text search configuration ("simple": no stemming available).
CONFIGS = {
    "de": "german",
    "en": "english",
    "tr": "turkish",
    "ar": "arabic",
    "uk": "simple",
    "ru": "russian",
    "fa": "simple",
    "pl": "simple",
}
VECTOR = " || ".join(
    [
        "setweight(to_tsvector('german'::regconfig, coalesce(name, '')), 'A')",
        "setweight(to_tsvector('simple'::regconfig, coalesce(short_name, '')), 'A')",
    ]
    + [
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(description_{code}, '')), 'B')"
        for code, config in CONFIGS.items()
    ]
)


class Migration(migrations.Migration):
    dependencies = [("members", "0002_fields_of_activity")]

    operations = [
        PostgreSQLOnlySQL(
            sql=[
                "ALTER TABLE members_association ADD COLUMN search_vector tsvector "
                f"GENERATED ALWAYS AS ({VECTOR}) STORED",
                "CREATE INDEX association_search_vector ON members_association "
                "USING gin (search_vector)",
            ],
            reverse_sql=[
                "DROP INDEX association_search_vector",
                "ALTER TABLE members_association DROP COLUMN search_vector",
            ],
        )
    ]
