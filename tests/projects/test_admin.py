"""The projects app in the back office ("VMDO Verwaltung" at /verwaltung/projects/).

Opening hours without JSON (one mode and one time field per weekday), exceptions to
the hours, PDF documents checked by content, project images re-encoded, the lists'
query counts, and who may enter at all.
"""

import io
import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, PngImagePlugin
from pypdf import PdfWriter

from projects import services
from projects.models import Document, Project, Site, SiteException
from tests.factories import UserFactory, image_bytes, login_with_totp, totp_enable
from tests.uploads import name_shape
from tests.vmdo_portal.test_accounts import LOGIN

pytestmark = pytest.mark.django_db

PROJECTS = "/verwaltung/projects/project/"
SITES = "/verwaltung/projects/site/"
DOCUMENTS = "/verwaltung/projects/document/"
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
CLOSED_WEEK = {day: {"mode": "closed"} for day in WEEKDAYS}


# --- helpers -----------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    """An empty MEDIA_ROOT; returns a function listing the files stored in it."""
    settings.MEDIA_ROOT = tmp_path / "media"

    def stored_files() -> list[str]:
        root = settings.MEDIA_ROOT
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    return stored_files


def in_german(text: str, **params) -> str:
    """A UI string as the (German) back office shows it."""
    with translation.override("de"):
        message = translation.gettext(text)
    return message % params if params else message


def make_project(number=0, **fields) -> Project:
    fields.setdefault("title", f"Projekt {number}")
    fields.setdefault("title_de", fields["title"])
    fields.setdefault("slug", f"projekt-{number}")
    fields.setdefault("start_date", date(2020, 1, 1))
    return services.project_create(**fields)


@pytest.fixture
def project(db):
    """Overrides the conftest's project: these tests rely on its exact values."""
    return make_project(
        title="Lokal willkommen", slug="lokal-willkommen", kind=Project.Kind.NETWORK
    )


def new_site(project, number=0, **fields) -> Site:
    fields.setdefault("name", f"Büro {number}")
    fields.setdefault("slug", f"buero-{number}")
    fields.setdefault("opening_hours", CLOSED_WEEK)
    return services.site_create(project=project, **fields)


def management_form(prefix: str, total=0, initial=0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def site_data(project, hours=None, **fields) -> dict:
    """What the site form posts: every day closed unless `hours` says otherwise.

    hours: {"mon": ("open", "09:00-12:00"), "wed": ("appointment", "")}
    """
    data = {
        "project": str(project.pk),
        "name": "Beratungsstelle Nordstadt",
        "slug": "beratungsstelle-nordstadt",
        "operator": "VMDO e.V.",
        "run_by_vmdo": "on",
        "order": "0",
        "street": "Mallinckrodtstraße 1",
        "postal_code": "44145",
        "city": "Dortmund",
        "district": "",
        "latitude": "",
        "longitude": "",
        "phone": "",
        "email": "",
        "closed_since": "",
        **management_form("languages"),
        **management_form("exceptions"),
    }
    for day in WEEKDAYS:
        mode, ranges = (hours or {}).get(day, ("closed", ""))
        data[f"hours_{day}_mode"] = mode
        data[f"hours_{day}_ranges"] = ranges
    return data | fields


def exception_data(index=0, **fields) -> dict:
    """One row of the exceptions inline."""
    row = {"start_date": "", "end_date": "", "mode": "closed", "hours": "", "reason_de": ""}
    row |= {"reason_en": ""} | fields
    return {f"exceptions-{index}-{name}": value for name, value in row.items()}


def project_data(**fields) -> dict:
    """What the project form posts (German title only; inlines empty)."""
    data = {
        "title_de": "Sprachbrücken",
        "slug": "sprachbruecken",
        "acronym": "",
        "kind": "counselling",
        "start_date": "2025-01-01",
        "end_date": "",
        "website": "",
        "order": "0",
        **management_form("sites"),
        **management_form("contacts"),
        **management_form("documents"),
    }
    return data | fields


def form_errors(response) -> dict:
    """The main form's errors by field, as shown above the fields."""
    assert response.status_code == 200, "the form was saved"
    return {
        name: list(errors) for name, errors in response.context["adminform"].form.errors.items()
    }


def inline_formset(response, prefix):
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    ]
    return formset


