"""Spreadsheet files for staff: CSV that opens correctly in German Excel, XLSX, and
cells that spreadsheets never run as formulas."""

import csv
import io

import tablib
from django.http import HttpResponse
from import_export.formats import base_formats

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


class ExcelCSV(base_formats.CSV):
    """Semicolon-separated UTF-8 with byte order mark: opens correctly in German Excel."""

    def get_title(self):
        return "csv"

    def export_data(self, dataset, **kwargs):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(dataset.headers)
        writer.writerows(dataset)
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
