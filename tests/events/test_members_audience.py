"""Events for the member associations (trainings): never public, registration by a member
for their association through the events services (row lock, waiting list, places per
association), attendance by staff, kept for the certificate, in the personal data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import Event, Registration
from members.models import Association, Membership
from tests.factories import AssociationFactory, make_project, member_of
from vmdo_portal import personal_data
from vmdo_portal.models import AuditEntry
from vmdo_portal.services import Refused

pytestmark = pytest.mark.django_db

TRAINING = "Vereinsrecht für Vorstände"


@pytest.fixture
def training(make_event):
    return make_event(
        title=TRAINING,
        audience=Event.Audience.MEMBERS,
        organised_by_vmdo=True,
        registration=Event.RegistrationMode.PORTAL,
        capacity=3,
        places_per_association=2,
        summary="Satzung, Vorstand, Haftung",
    )


def register(event, user, association, **fields):
    return services.registration_create(
        event=event,
        name=fields.pop("name", user.name if user else "Gast"),
        email=user.email if user else "gast@example.org",
        email_verified=True,
        association=association,
        user=user,
        **fields,
    )


def move_to_the_past(event, days=2):
    start = timezone.now() - timedelta(days=days)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=3))
    event.refresh_from_db()


# --- never public ------------------------------------------------------------------------


def test_a_training_is_on_no_public_page_feed_or_search(client, make_event, training):
    association = AssociationFactory(name="Kulturbrücke Nordstadt")
    project = make_project()
    public = make_event(title="Sprachcafé Vereinsrecht")
    for event in (public, training):
        event.organiser_associations.set([association])
        event.organiser_projects.set([project])
    pages = {
        "list": "/de/veranstaltungen/",
        "month": f"/de/veranstaltungen/?ansicht=monat&monat={training.start:%Y-%m}",
        "home": "/de/",
        "association": f"/de/vereine/{association.slug}/",
        "project": f"/de/projekte/{project.slug}/",
        "search": "/de/suche/?q=Vereinsrecht",
        "ical": "/de/veranstaltungen/feed.ics",
        "atom": "/de/veranstaltungen/feed.atom",
    }
    for name, path in pages.items():
        page = client.get(path).content.decode()
        assert (name, public.title in page or public.slug in page) == (name, True)
        assert (name, TRAINING in page, training.slug in page) == (name, False, False)
    # The sitemap lists no events at all (pages, associations, projects, sites, rooms).
    sitemap = client.get("/sitemap.xml").content.decode()
    assert (association.slug in sitemap, training.slug in sitemap) == (True, False)
    assert client.get(f"/de/veranstaltungen/{training.slug}/").status_code == 404
    assert client.get(f"/de/veranstaltungen/{training.slug}/kalender.ics").status_code == 404


def test_a_past_training_is_not_in_the_public_archive(client, make_event, training):
    public = make_event(title="Sprachcafé im Herbst")
    move_to_the_past(training)
    move_to_the_past(public)
    page = client.get("/de/veranstaltungen/?archiv=1").content.decode()
    assert (public.title in page, TRAINING in page) == (True, False)


def test_public_means_not_for_the_members_in_every_queryset(training, make_event):
    public = make_event()
    assert list(Event.objects.public()) == [public]
    assert list(Event.objects.for_members()) == [training]
    assert training.get_absolute_url() == f"/de/netzwerk/qualifizierung/{training.slug}/"


def test_associations_cannot_choose_the_member_audience_on_their_dashboard():
    from events.forms import EventForm

    values = [value for value, _label in EventForm().fields["audience"].choices]
    assert values == ["everyone", "families", "women", "youth", "seniors"]


# --- registration ----------------------------------------------------------------------------


def test_a_member_registers_for_their_association_under_the_row_lock(training):
    association = AssociationFactory()
    user = member_of(association)
    registration = register(training, user, association)
    assert (registration.status, registration.association, registration.user) == (
        "confirmed",
        association,
        user,
    )
    assert list(
        AuditEntry.objects.filter(action="registration.confirmed").values_list("data", flat=True)
    ) == [{"registration": registration.pk, "people": 1}]


@pytest.mark.parametrize(
    "who",
    ["anonymous", "no_association", "foreign_association", "applicant", "former_member"],
)
def test_only_a_member_registers_and_only_for_their_member_association(training, who):
    own = AssociationFactory()
    user = member_of(own)
    association = {
        "no_association": None,
        "foreign_association": AssociationFactory(),
        "applicant": AssociationFactory(status=Association.Status.APPLICANT),
        "former_member": AssociationFactory(status=Association.Status.FORMER),
    }.get(who, own)
    if who in ("applicant", "former_member"):
        Membership.objects.create(user=user, association=association)
    with pytest.raises(Refused) as refused:
        register(training, None if who == "anonymous" else user, association)
    expected = (
        "Bitte melden Sie sich im Portal an, um Ihren Verein anzumelden."
        if who == "anonymous"
        else "Bitte wählen Sie einen Ihrer Mitgliedsvereine."
    )
    assert refused.value.errors == [expected]
    assert Registration.objects.count() == 0


def test_a_public_event_takes_no_association(make_event):
    event = make_event(registration="portal", capacity=5)
    association = AssociationFactory()
    with pytest.raises(Refused) as refused:
        register(event, member_of(association), association)
    assert refused.value.errors == [
        "Für diese Veranstaltung können keine Vereine angemeldet werden."
    ]


def test_each_person_registers_once_and_on_their_own(training):
    association = AssociationFactory()
    user = member_of(association)
    with pytest.raises(Refused) as refused:
        register(training, user, association, people=2)
    assert refused.value.errors == ["Jede Person meldet sich einzeln an."]
    register(training, user, association)
    with pytest.raises(Refused) as refused:
        register(training, user, association)
    assert refused.value.errors == [
        "Diese E-Mail-Adresse ist für diese Veranstaltung bereits angemeldet."
    ]
    assert Registration.objects.count() == 1


def test_the_places_per_association_are_counted_and_a_cancellation_frees_one(training):
    association = AssociationFactory()
    first, second, third = (member_of(association) for _ in range(3))
    register(training, first, association)
    register(training, second, association)
    with pytest.raises(Refused) as refused:
        register(training, third, association)
    assert refused.value.errors == [
        "Ihr Verein hat bereits 2 Plätze für diese Veranstaltung belegt, mehr sind nicht möglich."
    ]
    services.registration_cancel(registration=Registration.objects.get(user=first))
    assert register(training, third, association).status == "confirmed"


def test_a_full_training_puts_members_on_the_waiting_list_and_moves_them_up(training):
    associations = [AssociationFactory() for _ in range(4)]
    people = [member_of(association) for association in associations]
    for user, association in zip(people[:3], associations[:3], strict=True):
        assert register(training, user, association).status == "confirmed"
    waiting = register(training, people[3], associations[3])
    assert waiting.status == "waiting"
    services.registration_cancel(registration=Registration.objects.get(user=people[0]))
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_waiting_registrations_count_against_the_places_per_association(training):
    training.capacity = 1
    training.save(update_fields=["capacity"])
    association = AssociationFactory()
    first, second, third = (member_of(association) for _ in range(3))
    register(training, first, association)
    assert register(training, second, association).status == "waiting"
    with pytest.raises(Refused):
        register(training, third, association)


# --- attendance ----------------------------------------------------------------------------


def test_staff_mark_attendance_after_the_start_of_confirmed_registrations(training, staff):
    association = AssociationFactory()
    registration = register(training, member_of(association), association)
    with pytest.raises(Refused) as refused:
        services.registration_attendance_set(registration=registration, attended=True, by=staff)
    assert refused.value.errors == [
        "Die Teilnahme kann erst erfasst werden, wenn die Veranstaltung begonnen hat."
    ]
    move_to_the_past(training)
    services.registration_attendance_set(registration=registration, attended=True, by=staff)
    registration.refresh_from_db()
    assert registration.attended is True
    entry = AuditEntry.objects.get(action="registration.attended")
    assert (entry.actor, entry.object_id, entry.data) == (
        staff,
        training.pk,
        {"registration": registration.pk},
    )
    services.registration_attendance_set(registration=registration, attended=False, by=staff)
    registration.refresh_from_db()
    assert registration.attended is False
    assert AuditEntry.objects.filter(action="registration.attendance_removed").count() == 1


def test_attendance_is_refused_for_waiting_and_public_registrations(training, make_event, staff):
    training.capacity = 1
    training.save(update_fields=["capacity"])
    first, second = AssociationFactory(), AssociationFactory()
    register(training, member_of(first), first)
    waiting = register(training, member_of(second), second)
    public = make_event(registration="portal", capacity=5)
    visitor = services.registration_create(
        event=public, name="Gast", email="gast@example.org", email_verified=True
    )
    move_to_the_past(training)
    move_to_the_past(public)
    with pytest.raises(Refused) as refused:
        services.registration_attendance_set(registration=waiting, attended=True, by=staff)
    assert refused.value.errors == [
        "Nur bestätigte Anmeldungen können als teilgenommen markiert werden."
    ]
    with pytest.raises(Refused) as refused:
        services.registration_attendance_set(registration=visitor, attended=True, by=staff)
    assert refused.value.errors == [
        "Die Teilnahme wird nur bei Veranstaltungen für die Mitgliedsvereine erfasst."
    ]


# --- kept for the certificate, in the personal data -------------------------------------------


def test_attended_training_registrations_are_kept_for_the_certificate(training, staff):
    association = AssociationFactory()
    attended = register(training, member_of(association), association)
    absent = register(training, member_of(association), association)
    move_to_the_past(training, days=40)
    services.registration_attendance_set(registration=attended, attended=True, by=staff)
    call_command("purge_registrations", stdout=StringIO())
    assert list(Registration.objects.all()) == [attended]
    assert services.registrations_purge(now=timezone.now() + services.CERTIFICATES_KEPT) == 1
    assert absent.pk is not None


def test_training_registrations_are_in_the_personal_data_and_erased(training, staff):
    association = AssociationFactory(name="Kulturbrücke Hörde")
    user = member_of(association)
    registration = register(training, user, association)
    move_to_the_past(training)
    services.registration_attendance_set(registration=registration, attended=True, by=staff)
    # The account's address changed since: the registration is still theirs.
    user.email = "neu@example.org"
    user.save(update_fields=["email"])
    assert personal_data.collect(user)["events"] == {
        "registrations": [
            {
                "event": TRAINING,
                "date": training.start.isoformat(),
                "people": 1,
                "status": "confirmed",
                "association": "Kulturbrücke Hörde",
                "attended": True,
            }
        ]
    }
    personal_data.erase(user)
    assert Registration.objects.count() == 0
