"""The back office leads the work (issue 14): what is waiting on its start page, local
time in every title and list, German throughout."""

import re
from datetime import UTC, datetime, time, timedelta
from html import unescape

import pytest
from django.contrib import admin
from django.utils import timezone

from events import services as event_services
from events.models import Event
from facilities import services as booking_services
from facilities.models import Booking
from members import services as member_services
from members.models import Association, MembershipApplication, ProfileRevision
from network.models import OfferReport, Resource
from network.offers import services as offer_services
from tests.factories import (
    NEXT_MONDAY,
    AssociationFactory,
    make_house,
    make_room,
    member_of,
    sign_in_with_second_factor,
    staff_in,
)
from translations.models import FieldTranslation
from translations.services import translation_saved
from vmdo_portal.models import AuditEntry
from vmdo_portal.staff_groups import ADMINISTRATION, RAUMVERWALTUNG, REDAKTION

pytestmark = pytest.mark.django_db

INDEX = "/verwaltung/"


def office(client, *groups):
    return sign_in_with_second_factor(client, staff_in(*groups))


def waiting(client):
    """The start page's to-do rows as (key, count, age, flagged)."""
    return [
        (row["key"], row["count"], row["age"], row.get("flagged"))
        for row in client.get(INDEX).context["waiting"]
    ]


def request_room(room, association, day=NEXT_MONDAY, start=time(18), end=time(20)):
    return booking_services.booking_request(
        room=room,
        association=association,
        requested_by=None,
        title="Vereinstreffen",
        attendees=10,
        first_date=day,
        start_time=start,
        end_time=end,
    ).bookings.get()


def fill_queues(count, by):
    """`count` entries waiting in each queue (one of the room requests in conflict)."""
    room = make_room(make_house(), name="Saal")
    for number in range(count):
        association = AssociationFactory()
        ProfileRevision.objects.create(association=association, changes={"phone": "0231 1"})
        Association.objects.filter(pk=association.pk).update(
            description_de="Ein Chor.", description_tr="Bir koro."
        )
        association.refresh_from_db()
        translation_saved(association, "description", "tr", machine=True)
        member_services.application_submit(
            language="de",
            organisation_name=f"Neuer Verein {number}",
            description="Kultur",
            contact_name="Ayşe Yılmaz",
            email=f"antrag{number}@example.org",
            consent=True,
        )
        request_room(room, association, day=NEXT_MONDAY + timedelta(days=7 * number))
        event = event_services.event_create(
            by=by,
            title=f"Sprachcafé {number}",
            first_date=NEXT_MONDAY,
            start_time=time(17),
            end_time=time(19),
            location_kind=Event.Location.ADDRESS,
            address="Nordmarkt, Dortmund",
        )[0]
        event_services.event_submit(event=event, by=by)
        Resource.objects.create(
            title_de=f"Leitfaden {number}",
            summary_de="Text",
            association=association,
            link="https://example.org/leitfaden",
        )  # shared in the network, waiting for review
        poster = member_of(association)
        post = offer_services.offer_post_create(
            by=poster,
            association=association,
            kind="offer",
            category="equipment",
            title=f"Beamer {number}",
            text="Zu verleihen.",
            valid_until=timezone.localdate() + timedelta(days=30),
        )
        offer_services.offer_report(post=post, by=member_of(AssociationFactory()), reason="Werbung")
    clash = request_room(room, AssociationFactory(), start=time(19), end=time(21))
    booking_services.booking_approve(booking=clash, by=by, notify=False)
    return room


# --- what is waiting -----------------------------------------------------------------


