"""Read queries of the facilities app: week views, utilisation."""

import calendar
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from facilities import rules, services
from facilities.models import Booking, Closure, Facility, Room
from vmdo_portal import opening_hours
from vmdo_portal.dates import parse_day
from vmdo_portal.page_cache import content_version
from vmdo_portal.services import Refused

MAIN_FACILITY_TIMEOUT = 3600


def main_facility() -> Facility | None:
    """The house the portal belongs to (the one the house page shows), for the footer.

    Kept in the shared cache under the content version, so a page costs no query for it
    and a renamed or moved house shows at once.
    """
    key = f"main-facility:{content_version()}"
    found = cache.get(key)
    if found is None:
        found = Facility.objects.first() or ""
        cache.set(key, found, MAIN_FACILITY_TIMEOUT)
    return found or None


def week_start(value: str | None, today: date) -> date:
    """The Monday of the week asked for (?woche=YYYY-MM-DD, within the portal's span of
    days, so the weeks before and after exist), else of this week."""
    day = parse_day(value, today)
    return day - timedelta(days=day.weekday())


def _subtract(ranges, busy):
    free = []
    for low, high in ranges:
        cursor = low
        for start, end in sorted(busy):
            if end <= cursor or start >= high:
                continue
            if start > cursor:
                free.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < high:
            free.append((cursor, high))
    return free


def _clock(minutes: int) -> time:
    return time(23, 59) if minutes >= 24 * 60 else time(minutes // 60, minutes % 60)


def room_week(room: Room, monday: date, *, include_requests=False) -> list[dict]:
    """Seven days of one room: bookable, busy and free times (local), in two queries."""
    zone = rules.berlin()
    first = datetime.combine(monday, time(), tzinfo=zone)
    last = datetime.combine(monday + timedelta(days=7), time(), tzinfo=zone)
    statuses = [Booking.Status.APPROVED] + ([Booking.Status.REQUESTED] if include_requests else [])
    bookings = list(
        Booking.objects.filter(room=room, status__in=statuses)
        .overlapping(first, last)
        .select_related("series", "association")
        .order_by("start")
    )
    closures = list(
        Closure.objects.filter(
            Q(room=room) | Q(room__isnull=True, facility_id=room.facility_id),
            start__lt=last,
            end__gt=first,
        )
    )
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        day_start = datetime.combine(day, time(), tzinfo=zone)
        day_end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)

        def clip(start, end, day_start=day_start, day_end=day_end):
            start, end = max(start, day_start), min(end, day_end)
            to_minutes = lambda moment: round((moment - day_start).total_seconds() / 60)  # noqa: E731
            return to_minutes(start.astimezone(zone)), to_minutes(end.astimezone(zone))

        plan = (room.bookable_hours or {}).get(
            opening_hours.WEEKDAYS[day.weekday()], {"mode": "closed"}
        )
        bookable = (
            [(opening_hours._minutes(a), opening_hours._minutes(b)) for a, b in plan["ranges"]]
            if plan["mode"] == opening_hours.OPEN
            else []
        )
        entries = []
        for booking in bookings:
            if booking.start < day_end and booking.end > day_start:
                entries.append(("booking", booking, *clip(booking.start, booking.end)))
        for closure in closures:
            if closure.start < day_end and closure.end > day_start:
                entries.append(("closure", closure, *clip(closure.start, closure.end)))
        busy_minutes = [
            (low, high)
            for kind, item, low, high in entries
            if kind == "closure" or item.status == "approved"
        ]
        days.append(
            {
                "date": day,
                "bookable": [(_clock(a), _clock(b)) for a, b in bookable],
                "busy": [
                    {"kind": kind, "item": item, "start": _clock(low), "end": _clock(high)}
                    for kind, item, low, high in sorted(entries, key=lambda entry: entry[2])
                ],
                "free": [(_clock(a), _clock(b)) for a, b in _subtract(bookable, busy_minutes)],
            }
        )
    return days


def bookable_hours_in_month(room: Room, year: int, month: int) -> float:
    total = 0
    for day in range(1, calendar.monthrange(year, month)[1] + 1):
        plan = (room.bookable_hours or {}).get(
            opening_hours.WEEKDAYS[date(year, month, day).weekday()], {}
        )
        if plan.get("mode") == opening_hours.OPEN:
            total += sum(
                opening_hours._minutes(b) - opening_hours._minutes(a) for a, b in plan["ranges"]
            )
    return total / 60


