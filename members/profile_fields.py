"""The association's fields, declared once.

Groups of fields with their legend, in the order people see them. The dashboard profile
form (members.forms.ProfileForm), the spreadsheet export/import (members.resources) and
the back office's fieldsets (members.admin.AssociationAdmin) all derive from GROUPS.
Translated fields (registered in members.translation) are named once here and expand per
language (``description`` → ``description_de``, ``description_en``, …) where a surface
needs one field per language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from vmdo_portal import l10n
from vmdo_portal.languages import LANGUAGE_CODES

FORM = "form"  # the association's own dashboard form
EXPORT = "export"  # the spreadsheet export and import (staff)
ADMIN = "admin"  # the back office's change form
EVERYWHERE = frozenset({FORM, EXPORT, ADMIN})
OFFICE = frozenset({EXPORT, ADMIN})  # what only the VMDO office sets


@dataclass(frozen=True)
class Field:
    name: str
    on: frozenset = EVERYWHERE
    readonly: bool = False  # shown, not edited, in the back office
    translated: bool = False  # one column per language (registered in members.translation)


@dataclass(frozen=True)
class Group:
    legend: str
    fields: tuple[Field, ...]
    form_legend: str | None = None  # when the association's own form says it differently
    office_legend: str | None = None  # when the back office says it differently
    form_help: str = ""  # a hint above the group in the association's own form

    def legend_on(self, surface: str) -> str:
        if surface == FORM and self.form_legend:
            return self.form_legend
        if surface != FORM and self.office_legend:
            return self.office_legend
        return self.legend


GROUPS = (
    Group(
        _("Name and status"),
        (
            Field("name"),
            Field("short_name"),
            Field("slug", OFFICE),
            Field("status", OFFICE),
            Field("published", OFFICE),
            Field("trusted", OFFICE),
        ),
        form_legend=_("Name"),
    ),
    Group(
        _("Organisation"),
        (
            Field("legal_form"),
            Field("register_court"),
            Field("register_number"),
            Field("founded_year"),
            Field("member_since", OFFICE),
            Field("founding_member", OFFICE),
        ),
    ),
    Group(
        _("Description"),
        (Field("description", translated=True),),
        form_help=_(
            "Write the description in as many languages as you like. Visitors see German "
            "where their language is missing."
        ),
    ),
    Group(
        _("Regular activities and meeting times"),
        (Field("regular_activities", translated=True),),
    ),
    Group(
        _("What you do"),
        (
            Field("fields_of_activity"),
            # Languages are rows of their own: an inline in the back office.
            Field("languages", frozenset({FORM, EXPORT})),
            Field("communities"),
        ),
        office_legend=_("Activities, languages and communities"),
    ),
    Group(
        _("Contact"),
        (
            Field("contact_person"),
            Field("email"),
            Field("phone"),
            Field("website"),
            Field("street"),
            Field("postal_code"),
            Field("city"),
            Field("district"),
        ),
    ),
    Group(
        _("What may be shown publicly"),
        (
            Field("show_email"),
            Field("show_phone"),
            Field("show_address"),
            Field("show_contact_person"),
        ),
        office_legend=_("Consent to publication"),
    ),
    Group(
        _("Logo"),
        (
            # The dashboard uploads a new logo through its own checked field (new_logo).
            Field("logo", frozenset({ADMIN})),
            Field("pending_logo", frozenset({ADMIN}), readonly=True),
        ),
    ),
    Group(
        _("Record"),
        (
            Field("version", frozenset({ADMIN}), readonly=True),
            Field("created_at", frozenset({ADMIN}), readonly=True),
            Field("updated_at", frozenset({ADMIN}), readonly=True),
        ),
    ),
)

# Many-valued fields: stored as rows of other tables, edited as lists.
LIST_FIELDS = ["fields_of_activity", "communities", "languages"]


def translated_fields() -> tuple[str, ...]:
    """The association's fields with one column per language (members.translation)."""
    return tuple(field.name for group in GROUPS for field in group.fields if field.translated)


def is_translated(name: str) -> bool:
    return name in translated_fields()


def expand(name: str) -> list[str]:
    """`description` → one name per language (German first); other names stay as they are."""
    if is_translated(name):
        return [f"{name}_{code}" for code in LANGUAGE_CODES]
    return [name]


def split(expanded: str) -> tuple[str, str | None]:
    """`description_tr` → ("description", "tr"); `name` → ("name", None)."""
    for name in translated_fields():
        for code in LANGUAGE_CODES:
            if expanded == f"{name}_{code}":
                return name, code
    return expanded, None


def names(surface: str, *, per_language: bool = True) -> list[str]:
    """The field names a surface shows, in order; translated ones expanded per language."""
    found = []
    for group in GROUPS:
        for field in group.fields:
            if surface in field.on:
                found.extend(expand(field.name) if per_language else [field.name])
    return found


def groups(surface: str) -> list[tuple[Group, list[str]]]:
    """(group, field names) of the groups a surface shows, translated fields not expanded."""
    shown = []
    for group in GROUPS:
        fields = [field.name for field in group.fields if surface in field.on]
        if fields:
            shown.append((group, fields))
    return shown


def readonly(surface: str) -> list[str]:
    return [
        field.name
        for group in GROUPS
        for field in group.fields
        if surface in field.on and field.readonly
    ]


def admin_fieldsets() -> list[tuple[str, dict]]:
    """The back office's fieldsets (modeltranslation shows translated fields as tabs)."""
    return [(group.legend_on(ADMIN), {"fields": fields}) for group, fields in groups(ADMIN)]


# The dashboard form's plain (one-column) fields: everything but the lists.
SIMPLE_FIELDS = [name for name in names(FORM) if name not in LIST_FIELDS]
PROFILE_FIELDS = SIMPLE_FIELDS + LIST_FIELDS


def language_name(code: str) -> str:
    """A portal language's name in the active language, from CLDR ("Türkisch", "Persisch")."""
    return l10n.babel_locale().languages.get(code, code)


def direction(code: str) -> str:
    """The writing direction of a portal language, for `dir=`."""
    return "rtl" if code in settings.LANGUAGES_BIDI else "ltr"


def label(expanded: str) -> str:
    """A field's readable name, capitalised, with the language for translated fields:
    "Beschreibung (Türkisch)" in German."""
    from members.models import Association

    name, code = split(expanded)
    model_field = Association._meta.get_field(name)
    if model_field.auto_created:  # the languages (rows of AssociationLanguage)
        text = str(model_field.related_model._meta.verbose_name_plural)
    else:
        text = str(model_field.verbose_name)
    text = text[:1].upper() + text[1:]
    if code:
        return f"{text} ({language_name(code)})"
    return text


def german_label(expanded: str) -> str:
    with override("de"):
        return label(expanded)