def inline_errors(response, prefix) -> list[dict]:
    """The errors of each row of one inline."""
    assert response.status_code == 200, "the form was saved"
    return [
        {name: list(errors) for name, errors in form.errors.items()}
        for form in inline_formset(response, prefix).forms
    ]


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(content: bytes, name="jahresbericht.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- opening hours -----------------------------------------------------------------

MONDAY_TO_SUNDAY = {
    "mon": ("open", "09:00-12:00, 13:00-16:00"),
    "wed": ("appointment", ""),
}


def test_adding_a_site_stores_the_week_as_structured_hours(staff_client, project):
    """Two ranges on Monday, by appointment on Wednesday, closed on the other days."""
    data = site_data(project, MONDAY_TO_SUNDAY) | management_form("languages", total=2)
    data |= {"languages-0-code": "de", "languages-1-code": "ar"}
    response = staff_client.post(f"{SITES}add/", data)
    assert response.status_code == 302
    assert response["Location"] == SITES
    site = Site.objects.get()
    assert (site.name, site.slug, site.project) == (
        "Beratungsstelle Nordstadt",
        "beratungsstelle-nordstadt",
        project,
    )
    assert site.opening_hours == {
        "mon": {"mode": "open", "ranges": [["09:00", "12:00"], ["13:00", "16:00"]]},
        "tue": {"mode": "closed"},
        "wed": {"mode": "appointment"},
        "thu": {"mode": "closed"},
        "fri": {"mode": "closed"},
        "sat": {"mode": "closed"},
        "sun": {"mode": "closed"},
    }
    assert site.language_codes == ["ar", "de"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("9:00-12:00", [["09:00", "12:00"]]),
        ("9.00 – 12.00", [["09:00", "12:00"]]),
        ("14:00-18:00; 8:30-12:00", [["08:30", "12:00"], ["14:00", "18:00"]]),
        ("09:00-12:00, 12:00-24:00", [["09:00", "12:00"], ["12:00", "24:00"]]),
    ],
)
def test_times_are_normalised_and_sorted(staff_client, project, typed, stored):
    """Single-digit hours get their zero, dots and dashes are read as staff type them."""
    data = site_data(project, {"tue": ("open", typed)})
    assert staff_client.post(f"{SITES}add/", data).status_code == 302
    assert Site.objects.get().opening_hours["tue"] == {"mode": "open", "ranges": stored}


def test_editing_a_site_shows_its_hours_in_the_form(staff_client, project):
    site = new_site(
        project,
        opening_hours=CLOSED_WEEK
        | {
            "mon": {"mode": "open", "ranges": [["09:00", "12:00"], ["13:00", "16:00"]]},
            "fri": {"mode": "appointment"},
        },
    )
    response = staff_client.get(f"{SITES}{site.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    shown = {
        day: (form[f"hours_{day}_mode"].value(), form[f"hours_{day}_ranges"].value())
        for day in WEEKDAYS
    }
    assert shown == {
        "mon": ("open", "09:00-12:00, 13:00-16:00"),
        "tue": ("closed", ""),
        "wed": ("closed", ""),
        "thu": ("closed", ""),
        "fri": ("appointment", ""),
        "sat": ("closed", ""),
        "sun": ("closed", ""),
    }
    html = response.content.decode()
    assert html.count('value="09:00-12:00, 13:00-16:00"') == 1
    assert form["hours_mon_mode"].label == "Montag"