def test_the_start_page_shows_each_queue_with_its_count_age_and_filtered_list(client):
    client = office(client, ADMINISTRATION)
    fill_queues(2, by=staff_in(REDAKTION))
    three_days_ago = timezone.now() - timedelta(days=3, hours=1)
    ProfileRevision.objects.update(submitted_at=three_days_ago)
    MembershipApplication.objects.filter(organisation_name="Neuer Verein 0").update(
        submitted_at=timezone.now() - timedelta(days=14)
    )
    Booking.objects.filter(status="requested").update(created_at=three_days_ago)
    Event.objects.update(updated_at=timezone.now() - timedelta(hours=5))
    FieldTranslation.objects.filter(status="machine").update(
        updated_at=timezone.now() - timedelta(days=1, hours=1)
    )
    Resource.objects.update(created_at=timezone.now() - timedelta(days=2, hours=1))
    OfferReport.objects.update(created_at=timezone.now() - timedelta(hours=2, minutes=5))
    assert waiting(client) == [
        ("profile_changes", 2, "3\xa0Tage", None),
        ("membership_applications", 2, "2\xa0Wochen", None),
        # The first Monday's request overlaps the approved booking, 19:00–21:00.
        ("room_requests", 2, "3\xa0Tage", "1 überschneidet sich mit einer genehmigten Buchung"),
        ("submitted_events", 2, "5\xa0Stunden", None),
        ("machine_translations", 2, "1\xa0Tag", None),
        ("network_resources", 2, "2\xa0Tage", None),
        ("network_offer_reports", 2, "2\xa0Stunden", None),
    ]
    page = client.get(INDEX).content.decode()
    for link in [
        "/verwaltung/members/profilerevision/?status__exact=pending",
        "/verwaltung/members/membershipapplication/?status__exact=new",
        "/verwaltung/facilities/booking/?status__exact=requested",
        "/verwaltung/facilities/booking/?status__exact=requested&amp;konflikt=ja",
        "/verwaltung/events/event/?status__exact=submitted",
        "/verwaltung/translations/fieldtranslation/?status__exact=machine",
        "/verwaltung/network/resource/?status__exact=pending",
        "/verwaltung/facilities/booking/zeitplan/",
        "/verwaltung/facilities/room/auslastung/",
    ]:
        assert f'href="{link}"' in page
    assert "älteste: 3\xa0Tage" in page
    flagged = client.get("/verwaltung/facilities/booking/?status__exact=requested&konflikt=ja")
    assert [b.start.date() for b in flagged.context["cl"].result_list] == [NEXT_MONDAY]


def test_each_person_sees_the_queues_and_pages_their_permissions_cover(client):
    fill_queues(1, by=staff_in(REDAKTION))
    rooms = office(client, RAUMVERWALTUNG)
    assert [row[0] for row in waiting(rooms)] == ["room_requests"]
    page = rooms.get(INDEX).content.decode()
    assert "/verwaltung/facilities/booking/zeitplan/" in page
    assert "/verwaltung/members/membershipapplication/" not in page
    rooms.logout()
    content = office(client, REDAKTION)
    assert [row[0] for row in waiting(content)] == [
        "profile_changes",
        "membership_applications",
        "submitted_events",
        "machine_translations",
        "network_resources",
        "network_offer_reports",
    ]
    page = content.get(INDEX).content.decode()
    assert "/verwaltung/facilities/booking/zeitplan/" not in page
    assert "/verwaltung/facilities/room/auslastung/" not in page
    content.logout()
    nobody = office(client)  # second factor used, no group: no queue, no section
    assert nobody.get(INDEX).context["waiting"] == []


@pytest.mark.parametrize("count", [1, 20])
def test_the_start_page_asks_the_same_number_of_queries_however_much_waits(
    client, count, django_assert_num_queries
):
    client = office(client, ADMINISTRATION)
    fill_queues(count, by=staff_in(REDAKTION))
    client.get(INDEX)  # the session's first page loads what every later one has cached
    with django_assert_num_queries(13):
        response = client.get(INDEX)
    assert [row["count"] for row in response.context["waiting"]] == [count] * 7


# --- local time ----------------------------------------------------------------------


