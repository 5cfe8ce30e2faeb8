"""Fill the empty translations of the seeded event categories that exist (by slug); staff's
names and deleted entries stay as they are."""

from django.db import migrations

from events.default_lists import CATEGORIES
from vmdo_portal.vocabulary_seed import fill_translations


class Migration(migrations.Migration):
    dependencies = [("events", "0006_field_labels")]

    operations = [
        migrations.RunPython(
            fill_translations(("events", "Category", CATEGORIES)),
            migrations.RunPython.noop,
        )
    ]
