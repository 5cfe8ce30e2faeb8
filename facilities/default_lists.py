"""The seeded room equipment, in every portal language (staff edit it afterwards).

Loaded with `vmdo_portal.vocabulary_seed.seed_list` by the demo data and by migration
0008 (which fills the translations still empty in rows that exist).
"""

EQUIPMENT = [
    (
        "beamer",
        {
            "de": "Beamer",
            "en": "Projector",
            "tr": "Projeksiyon cihazı",
            "ar": "جهاز عرض",
            "uk": "Проєктор",
            "ru": "Проектор",
            "fa": "ویدئو پروژکتور",
            "pl": "Projektor",
        },
    ),
    (
        "kueche",
        {
            "de": "Küche",
            "en": "Kitchen",
            "tr": "Mutfak",
            "ar": "مطبخ",
            "uk": "Кухня",
            "ru": "Кухня",
            "fa": "آشپزخانه",
            "pl": "Kuchnia",
        },
    ),
    (
        "buehne",
        {
            "de": "Bühne",
            "en": "Stage",
            "tr": "Sahne",
            "ar": "منصة",
            "uk": "Сцена",
            "ru": "Сцена",
            "fa": "صحنه",
            "pl": "Scena",
        },
    ),
    (
        "flipchart",
        {
            "de": "Flipchart",
            "en": "Flip chart",
            "tr": "Flipchart",
            "ar": "لوح ورقي قلّاب",
            "uk": "Фліпчарт",
            "ru": "Флипчарт",
            "fa": "فلیپ‌چارت",
            "pl": "Flipchart",
        },
    ),
    (
        "tonanlage",
        {
            "de": "Tonanlage",
            "en": "Sound system",
            "tr": "Ses sistemi",
            "ar": "نظام صوتي",
            "uk": "Звукове обладнання",
            "ru": "Звуковое оборудование",
            "fa": "سیستم صوتی",
            "pl": "Nagłośnienie",
        },
    ),
]
