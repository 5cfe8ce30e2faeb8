"""Fill the empty translations of the seeded equipment that exist (by slug); staff's
names and deleted entries stay as they are."""

from django.db import migrations

from facilities.default_lists import EQUIPMENT
from vmdo_portal.vocabulary_seed import fill_translations


class Migration(migrations.Migration):
    dependencies = [("facilities", "0007_booking_history_to_audit_log")]

    operations = [
        migrations.RunPython(
            fill_translations(("facilities", "Equipment", EQUIPMENT)),
            migrations.RunPython.noop,
        )
    ]
