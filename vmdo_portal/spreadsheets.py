"""Spreadsheet files for staff: CSV that opens correctly in German Excel, XLSX, and
cells that spreadsheets never run as formulas."""

import csv
import io
from contextlib import nullcontext
from datetime import date, datetime
from decimal import Decimal

import tablib
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import override
from import_export import widgets
from import_export.formats import base_formats

from vmdo_portal import l10n

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Spreadsheets run cells starting with = + - @ as formulas: keep them text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def unsafe_cell(value):
    """Undo safe_cell when a file comes back in ('+49 231 … → +49 231 …)."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def _csv_number(value):
    """Decimal numbers with the German decimal comma (2,5), which German Excel reads as a
    number; "2.5" would become a date or text."""
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        return l10n.format_number(value, locale="de", decimal_quantization=False).replace(".", "")
    return value


class ExcelCSV(base_formats.CSV):
    """Semicolon-separated UTF-8 with byte order mark: opens correctly in German Excel."""

    def get_title(self):
        return "csv"

    def export_data(self, dataset, **kwargs):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(dataset.headers)
        writer.writerows([[_csv_number(value) for value in row] for row in dataset])
        return "\ufeff" + out.getvalue()

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode("utf-8-sig")
        in_stream = in_stream.removeprefix("\ufeff")
        first_line = in_stream.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        rows = list(csv.reader(io.StringIO(in_stream), delimiter=delimiter))
        dataset = tablib.Dataset(headers=rows[0] if rows else [])
        width = len(dataset.headers)
        for row in rows[1:]:
            if any(cell.strip() for cell in row):
                dataset.append((row + [""] * width)[:width])
        return dataset


def download(dataset: tablib.Dataset, fmt_name: str, filename: str) -> HttpResponse:
    """A CSV (German Excel) or XLSX attachment of the dataset."""
    fmt = base_formats.XLSX() if fmt_name == "xlsx" else ExcelCSV()
    response = HttpResponse(fmt.export_data(dataset), content_type=fmt.get_content_type())
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt.get_extension()}"'
    return response


# --- cells people can read ---------------------------------------------------------
# Exports show what a person reads on the site (labels, names, Ja/Nein, dates as the
# locale writes them), never codes; imports take those back (and codes as well).


def yes_no(value) -> str:
    return "" if value is None else str(_("Yes") if value else _("No"))


def parse_yes_no(value) -> bool | None:
    """Ja/Nein (also yes/no, 1/0, true/false, x) → True/False; empty → None."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in {"", "none", "null"}:
        return None
    with override("de"):
        german = {str(_("Yes")).casefold(): True, str(_("No")).casefold(): False}
    known = {
        **german,
        str(_("Yes")).casefold(): True,
        str(_("No")).casefold(): False,
        "yes": True,
        "no": False,
        "1": True,
        "0": False,
        "true": True,
        "false": False,
        "x": True,
    }
    if text not in known:
        raise ValueError(_("Enter Yes or No."))
    return known[text]


def parse_date(value) -> date | None:
    """A day as a spreadsheet gives it back: a date cell, 01.03.2009 or 2009-03-01."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("Enter a date such as 01.03.2009."))


def cell(value):
    """A value as people read it: Ja/Nein, dates and times in the active locale (local
    time), numbers as they are, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        return l10n.format_datetime(value, "medium")
    if isinstance(value, date):
        return l10n.format_date(value, "medium")
    if isinstance(value, int | float | Decimal):
        return value
    return str(value)


def heading(model, name: str) -> str:
    """A column heading: the model field's verbose name, capitalised."""
    text = str(model._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def model_row(instance, names) -> list:
    """The named fields of one object as readable, formula-safe cells (choices by label)."""
    row = []
    for name in names:
        field = instance._meta.get_field(name)
        if field.choices:
            value = getattr(instance, f"get_{name}_display")()
        else:
            value = cell(getattr(instance, name))
        row.append(value if isinstance(value, int | float) else safe_cell(value))
    return row


def readable_dataset(headers, rows) -> tablib.Dataset:
    """A sheet of plain rows: headings as given, cells readable and formula-safe."""
    dataset = tablib.Dataset(headers=[str(header) for header in headers])
    for row in rows:
        values = [cell(value) for value in row]
        dataset.append([v if isinstance(v, int | float) else safe_cell(v) for v in values])
    return dataset


def model_dataset(queryset, names) -> tablib.Dataset:
    """A readable sheet of the named fields: headings and cells as people read them."""
    dataset = tablib.Dataset(headers=[heading(queryset.model, name) for name in names])
    for instance in queryset:
        dataset.append(model_row(instance, names))
    return dataset


class ChoiceWidget(widgets.Widget):
    """A choice shown by its label ("Mitglied"); the label or the code is read back."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)

    def render(self, value, obj=None, **kwargs):
        return str(dict(self.choices).get(value, value or ""))

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        known = {str(code).casefold(): code for code, _label in self.choices}
        for language in ("de", None):
            with override(language) if language else nullcontext():
                known.update({str(label).casefold(): code for code, label in self.choices})
        if text.casefold() not in known:
            raise ValueError(_("Unknown value: %(value)s") % {"value": text})
        return known[text.casefold()]


class YesNoWidget(widgets.BooleanWidget):
    def render(self, value, obj=None, **kwargs):
        return yes_no(value)

    def clean(self, value, row=None, **kwargs):
        return parse_yes_no(value)


class DateWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return "" if value is None else l10n.format_date(value, "medium")

    def clean(self, value, row=None, **kwargs):
        return parse_date(value)


def readable_widget(django_field, widget):
    """The readable widget for a model field, or `widget` when the default is readable."""
    if django_field.choices:
        return ChoiceWidget(django_field.choices)
    if isinstance(django_field, models.BooleanField):
        return YesNoWidget()
    if isinstance(django_field, models.DateField) and not isinstance(
        django_field, models.DateTimeField
    ):
        return DateWidget()
    return widget
