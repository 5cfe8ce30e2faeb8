"""The members app in the back office ("VMDO Verwaltung" at /verwaltung/).

Export and import of the association list, review of profile changes, membership
applications, invitations, publishing, query counts, and who may enter at all.
"""

import csv
import io
import re
from datetime import date, timedelta
from urllib.parse import urlencode

import openpyxl
import pytest
from django.conf import settings
from django.contrib import messages
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.html import strip_tags

from members import selectors, services
from members.models import (
    INVITATION_VALIDITY,
    Association,
    Community,
    FieldOfActivity,
    Invitation,
    Membership,
    ProfileRevision,
)
from tests.factories import (
    PASSWORD,
    AssociationFactory,
    UserFactory,
    login_with_totp,
    member_of,
    totp_enable,
)
from vmdo_portal.audit import entries_for
from vmdo_portal.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "/de/konto/login/"
ASSOCIATIONS = "/verwaltung/members/association/"
IMPORT = f"{ASSOCIATIONS}import/"
PROCESS_IMPORT = f"{ASSOCIATIONS}process_import/"
REVISIONS = "/verwaltung/members/profilerevision/"
APPLICATIONS = "/verwaltung/members/membershipapplication/"
INVITATIONS = "/verwaltung/members/invitation/"
HISTORY = "/verwaltung/vmdo_portal/auditentry/"
MEMBERSHIPS = "/verwaltung/members/membership/"

DESCRIPTION_LANGUAGES = [
    "Deutsch",
    "Englisch",
    "Türkisch",
    "Arabisch",
    "Ukrainisch",
    "Russisch",
    "Persisch",
    "Polnisch",
]
EXPORT_HEADER = [
    "Name",
    "Kurzname",
    "Kurzname in Webadressen",
    "Status",
    "Veröffentlicht",
    "Vertrauenswürdig",
    "Rechtsform",
    "Registergericht",
    "Registernummer",
    "Gründungsjahr",
    "Mitglied im VMDO seit",
    "Gründungsmitglied",
    *[f"Beschreibung ({language})" for language in DESCRIPTION_LANGUAGES],
    *[f"Regelmäßige Angebote und Treffzeiten ({language})" for language in DESCRIPTION_LANGUAGES],
    "Tätigkeitsfelder",
    "Sprachen",
    "Herkunftscommunitys",
    "Öffentliche Ansprechperson",
    "E-Mail",
    "Telefon",
    "Website",
    "Straße und Hausnummer",
    "Postleitzahl",
    "Ort",
    "Stadtbezirk",
    "E-Mail öffentlich anzeigen",
    "Telefonnummer öffentlich anzeigen",
    "Adresse öffentlich anzeigen",
    "Ansprechperson öffentlich anzeigen",
]
BOM = "\ufeff"
CSV_FORMAT = "0"  # index in members.resources.IMPORT_FORMATS
XLSX_FORMAT = "1"


# --- helpers -----------------------------------------------------------------------


def in_german(text: str) -> str:
    """A UI string as the (German) back office shows it."""
    with translation.override("de"):
        return translation.gettext(text)


def in_german_n(singular: str, plural: str, count: int) -> str:
    with translation.override("de"):
        return translation.ngettext(singular, plural, count) % {"count": count}


def fields_of_activity(*slugs):
    return list(FieldOfActivity.objects.filter(slug__in=slugs))


def run_action(client, url, action, objects, **kwargs):
    """Tick objects in a changelist and run an admin action on them."""
    data = {"action": action, "_selected_action": [obj.pk for obj in objects]}
    return client.post(url, data, **kwargs)


def shown_messages(response) -> list[tuple[int, str]]:
    return [(message.level, str(message)) for message in response.context["messages"]]


def tuerkischer_elternverein():
    """An association with every exported column filled, umlauts included."""
    return AssociationFactory(
        name="Türkischer Elternverein Hörde",
        short_name="TEV Hörde",
        register_court="Amtsgericht Dortmund",
        register_number="VR 4711",
        founded_year=1985,
        member_since=date(2009, 3, 1),
        founding_member=True,
        website="https://tev-hoerde.example.org",
        email="info@tev-hoerde.example.org",
        phone="0231 123456",
        street="Hörder Bahnhofstraße 1",
        postal_code="44263",
        district="hoerde",
        contact_person="Ayşe Yılmaz",
        fields_of_activity=fields_of_activity("education", "culture"),
        languages=["de", "ar"],
        communities=[Community.objects.create(name="Türkisch", slug="tuerkisch")],
        regular_activities_de="Dienstags 17 Uhr Hausaufgabenhilfe",
        **{f"description_{code}": text for code, text in DESCRIPTIONS.items()},
    )


DESCRIPTIONS = {
    "de": "Elternarbeit und Hausaufgabenhilfe in Hörde.",
    "en": "Parents' work and homework help in Hörde.",
    "tr": "Hörde'de veli çalışması ve ödev yardımı.",
    "ar": "العمل مع الأهالي والمساعدة في الواجبات المدرسية في هورده.",
    "uk": "Робота з батьками та допомога з домашніми завданнями в Гьорде.",
    "ru": "Работа с родителями и помощь с домашними заданиями в Хёрде.",
    "fa": "کار با والدین و کمک به تکالیف در هورده.",
    "pl": "Praca z rodzicami i pomoc w odrabianiu lekcji w Hörde.",
}


