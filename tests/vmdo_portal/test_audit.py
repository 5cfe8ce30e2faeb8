"""The audit log: every service that changes state writes an entry, the back office shows
an object's entries on its change page and the whole log to staff allowed to view it."""

import json
from datetime import date, time, timedelta

import pytest
from django.utils import timezone, translation

from events import services as events
from events.models import Event, Registration
from facilities import services as facilities
from members import services as members
from members.models import Invitation, Membership
from network.library import services as network_library
from projects import services as projects
from projects.models import Project
from tests.facilities.conftest import make_house, make_room
from tests.facilities.test_bookings import NEXT_MONDAY
from tests.factories import (
    AssociationFactory,
    UserFactory,
    member_of,
    sign_in_with_second_factor,
    staff_in,
)
from tests.projects.conftest import ALWAYS_OPEN
from translations.desk_services import (
    desk_fingerprint,
    desk_translation_review,
    desk_translation_save,
    translator_save,
)
from translations.models import Translator
from translations.services import translation_saved
from vmdo_portal import personal_data
from vmdo_portal.audit import ACTIONS, entries_for, log_action
from vmdo_portal.models import AuditEntry, Page
from vmdo_portal.services import page_defaults_ensure
from vmdo_portal.staff_groups import ADMINISTRATION, RAUMVERWALTUNG, REDAKTION

pytestmark = pytest.mark.django_db

LOG = "/verwaltung/vmdo_portal/auditentry/"
SOON = timezone.localdate() + timedelta(days=10)


@pytest.fixture
def world(db):
    staff = UserFactory(name="Office Person", email="office@example.org")
    house = make_house()
    return {
        "staff": staff,
        "room": make_room(house),
        "house": house,
        "association": AssociationFactory(name="Kulturbrücke"),
    }


def _booking(world, **fields):
    return facilities.booking_request(
        room=world["room"],
        association=world["association"],
        requested_by=world["staff"],
        title="Vereinstreffen",
        attendees=10,
        first_date=NEXT_MONDAY,
        start_time=time(18),
        end_time=time(20),
        **fields,
    ).bookings.get()


def _event(world, publish=True, **fields):
    values = {
        "by": world["staff"],
        "title": "Sprachcafé",
        "first_date": SOON,
        "start_time": time(17),
        "end_time": time(19),
        "location_kind": Event.Location.ADDRESS,
        "address": "Nordmarkt, Dortmund",
        **fields,
    }
    [event] = events.event_create(**values)
    return events.event_publish(event=event, by=world["staff"]) if publish else event


def _register(event, email="gast@example.org", people=1, verified=True):
    return events.registration_create(
        event=event, name="Gast", email=email, people=people, email_verified=verified
    )


def booking_approved(world):
    booking = _booking(world)
    facilities.booking_approve(booking=booking, by=world["staff"])
    return booking


def booking_rejected(world):
    booking = _booking(world)
    facilities.booking_reject(booking=booking, by=world["staff"], reason="belegt")
    return booking


def booking_withdrawn(world):
    booking = _booking(world)
    facilities.booking_withdraw(booking=booking, by=world["staff"])
    return booking


def booking_cancelled(world):
    booking = booking_approved(world)
    facilities.booking_cancel(booking=booking, by=world["staff"], reason="krank", any_time=True)
    return booking


def booking_changed(world):
    return facilities.booking_change(
        booking=_booking(world), by=world["staff"], start_time=time(17), end_time=time(19)
    )


def closure_created(world):
    start = timezone.now() + timedelta(days=3)
    closure, _hit = facilities.closure_create(
        facility=world["house"],
        room=world["room"],
        start=start,
        end=start + timedelta(hours=2),
        reason="Renovierung",
        by=world["staff"],
    )
    return closure


def event_created(world):
    return _event(world, publish=False)


def event_submitted(world):
    event = _event(world, publish=False, associations=[world["association"]])
    return events.event_submit(event=event, by=world["staff"])


