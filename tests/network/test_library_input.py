"""Bad input to the library's share form and its upload: a clear translated error,
nothing stored."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import Association, Membership
from network.models import Resource
from tests.factories import AssociationFactory, image_bytes, member_of
from tests.network.library import LIST, SHARE, pdf_bytes, share_data

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
WRONG_TYPE = (
    "Bitte laden Sie ein PDF, ein Word- (docx), Excel- (xlsx) oder OpenDocument-Dokument "
    "(odt) oder ein Bild (JPEG, PNG, WebP) hoch."
)
MACROS = "Dokumente mit Makros werden nicht angenommen. Bitte speichern Sie es ohne Makros."
NOT_AN_IMAGE = (
    "Diese Datei ist kein Bild, das wir lesen können. Bitte laden Sie ein Bild im Format "
    "JPEG, PNG oder WebP hoch."
)
BOMB = "Dieses Dokument wird beim Entpacken um ein Vielfaches größer. Es wurde abgelehnt."


def not_readable(kind: str) -> str:
    return (
        f"Diese Datei ist kein lesbares {kind}. Bitte prüfen Sie die Datei und laden Sie sie "
        "erneut hoch."
    )


@pytest.fixture
def stored(settings, tmp_path):
    """MEDIA_ROOT in a fresh folder; returns the files stored in it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return lambda: sorted(
        str(path.relative_to(settings.MEDIA_ROOT)) for path in tmp_path.rglob("*") if path.is_file()
    )


@pytest.fixture
def association():
    return AssociationFactory(trusted=True)


@pytest.fixture
def member(client, association):
    user = member_of(association)
    client.force_login(user)
    return user


def office_package(parts: dict, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


DOCX_PARTS = {
    "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
    "word/document.xml": b'<?xml version="1.0"?><w:document/>',
}
ODT_PARTS = {
    "mimetype": b"application/vnd.oasis.opendocument.text",
    "content.xml": b'<?xml version="1.0"?><office:document-content/>',
}


def upload(content: bytes, name: str, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type)


def post(client, association, **overrides):
    return client.post(SHARE, share_data(association, **overrides))


# --- the texts and choices ---------------------------------------------------------


def test_an_empty_form_names_every_missing_field(client, member, association):
    response = client.post(SHARE, {})
    assert response.status_code == 400
    form = response.context["form"]
    required = ["Dieses Feld ist zwingend erforderlich."]
    assert form.errors == {
        "association": required,
        "title": required,
        "summary": required,
        "topic": required,
        "kind": required,
        "audience": required,
        "languages": required,
        "__all__": ["Bitte geben Sie einen Link an oder laden Sie eine Datei hoch."],
    }
    assert Resource.objects.count() == 0


def test_neither_link_nor_file(client, member, association):
    response = post(client, association, link="")
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Bitte geben Sie einen Link an oder laden Sie eine Datei hoch."
    ]
    assert "Bitte geben Sie einen Link an" in response.content.decode()
    assert Resource.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("topic", "geheim", "Bitte eine gültige Auswahl treffen. geheim ist keine gültige Auswahl."),
        ("kind", "virus", "Bitte eine gültige Auswahl treffen. virus ist keine gültige Auswahl."),
        ("audience", "alle", "Bitte eine gültige Auswahl treffen. alle ist keine gültige Auswahl."),
        ("languages", ["xx"], "Bitte eine gültige Auswahl treffen. xx ist keine gültige Auswahl."),
        ("link", "javascript:alert(1)", "Bitte eine gültige Adresse eingeben."),
        ("link", "ftp://example.org/datei.pdf", "Bitte eine gültige Adresse eingeben."),
        ("link", "data:text/html,<script>alert(1)</script>", "Bitte eine gültige Adresse eingeben."),
        ("title", "x" * 201, "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. (Er besteht aus 201 Zeichen.)"),
        ("title", "Zeile\nZwei", "Bitte verwenden Sie nur Buchstaben, Ziffern und Satzzeichen (keine Zeilenumbrüche oder Tabulatoren)."),
        ("summary", "x" * 5001, "Bitte sicherstellen, dass der Wert aus höchstens 5000 Zeichen besteht. (Er besteht aus 5001 Zeichen.)"),
        ("link", "https://example.org/" + "x" * 500, "Bitte sicherstellen, dass der Wert aus höchstens 500 Zeichen besteht. (Er besteht aus 520 Zeichen.)"),
    ],
    ids=[
        "topic", "kind", "audience", "language", "javascript-link", "ftp-link", "data-link",
        "long-title", "line-break-title", "long-summary", "long-link",
    ],
)  # fmt: skip
def test_wrong_and_huge_values_are_refused(client, member, association, field, value, error):
    response = post(client, association, **{field: value})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [error]
    assert Resource.objects.count() == 0


def test_a_foreign_association_in_the_post_is_refused(client, member):
    foreign = AssociationFactory(name="Fremder Verein", trusted=True)
    response = post(client, foreign)
    assert response.status_code == 400
    assert response.context["form"].errors["association"] == [
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl."
    ]
    assert Resource.objects.count() == 0


