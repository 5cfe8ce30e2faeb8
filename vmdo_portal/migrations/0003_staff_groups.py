from django.db import migrations


def seed_staff_groups(apps, schema_editor):
    from vmdo_portal.staff_groups import staff_groups_ensure

    staff_groups_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("vmdo_portal", "0002_default_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("mfa", "0003_authenticator_type_uniq"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("members", "0003_association_search_vector"),
        ("projects", "0001_initial"),
        ("facilities", "0003_booking_history"),
        ("events", "0003_public_start_index"),
    ]

    operations = [migrations.RunPython(seed_staff_groups, migrations.RunPython.noop)]
