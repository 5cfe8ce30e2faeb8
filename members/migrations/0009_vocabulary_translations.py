"""Fill the empty translations of the seeded fields of activity and communities that
exist (by slug); staff's names and deleted entries stay as they are."""

from django.db import migrations

from members.default_lists import COMMUNITIES, FIELDS
from vmdo_portal.vocabulary_seed import fill_translations


class Migration(migrations.Migration):
    dependencies = [("members", "0008_association_history_to_audit_log")]

    operations = [
        migrations.RunPython(
            fill_translations(
                ("members", "FieldOfActivity", FIELDS), ("members", "Community", COMMUNITIES)
            ),
            migrations.RunPython.noop,
        )
    ]
