"""What calendars are told of an event: its place on one line, its iCal entry, and the
`.ics` attached to a registration email (built when the email is delivered, in the
worker, from the event's row)."""

from email.message import MIMEPart

from django.urls import reverse

from events.models import Event
from vmdo_portal import ical
from vmdo_portal.site_url import absolute_url

# What ical_entries and location_text read: the feed loads thousands of events, and
# building model instances was most of its time once the iCal writing got cheap.
FEED_FIELDS = (
    *("slug", "title", "summary", "start", "end", "all_day", "status", "location_kind"),
    *("address", "room__name", "site__name", "site__street", "site__postal_code", "site__city"),
    *("room__facility__name", "room__facility__street", "room__facility__postal_code"),
    "room__facility__city",
)
# The joins location_text needs (with FEED_FIELDS, or for a single event).
PLACE_RELATED = ("room__facility", "site")


def location_text(event) -> str:
    """Where, on one line: the room with its house and the house's address, the site with
    its address, or the address; "" online."""
    if event.location_kind == Event.Location.ROOM and event.room:
        return event.room.place()
    if event.location_kind == Event.Location.SITE and event.site:
        return ", ".join([event.site.name, *event.site.address_lines()])
    if event.location_kind == Event.Location.ADDRESS:
        return event.address
    return ""


def ical_entries(events) -> list[dict]:
    # One absolute URL and one UID built, the others by swapping in slug and id.
    url = absolute_url(reverse("events:detail", kwargs={"slug": "-"}))
    url_head, url_tail = url.rsplit("/-/", 1)
    uid_tail = ical.uid("event", 0).removeprefix("event-0")
    return [
        {
            "uid": f"event-{event.pk}{uid_tail}",
            "start": event.start,
            "end": event.end,
            "all_day": event.all_day,
            "summary": event.title,
            "description": event.summary,
            "location": location_text(event),
            "status": "CANCELLED" if event.is_cancelled else "CONFIRMED",
            "url": f"{url_head}/{event.slug}/{url_tail}",
        }
        for event in events
    ]


def registration_attachment(event: Event) -> MIMEPart:
    """The event as an `.ics` file for a registered person (METHOD:PUBLISH, the same UID
    as in the feeds, so calendar apps update one entry). An online event's place is its
    link, which the person may have now."""
    [entry] = ical_entries([event])
    if event.location_kind == Event.Location.ONLINE and event.online_url:
        entry["location"] = event.online_url
    body = ical.calendar_body(name=event.title, events=[entry], method="PUBLISH")
    part = MIMEPart()
    part.set_content(
        body.decode(),
        subtype="calendar",
        charset="utf-8",
        disposition="attachment",
        filename=f"{event.slug}.ics",
        params={"method": "PUBLISH"},
    )
    return part