def test_an_association_that_is_not_a_member_is_refused(client, member):
    applicant = AssociationFactory(status=Association.Status.APPLICANT)
    Membership.objects.create(user=member, association=applicant)
    response = post(client, applicant)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["association"]
    assert Resource.objects.count() == 0


def test_hostile_html_is_kept_as_text_and_shown_escaped(client, member, association):
    hostile = "<script>alert('x')</script>"
    response = post(client, association, title=f"Vorlage {hostile}", summary=hostile)
    resource = Resource.objects.get()
    assert response["Location"] == f"{LIST}{resource.pk}/"
    assert (resource.title_de, resource.summary_de) == (f"Vorlage {hostile}", hostile)
    page = client.get(f"{LIST}{resource.pk}/").content.decode()
    assert hostile not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


# --- the upload ------------------------------------------------------------------------


def test_a_pdf_is_stored_under_a_random_name(client, member, association, stored):
    response = post(client, association, file=upload(pdf_bytes(), "Satzung 2025.pdf"), link="")
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert (resource.file_kind, resource.original_name) == ("pdf", "Satzung 2025.pdf")
    assert stored() == [resource.file.name]
    assert "Satzung" not in resource.file.name


@pytest.mark.parametrize(
    ("parts", "name", "kind"),
    [(DOCX_PARTS, "vorlage.docx", "docx"), (ODT_PARTS, "vorlage.odt", "odt")],
    ids=["docx", "odt"],
)
def test_office_documents_are_accepted(client, member, association, stored, parts, name, kind):
    content = office_package(parts)
    post(client, association, file=upload(content, name), link="")
    resource = Resource.objects.get()
    assert (resource.file_kind, resource.size) == (kind, len(content))
    assert resource.file.name.endswith(f".{kind}")
    assert stored() == [resource.file.name]


def test_an_image_is_re_encoded(client, member, association, stored):
    post(client, association, file=upload(image_bytes("JPEG"), "plakat.jpeg"), link="")
    resource = Resource.objects.get()
    assert (resource.file_kind, resource.original_name) == ("jpg", "plakat.jpg")
    with resource.file.open("rb") as image, Image.open(image) as opened:
        assert opened.format == "JPEG"


def bomb_png() -> bytes:
    # A tiny file that claims 20000 × 20000 pixels (400 megapixels).
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    return out.getvalue()


def zip_bomb() -> bytes:
    return office_package({**DOCX_PARTS, "word/media/zeros.bin": b"\0" * (30 * 1024 * 1024)})


@pytest.mark.parametrize(
    ("content", "name", "error"),
    [
        (SVG, "leitfaden.pdf", not_readable("PDF-Dokument")),
        (HTML, "leitfaden.pdf", not_readable("PDF-Dokument")),
        (image_bytes("PNG"), "leitfaden.pdf", not_readable("PDF-Dokument")),
        (pdf_bytes()[:100], "leitfaden.pdf", not_readable("PDF-Dokument")),
        (SVG, "plakat.png", NOT_AN_IMAGE),
        (SVG, "plakat.svg", WRONG_TYPE),
        (HTML, "seite.html", WRONG_TYPE),
        (b"MZ\x90\x00" + b"\0" * 100, "setup.exe", WRONG_TYPE),
        (b"MZ\x90\x00" + b"\0" * 100, "vorlage.docx", not_readable("Word-Dokument")),
        (office_package(DOCX_PARTS), "tabelle.xlsx", not_readable("Excel-Tabelle")),
        (office_package({"content.xml": b"<x/>"}), "text.odt", not_readable("OpenDocument-Text")),
        (
            office_package({**DOCX_PARTS, "word/vbaProject.bin": b"macro"}),
            "vorlage.docx",
            MACROS,
        ),
        (zip_bomb(), "vorlage.docx", BOMB),
        (bomb_png(), "plakat.png", NOT_AN_IMAGE),
        (b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "gross.pdf", "Die Datei ist zu groß (20,0\xa0MB). Die Höchstgröße beträgt 20,0\xa0MB."),
        (b"", "leer.pdf", "Die übertragene Datei ist leer."),
        (pdf_bytes(), "leitfaden", WRONG_TYPE),
    ],
    ids=[
        "svg-as-pdf", "html-as-pdf", "png-as-pdf", "truncated-pdf", "svg-as-png", "svg",
        "html", "exe", "exe-as-docx", "docx-as-xlsx", "odt-without-mimetype", "macros",
        "zip-bomb", "image-bomb", "over-20mb", "empty", "no-extension",
    ],
)  # fmt: skip
def test_bad_uploads_get_an_error_and_store_nothing(
    client, member, association, stored, content, name, error
):
    response = post(client, association, file=upload(content, name), link="")
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [error]
    assert Resource.objects.count() == 0
    assert stored() == []
