"""The association's fields are declared once (members.profile_fields): the dashboard form,
the back office and the spreadsheet export all show what the declaration says."""

import re

import pytest

from members import profile_fields
from members.admin import AssociationAdmin
from members.forms import ProfileForm
from members.models import Association
from members.resources import AssociationResource
from members.selectors import TRANSLATED_FIELDS as TRANSLATED
from vmdo_portal.languages import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

# Fields no person edits or reads in a list: written by the services.
NOT_DECLARED = {"id", "logo_thumbnail", "search_name", "search_text"}


def test_every_field_of_an_association_is_declared():
    """A new model field must be placed in a group (or it would be missing everywhere)."""
    declared = {
        name
        for surface in (profile_fields.ADMIN, profile_fields.EXPORT)
        for per_language in (True, False)
        for name in profile_fields.names(surface, per_language=per_language)
    }
    meta = Association._meta
    model_fields = {field.name for field in [*meta.fields, *meta.many_to_many]}
    assert model_fields - declared - NOT_DECLARED == set()


def test_form_admin_and_export_follow_the_declaration():
    form_fields = [
        name for name in ProfileForm().fields if name not in {"new_logo", "version", "minor_change"}
    ]
    assert sorted(form_fields) == sorted(profile_fields.names(profile_fields.FORM))
    # (The translation tabs expand description into description_de … in place once the
    # back office has been opened: fold them back to the declared name.)
    translated = {f"{name}_{code}": name for name in TRANSLATED for code in LANGUAGE_CODES}
    admin_fields = list(
        dict.fromkeys(
            translated.get(name, name)
            for _legend, options in AssociationAdmin.fieldsets
            for name in options["fields"]
        )
    )
    assert admin_fields == profile_fields.names(profile_fields.ADMIN, per_language=False)
    resource = AssociationResource()
    assert [field.column_name for field in resource.get_export_fields()] == profile_fields.names(
        profile_fields.EXPORT
    )


def test_dashboard_form_shows_the_declared_groups(client, association, editor):
    client.force_login(editor)
    html = client.get(f"/de/mein-verein/{association.slug}/profil/").content.decode()
    legends = re.findall(r"<legend>([^<]+)</legend>", html)
    # (Lists of checkboxes have legends of their own: "Sprachen:".)
    assert [legend for legend in legends if not legend.endswith(":")] == [
        "Name",
        "Organisation",
        "Texte in mehreren Sprachen",
        "Was Sie tun",
        "Kontakt",
        "Was öffentlich angezeigt werden darf",
        "Logo",
    ]


def test_back_office_shows_the_declared_groups(staff_client, association):
    html = staff_client.get(f"/verwaltung/members/association/{association.pk}/change/").content
    assert re.findall(r'class="fieldset-heading">([^<]+)</h2>', html.decode()) == [
        "Name und Status",
        "Organisation",
        "Beschreibung",
        "Regelmäßige Angebote und Treffzeiten",
        "Tätigkeitsfelder, Sprachen und Communitys",
        "Kontakt",
        "Einwilligung zur Veröffentlichung",
        "Logo",
        "Datensatz",
        "Übersetzungen",  # the translation statuses and the minor-change tick
        "Verlauf",  # the audit log's section, after the declared groups
    ]
