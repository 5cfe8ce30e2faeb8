from django.db import migrations


def create_categories(apps, schema_editor):
    from events.default_categories import load_default_categories

    load_default_categories(apps.get_model("events", "Category"))


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
