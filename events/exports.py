"""Attendee lists as CSV (German Excel) or XLSX, for staff and the organising association.

Headings and cells as people read them (vmdo_portal.spreadsheets.model_dataset): the
status and language by name, the registration time in local time.
"""

from vmdo_portal.spreadsheets import download, model_dataset

COLUMNS = ["name", "email", "people", "status", "language", "created_at"]


def attendees_response(event, fmt_name: str):
    registrations = event.registrations.without_pending().order_by("created_at", "pk")
    return download(model_dataset(registrations, COLUMNS), fmt_name, f"anmeldungen-{event.slug}")