def test_titles_lists_and_history_show_local_time(client):
    """18:00 in Dortmund is 16:00 UTC in summer: the back office says 18:00."""
    client = office(client, ADMINISTRATION)
    summer_evening = datetime(2031, 7, 7, 16, 0, tzinfo=UTC)  # a Monday, 18:00 local
    room = make_room(make_house(), name="Saal")
    association = AssociationFactory(name="Brückenbauer e.V.")
    booking = request_room(room, association)
    Booking.objects.filter(pk=booking.pk).update(
        start=summer_evening, end=summer_evening + timedelta(hours=2)
    )
    AuditEntry.objects.filter(action="booking.requested").update(at=summer_evening)
    revision = ProfileRevision.objects.create(association=association, changes={"phone": "1"})
    ProfileRevision.objects.filter(pk=revision.pk).update(submitted_at=summer_evening)
    member_services.history_record(association=association, by=None, action="association.edited")
    AuditEntry.objects.update(at=summer_evening)

    def text(url):
        return visible_text(client.get(url).content.decode())

    bookings = text("/verwaltung/facilities/booking/")
    assert "7. Juli 2031 18:00" in bookings
    assert "16:00" not in bookings
    booking_page = text(f"/verwaltung/facilities/booking/{booking.pk}/change/")
    assert "Vereinstreffen: 07.07.2031 18:00" in booking_page  # title and breadcrumbs
    assert "16:00" not in booking_page
    series_page = text(f"/verwaltung/facilities/bookingseries/{booking.series_id}/change/")
    assert "16:00" not in series_page
    revision_page = text(f"/verwaltung/members/profilerevision/{revision.pk}/change/")
    assert "Brückenbauer e.V. (07.07.2031 18:00)" in revision_page
    assert "16:00" not in revision_page
    history = text("/verwaltung/vmdo_portal/auditentry/")
    assert "7. Juli 2031 18:00" in history
    assert "16:00" not in history


def visible_text(html):
    """What a person reads: no scripts, styles or tags, entities resolved."""
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- German throughout ---------------------------------------------------------------

# English the German back office showed (issue 14) and more of Django's and the apps' own.
ENGLISH = [
    "MFA",
    "Authenticator",
    "Task Result",
    "Tasks Database",
    "Run after",
    "run after",
    "traceback",
    "Filter by",
    "Search ",
    "Pagination",
    "Select an option",
    "Run ",
    "Ready",
    "Running",
    "Raw passwords",
    "Association:",
    "Association ",
    "Actor:",
    "User:",
    "Reviewed by",
    "Created by",
    "Booking:",
    "Facility:",
    "Nach type",
    "Deleting the",
    "Are you sure",
    "After you",
    "Recent actions",
    "Delete",
    "Save",
]


def back_office_pages(client):
    """(url, response) of the start page, every list, and for every model one change form
    (its first entry) or, where the list is empty, the form to add one."""
    yield INDEX, client.get(INDEX)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = f"/verwaltung/{opts.app_label}/{opts.model_name}/"
        response = client.get(changelist)
        yield changelist, response
        first = response.context["cl"].result_list[:1]
        if first:
            url = f"{changelist}{first[0].pk}/change/"
        elif model_admin.has_add_permission(response.wsgi_request):
            url = f"{changelist}add/"
        else:
            continue
        yield url, client.get(url)
    for url in [
        "/verwaltung/vmdo_portal/user/add/",
        f"/verwaltung/members/association/{Association.objects.first().pk}/delete/",
    ]:
        yield url, client.get(url)


def test_every_back_office_page_type_speaks_german(client):
    client = office(client, ADMINISTRATION)
    fill_queues(1, by=staff_in(REDAKTION))
    found = {}
    for url, response in back_office_pages(client):
        assert response.status_code == 200, url
        # Permission names are data Django stores in English ("Can view task result").
        html = re.sub(
            r'<select name="(user_)?permissions".*?</select>', "", response.text, flags=re.S
        )
        text = visible_text(html)
        english = [word for word in ENGLISH if word in text]
        if english:
            found[url] = english
    assert found == {}