def test_editing_the_hours_of_a_site_replaces_them(staff_client, project):
    site = new_site(
        project,
        opening_hours=CLOSED_WEEK | {"mon": {"mode": "open", "ranges": [["09:00", "12:00"]]}},
    )
    data = site_data(
        project,
        {"mon": ("closed", "09:00-12:00"), "sat": ("open", "10:00-13:00")},
        name=site.name,
        slug=site.slug,
    )
    response = staff_client.post(f"{SITES}{site.pk}/change/", data)
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.opening_hours == CLOSED_WEEK | {
        "sat": {"mode": "open", "ranges": [["10:00", "13:00"]]}
    }


def monday(message: str, **params) -> str:
    return in_german(message, day="Montag", **params)


INVALID_HOURS = [
    pytest.param(
        "12:00-09:00",
        monday("%(day)s: %(start)s-%(end)s ends before it starts.", start="12:00", end="09:00"),
        id="end-before-start",
    ),
    pytest.param(
        "10:00-10:00",
        monday("%(day)s: %(start)s-%(end)s ends before it starts.", start="10:00", end="10:00"),
        id="empty-range",
    ),
    pytest.param(
        "09:00-12:00, 11:00-13:00",
        monday(
            "%(day)s: the times %(first)s and %(second)s overlap.",
            first="09:00-12:00",
            second="11:00-13:00",
        ),
        id="overlap",
    ),
    pytest.param(
        "morgens", monday("%(day)s: write times as HH:MM-HH:MM, e.g. 09:00-12:00."), id="garbage"
    ),
    pytest.param(
        "25:00-26:00",
        monday("%(day)s: write times as HH:MM-HH:MM, e.g. 09:00-12:00."),
        id="no-such-hour",
    ),
    pytest.param(
        "09:00-12:60",
        monday("%(day)s: write times as HH:MM-HH:MM, e.g. 09:00-12:00."),
        id="minute-60",
    ),
    pytest.param(
        "09:00-", monday("%(day)s: write times as HH:MM-HH:MM, e.g. 09:00-12:00."), id="no-end"
    ),
    pytest.param(
        "",
        monday("%(day)s: an open day needs at least one time range, e.g. 09:00-12:00."),
        id="open-without-times",
    ),
    pytest.param(
        " , ;",
        monday("%(day)s: an open day needs at least one time range, e.g. 09:00-12:00."),
        id="only-separators",
    ),
    pytest.param(
        "<script>alert(1)</script>",
        monday("%(day)s: write times as HH:MM-HH:MM, e.g. 09:00-12:00."),
        id="script",
    ),
]


@pytest.mark.parametrize(("typed", "message"), INVALID_HOURS)
def test_invalid_hours_are_refused_with_a_message_and_nothing_is_stored(
    staff_client, project, typed, message
):
    response = staff_client.post(f"{SITES}add/", site_data(project, {"mon": ("open", typed)}))
    assert form_errors(response) == {"__all__": [message]}
    assert Site.objects.count() == 0


def test_invalid_hours_of_an_existing_site_leave_its_hours_unchanged(staff_client, project):
    hours = CLOSED_WEEK | {"mon": {"mode": "open", "ranges": [["09:00", "12:00"]]}}
    site = new_site(project, opening_hours=hours)
    data = site_data(project, {"mon": ("open", "12:00-09:00")}, name=site.name, slug=site.slug)
    response = staff_client.post(f"{SITES}{site.pk}/change/", data)
    assert form_errors(response) == {"__all__": ["Montag: 12:00-09:00 endet, bevor es beginnt."]}
    assert response.content.decode().count("Montag: 12:00-09:00 endet, bevor es beginnt.") == 1
    site.refresh_from_db()
    assert site.opening_hours == hours