TUERKISCHER_ELTERNVEREIN_ROW = {
    "Name": "Türkischer Elternverein Hörde",
    "Kurzname": "TEV Hörde",
    "Kurzname in Webadressen": "tuerkischer-elternverein-hoerde",
    "Status": "Mitglied",
    "Veröffentlicht": "Ja",
    "Vertrauenswürdig": "Nein",
    "Rechtsform": "eingetragener Verein (e.V.)",
    "Registergericht": "Amtsgericht Dortmund",
    "Registernummer": "VR 4711",
    "Gründungsjahr": "1985",
    "Mitglied im VMDO seit": "01.03.2009",
    "Gründungsmitglied": "Ja",
    **{
        f"Beschreibung ({language})": DESCRIPTIONS[code]
        for language, code in zip(DESCRIPTION_LANGUAGES, DESCRIPTIONS, strict=True)
    },
    "Regelmäßige Angebote und Treffzeiten (Deutsch)": "Dienstags 17 Uhr Hausaufgabenhilfe",
    **{
        f"Regelmäßige Angebote und Treffzeiten ({language})": ""
        for language in DESCRIPTION_LANGUAGES[1:]
    },
    "Tätigkeitsfelder": "Kultur, Bildung",
    "Sprachen": "Arabisch, Deutsch",
    "Herkunftscommunitys": "Türkisch",
    "Öffentliche Ansprechperson": "Ayşe Yılmaz",
    "E-Mail": "info@tev-hoerde.example.org",
    "Telefon": "0231 123456",
    "Website": "https://tev-hoerde.example.org",
    "Straße und Hausnummer": "Hörder Bahnhofstraße 1",
    "Postleitzahl": "44263",
    "Ort": "Dortmund",
    "Stadtbezirk": "Hörde",
    "E-Mail öffentlich anzeigen": "Ja",
    "Telefonnummer öffentlich anzeigen": "Nein",
    "Adresse öffentlich anzeigen": "Ja",
    "Ansprechperson öffentlich anzeigen": "Nein",
}


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))


def xlsx_rows(response) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if value is None else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def export(client, action, associations):
    response = run_action(client, ASSOCIATIONS, action, associations)
    assert response.status_code == 200
    return csv_rows(response) if action == "export_csv" else xlsx_rows(response)


def csv_file(*lines: str) -> bytes:
    """A CSV as German Excel saves it: UTF-8 with BOM, semicolons, CRLF."""
    return (BOM + "\r\n".join(lines) + "\r\n").encode("utf-8")


def upload(client, content: bytes, file_format=CSV_FORMAT, name="vereine.csv"):
    """First import step: the preview (a dry run)."""
    return client.post(
        IMPORT, {"format": file_format, "import_file": SimpleUploadedFile(name, content)}
    )


def confirm(client, preview):
    """Second import step: 'Confirm import' on the preview page."""
    return client.post(PROCESS_IMPORT, preview.context["confirm_form"].initial)


def row_errors(result) -> dict[int, dict]:
    """Validation errors per line of the file, by column."""
    return {row.number: row.field_specific_errors for row in result.invalid_rows}


def snapshot(association) -> dict:
    """Everything the import may touch, as plain values."""
    association.refresh_from_db()
    return {
        **selectors.profile_values(association),
        "slug": association.slug,
        "status": association.status,
        "published": association.published,
        "trusted": association.trusted,
        "member_since": association.member_since,
        "founding_member": association.founding_member,
        "version": association.version,
    }


def submit_change(association, data, **editor_fields):
    """An editor of an untrusted association saves the profile: a pending revision."""
    editor = member_of(association, **editor_fields)
    update = services.association_profile_update(
        association=association, by=editor, data=data, expected_version=association.version
    )
    assert update.published is False
    return update.revision


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def first_h1(html: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)


# --- export ------------------------------------------------------------------------