def utilisation(year: int, month: int) -> list[dict]:
    """Hours booked ÷ bookable hours, per room, for one month (approved bookings)."""
    zone = rules.berlin()
    first = datetime(year, month, 1, tzinfo=zone)
    last = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=zone)
    rows = []
    bookings = (
        Booking.objects.approved().overlapping(first, last).values_list("room_id", "start", "end")
    )
    booked = {}
    for room_id, start, end in bookings:
        seconds = (min(end, last) - max(start, first)).total_seconds()
        booked[room_id] = booked.get(room_id, 0) + seconds / 3600
    for room in Room.objects.filter(bookable=True).order_by("order", "name"):
        available = bookable_hours_in_month(room, year, month)
        hours = round(booked.get(room.pk, 0), 2)
        rows.append(
            {
                "room": room,
                "booked": hours,
                "bookable": round(available, 2),
                "share": round(hours / available, 4) if available else 0,
            }
        )
    return rows


def upcoming_for_association(association, now=None):
    now = now or timezone.now()
    return (
        Booking.objects.filter(association=association, end__gte=now)
        .select_related("room", "series", "event")
        .order_by("start")
    )


def alternatives(room: Room, occurrence, attendees: int) -> dict:
    """Free choices for a conflicting date: other rooms at that time, other times that day."""
    other_rooms = [
        candidate
        for candidate in Room.objects.filter(
            facility_id=room.facility_id, bookable=True, capacity__gte=attendees
        )
        .exclude(pk=room.pk)
        .order_by("order", "name")
        if not Booking.objects.approved()
        .overlapping(occurrence.start, occurrence.end)
        .filter(room=candidate)
        .exists()
        and not Closure.objects.filter(
            Q(room=candidate) | Q(room__isnull=True, facility_id=room.facility_id),
            start__lt=occurrence.end,
            end__gt=occurrence.start,
        ).exists()
    ]
    duration = round((occurrence.end - occurrence.start).total_seconds() / 60)
    monday = occurrence.day - timedelta(days=occurrence.day.weekday())
    [day] = [entry for entry in room_week(room, monday) if entry["date"] == occurrence.day]
    times = [
        (start, end)
        for start, end in day["free"]
        if rules.minutes(end) - rules.minutes(start) >= duration or end == time(23, 59)
    ]
    return {"rooms": other_rooms, "times": times}


def timeline(days: list[date]) -> list[dict]:
    """Rooms × days with their approved and requested bookings, in two queries."""
    zone = rules.berlin()
    first = datetime.combine(days[0], time(), tzinfo=zone)
    last = datetime.combine(days[-1] + timedelta(days=1), time(), tzinfo=zone)
    bookings = (
        Booking.objects.filter(
            status__in=[Booking.Status.APPROVED, Booking.Status.REQUESTED],
            start__lt=last,
            end__gt=first,
        )
        .select_related("series", "association")
        .order_by("start")
    )
    by_room_day = {}
    for booking in bookings:
        day = booking.start.astimezone(zone).date()
        by_room_day.setdefault((booking.room_id, day), []).append(booking)
    return [
        {"room": room, "cells": [by_room_day.get((room.pk, day), []) for day in days]}
        for room in Room.objects.order_by("order", "name")
    ]


MAX_ALTERNATIVES = 5


def request_plan(*, room: Room, attendees: int, **when) -> list | None:
    """The dates a request asks for, each with its conflicts (booked, closed, outside the
    hours), the first conflicting ones with free alternatives; None when the request breaks
    a rule that skipping dates cannot mend (the request itself then says which)."""
    try:
        plan = services.plan_request(room=room, attendees=attendees, skippable_hours=True, **when)
    except Refused:
        return None
    for occurrence in [o for o in plan if o.conflicts][:MAX_ALTERNATIVES]:
        occurrence.alternatives = alternatives(room, occurrence, attendees)
    return plan


def request_week(*, room_slug: str | None, week: str | None, today: date) -> dict:
    """The week beside the request form: the room asked for (else the first bookable one)
    in the week asked for (?woche=, else the request's first date, else this week)."""
    rooms = Room.objects.filter(bookable=True)
    room = (rooms.filter(slug=room_slug).first() if room_slug else None) or rooms.first()
    monday = week_start(week, today)
    return {"room": room, "monday": monday, "week": room_week(room, monday) if room else None}
