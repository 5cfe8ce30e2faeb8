from django.db import migrations


def create_fields(apps, schema_editor):
    from members.default_lists import FIELDS
    from vmdo_portal.vocabulary_seed import seed_list

    seed_list(apps.get_model("members", "FieldOfActivity"), FIELDS)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(create_fields, migrations.RunPython.noop)]
