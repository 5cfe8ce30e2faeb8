"""Test data through the same services the portal uses."""

import io
import time
from datetime import date, timedelta
from datetime import time as clock

import factory
from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image

from events import services as event_services
from events.models import Event
from facilities import services as facility_services
from facilities.models import Facility, Room
from members.models import Association, Membership
from members.services import association_create
from projects import services as project_services
from projects.models import Project
from vmdo_portal.models import User
from vmdo_portal.services import user_create

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.Factory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    password = PASSWORD
    is_staff = False
    is_superuser = False
    email_verified = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return user_create(**kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("Users are created through vmdo_portal.services.user_create.")


def totp_enable(user) -> str:
    """Give the account an authenticator app; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, offset: int = 0) -> str:
    """The code an authenticator app shows now (offset: periods later)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD + offset))


def staff_in(*groups: str, **user_fields) -> User:
    """A staff account in these staff groups (Redaktion, Raumverwaltung, Administration)."""
    user = UserFactory(is_staff=True, **user_fields)
    found = list(Group.objects.filter(name__in=groups))
    assert sorted(g.name for g in found) == sorted(groups), f"unknown groups in {groups}"
    user.groups.add(*found)
    return user


def sign_in_with_second_factor(client, user):
    """Sign in as a person with an authenticator app does: password, then the app's code.

    The session then holds allauth's record of the second factor, as in production.
    """
    secret = getattr(user, "totp_secret", None)
    if secret is None:
        secret = user.totp_secret = totp_enable(user)
    client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302, "the second factor was not accepted"
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


class AssociationFactory(factory.Factory):
    """A published member association, made through members.services."""

    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Kulturverein Nummer {n}")
    status = Association.Status.MEMBER
    published = True
    description_de = "Ein Verein für Begegnung und Kultur in der Nordstadt."
    district = "innenstadt-nord"
    email = factory.Sequence(lambda n: f"verein{n}@example.org")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.setdefault("description", kwargs.get("description_de", ""))
        return association_create(**kwargs)


def member_of(association, role=Membership.Role.EDITOR, **user_fields):
    """A new account with the given role in the association."""
    user = UserFactory(**user_fields)
    Membership.objects.create(user=user, association=association, role=role)
    return user


def login_with_totp(client, user, secret):
    """Sign in the way people do: password, then the authenticator app's code."""
    client.post("/de/konto/login/", {"login": user.email, "password": PASSWORD})
    client.post("/de/konto/2fa/authenticate/", {"code": totp_code(secret)})


def image_bytes(fmt="PNG", size=(64, 48), color=(200, 30, 30), **save_args) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt, **save_args)
    return out.getvalue()


# --- projects and sites ------------------------------------------------------------

ALWAYS_OPEN = {
    day: {"mode": "open", "ranges": [["00:00", "24:00"]]}
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
}
NEVER_OPEN = {day: {"mode": "closed"} for day in ALWAYS_OPEN}


def make_project(**fields):
    """A published project (lokal willkommen unless told otherwise), through the service."""
    values = {
        "slug": "lokal-willkommen",
        "title": "lokal willkommen",
        "title_de": "lokal willkommen",
        "kind": Project.Kind.NETWORK,
        "start_date": date(2017, 1, 1),
        "published": True,
        **fields,
    }
    return project_services.project_create(**values)


# --- the house, its rooms and bookings -----------------------------------------------

ALL_DAY = {
    day: {"mode": "open", "ranges": [["00:00", "24:00"]]}
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
}
HOUSE_HOURS = {
    day: {"mode": "open", "ranges": [["08:00", "22:00"]]}
    for day in ["mon", "tue", "wed", "thu", "fri"]
} | {"sat": {"mode": "open", "ranges": [["10:00", "22:00"]]}, "sun": {"mode": "closed"}}


def tomorrow():
    """Tomorrow in Berlin, when asked: a date computed at import is today's after a run
    crosses midnight (and "tomorrow" matters for reminders and cancellation cut-offs)."""
    return timezone.localdate() + timedelta(days=1)


def open_every_day(room):
    """The room and its house open around the clock on every weekday: for tests about
    tomorrow, whatever weekday that is (the house is closed on Sundays)."""
    room.facility.opening_hours = ALL_DAY
    room.facility.save()
    room.bookable_hours = ALL_DAY
    room.save()
    return room


# Dates far enough ahead that a run crossing midnight changes nothing. NEXT_MONDAY is 8 to
# 14 days ahead, never tomorrow: past every cancellation cut-off and reminder on any weekday.
TODAY = timezone.localdate()
NEXT_MONDAY = TODAY + timedelta(days=14 - TODAY.weekday())


def make_house(**fields):
    fields = {
        "name": "Haus der Vielfalt",
        "slug": "haus-der-vielfalt",
        "street": "Zur Vielfalt 21",
        "postal_code": "44147",
        "opening_hours": HOUSE_HOURS,
        **fields,
    }
    return Facility.objects.create(**fields)


def make_room(facility, **fields):
    fields = {
        "name": "Saal",
        "slug": "saal",
        "capacity": 80,
        "bookable_hours": HOUSE_HOURS,
        "min_duration": 30,
        "max_duration": 600,
        "horizon_days": 365,
        **fields,
    }
    return Room.objects.create(facility=facility, **fields)


def ask(room, association=None, booker=None, **fields):
    """A booking request (a series of one, next Monday 18–20 unless told otherwise)."""
    values = {
        "room": room,
        "association": association or AssociationFactory(),
        "requested_by": booker,
        "title": "Vereinstreffen",
        "attendees": 10,
        "first_date": NEXT_MONDAY,
        "start_time": clock(18, 0),
        "end_time": clock(20, 0),
    }
    values.update(fields)
    return facility_services.booking_request(**values)


# --- events --------------------------------------------------------------------------

SOON = timezone.localdate() + timedelta(days=10)


def make_event(*, by, title="Sprachcafé", publish=True, published_by=None, **fields):
    """An event (or a series: a list) through the services, published (by `published_by`,
    or else `by`) unless told not."""
    values = {
        "by": by,
        "title": title,
        "first_date": SOON,
        "start_time": clock(17),
        "end_time": clock(19),
        "location_kind": Event.Location.ADDRESS,
        "address": "Nordmarkt, Dortmund",
    }
    values.update(fields)
    events = event_services.event_create(**values)
    if publish:
        events = [
            event_services.event_publish(event=event, by=published_by or by) for event in events
        ]
    return events[0] if len(events) == 1 else events
