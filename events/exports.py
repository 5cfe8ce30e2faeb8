"""Attendee lists as CSV (German Excel) or XLSX, for staff and the organising association."""

import tablib

from vmdo_portal.spreadsheets import download, safe_cell


def attendees_response(event, fmt_name: str):
    dataset = tablib.Dataset(
        headers=["name", "email", "people", "status", "language", "registered"]
    )
    for registration in event.registrations.without_pending().order_by("created_at", "pk"):
        dataset.append(
            [
                safe_cell(registration.name),
                safe_cell(registration.email),
                registration.people,
                registration.status,
                registration.language,
                registration.created_at.isoformat(timespec="minutes"),
            ]
        )
    return download(dataset, fmt_name, f"anmeldungen-{event.slug}")