def event_changed(world):
    event = _event(world)
    return events.event_update(
        event=event,
        by=world["staff"],
        first_date=SOON,
        start_time=time(18),
        end_time=time(20),
        all_day=False,
        categories=[],
        languages=[],
        may_publish=True,
        title="Sprachcafé am Abend",
    )


def event_sent_back(world):
    event = events.event_submit(
        event=_event(world, publish=False, associations=[world["association"]]),
        by=world["staff"],
    )
    return events.event_send_back(event=event, by=world["staff"], reason="Bitte Ort angeben")


def event_cancelled(world):
    return events.event_cancel(event=_event(world), by=world["staff"])


def event_room_lost(world):
    event = _event(
        world,
        first_date=NEXT_MONDAY,
        start_time=time(18),
        end_time=time(20),
        location_kind=Event.Location.ROOM,
        room=world["room"],
        address="",
    )
    other = facilities.booking_request(
        room=world["room"],
        association=AssociationFactory(name="Chor"),
        requested_by=None,
        title="Chorprobe",
        attendees=10,
        first_date=NEXT_MONDAY,
        start_time=time(16),
        end_time=time(18),
    ).bookings.get()
    facilities.booking_approve(booking=other, by=world["staff"])
    # The back office moved the event onto the choir's time; its save calls the sync.
    Event.objects.filter(pk=event.pk).update(start=other.start, end=other.end)
    assert events.event_room_sync(event=event, by=world["staff"]) != []
    return Event.objects.get(pk=event.pk, status=Event.Status.SUBMITTED)


def registration_pending(world):
    event = _event(world, registration="portal", capacity=5)
    _register(event, verified=False)
    return event


def registration_confirmed(world):
    event = _event(world, registration="portal", capacity=5)
    _register(event)
    return event


def registration_waiting(world):
    event = _event(world, registration="portal", capacity=1)
    _register(event, "a@example.org")
    events.registration_create(
        event=event, name="B", email="b@example.org", email_verified=True, waiting_list=True
    )
    return event


def registration_cancelled(world):
    event = _event(world, registration="portal", capacity=5)
    events.registration_cancel(registration=_register(event))
    return event


def registration_moved_up(world):
    event = _event(world, registration="portal", capacity=1)
    first = _register(event, "a@example.org")
    events.registration_create(
        event=event, name="B", email="b@example.org", email_verified=True, waiting_list=True
    )
    events.registration_cancel(registration=first)
    return event


def _attended(world):
    """A member's registration for a training that took place, marked attended."""
    event = _event(world, audience="members", registration="portal", capacity=5)
    person = member_of(world["association"])
    registration = events.registration_create(
        event=event,
        name=person.name,
        email=person.email,
        email_verified=True,
        association=world["association"],
        user=person,
    )
    start = timezone.now() - timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=2))
    events.registration_attendance_set(registration=registration, attended=True, by=world["staff"])
    return event, registration


def registration_attended(world):
    return _attended(world)[0]


def registration_attendance_removed(world):
    event, registration = _attended(world)
    events.registration_attendance_set(registration=registration, attended=False, by=world["staff"])
    return event


def project_created(world):
    return projects.project_create(
        slug="lokal-willkommen",
        title="lokal willkommen",
        title_de="lokal willkommen",
        kind=Project.Kind.NETWORK,
        start_date=date(2017, 1, 1),
        by=world["staff"],
    )


def site_created(world):
    return projects.site_create(
        name="Büro Nord",
        slug="buero-nord",
        project=project_created(world),
        opening_hours=ALWAYS_OPEN,
        by=world["staff"],
    )


def page_created(world):
    Page.objects.filter(key=Page.Key.ABOUT).delete()
    page_defaults_ensure()
    return Page.objects.get(key=Page.Key.ABOUT)


def association_created(world):
    return members.association_create(name="Neuer Verein e.V.", by=world["staff"])


def _profile_update(world, trusted):
    association = world["association"]
    association.trusted = trusted
    association.save()
    return members.association_profile_update(
        association=association,
        by=world["staff"],
        data={"short_name": "KB"},
        expected_version=association.version,
    )


