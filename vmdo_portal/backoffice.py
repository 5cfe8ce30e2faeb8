"""What is waiting for the office: the to-do list on the back office's start page.

Each app registers its queues with `queue_register` in its `admin.py` (loaded with the
back office): profile changes and membership applications (members), room requests
(facilities), submitted events (events). A later part adds translations waiting for
review the same way, from its own app. The start page shows the queues the person may
work on (`office_may` with the queue's permission), each with its count, the age of its
oldest entry and a link to the list filtered to it: one query per queue, however many
entries wait.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from vmdo_portal.permissions import office_may


@dataclass(frozen=True)
class Queue:
    """Entries waiting for the office, and where staff work through them."""

    label: str  # lazy: "Room requests"
    permission: str  # needed to see the queue: "facilities.change_booking"
    entries: Callable[[], QuerySet]  # what waits
    since: str  # the field that says since when an entry waits
    changelist: str  # "admin:facilities_booking_changelist"
    filters: dict = field(default_factory=dict)  # the changelist's filter for `entries`
    # Entries to flag: a boolean annotation of `entries()`, how to say their number, and
    # the changelist's filter for them (added to `filters`).
    flagged: str | None = None
    flagged_text: Callable[[int], str] | None = None
    flagged_filters: dict = field(default_factory=dict)


QUEUES: dict[str, Queue] = {}


def queue_register(key: str, queue: Queue) -> None:
    """Add a queue to the start page (idempotent per key; shown in registration order)."""
    QUEUES[key] = queue


def _link(queue: Queue, filters: dict) -> str:
    return f"{reverse(queue.changelist)}?{urlencode(filters)}"


def waiting_for(request) -> list[dict]:
    """The queues this person may work on, each with its count, the age of the oldest
    entry and links to the filtered list."""
    now = timezone.now()
    rows = []
    for key, queue in QUEUES.items():
        if not office_may(request, queue.permission):
            continue
        aggregates = {"count": Count("pk"), "oldest": Min(queue.since)}
        if queue.flagged:
            aggregates["flagged"] = Count("pk", filter=Q(**{queue.flagged: True}))
        found = queue.entries().aggregate(**aggregates)
        row = {
            "key": key,
            "label": queue.label,
            "count": found["count"],
            "url": _link(queue, queue.filters),
            "oldest": found["oldest"],
            "age": timesince(found["oldest"], now, depth=1) if found["oldest"] else "",
        }
        if queue.flagged and found["flagged"]:
            row["flagged"] = queue.flagged_text(found["flagged"]) % {"count": found["flagged"]}
            row["flagged_url"] = _link(queue, {**queue.filters, **queue.flagged_filters})
        rows.append(row)
    return rows
