"""Demo events (examples): a weekly language café in a room, a festival, a counselling hour."""

from datetime import time, timedelta

from django.utils import timezone

from events import services
from events.models import Category, Event
from facilities.models import Room
from members.models import Association
from projects.models import Site


def seed(*, users: dict, scale: int | None = None, out=None) -> None:
    if scale:
        generate(scale)
    if (
        Event.objects.filter(series__isnull=False).exists()
        or Event.objects.filter(title__startswith="Fest der Vielfalt").exists()
    ):
        return
    staff = users.get("staff")
    association = Association.objects.public().first()
    today = timezone.localdate()
    next_tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    room = Room.objects.filter(slug="kuechenraum").first()
    if association and room:
        events = services.event_create(
            by=staff, title="Sprachcafé (Beispiel)", first_date=next_tuesday, start_time=time(17),
            end_time=time(19), associations=[association], location_kind=Event.Location.ROOM, room=room,
            categories=list(Category.objects.filter(slug="sprachcafe")), languages=["de", "ar", "fa", "uk"],
            series={"frequency": "weekly", "count": 8}, summary="Deutsch üben bei Tee und Gebäck.",
            summary_de="Deutsch üben bei Tee und Gebäck.", registration=Event.RegistrationMode.NONE,
        )  # fmt: skip
        for event in events:
            services.event_publish(event=event, by=staff)
    site = Site.objects.filter(run_by_vmdo=True).first()
    festival = services.event_create(
        by=staff, title="Fest der Vielfalt (Beispiel)", first_date=today + timedelta(days=30), all_day=True,
        location_kind=Event.Location.ADDRESS, address="Nordmarkt, 44145 Dortmund", organised_by_vmdo=True,
        categories=list(Category.objects.filter(slug="fest")), languages=["de", "tr", "ar"],
        summary="Musik, Essen und Tanz aus vielen Ländern.", summary_de="Musik, Essen und Tanz aus vielen Ländern.",
        registration=Event.RegistrationMode.NONE,
    )  # fmt: skip
    services.event_publish(event=festival[0], by=staff)
    if site:
        workshop = services.event_create(
            by=staff, title="Workshop: Bewerbung schreiben (Beispiel)", first_date=today + timedelta(days=10),
            start_time=time(10), end_time=time(13), location_kind=Event.Location.SITE, site=site,
            organised_by_vmdo=True, categories=list(Category.objects.filter(slug="workshop")), languages=["de", "ar"],
            registration=Event.RegistrationMode.PORTAL, capacity=12, summary="Mit Anmeldung.", summary_de="Mit Anmeldung.",
        )  # fmt: skip
        services.event_publish(event=workshop[0], by=staff)


def generate(scale: int) -> None:
    """Benchmark data: 5,000 published events per scale step over the next year (bulk)."""
    import random
    from datetime import datetime

    from events.models import EventLanguage

    rng = random.Random(2008)  # noqa: S311 - reproducible demo data
    start = Event.objects.filter(slug__startswith="benchmark-").count()
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    events = []
    for number in range(start, start + 5000 * scale):
        day = today + timedelta(days=rng.randint(1, 365))
        begin = datetime.combine(day, time(rng.randint(9, 19)), zone)
        events.append(
            Event(
                title=f"Benchmark-Termin {number}", title_de=f"Benchmark-Termin {number}", slug=f"benchmark-{number}",
                start=begin, end=begin + timedelta(hours=2), status=Event.Status.PUBLISHED,
                location_kind=Event.Location.ADDRESS, address="Beispielstraße 1, Dortmund",
            )
        )  # fmt: skip
    created = Event.objects.bulk_create(events, batch_size=2000)
    EventLanguage.objects.bulk_create(
        [
            EventLanguage(event=event, code=rng.choice(["ar", "de", "tr", "fa", "uk"]))
            for event in created
        ],
        batch_size=5000,
    )