def association_edited(world):
    _profile_update(world, trusted=True)
    return world["association"]


def revision_submitted(world):
    _profile_update(world, trusted=False)
    return world["association"]


def revision_approved(world):
    revision = _profile_update(world, trusted=False).revision
    members.revision_approve(revision=revision, by=world["staff"])
    return world["association"]


def revision_rejected(world):
    revision = _profile_update(world, trusted=False).revision
    members.revision_reject(revision=revision, by=world["staff"], reason="Bitte prüfen")
    return world["association"]


def association_published(world):
    association = members.association_create(name="Neu e.V.", by=None, published=False)
    members.association_set_published(associations=[association], published=True, by=world["staff"])
    return association


def association_unpublished(world):
    members.association_set_published(
        associations=[world["association"]], published=False, by=world["staff"]
    )
    return world["association"]


def _invite(world):
    return members.invitation_create(
        association=world["association"],
        email="Eingeladen@Example.org",
        role=Membership.Role.EDITOR,
        by=world["staff"],
    )


def invitation_sent(world):
    _invite(world)
    return world["association"]


def invitation_resent(world):
    members.invitation_resend(invitation=_invite(world), by=world["staff"])
    return world["association"]


def membership_joined(world):
    members.invitation_accept(invitation=_invite(world), user=world["staff"])
    return world["association"]


def membership_role_changed(world):
    membership = Membership.objects.get(user=member_of(world["association"]))
    members.membership_set_role(
        membership=membership, role=Membership.Role.ADMIN, by=world["staff"]
    )
    return world["association"]


def membership_removed(world):
    member_of(world["association"], Membership.Role.ADMIN)
    membership = Membership.objects.get(user=member_of(world["association"]))
    members.membership_remove(membership=membership, by=world["staff"])
    return world["association"]


def _apply():
    return members.application_submit(
        language="de",
        organisation_name="Ukrainischer Kulturverein",
        description="Sprachkurse.",
        contact_name="Olena Kovalenko",
        email="olena@example.org",
        consent=True,
    )


def application_submitted(world):
    return _apply()


def application_accepted(world):
    application = _apply()
    members.application_accept(application=application, by=world["staff"])
    return application


def application_rejected(world):
    application = _apply()
    members.application_reject(application=application, by=world["staff"])
    return application


def _desk_page(world):
    return Page.objects.get(key=Page.Key.ABOUT)


def translation_desk_saved(world):
    page = _desk_page(world)
    desk_translation_save(
        obj=page,
        language="tr",
        texts={"title": "Hakkımızda"},
        by=world["staff"],
        source=desk_fingerprint(page, "de"),
        target=desk_fingerprint(page, "tr"),
    )
    return page


def translation_desk_reviewed(world):
    page = _desk_page(world)
    page.title_tr = "Hakkımızda"
    page.save()
    translation_saved(page, "title", "tr", machine=True)
    desk_translation_review(
        obj=page,
        field="title",
        language="tr",
        by=world["staff"],
        source=desk_fingerprint(page, "de"),
        target=desk_fingerprint(page, "tr"),
    )
    return page


def _translator(world):
    translator = Translator(user=UserFactory(), languages=["ar"])
    return translator_save(translator=translator, by=world["staff"], created=True)


def translator_changed(world):
    translator = _translator(world)
    translator.languages = ["ar", "fa"]
    return translator_save(
        translator=translator, by=world["staff"], created=False, fields=["languages"]
    )


def _circular(world, *, send=False):
    from network.circulars import services as circulars

    member_of(world["association"], email="rundschreiben@example.org")
    circular = circulars.circular_create(subject="Einladung", body="Text", by=world["staff"])
    if send:
        circulars.circular_send(circular=circular, by=world["staff"])
    return circular


def circular_created(world):
    return _circular(world)


def circular_sending(world):
    return _circular(world, send=True)


def circular_retried(world):
    from network.circulars import services as circulars

    circular = _circular(world, send=True)
    circulars.circular_retry(circular=circular, by=world["staff"])
    return circular


