"""The first list of fields of activity (staff edit it afterwards in the back office)."""

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


def load_default_fields(field_model):
    """Create the fields that do not exist yet; staff's edits are left alone."""
    for order, (slug, name_de, name_en) in enumerate(FIELDS):
        field_model.objects.get_or_create(
            slug=slug,
            defaults={"name": name_de, "name_de": name_de, "name_en": name_en, "order": order},
        )
