"""Import and export of the association list (CSV for German Excel, XLSX)."""

from decimal import InvalidOperation

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from modeltranslation.utils import build_localized_fieldname

from members import profile_fields
from members.models import (
    Association,
    AssociationLanguage,
    Community,
    FieldOfActivity,
)
from members.services import association_search_refresh, history_record, unique_slug
from translations.services import translated_fields, translation_texts_saved
from vmdo_portal.spreadsheets import ExcelCSV, readable_widget, safe_cell, unsafe_cell
from vmdo_portal.vocabulary import Language

LANGUAGE_CODES = profile_fields.LANGUAGE_CODES


def _names_in(text: str, known: dict) -> list:
    """Split "Kultur, Bildung" at commas, keeping a known name that contains a comma whole.
    Raises ValueError naming what is not known."""
    parts = [part.strip() for part in str(text or "").split(",")]
    found, unknown, pending = [], [], ""
    for part in parts:
        candidate = f"{pending}, {part}" if pending else part
        if candidate.casefold() in known:
            found.append(known[candidate.casefold()])
            pending = ""
        elif any(name.startswith(candidate.casefold() + ",") for name in known):
            pending = candidate
        elif candidate:
            unknown.append(candidate)
            pending = ""
    if pending:
        unknown.append(pending)
    if unknown:
        raise ValueError(_("Unknown entries: %(names)s") % {"names": ", ".join(unknown)})
    return found


class LanguagesWidget(widgets.Widget):
    """Languages by their German names ("Arabisch, Deutsch"); ISO 639-1 codes are read too."""

    def clean(self, value, row=None, **kwargs):
        known = {code: code for code in Language.values}
        for language in ("de", get_language()):
            with override(language):
                known.update({str(label).casefold(): code for code, label in Language.choices})
        return sorted(set(_names_in(value, known)))

    def render(self, value, obj=None, **kwargs):
        return ", ".join(sorted(str(Language(code).label) for code in value or []))


class NamesWidget(widgets.ManyToManyWidget):
    """Entries of a staff-editable list by their German names; slugs are read too."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", separator=",", **kwargs)

    def clean(self, value, row=None, **kwargs):
        known = {}
        for entry in self.model.objects.all():
            known[entry.slug.casefold()] = entry.pk
            for code in LANGUAGE_CODES:
                name = getattr(entry, f"name_{code}", "") or ""
                known.setdefault(name.strip().casefold(), entry.pk)
            known[(entry.name_de or "").strip().casefold()] = entry.pk
        known.pop("", None)
        return self.model.objects.filter(pk__in=_names_in(value, known))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(entry.name_de or entry.name for entry in value.all())


class YearWidget(widgets.IntegerWidget):
    """A year; text that is not a number is a row error, not a crash."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except InvalidOperation as error:
            raise ValueError(_("Enter a whole number.")) from error


def _text_columns() -> list[str]:
    """The association's translated texts in every language ("description_tr")."""
    return [
        build_localized_fieldname(field, code)
        for field in translated_fields(Association)
        for code, _name in settings.LANGUAGES
    ]


def _plain(value):
    return "" if value is None else value


class AssociationResource(resources.ModelResource):
    """The association list as staff read it: the fields of members.profile_fields under
    their German names, labels instead of codes, every language's texts. Columns are
    matched by those names (or the field names) when a file comes back."""

    fields_of_activity = fields.Field(
        attribute="fields_of_activity",
        column_name="fields_of_activity",
        widget=NamesWidget(FieldOfActivity),
    )
    communities = fields.Field(
        attribute="communities", column_name="communities", widget=NamesWidget(Community)
    )
    languages = fields.Field(
        attribute="language_codes", column_name="languages", widget=LanguagesWidget()
    )
    founded_year = fields.Field(
        attribute="founded_year", column_name="founded_year", widget=YearWidget()
    )

    class Meta:
        model = Association
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        fields = profile_fields.names(profile_fields.EXPORT)
        export_order = fields

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.widget = readable_widget(django_field, field.widget)
        return field

    def before_import(self, dataset, **kwargs):
        # The export's headings ("Beschreibung (Türkisch)") back to field names.
        names = profile_fields.names(profile_fields.EXPORT)
        by_heading = {profile_fields.german_label(name).casefold(): name for name in names}
        dataset.headers = [
            by_heading.get(str(header or "").strip().casefold(), header)
            for header in dataset.headers
        ]
        # A list without a slug column is fine: slugs are made from the names.
        if "slug" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="slug")

    def before_import_row(self, row, **kwargs):
        # Undo the export's protection against spreadsheet formulas ('+49 231 ...).
        for key, value in row.items():
            row[key] = unsafe_cell(value)
        if not (row.get("slug") or "").strip():
            row["slug"] = unique_slug(row.get("name") or "")

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if field.column_name == "languages":
                if getattr(instance, "_imported_languages", None) != original.language_codes:
                    return False
            elif isinstance(field.widget, widgets.ManyToManyWidget):
                imported = sorted(item.pk for item in field.clean(row))
                if imported != sorted(item.pk for item in field.get_value(original).all()):
                    return False
            elif _plain(field.get_value(instance)) != _plain(field.get_value(original)):
                return False
        return True

    def before_save_instance(self, instance, row, **kwargs):
        # An import is a change like any other: forms opened before it are stale.
        instance._texts_before = None
        if instance.pk:
            instance.version += 1
            # The texts as stored, for their translation statuses (after_save_instance).
            instance._texts_before = (
                Association.objects.filter(pk=instance.pk).values(*_text_columns()).first()
            )

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name == "languages":
            if "languages" in row:
                instance._imported_languages = field.clean(row, **kwargs)
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            # Report the languages error under its column, as people see it in the file.
            errors = error.error_dict
            if "language_codes" in errors:
                errors["languages"] = errors.pop("language_codes")
            raise ValidationError(errors) from error

    def after_save_instance(self, instance, row, **kwargs):
        codes = getattr(instance, "_imported_languages", None)
        if codes is not None:
            instance.languages.all().delete()
            AssociationLanguage.objects.bulk_create(
                AssociationLanguage(association=instance, code=code) for code in codes
            )
        action = "admin.changed" if instance.version > 1 else "association.created"
        history_record(association=instance, by=kwargs.get("user"), action=action, via="import")
        before = getattr(instance, "_texts_before", None)
        if before is None:  # a new association: its texts as they came
            translation_texts_saved(instance, changed=[], created=True, by=kwargs.get("user"))
        else:
            changed = [
                name
                for name, value in before.items()
                if (value or "").strip() != (getattr(instance, name) or "").strip()
            ]
            translation_texts_saved(instance, changed=changed, by=kwargs.get("user"))

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related("fields_of_activity", "communities", "languages")
        )

    def after_import(self, dataset, result, **kwargs):
        # Lists and languages are saved after the rows: the search text follows them.
        ids = [row.object_id for row in result.rows if row.object_id]
        association_search_refresh(associations=Association.objects.filter(pk__in=ids))


def export_rows(queryset) -> tablib.Dataset:
    """The selected associations as the (German) back office reads them."""
    with override("de"):
        dataset = AssociationResource().export(queryset=queryset)
        headers = [profile_fields.german_label(name) for name in dataset.headers]
    safe = tablib.Dataset(headers=headers)
    for row in dataset:
        safe.append([safe_cell(value) for value in row])
    return safe


IMPORT_FORMATS = [ExcelCSV, base_formats.XLSX]
