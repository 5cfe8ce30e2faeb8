"""Migration operations that only PostgreSQL runs; other databases skip them."""

from django.db import migrations


class PostgreSQLOnlySQL(migrations.RunSQL):
    """Raw SQL for PostgreSQL (e.g. an exclusion constraint); a no-op elsewhere,
    so SQLite still migrates for trying the portal out."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
