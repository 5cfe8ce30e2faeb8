"""The guarantee: no two approved bookings of one room overlap (PostgreSQL only).

Half-open ranges '[)' let one booking end when the next begins.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from vmdo_portal.migration_operations import PostgreSQLOnlySQL


class Migration(migrations.Migration):
    dependencies = [("facilities", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        PostgreSQLOnlySQL(
            sql="""
                ALTER TABLE facilities_booking
                ADD CONSTRAINT booking_no_overlap_when_approved
                EXCLUDE USING gist (
                    room_id WITH =,
                    tstzrange("start", "end", '[)') WITH &&
                ) WHERE (status = 'approved')
            """,
            reverse_sql="""
                ALTER TABLE facilities_booking
                DROP CONSTRAINT booking_no_overlap_when_approved
            """,
        ),
    ]
