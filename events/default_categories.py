"""The first list of event categories (staff edit it afterwards)."""

CATEGORIES = [
    ("workshop", "Workshop", "Workshop"),
    ("beratung", "Beratungsstunde", "Counselling hour"),
    ("sprachcafe", "Sprachcafé", "Language café"),
    ("kultur", "Kultur", "Culture"),
    ("fest", "Fest", "Festival"),
    ("treffen", "Treffen", "Meeting"),
    ("sport", "Sport", "Sport"),
]


def load_default_categories(category_model):
    for order, (slug, name_de, name_en) in enumerate(CATEGORIES):
        category_model.objects.get_or_create(
            slug=slug,
            defaults={"name": name_de, "name_de": name_de, "name_en": name_en, "order": order},
        )
