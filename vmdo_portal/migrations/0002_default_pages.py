from django.db import migrations


def create_default_pages(apps, schema_editor):
    from vmdo_portal.default_pages import load_default_pages

    load_default_pages(apps.get_model("vmdo_portal", "Page"))


class Migration(migrations.Migration):
    dependencies = [("vmdo_portal", "0001_initial")]

    operations = [migrations.RunPython(create_default_pages, migrations.RunPython.noop)]