def test_csv_export_is_for_german_excel(staff_client):
    """UTF-8 with byte order mark, semicolons, one download named by date."""
    association = tuerkischer_elternverein()
    response = run_action(staff_client, ASSOCIATIONS, "export_csv", [association])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == (
        f'attachment; filename="vereine-{timezone.localdate().isoformat()}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8").splitlines()[0] == BOM + ";".join(EXPORT_HEADER)


def test_xlsx_export_is_a_workbook(staff_client):
    """A real .xlsx: openpyxl reads the header and the values by cell."""
    association = tuerkischer_elternverein()
    response = run_action(staff_client, ASSOCIATIONS, "export_xlsx", [association])
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="vereine-{timezone.localdate().isoformat()}.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Name"
    assert sheet["A2"].value == "Türkischer Elternverein Hörde"
    assert sheet["AC1"].value == "Tätigkeitsfelder"
    assert sheet["AC2"].value == "Kultur, Bildung"
    assert sheet["AD2"].value == "Arabisch, Deutsch"


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_export_has_every_column_of_the_selected_associations(staff_client, action):
    """Umlauts survive; headings are the German field names (per language for the
    descriptions); choices, languages, lists, yes/no and dates as people read them."""
    association = tuerkischer_elternverein()
    AssociationFactory(name="Nicht ausgewählt")
    rows = export(staff_client, action, [association])
    assert rows[0] == EXPORT_HEADER
    assert len(rows) == 2
    assert dict(zip(rows[0], rows[1], strict=True)) == TUERKISCHER_ELTERNVEREIN_ROW


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_export_keeps_formulas_as_text(staff_client, action):
    """Cells starting with = + - @ would run as formulas in a spreadsheet."""
    association = AssociationFactory(
        name='=HYPERLINK("https://evil.example","Klick")',
        short_name="@SUMME(A1)",
        contact_person="-Ali",
        postal_code="+44147",
    )
    row = dict(zip(*export(staff_client, action, [association]), strict=True))
    assert (
        row["Name"],
        row["Kurzname"],
        row["Öffentliche Ansprechperson"],
        row["Postleitzahl"],
    ) == (
        '\'=HYPERLINK("https://evil.example","Klick")',
        "'@SUMME(A1)",
        "'-Ali",
        "'+44147",
    )


# --- import ------------------------------------------------------------------------

NEW_ASSOCIATIONS = csv_file(
    "slug;name;email;founded_year;fields_of_activity;languages",
    ";Türkischer Elternverein Hörde;info@tev.example.org;1985;culture,education;de, ar",
    ";Kurdisches Kulturzentrum;kontakt@kkz.example.org;;women;ku",
)


def test_import_preview_saves_nothing_before_confirmation(staff_client):
    """Step one is a dry run: the rows are shown, the database stays as it was."""
    preview = upload(staff_client, NEW_ASSOCIATIONS)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert (result.has_errors(), result.has_validation_errors()) == (False, False)
    assert [(row.import_type, row.object_repr) for row in result.valid_rows()] == [
        ("new", "Türkischer Elternverein Hörde"),
        ("new", "Kurdisches Kulturzentrum"),
    ]
    html = preview.content.decode()
    assert html.count('<tr class="new">') == 2
    assert html.count('name="confirm"') == 1
    assert preview.context["confirm_form"].initial["format"] == CSV_FORMAT
    assert Association.objects.count() == 0


def test_import_preview_shows_the_languages_of_each_row(staff_client):
    preview = upload(staff_client, NEW_ASSOCIATIONS)
    result = preview.context["result"]
    column = result.diff_headers.index("languages")
    assert [strip_tags(row.diff[column]) for row in result.valid_rows()] == [
        "Arabisch, Deutsch",
        "Kurdisch",
    ]


def test_confirmed_import_creates_the_associations(staff_client):
    """Step two saves: slugs made from the names, languages and fields of activity set."""
    preview = upload(staff_client, NEW_ASSOCIATIONS)
    response = confirm(staff_client, preview)
    assert response.status_code == 302
    assert response["Location"] == ASSOCIATIONS
    imported = {
        a.name: (
            a.slug,
            a.email,
            a.founded_year,
            a.language_codes,
            [field.slug for field in a.fields_of_activity.all()],
        )
        for a in Association.objects.all()
    }
    assert imported == {
        "Türkischer Elternverein Hörde": (
            "tuerkischer-elternverein-hoerde",
            "info@tev.example.org",
            1985,
            ["ar", "de"],
            ["culture", "education"],
        ),
        "Kurdisches Kulturzentrum": (
            "kurdisches-kulturzentrum",
            "kontakt@kkz.example.org",
            None,
            ["ku"],
            ["women"],
        ),
    }


def test_import_with_an_invalid_email_shows_the_row_and_saves_nothing(staff_client):
    """One bad row blocks the whole file: no confirm button, no association saved."""
    preview = upload(
        staff_client,
        csv_file(
            "slug;name;email;languages",
            ";Gültiger Verein;gut@example.org;de",
            ";Verein mit Tippfehler;keine-adresse;de",
        ),
    )
    result = preview.context["result"]
    assert row_errors(result) == {2: {"email": ["Bitte gültige E-Mail-Adresse eingeben."]}}
    assert "confirm_form" not in preview.context
    html = preview.content.decode()
    assert '<span class="validation-error-field-label">email</span>' in html
    assert Association.objects.count() == 0


def test_import_with_several_bad_rows_reports_each_and_saves_nothing(staff_client):
    """Invalid email, unknown language code, a year that is no number: all refused."""
    preview = upload(
        staff_client,
        csv_file(
            "slug;name;email;languages;founded_year",
            ";Verein A;keine-adresse;de;",
            ";Verein B;b@example.org;xx, de;",
            ";Verein C;c@example.org;de;abc",
            ";Verein D;d@example.org;de;1990",
        ),
    )
    result = preview.context["result"]
    reported = sorted(
        [row.number for row in result.invalid_rows] + [n for n, _ in result.row_errors()]
    )
    assert reported == [1, 2, 3]
    assert "confirm_form" not in preview.context
    assert Association.objects.count() == 0


def test_import_reports_an_unknown_language_code_in_the_languages_column(staff_client):
    preview = upload(
        staff_client, csv_file("slug;name;email;languages", ";Verein B;b@example.org;xx, de")
    )
    result = preview.context["result"]
    assert {number: list(errors) for number, errors in row_errors(result).items()} == {
        1: ["languages"]
    }


def test_import_reports_a_year_that_is_no_number_as_a_validation_error(staff_client):
    preview = upload(
        staff_client,
        csv_file(
            "slug;name;email;founded_year",
            ";Verein A;keine-adresse;",
            ";Verein C;c@example.org;abc",
        ),
    )
    result = preview.context["result"]
    assert result.has_errors() is False
    assert {number: sorted(errors) for number, errors in row_errors(result).items()} == {
        1: ["email"],
        2: ["founded_year"],
    }


@pytest.mark.parametrize(
    ("action", "file_format", "name"),
    [("export_csv", CSV_FORMAT, "vereine.csv"), ("export_xlsx", XLSX_FORMAT, "vereine.xlsx")],
)
def test_reimporting_an_export_changes_nothing(staff_client, action, file_format, name):
    """Round trip: export, import the same file, every value (and version) unchanged."""
    first = tuerkischer_elternverein()
    second = AssociationFactory(
        name="Kurdisches Kulturzentrum", languages=["ku"], published=False, trusted=True
    )
    before = [snapshot(first), snapshot(second)]
    download = run_action(staff_client, ASSOCIATIONS, action, [first, second])

    preview = upload(staff_client, download.content, file_format, name)
    assert preview.context["result"].totals["new"] == 0
    assert confirm(staff_client, preview).status_code == 302
    assert Association.objects.count() == 2
    assert [snapshot(first), snapshot(second)] == before


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_export_shows_no_codes(staff_client, action):
    """Not one cell is a code people would have to look up."""
    association = tuerkischer_elternverein()
    values = set(export(staff_client, action, [association])[1])
    codes = {"ev", "member", "hoerde", "culture", "education", "tuerkisch", "ar", "de"}
    assert values & (codes | {"1", "0", "True", "False", "2009-03-01"}) == set()


def test_import_reads_an_export_edited_by_people(staff_client):
    """Staff change labels in the spreadsheet; the import stores the matching codes."""
    association = tuerkischer_elternverein()
    rows = export(staff_client, "export_csv", [association])
    edited = dict(zip(rows[0], rows[1], strict=True))
    edited.update(
        {
            "Status": "ehemaliges Mitglied",
            "Stadtbezirk": "Eving",
            "Veröffentlicht": "Nein",
            "Rechtsform": "Sonstige",
            "Mitglied im VMDO seit": "15.04.2010",
            "Beschreibung (Türkisch)": "Yeni açıklama",
            "Tätigkeitsfelder": "Frauen, Kultur",
            "Sprachen": "Deutsch, Kurdisch, Türkisch",
        }
    )
    preview = upload(staff_client, csv_file(";".join(edited), ";".join(edited.values())))
    assert row_errors(preview.context["result"]) == {}
    confirm(staff_client, preview)
    association.refresh_from_db()
    assert (
        association.status,
        association.district,
        association.published,
        association.legal_form,
        association.member_since,
        association.description_tr,
        sorted(field.slug for field in association.fields_of_activity.all()),
        association.language_codes,
    ) == (
        "former",
        "eving",
        False,
        "other",
        date(2010, 4, 15),
        "Yeni açıklama",
        ["culture", "women"],
        ["de", "ku", "tr"],
    )


def test_import_reports_a_label_it_does_not_know(staff_client):
    preview = upload(
        staff_client,
        csv_file(
            "Name;E-Mail;Stadtbezirk;Veröffentlicht",
            "Verein A;a@example.org;Atlantis;Ja",
            "Verein B;b@example.org;Eving;vielleicht",
        ),
    )
    result = preview.context["result"]
    assert {number: sorted(errors) for number, errors in row_errors(result).items()} == {
        1: ["district"],
        2: ["published"],
    }
    assert Association.objects.count() == 0


def test_reimporting_an_export_keeps_international_phone_numbers(staff_client):
    association = AssociationFactory(phone="+49 231 123456")
    download = run_action(staff_client, ASSOCIATIONS, "export_csv", [association])
    confirm(staff_client, upload(staff_client, download.content))
    association.refresh_from_db()
    assert association.phone == "+49 231 123456"


def test_import_updates_a_changed_languages_column(staff_client):
    # description_en "" (not NULL): otherwise the import also "changes" that column.
    association = AssociationFactory(
        name="Kurdisches Kulturzentrum", languages=["de"], description_en=""
    )
    rows = export(staff_client, "export_csv", [association])
    rows[1][EXPORT_HEADER.index("Sprachen")] = "Deutsch, Kurdisch"
    preview = upload(staff_client, csv_file(*(";".join(row) for row in rows)))
    assert [row.import_type for row in preview.context["result"].rows] == ["update"]
    assert " kurdisch " not in f" {association.search_text} "
    confirm(staff_client, preview)
    association.refresh_from_db()
    assert association.language_codes == ["de", "ku"]
    # The search text follows the imported languages (saved after the row).
    assert " kurdisch " in f" {association.search_text} "


def test_import_update_makes_open_profile_forms_stale(staff_client):
    association = AssociationFactory(name="Alter Name")
    opened_version = association.version
    rows = export(staff_client, "export_csv", [association])
    rows[1][EXPORT_HEADER.index("Name")] = "Neuer Name"
    confirm(staff_client, upload(staff_client, csv_file(*(";".join(row) for row in rows))))
    association.refresh_from_db()
    assert association.name == "Neuer Name"
    with pytest.raises(services.ProfileChangedMeanwhile):
        services.association_profile_update(
            association=association,
            by=member_of(association),
            data={"short_name": "AN"},
            expected_version=opened_version,
        )


def test_import_is_recorded_in_the_history(staff_client, staff_with_totp):
    confirm(staff_client, upload(staff_client, NEW_ASSOCIATIONS))
    assert sorted(AuditEntry.objects.values_list("object_repr", "actor", "actor_name", "data")) == [
        ("Kurdisches Kulturzentrum", staff_with_totp.pk, staff_with_totp.name, {"via": "import"}),
        (
            "Türkischer Elternverein Hörde",
            staff_with_totp.pk,
            staff_with_totp.name,
            {"via": "import"},
        ),
    ]


# --- profile revisions -------------------------------------------------------------


def test_revision_page_compares_field_by_field(staff_client):
    """Before, published now and proposed, with markup in values shown as text."""
    association = AssociationFactory(name="Alter Name", languages=["de"])
    revision = submit_change(association, {"name": "Neuer <b>Name</b>", "languages": ["ar", "de"]})
    response = staff_client.get(f"{REVISIONS}{revision.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    table = re.search(r"<table class='revision-diff'>.*?</table>", html, re.S).group(0)
    header = "".join(
        f"<th scope='col'>{in_german(text)}</th>"
        for text in ["field", "before", "published now", "proposed"]
    )
    assert table == (
        f"<table class='revision-diff'><thead><tr>{header}</tr></thead><tbody>"
        "<tr><td>Sprachen</td><td>de</td><td>de</td><td><strong>ar, de</strong></td></tr>"
        "<tr><td>Name</td><td>Alter Name</td><td>Alter Name</td>"
        "<td><strong>Neuer &lt;b&gt;Name&lt;/b&gt;</strong></td></tr>"
        "</tbody></table>"
    )
    assert "<b>Name</b>" not in html
    assert (html.count('name="_approve"'), html.count('name="_reject"')) == (1, 1)


def test_staff_are_told_of_a_change_in_german_whatever_language_the_editor_uses(
    django_capture_on_commit_callbacks,
):
    association = AssociationFactory(name="Alter Name")
    with translation.override("ar"), django_capture_on_commit_callbacks(execute=True):
        submit_change(association, {"name": "Neuer Name"}, language="ar")
    [message] = [m for m in mail.outbox if m.to == [settings.PORTAL_CONTACT["email"]]]
    assert "Name" in message.body.split("\n")[2]
    assert "الاسم" not in message.body
    with translation.override("ar"):
        assert str(Association._meta.get_field("name").verbose_name) == "الاسم"


def test_approving_publishes_the_change_and_tells_the_submitter(
    staff_client, staff_with_totp, django_capture_on_commit_callbacks
):
    """'Approve and publish': public profile updated, submitter emailed, history kept."""
    association = AssociationFactory(name="Alter Name")
    revision = submit_change(association, {"name": "Neuer Name"}, language="en")
    editor = revision.submitted_by
    assert first_h1(staff_client.get(f"/de/vereine/{association.slug}/").content.decode()) == (
        "Alter Name"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"{REVISIONS}{revision.pk}/change/", {"_approve": "1", "reason": ""}
        )
    assert response.status_code == 302

    revision.refresh_from_db()
    assert (revision.status, revision.reviewed_by) == ("approved", staff_with_totp)
    profile = staff_client.get(f"/de/vereine/{association.slug}/")
    assert first_h1(profile.content.decode()) == "Neuer Name"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([editor.email], "[VMDO] Your changes to Neuer Name are published")
    ]
    assert links(mail.outbox[0]) == [f"{settings.SITE_URL}/en/vereine/{association.slug}/"]
    latest = entries_for(association).first()
    assert (latest.action, latest.actor, latest.fields) == (
        "revision.approved",
        staff_with_totp,
        ["name"],
    )


def test_after_approving_staff_return_to_the_review_queue(staff_client):
    revision = submit_change(AssociationFactory(), {"name": "Neuer Name"})
    response = staff_client.post(
        f"{REVISIONS}{revision.pk}/change/", {"_approve": "1", "reason": ""}, follow=True
    )
    assert response.redirect_chain[-1][0] == REVISIONS


def test_rejecting_without_a_reason_changes_nothing(
    staff_client, django_capture_on_commit_callbacks
):
    """The submitter deserves a reason: without one, an error and no change at all."""
    association = AssociationFactory(name="Alter Name")
    revision = submit_change(association, {"name": "Neuer Name"})
    history_before = entries_for(association).count()
    url = f"{REVISIONS}{revision.pk}/change/"

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"_reject": "1", "reason": "   "}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert shown_messages(response) == [
        (messages.ERROR, in_german("Please give a reason for the rejection."))
    ]
    revision.refresh_from_db()
    association.refresh_from_db()
    assert (revision.status, revision.reason, revision.reviewed_by) == ("pending", "", None)
    assert association.name == "Alter Name"
    assert entries_for(association).count() == history_before
    assert mail.outbox == []


