"""Fill the empty translations of the seeded services that exist (by slug); staff's
names and deleted entries stay as they are."""

from django.db import migrations

from projects.default_lists import SERVICES
from vmdo_portal.vocabulary_seed import fill_translations


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_random_upload_names")]

    operations = [
        migrations.RunPython(
            fill_translations(("projects", "Service", SERVICES)),
            migrations.RunPython.noop,
        )
    ]
