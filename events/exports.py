"""Attendee lists as CSV (German Excel) or XLSX, for staff and the organising association."""

import tablib
from django.http import HttpResponse
from import_export.formats.base_formats import XLSX

from members.resources import ExcelCSV, _safe_cell


def attendees_response(event, fmt_name: str) -> HttpResponse:
    dataset = tablib.Dataset(
        headers=["name", "email", "people", "status", "language", "registered"]
    )
    for registration in event.registrations.order_by("created_at", "pk"):
        dataset.append(
            [
                _safe_cell(registration.name),
                _safe_cell(registration.email),
                registration.people,
                registration.status,
                registration.language,
                registration.created_at.isoformat(timespec="minutes"),
            ]
        )
    fmt = XLSX() if fmt_name == "xlsx" else ExcelCSV()
    response = HttpResponse(fmt.export_data(dataset), content_type=fmt.get_content_type())
    response["Content-Disposition"] = (
        f'attachment; filename="anmeldungen-{event.slug}.{fmt.get_extension()}"'
    )
    return response