def test_rejecting_with_a_reason_tells_the_submitter_why(
    staff_client, staff_with_totp, django_capture_on_commit_callbacks
):
    """The revision is rejected, the profile untouched, the reason emailed."""
    association = AssociationFactory(name="Alter Name")
    revision = submit_change(association, {"name": "Neuer Name"}, language="en")
    reason = "Der Name muss dem Vereinsregister entsprechen."

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"{REVISIONS}{revision.pk}/change/", {"_reject": "1", "reason": reason}
        )

    assert response.status_code == 302
    revision.refresh_from_db()
    association.refresh_from_db()
    assert (revision.status, revision.reason, revision.reviewed_by) == (
        "rejected",
        reason,
        staff_with_totp,
    )
    assert association.name == "Alter Name"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject) == (
        [revision.submitted_by.email],
        "[VMDO] Your changes to Alter Name were not published",
    )
    assert message.body == (
        "The VMDO office has not published your changes to the profile of Alter Name.\n"
        "\n"
        "Reason:\n"
        f"{reason}\n"
        "\n"
        "You can edit the profile again in the portal:\n"
        f"{settings.SITE_URL}/en/mein-verein/{association.slug}/profil/\n"
        "\n"
    )
    latest = entries_for(association).first()
    assert (latest.action, latest.actor) == ("revision.rejected", staff_with_totp)