def circular_sent(world):
    from network.circulars import services as circulars

    circular = _circular(world, send=True)
    circulars.circular_batch_deliver(circular_id=circular.pk)
    return circular


def _resource_shared(world, *, trusted):
    association = AssociationFactory(name="Wissensverein", trusted=trusted)
    Membership.objects.create(user=world["staff"], association=association)
    return network_library.resource_share(
        by=world["staff"],
        association=association,
        title="Leitfaden Satzung",
        summary="Was in eine Satzung gehört.",
        topic="vereinsrecht",
        kind="guide",
        audience="board",
        languages=["de"],
        link="https://example.org/satzung",
    )


def resource_published(world):
    return _resource_shared(world, trusted=True)


def resource_submitted(world):
    return _resource_shared(world, trusted=False)


def resource_approved(world):
    resource = _resource_shared(world, trusted=False)
    return network_library.resource_approve(resource=resource, by=world["staff"])


def resource_rejected(world):
    resource = _resource_shared(world, trusted=False)
    return network_library.resource_reject(resource=resource, by=world["staff"], reason="Doppelt")


def _offer(world):
    from tests.network.offers_helpers import make_post

    Membership.objects.get_or_create(user=world["staff"], association=world["association"])
    return make_post(world["association"], by=world["staff"])


def _offer_then(name, **arguments):
    def call(world):
        from network.offers import services as offers

        if name in ("offer_answer_send", "offer_report"):
            from tests.network.offers_helpers import make_post

            # Another association's post, answered or reported by the acting person.
            post = make_post(AssociationFactory())
        else:
            post = _offer(world)
        if name == "offer_post_reopen":
            offers.offer_post_done(post=post, by=world["staff"])
        if name == "offer_post_unhide":
            offers.offer_post_hide(post=post, by=world["staff"], reason="Werbung")
        if name == "offer_answer_send":
            return offers.offer_answer_send(post=post, by=world["staff"], message="Hallo").post
        if name == "offer_report":
            offers.offer_report(post=post, by=world["staff"], reason="Werbung")
            return post
        if name == "offer_reports_dismiss":
            offers.offer_report(post=post, by=None, reason="Werbung")
            offers.offer_reports_dismiss(reports=post.reports.all(), by=world["staff"])
            return post
        pk = post.pk
        getattr(offers, name)(post=post, by=world["staff"], **arguments)
        post.pk = pk  # a deleted post's entries stay under its id
        return post

    call.__name__ = name
    return call


# (service call, the action its object's newest entry has, whether the office acted)
SERVICES = [
    (_booking, "booking.requested", True),
    (booking_approved, "booking.approved", True),
    (booking_rejected, "booking.rejected", True),
    (booking_withdrawn, "booking.withdrawn", True),
    (booking_cancelled, "booking.cancelled", True),
    (booking_changed, "booking.changed", True),
    (closure_created, "closure.created", True),
    (event_created, "event.created", True),
    (event_submitted, "event.submitted", True),
    (_event, "event.published", True),
    (event_changed, "event.changed", True),
    (event_sent_back, "event.sent_back", True),
    (event_cancelled, "event.cancelled", True),
    (event_room_lost, "event.room_lost", True),
    (registration_pending, "registration.pending", False),
    (registration_confirmed, "registration.confirmed", False),
    (registration_waiting, "registration.waiting", False),
    (registration_cancelled, "registration.cancelled", False),
    (registration_moved_up, "registration.moved_up", False),
    (registration_attended, "registration.attended", True),
    (registration_attendance_removed, "registration.attendance_removed", True),
    (project_created, "project.created", True),
    (site_created, "site.created", True),
    (page_created, "page.created", False),
    (association_created, "association.created", True),
    (association_edited, "association.edited", True),
    (revision_submitted, "revision.submitted", True),
    (revision_approved, "revision.approved", True),
    (revision_rejected, "revision.rejected", True),
    (association_published, "association.published", True),
    (association_unpublished, "association.unpublished", True),
    (invitation_sent, "invitation.sent", True),
    (invitation_resent, "invitation.resent", True),
    (membership_joined, "membership.joined", True),
    (membership_removed, "membership.removed", True),
    (membership_role_changed, "membership.role_changed", True),
    (application_submitted, "application.submitted", False),
    (application_accepted, "application.accepted", True),
    (application_rejected, "application.rejected", True),
    (translation_desk_saved, "translation.saved", True),
    (translation_desk_reviewed, "translation.reviewed", True),
    (_translator, "translator.assigned", True),
    (translator_changed, "translator.changed", True),
]