def test_the_error_names_the_first_wrong_day(staff_client, project):
    """Staff see which day is wrong, in German ("Dienstag"); later days are checked on
    the next save."""
    data = site_data(project, {"tue": ("open", "18:00-08:00"), "sun": ("open", "")})
    response = staff_client.post(f"{SITES}add/", data)
    assert form_errors(response) == {
        "__all__": [
            in_german(
                "%(day)s: %(start)s-%(end)s ends before it starts.",
                day="Dienstag",
                start="18:00",
                end="08:00",
            )
        ]
    }
    assert Site.objects.count() == 0


def test_the_script_is_shown_back_as_text_not_run(staff_client, project):
    response = staff_client.post(
        f"{SITES}add/", site_data(project, {"mon": ("open", "<script>alert(1)</script>")})
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert html.count('value="&lt;script&gt;alert(1)&lt;/script&gt;"') == 1
    assert Site.objects.count() == 0


def test_more_than_200_characters_of_hours_are_refused(staff_client, project):
    typed = ", ".join(["09:00-09:01"] * 20)  # 258 characters
    response = staff_client.post(f"{SITES}add/", site_data(project, {"mon": ("open", typed)}))
    errors = form_errors(response)
    assert errors["hours_mon_ranges"] == [
        "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. "
        "(Er besteht aus 258 Zeichen.)"
    ]
    assert Site.objects.count() == 0


def test_more_than_200_characters_of_hours_give_one_message(staff_client, project):
    typed = ", ".join(["09:00-09:01"] * 20)
    response = staff_client.post(f"{SITES}add/", site_data(project, {"mon": ("open", typed)}))
    assert form_errors(response) == {
        "hours_mon_ranges": [
            "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. "
            "(Er besteht aus 258 Zeichen.)"
        ]
    }


def test_an_unknown_mode_is_refused(staff_client, project):
    response = staff_client.post(f"{SITES}add/", site_data(project, {"mon": ("always", "")}))
    assert form_errors(response) == {
        "hours_mon_mode": ["Bitte eine gültige Auswahl treffen. always ist keine gültige Auswahl."]
    }
    assert Site.objects.count() == 0


# --- exceptions to the hours -------------------------------------------------------


def test_exceptions_are_added_with_the_site(staff_client, project):
    """A closed holiday and a day with special hours, in one save."""
    data = site_data(project, MONDAY_TO_SUNDAY) | management_form("exceptions", total=2)
    data |= exception_data(
        0, start_date="2026-12-24", end_date="2026-12-26", reason_de="Weihnachten"
    )
    data |= exception_data(1, start_date="2026-12-31", mode="open", hours="10:00-14:00")
    response = staff_client.post(f"{SITES}add/", data)
    assert response.status_code == 302
    site = Site.objects.get()
    assert [
        (e.start_date, e.end_date, e.mode, e.ranges, e.reason)
        for e in site.exceptions.order_by("start_date")
    ] == [
        (date(2026, 12, 24), date(2026, 12, 26), "closed", [], "Weihnachten"),
        (date(2026, 12, 31), None, "open", [["10:00", "14:00"]], ""),
    ]


def test_an_exception_shows_its_hours_when_editing(staff_client, project):
    site = new_site(project)
    SiteException.objects.create(
        site=site, start_date=date(2026, 5, 1), mode="open", ranges=[["10:00", "14:00"]]
    )
    response = staff_client.get(f"{SITES}{site.pk}/change/")
    forms = inline_formset(response, "exceptions").forms
    assert [(form["mode"].value(), form["hours"].value()) for form in forms] == [
        ("open", "10:00-14:00"),
        ("closed", ""),  # the empty row for a new exception
    ]


def exception_refused(client, project, **row):
    data = site_data(project) | management_form("exceptions", total=1) | exception_data(0, **row)
    response = client.post(f"{SITES}add/", data)
    assert Site.objects.count() == 0
    assert SiteException.objects.count() == 0
    return inline_errors(response, "exceptions")


def test_an_exception_that_ends_before_it_starts_is_refused(staff_client, project):
    errors = exception_refused(
        staff_client, project, start_date="2026-12-26", end_date="2026-12-24"
    )
    assert errors == [{"__all__": [in_german("The exception cannot end before it starts.")]}]


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("14:00-10:00", "%(day)s: %(start)s-%(end)s ends before it starts."),
        ("mittags", "%(day)s: write times as HH:MM-HH:MM, e.g. 09:00-12:00."),
        ("", "%(day)s: an open day needs at least one time range, e.g. 09:00-12:00."),
    ],
    ids=["end-before-start", "garbage", "open-without-times"],
)
def test_an_exception_with_invalid_hours_is_refused(staff_client, project, hours, message):
    errors = exception_refused(
        staff_client, project, start_date="2026-12-31", mode="open", hours=hours
    )
    expected = in_german(message, day=in_german("Exception"), start="14:00", end="10:00")
    assert errors == [{"__all__": [expected]}]


