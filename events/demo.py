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
    trainings(users)
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


TRAININGS = ("Vereinsrecht für Vorstände (Beispiel)", "Fördermittel beantragen (Beispiel)")


def trainings(users: dict) -> None:
    """Two trainings for the member associations (the network area): one past, which the
    demo association's admin attended (their certificate), one upcoming with places per
    association limited."""
    if Event.objects.filter(title__in=TRAININGS).exists():
        return
    staff, member = users.get("staff"), users.get("trusted")
    association = member.memberships.first().association if member else None
    today = timezone.localdate()
    common = {
        "by": staff, "start_time": time(18), "end_time": time(21), "organised_by_vmdo": True,
        "audience": Event.Audience.MEMBERS, "registration": Event.RegistrationMode.PORTAL,
        "location_kind": Event.Location.ADDRESS, "address": "Beuthstraße 21, 44147 Dortmund",
        "languages": ["de"],
    }  # fmt: skip
    [past] = services.event_create(
        title=TRAININGS[0], first_date=today + timedelta(days=1), capacity=20,
        summary_de="Satzung, Vorstand, Haftung und Mitgliederversammlung.",
        summary="Satzung, Vorstand, Haftung und Mitgliederversammlung.", **common,
    )  # fmt: skip
    services.event_publish(event=past, by=staff)
    if member and association:
        registration = services.registration_create(
            event=past, name=member.name, email=member.email, email_verified=True,
            association=association, user=member,
        )  # fmt: skip
    # The first training took place three weeks ago (new events cannot start in the past).
    start = past.start - timedelta(days=22)
    Event.objects.filter(pk=past.pk).update(start=start, end=start + timedelta(hours=3))
    if member and association:
        services.registration_attendance_set(registration=registration, attended=True, by=staff)
    [upcoming] = services.event_create(
        title=TRAININGS[1], first_date=today + timedelta(days=21), capacity=12,
        places_per_association=2,
        summary_de="Förderprogramme finden, Anträge schreiben, Mittel abrechnen.",
        summary="Förderprogramme finden, Anträge schreiben, Mittel abrechnen.", **common,
    )  # fmt: skip
    services.event_publish(event=upcoming, by=staff)


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