def _contact_listing(world, visible=True):
    from network.contacts.services import contact_listing_save

    if not world["staff"].memberships.exists():
        world["staff"].memberships.create(association=world["association"])
    return contact_listing_save(
        user=world["staff"],
        visible=visible,
        name="Office Person",
        role="",
        languages=[],
        fields_of_activity=[],
    )


def contact_listing_consented(world):
    return _contact_listing(world)


def contact_listing_withdrawn(world):
    _contact_listing(world)
    return _contact_listing(world, visible=False)


def contact_listing_deleted(world):
    from network.contacts.services import contact_listing_delete
    from network.models import ContactListing

    listing = _contact_listing(world, visible=False)
    contact_listing_delete(user=world["staff"])
    return ContactListing(pk=listing.pk)


SERVICES += [
    (contact_listing_consented, "contact_listing.consented", True),
    (contact_listing_withdrawn, "contact_listing.withdrawn", True),
    (contact_listing_deleted, "contact_listing.deleted", True),
    (circular_created, "circular.created", True),
    (circular_sending, "circular.sending", True),
    (circular_retried, "circular.retried", True),
    (circular_sent, "circular.sent", False),
    (resource_published, "resource.published", True),
    (resource_submitted, "resource.submitted", True),
    (resource_approved, "resource.approved", True),
    (resource_rejected, "resource.rejected", True),
    (_offer, "offer.created", True),
    (_offer_then("offer_post_update", title="Zwei Beamer"), "offer.changed", True),
    (_offer_then("offer_post_done"), "offer.done", True),
    (_offer_then("offer_post_reopen"), "offer.reopened", True),
    (_offer_then("offer_post_delete"), "offer.deleted", True),
    (_offer_then("offer_answer_send"), "offer.answered", True),
    (_offer_then("offer_report"), "offer.reported", True),
    (_offer_then("offer_post_hide", reason="Werbung"), "offer.hidden", True),
    (_offer_then("offer_post_unhide"), "offer.unhidden", True),
    (_offer_then("offer_reports_dismiss"), "offer.report_dismissed", True),
]


def test_every_action_has_a_service_in_this_test():
    """A new action gets its case above (the back office's generic ones are tested below)."""
    tested = {action for _service, action, _by in SERVICES}
    generic = {"admin.created", "admin.changed", "admin.deleted", "translation.changed"}
    generic.add("membership.granted")  # the membership admin's add form, tested below
    assert set(ACTIONS) - generic == tested


@pytest.mark.parametrize(("service", "action", "by_office"), SERVICES, ids=lambda v: str(v))
def test_each_service_writes_its_entry(world, service, action, by_office):
    obj = service(world)
    entry = entries_for(obj).first()
    assert entry.action == action
    assert entry.object_repr == str(obj)
    assert (entry.actor, entry.actor_name) == (
        (world["staff"], "Office Person") if by_office else (None, "")
    )
    assert abs(entry.at - timezone.now()) < timedelta(minutes=1)


def test_entries_carry_what_changed(world):
    assert entries_for(booking_rejected(world)).first().data == {"reason": "belegt"}
    changed = entries_for(event_changed(world)).first()
    assert changed.data == {"fields": ["title", "start", "end"]}
    assert changed.field_labels() == ["Titel", "Beginn", "Ende"]
    sent_back = entries_for(event_sent_back(world)).first()
    assert sent_back.data == {"reason": "Bitte Ort angeben"}


