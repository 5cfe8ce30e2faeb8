"""Demo resources of the network's library, shared through the services (seed_demo):
two by the office, one by the trusted demo association (published at once), one by the
untrusted one (waiting for review). Without demo logins only the office's. Idempotent:
existing titles are left alone."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from network.library.services import resource_share
from network.library.uploads import check_resource_file
from network.models import Resource
from network.permissions import member_associations

EXAMPLE = "(Beispiel)"


def _pdf(name: str):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": name})
    out = io.BytesIO()
    writer.write(out)
    return check_resource_file(
        SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")
    )


RESOURCES = [
    # (who: users key, title, summary, topic, kind, audience, languages, link, file name)
    (
        "staff",
        f"Leitfaden Gemeinnützigkeit für Vereine {EXAMPLE}",
        "Was ein Verein für die **Gemeinnützigkeit** braucht:\n\n- Satzung prüfen\n"
        "- Freistellungsbescheid beantragen\n- Zuwendungsbestätigungen richtig ausstellen",
        Resource.Topic.ASSOCIATION_LAW,
        Resource.Kind.GUIDE,
        Resource.Audience.BOARD,
        ["de", "ar", "tr"],
        "",
        "leitfaden-gemeinnuetzigkeit.pdf",
    ),
    (
        "staff",
        f"Aufzeichnung: Fördermittel beantragen {EXAMPLE}",
        "Die Aufzeichnung der Online-Schulung zu Förderprogrammen der Stadt Dortmund und "
        "des Landes NRW.",
        Resource.Topic.FUNDING,
        Resource.Kind.RECORDING,
        Resource.Audience.EVERYONE,
        ["de"],
        "https://example.org/aufzeichnung-foerdermittel",
        "",
    ),
    (
        "trusted",
        f"Checkliste Kassenprüfung {EXAMPLE}",
        "Unsere Checkliste für die jährliche Kassenprüfung – gern übernehmen und anpassen.",
        Resource.Topic.BOOKKEEPING,
        Resource.Kind.CHECKLIST,
        Resource.Audience.TREASURERS,
        ["de", "ru"],
        "",
        "checkliste-kassenpruefung.pdf",
    ),
    (
        "untrusted",
        f"Vorlage Pressemitteilung {EXAMPLE}",
        "Eine Vorlage für Pressemitteilungen zu Vereinsfesten, auf Deutsch und Arabisch.",
        Resource.Topic.PUBLIC_RELATIONS,
        Resource.Kind.TEMPLATE,
        Resource.Audience.VOLUNTEERS,
        ["de", "ar"],
        "https://example.org/vorlage-pressemitteilung",
        "",
    ),
]


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    for who, title, summary, topic, kind, audience, languages, link, file_name in RESOURCES:
        person = users.get(who)
        if Resource.objects.filter(title_de=title).exists():
            continue
        # The office's resources are there without demo logins too (shared by nobody).
        association = None
        if who != "staff":
            association = member_associations(person).first() if person else None
            if association is None:
                continue
        resource_share(
            by=person,
            association=association,
            title=title,
            summary=summary,
            topic=topic,
            kind=kind,
            audience=audience,
            languages=languages,
            link=link,
            upload=_pdf(file_name) if file_name else None,
            office=who == "staff",
        )
