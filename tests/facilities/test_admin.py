"""The room office in the back office: queue, approvals, closures, timeline, utilisation."""

import csv
import io
import re
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from facilities import services
from facilities.models import Booking, Closure, RoomPhoto
from tests.factories import (
    NEXT_MONDAY,
    AssociationFactory,
    UserFactory,
    ask,
    image_bytes,
    login_with_totp,
    make_room,
    sign_in_with_second_factor,
    staff_in,
)
from vmdo_portal.audit import entries_for

pytestmark = pytest.mark.django_db
BOOKINGS = "/verwaltung/facilities/booking/"


@pytest.fixture
def office(client, staff_with_totp):
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    return client


def test_queue_lists_open_requests_first_oldest_first_with_conflicts(office, room, staff_with_totp):
    oldest = ask(room, start_time=time(10), end_time=time(12)).bookings.get()
    approved = ask(room, start_time=time(14), end_time=time(16)).bookings.get()
    clashing = ask(room, start_time=time(15), end_time=time(17)).bookings.get()
    services.booking_approve(booking=approved, by=staff_with_totp)
    response = office.get(BOOKINGS)
    rows = list(response.context["cl"].result_list)
    assert rows == [oldest, clashing, approved]  # requested ones first, by age
    # The open request that overlaps an approved booking is marked.
    assert [row.has_conflict for row in rows] == [False, True, False]


