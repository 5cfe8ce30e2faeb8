"""The seeded services of sites, in every portal language (staff edit them afterwards).

Loaded with `vmdo_portal.vocabulary_seed.seed_list` by the demo data and by migration
0003 (which fills the translations still empty in rows that exist).
"""

SERVICES = [
    (
        "beratung",
        {
            "de": "Beratung",
            "en": "Counselling",
            "tr": "Danışmanlık",
            "ar": "استشارات",
            "uk": "Консультації",
            "ru": "Консультации",
            "fa": "مشاوره",
            "pl": "Doradztwo",
        },
    ),
    (
        "asylverfahren",
        {
            "de": "Asylverfahrensberatung",
            "en": "Asylum procedure counselling",
            "tr": "İltica süreci danışmanlığı",
            "ar": "استشارات حول إجراءات اللجوء",
            "uk": "Консультації щодо процедури надання притулку",
            "ru": "Консультации по процедуре предоставления убежища",
            "fa": "مشاوره در روند پناهندگی",
            "pl": "Doradztwo w postępowaniu azylowym",
        },
    ),
    (
        "behoerden",
        {
            "de": "Begleitung zu Behörden",
            "en": "Accompanying to authorities",
            "tr": "Resmi dairelere refakat",
            "ar": "المرافقة إلى الدوائر الرسمية",
            "uk": "Супровід до державних установ",
            "ru": "Сопровождение в государственные учреждения",
            "fa": "همراهی در مراجعه به ادارات",
            "pl": "Towarzyszenie w urzędach",
        },
    ),
    (
        "sprachkurse",
        {
            "de": "Vermittlung in Sprachkurse",
            "en": "Finding language courses",
            "tr": "Dil kurslarına yönlendirme",
            "ar": "المساعدة في الالتحاق بدورات اللغة",
            "uk": "Допомога із записом на мовні курси",
            "ru": "Помощь с записью на языковые курсы",
            "fa": "معرفی به کلاس‌های زبان",
            "pl": "Pomoc w zapisie na kursy językowe",
        },
    ),
    (
        "arbeit",
        {
            "de": "Arbeit und Ausbildung",
            "en": "Work and training",
            "tr": "İş ve mesleki eğitim",
            "ar": "العمل والتدريب المهني",
            "uk": "Робота та професійне навчання",
            "ru": "Работа и профессиональное обучение",
            "fa": "کار و آموزش حرفه‌ای",
            "pl": "Praca i kształcenie zawodowe",
        },
    ),
]
