from django.db import migrations

FIELDS = [
    ("refugee-work", "Flüchtlingsarbeit", "Refugee work"),
    ("culture", "Kultur", "Culture"),
    ("children-youth", "Kinder und Jugend", "Children and youth"),
    ("education", "Bildung", "Education"),
    ("women", "Frauen", "Women"),
    ("seniors", "Seniorinnen und Senioren", "Seniors"),
    ("neighbourhood", "Quartiersarbeit", "Neighbourhood work"),
    ("labour-market", "Arbeitsmarktintegration", "Labour-market integration"),
    ("mother-tongue", "Muttersprachlicher Unterricht", "Mother-tongue classes"),
    ("music-dance", "Musik und Tanz", "Music and dance"),
    ("sport", "Sport", "Sport"),
    ("development", "Entwicklungszusammenarbeit", "Development cooperation"),
    ("counselling", "Beratung", "Counselling"),
]


def create_fields(apps, schema_editor):
    FieldOfActivity = apps.get_model("members", "FieldOfActivity")
    for order, (slug, name_de, name_en) in enumerate(FIELDS):
        FieldOfActivity.objects.get_or_create(
            slug=slug,
            defaults={"name": name_de, "name_de": name_de, "name_en": name_en, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(create_fields, migrations.RunPython.noop)]
