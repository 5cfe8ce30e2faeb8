"""The seeded event categories, in every portal language (staff edit them afterwards).

Loaded with `vmdo_portal.vocabulary_seed.seed_list` by the data migrations (0002 creates
them, 0007 fills the translations still empty in existing installations).
"""

CATEGORIES = [
    (
        "workshop",
        {
            "de": "Workshop",
            "en": "Workshop",
            "tr": "Atölye",
            "ar": "ورشة عمل",
            "uk": "Воркшоп",
            "ru": "Воркшоп",
            "fa": "کارگاه",
            "pl": "Warsztaty",
        },
    ),
    (
        "beratung",
        {
            "de": "Beratungsstunde",
            "en": "Counselling hour",
            "tr": "Danışma saati",
            "ar": "ساعة استشارات",
            "uk": "Консультаційний прийом",
            "ru": "Консультационный приём",
            "fa": "ساعت مشاوره",
            "pl": "Dyżur doradczy",
        },
    ),
    (
        "sprachcafe",
        {
            "de": "Sprachcafé",
            "en": "Language café",
            "tr": "Dil kafesi",
            "ar": "مقهى اللغة",
            "uk": "Мовне кафе",
            "ru": "Языковое кафе",
            "fa": "کافه زبان",
            "pl": "Kawiarenka językowa",
        },
    ),
    (
        "kultur",
        {
            "de": "Kultur",
            "en": "Culture",
            "tr": "Kültür",
            "ar": "ثقافة",
            "uk": "Культура",
            "ru": "Культура",
            "fa": "فرهنگ",
            "pl": "Kultura",
        },
    ),
    (
        "fest",
        {
            "de": "Fest",
            "en": "Festival",
            "tr": "Şenlik",
            "ar": "احتفال",
            "uk": "Свято",
            "ru": "Праздник",
            "fa": "جشن",
            "pl": "Festyn",
        },
    ),
    (
        "treffen",
        {
            "de": "Treffen",
            "en": "Meeting",
            "tr": "Buluşma",
            "ar": "لقاء",
            "uk": "Зустріч",
            "ru": "Встреча",
            "fa": "دیدار",
            "pl": "Spotkanie",
        },
    ),
    (
        "sport",
        {
            "de": "Sport",
            "en": "Sport",
            "tr": "Spor",
            "ar": "رياضة",
            "uk": "Спорт",
            "ru": "Спорт",
            "fa": "ورزش",
            "pl": "Sport",
        },
    ),
]
