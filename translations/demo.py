"""Demo data of the translation workflow, in Turkish and Arabic, through the services.

For one association, one project and one event each (the other apps' demo records):

- translated by a person → up to date;
- machine-translated, not reviewed → "machine translation" (texts written here, marked as
  a machine draft as `translate_missing` would mark them; no service needs to be set up);
- translated by a person, then the German text changed → outdated.

Runs after the other apps' demo data; an object whose Turkish text is already filled is
left alone (idempotent).
"""

from members import services as members
from members.models import Association
from translations.services import translation_saved, translation_source_saved
from vmdo_portal.vocabulary import TranslationStatus as Status

LANGUAGES = ("tr", "ar")
CHANGED = " Neu: jetzt auch samstags (Beispiel)."


def _association_texts(name: str) -> dict:
    return {
        "tr": f"{name}, VMDO'nun üye derneğidir. Örnek veriler: yalnızca portalın tanıtımı içindir.",
        "ar": f"{name} جمعية عضو في VMDO. بيانات تجريبية لعرض البوابة فقط.",
    }


# (German name, state)
ASSOCIATIONS = [
    ("Frauen für Frauen Dortmund (Beispiel)", Status.CURRENT),
    ("Seniorentreff Anadolu (Beispiel)", Status.MACHINE),
    ("Kurdisches Bildungszentrum (Beispiel)", Status.OUTDATED),
]
# (slug, state, {language: summary})
PROJECTS = [
    (
        "samo-fa",
        Status.CURRENT,
        {
            "tr": "Mülteci çalışmalarında göçmen örgütlerinin gönüllülerini güçlendirme.",
            "ar": "تعزيز الناشطين من منظمات المهاجرين في العمل مع اللاجئين.",
        },
    ),
    (
        "gleich-teilhaben",
        Status.MACHINE,
        {"tr": "Eşit katılım için federal proje.", "ar": "مشروع اتحادي للمشاركة المتساوية."},
    ),
    (
        "fluechtlingsberatung",
        Status.OUTDATED,
        {"tr": "Mültecilere kendi dillerinde danışmanlık.", "ar": "استشارة للاجئين بلغتهم."},
    ),
]
# (start of the German title, state, {language: summary})
EVENTS = [
    (
        "Fest der Vielfalt",
        Status.CURRENT,
        {"tr": "Birçok ülkeden müzik, yemek ve dans.", "ar": "موسيقى وطعام ورقص من بلدان كثيرة."},
    ),
    ("Workshop: Bewerbung schreiben", Status.MACHINE, {"tr": "Kayıt ile.", "ar": "مع التسجيل."}),
    (
        "Sprachcafé",
        Status.OUTDATED,
        {
            "tr": "Çay ve kurabiye eşliğinde Almanca pratiği.",
            "ar": "تدرّب على الألمانية مع الشاي والمعجنات.",
        },
    ),
]


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    from events.models import Event
    from projects.models import Project

    staff = users.get("staff")
    for name, state in ASSOCIATIONS:
        association = Association.objects.filter(name=name).first()
        if association is not None and not association.description_tr:
            _association(association, state, staff)
    for slug, state, texts in PROJECTS:
        project = Project.objects.filter(slug=slug).first()
        if project is not None and not project.summary_tr:
            _translate(project, "summary", texts, state, staff)
    for title, state, texts in EVENTS:
        event = Event.objects.filter(title_de__startswith=title).order_by("start").first()
        if event is not None and not event.summary_tr:
            _translate(event, "summary", texts, state, staff)


def _association(association, state, staff) -> None:
    """Through the profile service, as staff allowed to publish save it."""
    texts = _association_texts(association.name)

    def save(data):
        association.refresh_from_db()
        members.association_profile_update(
            association=association,
            by=staff,
            data=data,
            expected_version=association.version,
            may_publish=True,
        )

    if state == Status.MACHINE:
        _translate(association, "description", texts, state, staff)
        return
    save({f"description_{code}": texts[code] for code in LANGUAGES})
    if state == Status.OUTDATED:
        association.refresh_from_db()
        save({"description_de": association.description_de + CHANGED})


def _translate(obj, field, texts, state, staff) -> None:
    """Store the translations (a person's, or a machine draft); for `OUTDATED` change the
    German text afterwards."""
    for code in LANGUAGES:
        _store(obj, f"{field}_{code}", texts[code])
        if state == Status.MACHINE:
            translation_saved(obj, field, code, machine=True)
        else:
            translation_saved(obj, field, code, by=staff)
    if state == Status.OUTDATED:
        _store(obj, f"{field}_de", (getattr(obj, f"{field}_de") or "") + CHANGED)
        translation_source_saved(obj, fields=[field], by=staff)


def _store(obj, name, value) -> None:
    setattr(obj, name, value)
    type(obj)._base_manager.filter(pk=obj.pk).update(**{name: value})
