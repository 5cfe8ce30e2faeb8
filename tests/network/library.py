"""Helpers of the library's tests (tests/network/test_library*.py)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from network.library.uploads import check_resource_file
from network.models import Resource, ResourceLanguage

LIST = "/de/netzwerk/wissen/"
SHARE = "/de/netzwerk/wissen/teilen/"


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name="leitfaden.pdf", content=None, content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type)


def make_resource(
    *,
    association=None,
    by=None,
    status=Resource.Status.PUBLISHED,
    title="Leitfaden Vereinsrecht",
    summary="Alles über die **Satzung**.",
    languages=("de",),
    with_file=False,
    **fields,
) -> Resource:
    """A resource as the services leave it (the review's state set directly)."""
    resource = Resource(
        title_de=title,
        summary_de=summary,
        association=association,
        shared_by=by,
        status=status,
        published_at=timezone.now() if status == Resource.Status.PUBLISHED else None,
        **fields,
    )
    if with_file:
        checked = check_resource_file(pdf_upload())
        resource.file_kind = checked.kind
        resource.original_name = checked.original_name
        resource.size = checked.size
        resource.file.save(checked.original_name, checked.content, save=False)
    resource.save()
    ResourceLanguage.objects.bulk_create(
        ResourceLanguage(resource=resource, code=code) for code in languages
    )
    return resource


def share_data(association=None, **overrides) -> dict:
    data = {
        "association": str(association.pk) if association else "",
        "title": "Checkliste Mitgliederversammlung",
        "summary": "Was vor der **Mitgliederversammlung** zu tun ist.",
        "topic": Resource.Topic.ASSOCIATION_LAW,
        "kind": Resource.Kind.CHECKLIST,
        "audience": Resource.Audience.BOARD,
        "languages": ["de", "ar"],
        "link": "https://example.org/checkliste",
    }
    return data | overrides