def test_registration_entries_carry_no_personal_data(world):
    event = _event(world, registration="portal", capacity=1)
    first = events.registration_create(
        event=event, name="Erika Mustermann", email="Erika@Example.org", email_verified=True
    )
    events.registration_create(
        event=event,
        name="Max Muster",
        email="max@example.org",
        people=1,
        email_verified=True,
        waiting_list=True,
    )
    events.registration_cancel(registration=first)
    second = Registration.objects.get(email="max@example.org")
    entries = [e for e in entries_for(event) if e.action.startswith("registration.")]
    assert [(e.action, e.data) for e in entries][::-1] == [
        ("registration.confirmed", {"registration": first.pk, "people": 1}),
        ("registration.waiting", {"registration": second.pk, "people": 1}),
        ("registration.cancelled", {"registration": first.pk, "people": 1}),
        ("registration.moved_up", {"registration": second.pk, "people": 1}),
    ]
    everything = json.dumps(
        list(AuditEntry.objects.values("actor_name", "object_repr", "data")), default=str
    ).lower()
    for personal in ["erika", "mustermann", "max", "muster@"]:
        assert personal not in everything


def test_invitations_and_removals_keep_addresses_out_or_anonymise_them(world):
    assert entries_for(invitation_sent(world)).first().data == {
        "invitation": Invitation.objects.get().pk,
        "role": "editor",
    }
    association = membership_removed(world)
    removed = entries_for(association).first()
    person = removed.data["person"]
    personal_data.erase(type(world["staff"]).objects.get(email=person))
    removed.refresh_from_db()
    assert removed.data == {"person": "gelöschtes Konto"}


def test_an_unknown_action_is_refused(world):
    with pytest.raises(ValueError, match="Unknown audit action"):
        log_action(world["association"], "booking.aproved", by=None)


def test_every_action_has_a_german_label():
    def labels(language):
        with translation.override(language):
            return {code: str(label) for code, label in ACTIONS.items()}

    english, german = labels(None), labels("de")
    assert [code for code in ACTIONS if german[code] == english[code]] == []


# --- the back office ---------------------------------------------------------------------


def test_the_change_page_shows_the_history_newest_first_in_local_time(client, world):
    booking = booking_cancelled(world)
    AuditEntry.objects.filter(action="booking.cancelled").update(
        at=timezone.make_aware(timezone.datetime(2031, 7, 7, 18, 0))  # local time
    )
    office = sign_in_with_second_factor(client, staff_in(RAUMVERWALTUNG))
    page = office.get(f"/verwaltung/facilities/booking/{booking.pk}/change/").content.decode()
    history = page[page.index("Verlauf") :]
    assert history.index("Buchung storniert") < history.index("Buchung genehmigt")
    assert history.index("Buchung genehmigt") < history.index("Buchung angefragt")
    assert "07.07.2031, 18:00" in history
    assert "Begründung: krank" in history
    assert "Office Person" in history
    # Raumverwaltung may not view the whole log: no link to it.
    assert "im Änderungsprotokoll" not in history


def _page_form(page, **changes):
    data = {}
    for code in ["de", "en", "tr", "ar", "uk", "ru", "fa", "pl"]:
        for name in ["title", "summary", "body"]:
            data[f"{name}_{code}"] = getattr(page, f"{name}_{code}") or ""
    return data | changes


def test_a_back_office_edit_is_logged_with_the_changed_fields(client, world):
    page = Page.objects.get(key=Page.Key.ABOUT)
    office = sign_in_with_second_factor(client, staff_in(REDAKTION, name="Redakteurin"))
    url = f"/verwaltung/vmdo_portal/page/{page.pk}/change/"
    assert office.post(url, _page_form(page, title_de="Über den VMDO")).status_code == 302
    page.refresh_from_db()
    assert office.post(url, _page_form(page, title_ar="عن الجمعية")).status_code == 302
    assert [(e.action, e.actor_name, e.data) for e in entries_for(page)][:2] == [
        ("translation.changed", "Redakteurin", {"fields": ["title_ar"]}),
        ("admin.changed", "Redakteurin", {"fields": ["title_de"]}),
    ]
    history = office.get(url).content.decode()
    assert "Übersetzung in der Verwaltung bearbeitet" in history
    assert "Felder: Titel [de]" in history


