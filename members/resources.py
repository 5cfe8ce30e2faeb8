"""Import and export of the association list (CSV for German Excel, XLSX)."""

from decimal import InvalidOperation

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from members.models import Association, AssociationLanguage, FieldOfActivity
from members.services import association_search_refresh, history_record, unique_slug
from vmdo_portal.spreadsheets import ExcelCSV, safe_cell, unsafe_cell
from vmdo_portal.vocabulary import Language


class LanguagesWidget(widgets.Widget):
    """Languages as comma-separated ISO 639-1 codes, e.g. "ar, de, ku"."""

    def clean(self, value, row=None, **kwargs):
        codes = sorted(
            {code.strip().lower() for code in str(value or "").split(",") if code.strip()}
        )
        unknown = [code for code in codes if code not in Language.values]
        if unknown:
            raise ValueError(_("Unknown language codes: %(codes)s") % {"codes": ", ".join(unknown)})
        return codes

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class YearWidget(widgets.IntegerWidget):
    """A year; text that is not a number is a row error, not a crash."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except InvalidOperation as error:
            raise ValueError(_("Enter a whole number.")) from error


def _plain(value):
    return "" if value is None else value


class AssociationResource(resources.ModelResource):
    fields_of_activity = fields.Field(
        attribute="fields_of_activity",
        column_name="fields_of_activity",
        widget=widgets.ManyToManyWidget(FieldOfActivity, field="slug", separator=","),
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
        fields = [
            "slug",
            "name",
            "short_name",
            "legal_form",
            "register_court",
            "register_number",
            "founded_year",
            "member_since",
            "founding_member",
            "status",
            "published",
            "trusted",
            "website",
            "email",
            "phone",
            "street",
            "postal_code",
            "city",
            "district",
            "contact_person",
            "description_de",
            "description_en",
            "fields_of_activity",
            "languages",
        ]
        export_order = fields

    def before_import(self, dataset, **kwargs):
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
        if instance.pk:
            instance.version += 1

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

    def get_queryset(self):
        return super().get_queryset().prefetch_related("fields_of_activity", "languages")

    def after_import(self, dataset, result, **kwargs):
        # Lists and languages are saved after the rows: the search text follows them.
        ids = [row.object_id for row in result.rows if row.object_id]
        association_search_refresh(associations=Association.objects.filter(pk__in=ids))


def export_rows(queryset) -> tablib.Dataset:
    dataset = AssociationResource().export(queryset=queryset)
    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([safe_cell(value) for value in row])
    return safe


IMPORT_FORMATS = [ExcelCSV, base_formats.XLSX]