def test_bulk_approve_publishes_every_selected_pending_change(
    staff_client, django_capture_on_commit_callbacks
):
    """Ticked pending changes are published; an already rejected one stays rejected and the
    refusal is shown (issue 11: transitions are guarded)."""
    first, second, third = AssociationFactory(), AssociationFactory(), AssociationFactory()
    pending = [
        submit_change(first, {"name": "Erster neuer Name"}),
        submit_change(second, {"name": "Zweiter neuer Name"}),
    ]
    rejected = submit_change(third, {"name": "Abgelehnt"})
    services.revision_reject(revision=rejected, by=UserFactory(is_staff=True), reason="Nein")

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, REVISIONS, "approve", [*pending, rejected], follow=True)

    assert shown_messages(response) == [
        (
            messages.ERROR,
            f"{rejected}: Nicht möglich: Der Status „abgelehnt“ kann nicht zu „freigegeben“ "
            "wechseln.",
        ),
        (
            messages.INFO,
            in_german_n("%(count)d change published.", "%(count)d changes published.", 2),
        ),
    ]
    names = [Association.objects.get(pk=a.pk).name for a in (first, second, third)]
    assert names == ["Erster neuer Name", "Zweiter neuer Name", third.name]
    assert sorted(ProfileRevision.objects.values_list("status", flat=True)) == [
        "approved",
        "approved",
        "rejected",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        revision.submitted_by.email for revision in pending
    )