def test_the_log_is_filtered_by_action_and_object(client, world):
    booking = booking_approved(world)
    other = _event(world)
    office = sign_in_with_second_factor(client, staff_in(ADMINISTRATION))
    response = office.get(LOG, {"action": "booking.approved"})
    assert response.status_code == 200
    assert [e.object_repr for e in response.context["cl"].result_list] == [str(booking)]
    response = office.get(LOG, {"q": "Sprachcafé"})
    assert {e.object_repr for e in response.context["cl"].result_list} == {str(other)}
    page = office.get(f"/verwaltung/events/event/{other.pk}/change/").content.decode()
    assert "Dieses Objekt im Änderungsprotokoll" in page
    assert "Buchung genehmigt" in office.get(LOG).content.decode()


@pytest.mark.parametrize(
    ("groups", "status"),
    [((ADMINISTRATION,), 200), ((REDAKTION,), 403), ((RAUMVERWALTUNG,), 403)],
)
def test_only_staff_allowed_to_view_the_log_see_it(client, world, groups, status):
    entry = log_action(world["association"], "association.created", by=None)
    office = sign_in_with_second_factor(client, staff_in(*groups))
    assert office.get(LOG).status_code == status
    assert office.get(f"{LOG}{entry.pk}/change/").status_code == status


def test_the_log_cannot_be_added_to_changed_or_deleted(client, world):
    entry = log_action(world["association"], "association.created", by=None)
    office = sign_in_with_second_factor(client, staff_in(ADMINISTRATION))
    assert office.get(f"{LOG}add/").status_code == 403
    assert office.post(f"{LOG}{entry.pk}/delete/").status_code == 403
    page = office.get(f"{LOG}{entry.pk}/change/").content.decode()
    assert 'name="_save"' not in page


def test_deleting_an_account_keeps_its_entries_without_its_name(world):
    booking = booking_approved(world)
    personal_data.erase(world["staff"])
    entry = entries_for(booking).first()
    assert (entry.action, entry.actor, entry.actor_name) == (
        "booking.approved",
        None,
        "gelöschtes Konto",
    )


@pytest.mark.parametrize("count", [1, 20])
def test_the_log_needs_the_same_queries_for_1_or_20(
    client, world, django_assert_num_queries, count
):
    booking = _booking(world)
    for _number in range(count):
        log_action(world["association"], "association.edited", by=world["staff"])
        log_action(booking, "booking.approved", by=world["staff"])
    office = sign_in_with_second_factor(client, staff_in(ADMINISTRATION))
    with django_assert_num_queries(12):
        response = office.get(LOG)
    assert response.context["cl"].result_count == 2 * count + 2  # + requested, created


def test_access_granted_or_changed_in_the_back_office_is_in_the_associations_history(client, world):
    association = world["association"]
    person = UserFactory(email="person@example.org")
    office = sign_in_with_second_factor(client, staff_in(REDAKTION, name="Redakteurin"))
    memberships = "/verwaltung/members/membership/"
    data = {"user": person.pk, "association": association.pk, "role": Membership.Role.EDITOR}
    assert office.post(f"{memberships}add/", data).status_code == 302
    membership = Membership.objects.get(user=person)
    change = {"role": Membership.Role.ADMIN}
    assert office.post(f"{memberships}{membership.pk}/change/", change).status_code == 302
    assert [(e.action, e.actor_name, e.data) for e in entries_for(association)][:2] == [
        ("membership.role_changed", "Redakteurin", {"person": person.email, "role": "admin"}),
        ("membership.granted", "Redakteurin", {"person": person.email, "role": "editor"}),
    ]
    page = office.get(f"/verwaltung/members/association/{association.pk}/change/")
    assert "Zugang in der Verwaltung erteilt" in page.content.decode()
