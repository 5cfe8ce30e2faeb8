"""Demo data: the Haus der Vielfalt (real address); its rooms and bookings are examples."""

from datetime import time, timedelta

from django.utils import timezone

from facilities import services
from facilities.default_lists import EQUIPMENT
from facilities.models import Equipment, Facility, Room
from members.models import Association
from vmdo_portal.vocabulary_seed import seed_list

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
HOUSE_HOURS = {day: {"mode": "open", "ranges": [["08:00", "22:00"]]} for day in WEEKDAYS} | {
    "sat": {"mode": "open", "ranges": [["10:00", "22:00"]]},
    "sun": {"mode": "open", "ranges": [["10:00", "20:00"]]},
}
ROOMS = [
    # slug, name, floor, seats, area, equipment, step-free, needs approval
    (
        "saal",
        "Großer Saal (Beispiel)",
        "Erdgeschoss",
        120,
        160,
        ["buehne", "tonanlage", "beamer"],
        True,
        True,
    ),
    (
        "seminarraum-1",
        "Seminarraum 1 (Beispiel)",
        "1. Obergeschoss",
        24,
        45,
        ["beamer", "flipchart"],
        True,
        True,
    ),
    (
        "seminarraum-2",
        "Seminarraum 2 (Beispiel)",
        "1. Obergeschoss",
        16,
        30,
        ["flipchart"],
        True,
        False,
    ),
    ("kuechenraum", "Küchenraum (Beispiel)", "Erdgeschoss", 20, 40, ["kueche"], True, True),
    ("raum-a5", "Raum A5 (Beispiel)", "Erdgeschoss", 10, 20, [], False, False),
]


def generate(scale: int) -> None:
    """Benchmark data: 20,000 approved, non-overlapping bookings per scale step (bulk)."""
    from datetime import UTC

    from facilities.models import Booking, BookingSeries

    rooms = list(Room.objects.order_by("pk"))
    association = Association.objects.order_by("pk").first()
    if not rooms or association is None:
        return
    # Back-to-back hours going back in time from yesterday, so they never meet the demo
    # bookings ahead; hours are counted in UTC (wall-clock arithmetic breaks at DST).
    first = timezone.now().astimezone(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(
        days=1
    )
    series = BookingSeries.objects.create(
        room=rooms[0], association=association, title="Benchmark (Beispiel)", attendees=1,
        start_time=time(8), end_time=time(9), first_date=timezone.localdate() - timedelta(days=1),
    )  # fmt: skip
    offset = Booking.objects.filter(series__title="Benchmark (Beispiel)").count()
    bookings = []
    for number in range(offset, offset + 20000 * scale):
        room = rooms[number % len(rooms)]
        slot = number // len(rooms)  # one-hour slots, back to back per room
        start = first - timedelta(hours=slot + 1)
        bookings.append(
            Booking(
                room=room,
                series=series,
                association=association,
                start=start,
                end=start + timedelta(hours=1),
                status="approved",
            )
        )
    Booking.objects.bulk_create(bookings, batch_size=5000)


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    house, _created = Facility.objects.get_or_create(
        slug="haus-der-vielfalt",
        defaults={
            "name": "Haus der Vielfalt",
            "street": "Zur Vielfalt 21",
            "postal_code": "44147",
            "description": "Ein geschützter Ort für Vernetzung und Qualifizierung: Hier arbeiten die Vereine des VMDO unter einem Dach.",
            "description_de": "Ein geschützter Ort für Vernetzung und Qualifizierung: Hier arbeiten die Vereine des VMDO unter einem Dach.",
            "description_en": "A protected place for networking and qualification: VMDO's associations work here under one roof.",
            "opening_hours": HOUSE_HOURS,
        },
    )
    seed_list(Equipment, EQUIPMENT)
    for slug, name, floor, seats, area, equipment, step_free, approval in ROOMS:
        room, created = Room.objects.get_or_create(
            slug=slug,
            defaults={
                "facility": house,
                "name": name,
                "floor": floor,
                "capacity": seats,
                "area": area,
                "step_free": step_free,
                "needs_approval": approval,
                "bookable_hours": HOUSE_HOURS,
                "min_duration": 60,
                "max_duration": 600,
            },
        )
        if created:
            room.equipment.set(Equipment.objects.filter(slug__in=equipment))
    association = Association.objects.public().first()
    room = Room.objects.get(slug="seminarraum-1")
    if association and not room.bookings.exists():
        start = timezone.localdate() + timedelta(days=(7 - timezone.localdate().weekday()) % 7 + 1)
        series = services.booking_request(
            room=room, association=association, requested_by=users.get("trusted"),
            title="Vorstandstreffen (Beispiel)", attendees=8, first_date=start,
            start_time=time(18, 0), end_time=time(20, 0), frequency="weekly", count=6,
        )  # fmt: skip
        services.series_approve(series=series, by=users.get("staff"))
        services.booking_request(
            room=room, association=association, requested_by=users.get("trusted"),
            title="Sprachcafé (Beispiel)", attendees=15, first_date=start + timedelta(days=2),
            start_time=time(16, 0), end_time=time(18, 0),
        )  # fmt: skip
    if scale:
        generate(scale)