def test_review_queue_lists_pending_changes_first_oldest_first(staff_client):
    """The queue staff work through: pending (oldest first), then the reviewed ones."""
    revisions = [submit_change(AssociationFactory(), {"name": f"Neu {i}"}) for i in range(4)]
    now = timezone.now()
    for days_ago, revision in enumerate(revisions):
        ProfileRevision.objects.filter(pk=revision.pk).update(
            submitted_at=now - timedelta(days=days_ago)
        )
    ProfileRevision.objects.filter(pk=revisions[0].pk).update(status="rejected")
    ProfileRevision.objects.filter(pk=revisions[3].pk).update(status="approved")

    response = staff_client.get(REVISIONS)

    listed = [revision.pk for revision in response.context["cl"].result_list]
    newest_reviewed, pending_1_day, pending_2_days, oldest_reviewed = revisions
    assert listed == [
        pending_2_days.pk,
        pending_1_day.pk,
        oldest_reviewed.pk,
        newest_reviewed.pk,
    ]


# --- membership applications -------------------------------------------------------


def apply(**fields):
    return services.application_submit(
        language=fields.pop("language", "en"),
        organisation_name=fields.pop("organisation_name", "Ukrainischer Kulturverein"),
        description="Sprachkurse und Beratung für Geflüchtete.",
        contact_name="Olena Kovalenko",
        email=fields.pop("email", "olena@example.org"),
        consent=True,
        **fields,
    )


def test_accepting_an_application_creates_the_association_and_invites_the_applicant(
    staff_client, staff_with_totp, django_capture_on_commit_callbacks
):
    application = apply(district="eving", founded_year=2022)

    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, APPLICATIONS, "accept", [application])

    assert response.status_code == 302
    application.refresh_from_db()
    association = Association.objects.get()
    assert (application.status, application.association, application.reviewed_by) == (
        "accepted",
        association,
        staff_with_totp,
    )
    assert (
        association.name,
        association.slug,
        association.published,
        association.status,
        association.district,
        association.founded_year,
        association.member_since,
        association.description_de,
    ) == (
        "Ukrainischer Kulturverein",
        "ukrainischer-kulturverein",
        False,
        "member",
        "eving",
        2022,
        timezone.localdate(),
        "Sprachkurse und Beratung für Geflüchtete.",
    )
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.association, invitation.role) == (
        "olena@example.org",
        association,
        Membership.Role.ADMIN,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["olena@example.org"],
            "[VMDO] Invitation to the VMDO portal for Ukrainischer Kulturverein",
        )
    ]
    assert links(mail.outbox[0]) == [
        f"{settings.SITE_URL}/en/mein-verein/einladung/{invitation.token}/"
    ]


def test_rejecting_an_application(staff_client, staff_with_totp):
    """Rejected: no association, no invitation."""
    application = apply()
    response = run_action(staff_client, APPLICATIONS, "reject", [application])
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.reviewed_by, application.association) == (
        "rejected",
        staff_with_totp,
        None,
    )
    assert Association.objects.count() == 0
    assert Invitation.objects.count() == 0


# --- invitations -------------------------------------------------------------------


def add_invitation(client, association, language, email="Neu.Person@Example.org"):
    return client.post(
        f"{INVITATIONS}add/",
        {"email": email, "association": association.pk, "role": "editor", "language": language},
    )


