from django.db import migrations


def create_fields(apps, schema_editor):
    from members.default_fields import load_default_fields

    load_default_fields(apps.get_model("members", "FieldOfActivity"))


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(create_fields, migrations.RunPython.noop)]