def test_approve_action_and_reject_with_a_reason(
    office, room, booker, association, django_capture_on_commit_callbacks
):
    first = ask(room, association=association, booker=booker).bookings.get()
    second = ask(
        room, association=association, booker=booker, start_time=time(10), end_time=time(11)
    ).bookings.get()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(BOOKINGS, {"action": "approve", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.status == "approved"
    page = office.post(BOOKINGS, {"action": "reject", "_selected_action": [second.pk]})
    assert page.status_code == 200  # asks for the reason first
    second.refresh_from_db()
    assert second.status == "requested"
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            BOOKINGS, {"action": "reject", "_selected_action": [second.pk], "reason": "Renovierung"}
        )
    second.refresh_from_db()
    assert (second.status, second.reason) == ("rejected", "Renovierung")
    assert [m.to for m in mail.outbox] == [[booker.email], [booker.email]]


def test_approving_with_confirmation_rejects_the_overlapping_requests(office, room):
    winner = ask(room).bookings.get()
    loser = ask(room, start_time=time(19), end_time=time(21)).bookings.get()
    confirm = office.post(
        BOOKINGS, {"action": "approve_and_reject_overlapping", "_selected_action": [winner.pk]}
    )
    assert confirm.status_code == 200
    assert list(confirm.context["overlapping"][winner]) == [loser]
    office.post(
        BOOKINGS,
        {
            "action": "approve_and_reject_overlapping",
            "_selected_action": [winner.pk],
            "confirm": "1",
        },
    )
    assert sorted(Booking.objects.values_list("status", flat=True)) == ["approved", "rejected"]


def test_a_closure_reports_the_approved_bookings_it_hits(office, room, house, staff_with_totp):
    booking = ask(room).bookings.get()
    services.booking_approve(booking=booking, by=staff_with_totp)
    day = booking.start.astimezone(timezone.get_current_timezone()).date()
    response = office.post(
        "/verwaltung/facilities/closure/add/",
        {
            "facility": house.pk, "room": room.pk, "start_0": day.isoformat(), "start_1": "00:00:00",
            "end_0": (day + timedelta(days=1)).isoformat(), "end_1": "00:00:00", "reason_de": "Wasserschaden",
        },
        follow=True,
    )  # fmt: skip
    assert Closure.objects.get().reason == "Wasserschaden"
    messages = [str(m) for m in response.context["messages"]]
    assert any("Brückenbauer" in m or booking.association.name in m for m in messages)


def test_timeline_shows_every_room_and_day(office, room, staff_with_totp):
    booking = ask(room, association=AssociationFactory(name="Zeitplanverein")).bookings.get()
    response = office.get(f"{BOOKINGS}zeitplan/", {"datum": NEXT_MONDAY.isoformat()})
    assert response.status_code == 200
    assert len(response.context["days"]) == 7
    [row] = response.context["rows"]
    assert row["cells"][0] == [booking]
    assert "Zeitplanverein (angefragt)" in response.content.decode()


def test_utilisation_page_draws_an_svg_chart_and_exports_csv(office, room, staff_with_totp):
    booking = ask(room).bookings.get()
    services.booking_approve(booking=booking, by=staff_with_totp)
    month = booking.start.astimezone(timezone.get_current_timezone())
    response = office.get(
        "/verwaltung/facilities/room/auslastung/", {"jahr": month.year, "monat": month.month}
    )
    html = response.content.decode()
    assert '<figure class="utilisation-chart">' in html
    assert response.context["rows"][0]["booked"] == 2.0
    export = office.get(
        "/verwaltung/facilities/room/auslastung/",
        {"jahr": month.year, "monat": month.month, "export": "csv"},
    )
    text = export.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Raum", "Gebuchte Stunden", "Buchbare Stunden", "Anteil (%)"]
    assert rows[1][:2] == ["Saal", "2"]


def test_utilisation_chart_shows_each_rooms_full_name(office, room, house):
    """Two rooms whose names share a long beginning stay apart: no name is cut."""
    left = make_room(house, name="Seminarraum Erdgeschoss links (Fensterseite)", slug="links")
    right = make_room(house, name="Seminarraum Erdgeschoss rechts (Hofseite)", slug="rechts")
    response = office.get("/verwaltung/facilities/room/auslastung/")
    labels = re.findall(
        r'<span class="utilisation-label">([^<]*)</span>', response.content.decode()
    )
    assert sorted(labels) == sorted([room.name, left.name, right.name])
    assert len(set(labels)) == 3


@pytest.mark.parametrize(
    "content", [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"kein Bild", image_bytes("GIF")]
)
def test_bad_room_photos_are_refused(office, room, content):
    data = {
        "name": room.name, "slug": room.slug, "capacity": 80, "facility": room.facility_id,
        "min_duration": 30, "max_duration": 600, "horizon_days": 365, "cancel_cutoff_hours": 24, "order": 0,
        "bookable": "on", "needs_approval": "on", "bookable_hours": '{"mon": {"mode": "closed"}}',
        "photos-TOTAL_FORMS": 1, "photos-INITIAL_FORMS": 0,
        "photos-0-image": SimpleUploadedFile("foto.png", content, "image/png"), "photos-0-alt_de": "Saal", "photos-0-order": 0,
    }  # fmt: skip
    response = office.post(f"/verwaltung/facilities/room/{room.pk}/change/", data)
    assert response.status_code == 200
    assert RoomPhoto.objects.count() == 0


def test_good_room_photo_is_reencoded(office, room, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exif = Image.Exif()
    exif[0x010F] = "Kamera"
    data = {
        "name": room.name, "slug": room.slug, "capacity": 80, "facility": room.facility_id,
        "min_duration": 30, "max_duration": 600, "horizon_days": 365, "cancel_cutoff_hours": 24, "order": 0,
        "bookable": "on", "needs_approval": "on", "bookable_hours": '{"mon": {"mode": "closed"}}',
        "photos-TOTAL_FORMS": 1, "photos-INITIAL_FORMS": 0,
        "photos-0-image": SimpleUploadedFile("foto.jpg", image_bytes("JPEG", exif=exif.tobytes()), "image/jpeg"),
        "photos-0-alt_de": "Der Saal mit Bühne", "photos-0-order": 0,
    }  # fmt: skip
    response = office.post(f"/verwaltung/facilities/room/{room.pk}/change/", data)
    assert response.status_code == 302
    photo = RoomPhoto.objects.get()
    with Image.open(photo.image.path) as stored:
        assert (stored.format, dict(stored.getexif())) == ("JPEG", {})
    assert photo.thumbnail


def test_booking_admin_is_staff_only(client, room):
    ask(room)
    assert client.get(BOOKINGS).status_code == 302
    client.force_login(UserFactory())
    assert client.get(BOOKINGS, follow=True).status_code == 403
    assert client.get(f"{BOOKINGS}zeitplan/", follow=True).status_code == 403


def test_changing_an_approved_booking_sends_it_back_for_approval(
    client, room, association, booker, staff
):
    booking = ask(room, association=association, booker=booker).bookings.get()
    services.booking_approve(booking=booking, by=staff)
    client.force_login(booker)
    client.post(
        f"/de/mein-verein/{association.slug}/buchungen/{booking.pk}/aendern/",
        {"start_time": "17:00", "end_time": "19:00"},
    )
    booking.refresh_from_db()
    zone = timezone.get_current_timezone()
    assert (
        booking.status,
        booking.start.astimezone(zone).time(),
        booking.end.astimezone(zone).time(),
    ) == ("requested", time(17), time(19))
    client.post(
        f"/de/mein-verein/{association.slug}/buchungen/{booking.pk}/aendern/",
        {"start_time": "19:00", "end_time": "17:00"},
    )
    booking.refresh_from_db()
    assert booking.start.astimezone(zone).time() == time(17)


def test_conflicts_come_with_free_alternatives(client, room, house, association, booker, staff):
    from tests.factories import make_room

    small = make_room(house, name="Seminarraum", slug="seminar", capacity=30)
    make_room(house, name="Kammer", slug="kammer", capacity=5)
    taken = ask(room, start_time=time(18), end_time=time(20))
    services.booking_approve(booking=taken.bookings.get(), by=staff)
    client.force_login(booker)
    response = client.post(
        f"/de/mein-verein/{association.slug}/buchungen/neu/",
        {"room": "saal", "title": "Probe", "attendees": "20", "first_date": NEXT_MONDAY.isoformat(),
         "start_time": "18:00", "end_time": "20:00", "frequency": "once", "interval_weeks": "1", "check": "1"},
    )  # fmt: skip
    [occurrence] = response.context["plan"]
    assert occurrence.alternatives["rooms"] == [small]
    assert occurrence.alternatives["times"] == [(time(8), time(18)), (time(20), time(22))]


def test_booking_history_records_every_step(office, room, association, booker, staff_with_totp):
    booking = ask(room, association=association, booker=booker).bookings.get()
    services.booking_approve(booking=booking, by=staff_with_totp)
    services.booking_change(booking=booking, by=booker, start_time=time(17), end_time=time(19))
    services.booking_approve(booking=booking, by=staff_with_totp)
    services.booking_cancel(booking=booking, by=staff_with_totp, reason="Krankheit")
    history = [(entry.action, entry.actor, entry.data) for entry in entries_for(booking)]
    assert history[::-1] == [
        ("booking.requested", booker, {}),
        ("booking.approved", staff_with_totp, {}),
        ("booking.changed", booker, {"note": "17:00-19:00"}),
        ("booking.approved", staff_with_totp, {}),
        ("booking.cancelled", staff_with_totp, {"reason": "Krankheit"}),
    ]
    page = office.get(f"{BOOKINGS}{booking.pk}/change/").content.decode()
    assert "Krankheit" in page
    assert "Buchung storniert" in page  # the history on the change page, in German


def test_utilisation_exports_xlsx(office, room, staff_with_totp):
    from openpyxl import load_workbook

    booking = ask(room).bookings.get()
    services.booking_approve(booking=booking, by=staff_with_totp)
    month = booking.start.astimezone(timezone.get_current_timezone())
    export = office.get(
        "/verwaltung/facilities/room/auslastung/",
        {"jahr": month.year, "monat": month.month, "export": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert [cell.value for cell in sheet[1]] == [
        "Raum",
        "Gebuchte Stunden",
        "Buchbare Stunden",
        "Anteil (%)",
    ]
    assert [sheet["A2"].value, sheet["B2"].value] == ["Saal", 2]


@pytest.mark.parametrize(
    ("groups", "status"),
    [((), 403), (("Redaktion",), 403), (("Raumverwaltung",), 200), (("Administration",), 200)],
)
@pytest.mark.parametrize(
    "path", [f"{BOOKINGS}zeitplan/", "/verwaltung/facilities/room/auslastung/"]
)
def test_timeline_and_utilisation_need_the_room_office_permissions(
    client, room, groups, status, path
):
    """Bookings of every association: the staff flag and the second factor are not enough."""
    sign_in_with_second_factor(client, staff_in(*groups))
    assert client.get(path).status_code == status


@pytest.mark.parametrize(
    ("codenames", "final"),
    [(["view_booking"], "requested"), (["view_booking", "change_booking"], "approved")],
)
def test_booking_actions_need_the_change_permission(client, room, codenames, final):
    from django.contrib.auth.models import Permission

    booking = ask(room).bookings.get()
    viewer = staff_in()
    viewer.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="facilities", codename__in=codenames)
    )
    sign_in_with_second_factor(client, viewer)
    client.post(BOOKINGS, {"action": "approve", "_selected_action": [booking.pk]})
    booking.refresh_from_db()
    assert booking.status == final