# --- documents ---------------------------------------------------------------------


def document_data(file, **fields) -> dict:
    data = {
        "title": "Jahresbericht 2025",
        "file": file,
        "language": "de",
        "date": "2026-03-01",
        "project": "",
    }
    return data | fields


def test_a_pdf_document_is_stored_with_its_size(staff_client, media, project):
    content = pdf_bytes()
    response = staff_client.post(
        f"{DOCUMENTS}add/", document_data(pdf_upload(content), project=str(project.pk))
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.title, document.size, document.project, document.date) == (
        "Jahresbericht 2025",
        len(content),
        project,
        date(2026, 3, 1),
    )
    assert (name_shape(document.file.name), document.original_name) == (
        "documents/<random>.pdf",
        "jahresbericht.pdf",
    )
    assert media() == [document.file.name]
    with document.file.open("rb") as stored:
        assert stored.read() == content


NOT_A_PDF = "This file is not a PDF document we can read. Please upload a complete PDF file."


def refused_files():
    pdf = pdf_bytes()
    return [
        pytest.param(image_bytes("JPEG"), in_german(NOT_A_PDF), id="jpeg-renamed"),
        pytest.param(pdf[: len(pdf) // 2], in_german(NOT_A_PDF), id="truncated"),
        pytest.param(
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            in_german(NOT_A_PDF),
            id="html",
        ),
        pytest.param(b"%PDF-1.4\nnonsense\n%%EOF", in_german(NOT_A_PDF), id="pdf-header-only"),
        pytest.param(b"", "Die übertragene Datei ist leer.", id="empty"),
        pytest.param(
            b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024) + b"\n%%EOF",
            in_german(
                "The file is too large (%(size)s). The limit is %(limit)s.",
                size="20,0\xa0MB",
                limit="20,0\xa0MB",
            ),
            id="over-20-mb",
        ),
    ]


@pytest.mark.parametrize(("content", "message"), refused_files())
def test_a_file_that_is_no_readable_pdf_is_refused(staff_client, media, content, message):
    response = staff_client.post(f"{DOCUMENTS}add/", document_data(pdf_upload(content)))
    assert form_errors(response) == {"file": [message]}
    assert Document.objects.count() == 0
    assert media() == []


def test_editing_a_document_without_a_new_file_keeps_file_and_size(staff_client, media):
    content = pdf_bytes()
    staff_client.post(f"{DOCUMENTS}add/", document_data(pdf_upload(content)))
    document = Document.objects.get()
    stored = document.file.name
    response = staff_client.post(
        f"{DOCUMENTS}{document.pk}/change/", document_data("", title="Jahresbericht (neu)")
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.file.name, document.original_name, document.size) == (
        "Jahresbericht (neu)",
        stored,
        "jahresbericht.pdf",
        len(content),
    )


def test_a_broken_pdf_does_not_replace_the_stored_one(staff_client, media):
    content = pdf_bytes()
    staff_client.post(f"{DOCUMENTS}add/", document_data(pdf_upload(content)))
    document = Document.objects.get()
    stored = document.file.name
    broken = pdf_upload(content[: len(content) // 2], name="neu.pdf")
    response = staff_client.post(f"{DOCUMENTS}{document.pk}/change/", document_data(broken))
    assert form_errors(response) == {"file": [in_german(NOT_A_PDF)]}
    document.refresh_from_db()
    assert (document.file.name, document.original_name, document.size) == (
        stored,
        "jahresbericht.pdf",
        len(content),
    )
    assert media() == [stored]


def test_a_document_is_added_on_the_project_page(staff_client, media, project):
    content = pdf_bytes()
    data = project_data(title_de=project.title_de, slug=project.slug, kind=project.kind)
    data |= management_form("documents", total=1) | {
        "documents-0-title": "Flyer",
        "documents-0-file": pdf_upload(content, name="flyer.pdf"),
        "documents-0-language": "tr",
        "documents-0-date": "2026-02-01",
    }
    response = staff_client.post(f"{PROJECTS}{project.pk}/change/", data)
    assert response.status_code == 302
    [document] = project.documents.all()
    assert (document.title, document.language, document.size, document.original_name) == (
        "Flyer",
        "tr",
        len(content),
        "flyer.pdf",
    )
    assert media() == [document.file.name]
    assert name_shape(document.file.name) == "documents/<random>.pdf"


@pytest.mark.parametrize(("content", "message"), refused_files())
def test_the_project_page_refuses_a_file_that_is_no_readable_pdf(
    staff_client, media, project, content, message
):
    data = project_data(title_de=project.title_de, slug=project.slug, kind=project.kind)
    data |= management_form("documents", total=1) | {
        "documents-0-title": "Flyer",
        "documents-0-file": pdf_upload(content, name="flyer.pdf"),
        "documents-0-language": "de",
        "documents-0-date": "2026-02-01",
    }
    response = staff_client.post(f"{PROJECTS}{project.pk}/change/", data)
    assert inline_errors(response, "documents") == [{"file": [message]}]
    assert Document.objects.count() == 0
    assert media() == []


# --- projects ----------------------------------------------------------------------


def test_a_project_image_is_stored_re_encoded_with_a_thumbnail(staff_client, media):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Aufgenommen in der Nordstadt")
    upload = SimpleUploadedFile(
        "foto.png", image_bytes("PNG", size=(3000, 1500), pnginfo=info), content_type="image/png"
    )
    response = staff_client.post(f"{PROJECTS}add/", project_data(image=upload))
    assert response.status_code == 302
    project = Project.objects.get()
    shapes = (name_shape(project.image.name), name_shape(project.image_thumbnail.name))
    assert (project.title, project.slug, *shapes) == (
        "Sprachbrücken",
        "sprachbruecken",
        "projects/<random>.png",
        "projects/<random>.png",
    )
    assert media() == sorted([project.image.name, project.image_thumbnail.name])
    with Image.open(project.image.path) as image:
        assert (image.format, image.size, "Comment" in image.info) == ("PNG", (2400, 1200), False)
    with Image.open(project.image_thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("PNG", (320, 160))


def test_a_jpeg_project_image_keeps_its_extension(staff_client, media):
    upload = SimpleUploadedFile("foto.jpeg", image_bytes("JPEG"), content_type="image/jpeg")
    assert staff_client.post(f"{PROJECTS}add/", project_data(image=upload)).status_code == 302
    assert [name_shape(name) for name in media()] == ["projects/<random>.jpg"] * 2


def test_a_webp_project_image_keeps_its_extension(staff_client, media):
    upload = SimpleUploadedFile("foto.webp", image_bytes("WEBP"), content_type="image/webp")
    assert staff_client.post(f"{PROJECTS}add/", project_data(image=upload)).status_code == 302
    assert [name_shape(name) for name in media()] == ["projects/<random>.webp"] * 2


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
DJANGO_NOT_AN_IMAGE = (
    "Bitte ein gültiges Bild hochladen. Die hochgeladene Datei ist kein Bild oder ist defekt."
)


@pytest.mark.parametrize(
    ("name", "content_type", "content", "message"),
    [
        ("logo.svg", "image/svg+xml", SVG, DJANGO_NOT_AN_IMAGE),
        ("logo.png", "image/png", SVG, DJANGO_NOT_AN_IMAGE),
        ("bericht.png", "image/png", pdf_bytes(), DJANGO_NOT_AN_IMAGE),
        (
            "animation.gif",
            "image/gif",
            image_bytes("GIF"),
            in_german("Please upload a JPEG, PNG or WebP image."),
        ),
    ],
    ids=["svg", "svg-renamed", "pdf-renamed", "gif"],
)
def test_a_project_image_that_is_no_jpeg_png_or_webp_is_refused(
    staff_client, media, name, content_type, content, message
):
    """Django's ImageField refuses what Pillow cannot open; the portal also refuses GIF."""
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = staff_client.post(f"{PROJECTS}add/", project_data(image=upload))
    assert form_errors(response) == {"image": [message]}
    assert Project.objects.count() == 0
    assert media() == []


def test_a_project_cannot_end_before_it_starts(staff_client):
    data = project_data(start_date="2025-06-01", end_date="2025-05-31")
    response = staff_client.post(f"{PROJECTS}add/", data)
    assert form_errors(response) == {
        "__all__": [in_german("The project cannot end before it starts.")]
    }
    assert Project.objects.count() == 0


def test_a_project_may_end_on_its_first_day(staff_client):
    data = project_data(start_date="2025-06-01", end_date="2025-06-01")
    assert staff_client.post(f"{PROJECTS}add/", data).status_code == 302
    assert Project.objects.get().end_date == date(2025, 6, 1)


def test_order_and_published_are_edited_in_the_list(staff_client):
    first = make_project(1, order=5, published=False)
    second = make_project(2, order=1, published=True)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(second.pk),
        "form-0-order": "7",
        "form-0-published": "",
        "form-1-id": str(first.pk),
        "form-1-order": "2",
        "form-1-published": "on",
        "_save": "Sichern",
    }
    response = staff_client.post(PROJECTS, data)
    assert response.status_code == 302
    assert response["Location"] == PROJECTS
    assert list(Project.objects.values_list("slug", "order", "published")) == [
        ("projekt-1", 2, True),
        ("projekt-2", 7, False),
    ]


def test_the_project_list_shows_the_status(staff_client):
    make_project(1, start_date=date(2000, 1, 1), end_date=date(2001, 12, 31))
    make_project(2, start_date=date(2999, 1, 1))
    make_project(3, start_date=date(2000, 1, 1))
    html = staff_client.get(PROJECTS).content.decode()
    assert re.findall(r'<td class="field-status">(.*?)</td>', html) == [
        "abgeschlossen",
        "geplant",
        "aktiv",
    ]


# --- query counts ------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 20])
def test_the_project_list_needs_the_same_queries_for_1_or_20(
    staff_client, django_assert_num_queries, count
):
    for number in range(count):
        make_project(number, published=True)
    with django_assert_num_queries(6):
        response = staff_client.get(PROJECTS)
    assert response.context["cl"].result_count == count


@pytest.mark.parametrize("count", [1, 20])
def test_the_site_list_needs_the_same_queries_for_1_or_20(
    staff_client, django_assert_num_queries, count
):
    for number in range(count):
        new_site(make_project(number), number, languages=["de", "tr"])
    with django_assert_num_queries(7):
        response = staff_client.get(SITES)
    assert response.context["cl"].result_count == count


@pytest.mark.parametrize("count", [1, 20])
def test_the_document_list_needs_the_same_queries_for_1_or_20(
    staff_client, media, django_assert_num_queries, count
):
    project = make_project()
    for number in range(count):
        Document.objects.create(
            title=f"Bericht {number}",
            file=SimpleUploadedFile(f"bericht-{number}.pdf", pdf_bytes()),
            project=project,
        )
    with django_assert_num_queries(7):
        response = staff_client.get(DOCUMENTS)
    assert response.context["cl"].result_count == count


# --- who may enter -----------------------------------------------------------------

PROTECTED = [
    ("get", PROJECTS),
    ("get", PROJECTS + "add/"),
    ("post", PROJECTS + "add/"),
    ("get", PROJECTS + "{project}/change/"),
    ("post", PROJECTS + "{project}/change/"),
    ("get", SITES),
    ("get", SITES + "add/"),
    ("post", SITES + "add/"),
    ("get", SITES + "{site}/change/"),
    ("get", DOCUMENTS),
    ("get", DOCUMENTS + "add/"),
    ("post", DOCUMENTS + "add/"),
]


@pytest.fixture
def protected_objects(project):
    return {"project": project, "site": new_site(project)}


@pytest.mark.parametrize("role", ["anonymous", "account without staff status"])
@pytest.mark.parametrize(("method", "url_template"), PROTECTED)
def test_only_staff_reach_the_projects_back_office(
    client, media, protected_objects, role, method, url_template
):
    """Visitors go to the portal login, accounts without staff status get 403;
    nothing is created or changed."""
    url = url_template.format(**{name: obj.pk for name, obj in protected_objects.items()})
    if role != "anonymous":
        user = UserFactory()
        login_with_totp(client, user, totp_enable(user))
        assert client.session["_auth_user_id"] == str(user.pk)
    if method == "get":
        response = client.get(url, follow=True)
    elif "document" in url:
        response = client.post(url, document_data(pdf_upload(pdf_bytes())), follow=True)
    elif "site" in url:
        response = client.post(url, site_data(protected_objects["project"]), follow=True)
    else:
        response = client.post(url, project_data(slug="lokal-willkommen"), follow=True)

    chain = [location for location, _status in response.redirect_chain]
    login_redirect = f"/verwaltung/login/?next={url}"
    if role == "anonymous":
        assert chain == [login_redirect, f"{LOGIN}?{urlencode({'next': url})}"]
        assert response.status_code == 200
    else:
        assert chain == [login_redirect]
        assert response.status_code == 403
    assert (Project.objects.count(), Site.objects.count(), Document.objects.count()) == (1, 1, 0)
    assert Project.objects.get().title == "Lokal willkommen"
    assert media() == []


@pytest.mark.parametrize(
    "url_template",
    [
        PROJECTS,
        PROJECTS + "add/",
        PROJECTS + "{project}/change/",
        SITES,
        SITES + "add/",
        SITES + "{site}/change/",
        DOCUMENTS,
        DOCUMENTS + "add/",
    ],
)
def test_staff_open_every_page_of_the_projects_back_office(
    staff_client, protected_objects, url_template
):
    url = url_template.format(**{name: obj.pk for name, obj in protected_objects.items()})
    assert staff_client.get(url).status_code == 200


# --- German ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "%(day)s: choose open, by appointment or closed.",
        "%(day)s: an open day needs at least one time range, e.g. 09:00-12:00.",
        "%(day)s: write times as HH:MM-HH:MM, e.g. 09:00-12:00.",
        "%(day)s: %(start)s-%(end)s ends before it starts.",
        "%(day)s: the times %(first)s and %(second)s overlap.",
        "Exception",
        "The exception cannot end before it starts.",
        "The project cannot end before it starts.",
        NOT_A_PDF,
        "%(day)s: times",
        "e.g. 09:00-12:00, 13:00-16:00",
        "Opening hours",
        "by appointment",
        "e.g. 10:00-14:00",
    ],
)
def test_the_back_office_messages_of_projects_are_in_german(message):
    """The tests above compare with the catalog; this makes sure it has German for them."""
    assert in_german(message) != message
