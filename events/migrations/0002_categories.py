from django.db import migrations


def create_categories(apps, schema_editor):
    from events.default_lists import CATEGORIES
    from vmdo_portal.vocabulary_seed import seed_list

    seed_list(apps.get_model("events", "Category"), CATEGORIES)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