def test_the_back_office_keeps_to_the_invitation_limit_too(
    staff_client, staff_with_totp, django_capture_on_commit_callbacks
):
    association = AssociationFactory(name="Kurdisches Kulturzentrum")
    for number in range(selectors.INVITATIONS_PER_DAY):
        services.invitation_create(
            association=association,
            email=f"p{number}@example.org",
            role="editor",
            by=staff_with_totp,
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = add_invitation(staff_client, association, "de")
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Dieser Verein hat heute bereits 20 Einladungen verschickt. "
        "Bitte senden Sie weitere morgen."
    ]
    assert association.invitations.count() == 20
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["en", "de"])
def test_adding_an_invitation_sends_one_email_with_its_link(
    staff_client, staff_with_totp, django_capture_on_commit_callbacks, language
):
    """The add form goes through the service: one email, link in the chosen language."""
    association = AssociationFactory(name="Kurdisches Kulturzentrum")
    with django_capture_on_commit_callbacks(execute=True):
        response = add_invitation(staff_client, association, language)
    assert response.status_code == 302
    assert response["Location"] == INVITATIONS

    invitation = Invitation.objects.get()
    assert (
        invitation.email,
        invitation.association,
        invitation.role,
        invitation.language,
        invitation.invited_by,
    ) == ("neu.person@example.org", association, "editor", language, staff_with_totp)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu.person@example.org"]
    assert links(mail.outbox[0]) == [
        f"{settings.SITE_URL}/{language}/mein-verein/einladung/{invitation.token}/"
    ]


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("en", "[VMDO] Invitation to the VMDO portal for Kurdisches Kulturzentrum"),
        ("de", "[VMDO] Einladung zum VMDO-Portal für Kurdisches Kulturzentrum"),
    ],
)
def test_invitation_email_is_in_the_chosen_language(
    staff_client, django_capture_on_commit_callbacks, language, subject
):
    """The subject is written in the language picked in the add form."""
    association = AssociationFactory(name="Kurdisches Kulturzentrum")
    with django_capture_on_commit_callbacks(execute=True):
        add_invitation(staff_client, association, language)
    assert [message.subject for message in mail.outbox] == [subject]


def test_send_again_renews_only_expired_invitations(
    staff_client, staff_with_totp, django_capture_on_commit_callbacks
):
    """Expired: new token and expiry. Still valid: same link again. Accepted: nothing."""
    association = AssociationFactory()
    invite = {"association": association, "role": "editor", "by": staff_with_totp}
    expired = services.invitation_create(email="abgelaufen@example.org", **invite)
    valid = services.invitation_create(email="gueltig@example.org", **invite)
    accepted = services.invitation_create(email="angenommen@example.org", **invite)
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    expired_token, valid_token, valid_expiry = expired.token, valid.token, valid.expires_at

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(
            staff_client, INVITATIONS, "send_again", [expired, valid, accepted], follow=True
        )
    after = timezone.now()

    assert shown_messages(response) == [
        (
            messages.INFO,
            in_german_n("%(count)d invitation sent.", "%(count)d invitations sent.", 2),
        )
    ]
    expired.refresh_from_db()
    valid.refresh_from_db()
    assert expired.token != expired_token
    assert before + INVITATION_VALIDITY <= expired.expires_at <= after + INVITATION_VALIDITY
    assert (valid.token, valid.expires_at) == (valid_token, valid_expiry)
    assert sorted((m.to[0], links(m)[0]) for m in mail.outbox) == [
        (
            "abgelaufen@example.org",
            f"{settings.SITE_URL}/de/mein-verein/einladung/{expired.token}/",
        ),
        ("gueltig@example.org", f"{settings.SITE_URL}/de/mein-verein/einladung/{valid_token}/"),
    ]


# --- publishing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "published", "recorded_as", "message"),
    [
        (
            "publish",
            True,
            "association.published",
            ("%(count)d association published.", "%(count)d associations published."),
        ),
        (
            "unpublish",
            False,
            "association.unpublished",
            ("%(count)d association unpublished.", "%(count)d associations unpublished."),
        ),
    ],
)
def test_bulk_publishing_changes_only_what_differs_and_records_it(
    staff_client, staff_with_totp, action, published, recorded_as, message
):
    """Only associations whose state changes get a new version and a history row."""
    changing = AssociationFactory(published=not published)
    unchanged = AssociationFactory(published=published)
    history_before = list(entries_for(unchanged).values_list("pk", flat=True))
    version_before = changing.version

    response = run_action(staff_client, ASSOCIATIONS, action, [changing, unchanged], follow=True)

    assert shown_messages(response) == [(messages.INFO, in_german_n(*message, 1))]
    changing.refresh_from_db()
    unchanged.refresh_from_db()
    assert (changing.published, unchanged.published) == (published, published)
    assert changing.version == version_before + 1
    latest = entries_for(changing).first()
    assert (latest.action, latest.actor, latest.fields) == (
        recorded_as,
        staff_with_totp,
        ["published"],
    )
    assert list(entries_for(unchanged).values_list("pk", flat=True)) == history_before


# --- query counts ------------------------------------------------------------------


def populate(count, staff):
    """count rows in every list of the members back office."""
    for number in range(count):
        association = AssociationFactory(
            languages=["de", "tr"], fields_of_activity=fields_of_activity("culture")
        )
        submit_change(association, {"name": f"Geänderter Name {number}"})
        services.invitation_create(
            association=association, email=f"neu{number}@example.org", role="editor", by=staff
        )
        apply(organisation_name=f"Antragsteller {number}", email=f"antrag{number}@example.org")


@pytest.mark.parametrize("count", [1, 20])
def test_association_list_needs_the_same_queries_for_1_or_20(
    staff_client, staff_with_totp, django_assert_num_queries, count
):
    """No query per row: languages, fields of activity and filters cost the same for 20."""
    populate(count, staff_with_totp)
    with django_assert_num_queries(7):
        response = staff_client.get(ASSOCIATIONS)
    assert response.context["cl"].result_count == count


@pytest.mark.parametrize("count", [1, 20])
@pytest.mark.parametrize("url", [REVISIONS, APPLICATIONS, INVITATIONS, MEMBERSHIPS])
def test_other_member_lists_need_the_same_queries_for_1_or_20(
    staff_client, staff_with_totp, django_assert_num_queries, url, count
):
    """Related associations and accounts are joined, not fetched row by row."""
    populate(count, staff_with_totp)
    with django_assert_num_queries(6):
        response = staff_client.get(url)
    assert response.status_code == 200


# --- who may enter -----------------------------------------------------------------

PROTECTED = [
    ("get", ASSOCIATIONS),
    ("get", ASSOCIATIONS + "{association}/change/"),
    ("post", ASSOCIATIONS),  # export action
    ("get", IMPORT),
    ("post", IMPORT),
    ("post", PROCESS_IMPORT),
    ("get", REVISIONS),
    ("get", REVISIONS + "{revision}/change/"),
    ("post", REVISIONS + "{revision}/change/"),  # approve
    ("get", APPLICATIONS),
    ("get", APPLICATIONS + "{application}/change/"),
    ("get", INVITATIONS),
    ("get", INVITATIONS + "add/"),
    ("get", HISTORY),
]


@pytest.fixture
def protected_objects(db):
    association = AssociationFactory(name="Alter Name")
    return {
        "association": association,
        "revision": submit_change(association, {"name": "Neuer Name"}),
        "application": apply(),
    }


def sign_in_as(client, role, request):
    if role == "anonymous":
        return
    if role == "member":
        user = member_of(AssociationFactory(), role=Membership.Role.ADMIN)
        login_with_totp(client, user, totp_enable(user))
    elif role == "staff without two-factor":
        user = UserFactory(is_staff=True, is_superuser=True)
        client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    elif role == "staff":
        user = request.getfixturevalue("staff_with_totp")
        login_with_totp(client, user, user.totp_secret)
    assert client.session["_auth_user_id"] == str(user.pk)


def post_data(url, objects):
    if url == ASSOCIATIONS:
        return {"action": "export_csv", "_selected_action": [objects["association"].pk]}
    if url == IMPORT:
        return {"format": CSV_FORMAT, "import_file": SimpleUploadedFile("v.csv", NEW_ASSOCIATIONS)}
    if "profilerevision" in url:
        return {"_approve": "1", "reason": ""}
    return {}


@pytest.mark.parametrize("role", ["anonymous", "member", "staff without two-factor", "staff"])
@pytest.mark.parametrize(("method", "url_template"), PROTECTED)
def test_only_staff_with_two_factor_reach_the_members_back_office(
    client, request, protected_objects, role, method, url_template
):
    """URL x role: visitors go to the portal login, accounts without staff status get
    403, staff without an authenticator app are sent to set one up; only staff with
    two-factor authentication get in. Nothing is exported, imported or approved."""
    url = url_template.format(**{name: obj.pk for name, obj in protected_objects.items()})
    sign_in_as(client, role, request)
    if method == "get":
        response = client.get(url, follow=True)
    else:
        response = client.post(url, post_data(url, protected_objects), follow=True)

    chain = [location for location, _status in response.redirect_chain]
    login_redirect = f"/verwaltung/login/?next={url}"
    if role == "anonymous":
        assert chain == [login_redirect, f"{LOGIN}?{urlencode({'next': url})}"]
        assert response.status_code == 200
    elif role == "member":
        assert chain == [login_redirect]
        assert response.status_code == 403
    elif role == "staff without two-factor":
        # Just signed in: the set-up itself, without asking for the password again.
        assert chain == [
            login_redirect,
            f"/de/konto/2fa/totp/activate/?{urlencode({'next': url})}",
        ]
        assert response.status_code == 200
    else:
        assert response.request["PATH_INFO"].startswith("/verwaltung/")
        assert response.status_code == 200
    if role != "staff":
        revision = protected_objects["revision"]
        revision.refresh_from_db()
        assert revision.status == "pending"
        assert Association.objects.filter(name="Kurdisches Kulturzentrum").count() == 0
        assert not response["Content-Type"].startswith("text/csv")


def test_deleting_a_community_in_the_back_office_takes_it_out_of_the_search(staff_client):
    community = Community.objects.create(name="Sinti", name_de="Sinti", slug="sinti")
    association = AssociationFactory(name="Verein A", communities=[community])
    services.list_entry_saved(entry=community)
    association.refresh_from_db()
    assert "sinti" in association.search_text.split()
    url = f"/verwaltung/members/community/{community.pk}/delete/"
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    association.refresh_from_db()
    assert "sinti" not in association.search_text.split()
    assert not Community.objects.filter(pk=community.pk).exists()
