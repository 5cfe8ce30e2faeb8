"""Registration on the portal against abuse: an anonymous visitor's registration waits for
the link in an email that carries none of their text; limits per client and per event."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from babel.dates import format_date
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PHISHING = "Your account will be locked - log in at https://evil.example/login"


def register(client, event, email, name="Gast", people=1, **extra):
    return client.post(
        event.get_absolute_url(), {"name": name, "email": email, "people": people}, **extra
    )


def confirm_url(registration) -> str:
    return f"/de/veranstaltungen/bestaetigen/{registration.cancel_token}/"


def test_an_anonymous_registration_takes_no_place_and_its_mail_carries_no_visitor_text(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event, "Opfer@Example.org", name=PHISHING)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.status, registration.email) == ("pending", "opfer@example.org")
    assert services.confirmed_people(event) == 0
    assert client.get(event.get_absolute_url()).context["places_left"] == 1
    [message] = mail.outbox
    assert message.to == ["opfer@example.org"]
    assert message.subject == "[VMDO] Bitte bestätigen Sie Ihre Anmeldung: Sprachcafé"
    day = format_date(timezone.localtime(event.start), "full", locale="de")
    assert message.body == (
        "Guten Tag,\n\n"
        "jemand hat diese E-Mail-Adresse im VMDO-Portal für eine Veranstaltung angemeldet:\n\n"
        "Sprachcafé\n"
        f"Wann: {day}, 17:00–19:00 Uhr\n"
        "Wo: Nordmarkt, Dortmund\n"
        f"Zur Veranstaltung: http://127.0.0.1:8000/de/veranstaltungen/{event.slug}/\n\n"
        "Um die Anmeldung zu bestätigen, öffnen Sie bitte innerhalb von 24 Stunden diesen Link:\n"
        f"http://127.0.0.1:8000/de/veranstaltungen/bestaetigen/{registration.cancel_token}/\n\n"
        "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ohne Bestätigung geschieht "
        "nichts, und die Anmeldung wird gelöscht.\n"
    )
    assert message.attachments == []  # no calendar file before the address is proven
    assert "evil.example" not in message.body
    assert "Gast" not in message.body


def test_following_the_link_takes_the_place_then_the_waiting_list(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, "erste@example.org", name="Erste")
        register(client, event, "zweite@example.org", name="Zweite")
    first, second = Registration.objects.order_by("pk")
    mail.outbox.clear()

    page = client.get(confirm_url(second))  # a mail scanner following the link changes nothing
    assert page.status_code == 200
    assert Registration.objects.get(pk=second.pk).status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url(second), follow=True)
    assert response.redirect_chain == [(event.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Sie sind angemeldet. Wir haben Ihnen eine E-Mail geschickt."
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_url(first), follow=True)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"zweite@example.org": "confirmed", "erste@example.org": "waiting"}
    assert [(m.to, m.body.splitlines()[0]) for m in mail.outbox] == [
        (["zweite@example.org"], "Hallo Zweite,"),
        (["erste@example.org"], "Hallo Erste,"),
    ]
    assert f"/veranstaltungen/abmelden/{second.cancel_token}/" in mail.outbox[0].body

    again = client.post(confirm_url(second), follow=True)
    assert [str(m) for m in again.context["messages"]] == ["Ihre Anmeldung ist bereits bestätigt."]
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/de/veranstaltungen/bestaetigen/unbekannt/", 404),
        ("/de/veranstaltungen/bestaetigen/%00/", 404),
        ("/de/veranstaltungen/bestaetigen/a%00b/", 404),
        ("/de/veranstaltungen/bestaetigen/%E2%80%AE/", 404),
    ],
)
def test_unknown_and_hostile_confirmation_links_get_a_page(client, path, status):
    assert client.get(path).status_code == status
    assert client.post(path).status_code == status


def test_an_expired_link_is_gone_and_purged(client, make_event, django_capture_on_commit_callbacks):
    event = make_event(registration="portal", capacity=5)
    register(client, event, "spaet@example.org")
    kept = services.registration_create(
        event=event, name="B", email="b@example.org", email_verified=True
    )
    registration = Registration.objects.get(status="pending")
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    response = client.get(confirm_url(registration))
    assert response.status_code == 410
    assert "nicht mehr gültig" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm_url(registration)).status_code == 410
    assert Registration.objects.get(pk=registration.pk).status == "pending"
    assert mail.outbox == []
    out = StringIO()
    call_command("purge_registrations", stdout=out)
    assert out.getvalue().strip() == "1 registrations deleted."
    assert list(Registration.objects.values_list("pk", flat=True)) == [kept.pk]


def test_registering_again_replaces_the_pending_registration(client, make_event):
    event = make_event(registration="portal", capacity=5)
    register(client, event, "gast@example.org")
    old = Registration.objects.get()
    register(client, event, "gast@example.org")
    new = Registration.objects.get()
    assert new.pk != old.pk
    assert client.get(confirm_url(old)).status_code == 404


def test_a_pending_registration_hears_nothing_of_a_cancelled_event_nor_shows_to_organisers(
    client, make_event, staff, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=5)
    register(client, event, "wartend@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=staff)
    assert mail.outbox == []
    registration = Registration.objects.get()
    assert client.get(confirm_url(registration)).status_code == 200
    response = client.post(confirm_url(registration), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Die Anmeldung für diese Veranstaltung ist geschlossen."
    ]
    assert Registration.objects.get().status == "pending"


def test_a_signed_in_person_with_a_verified_address_is_registered_at_once(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=5)
    person = UserFactory(email="mitglied@example.org", name="Mitglied")
    unverified = UserFactory(email="neu@example.org", email_verified=False)
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event, "Mitglied@example.org", name="Mitglied")
        register(client, event, "jemand-anderes@example.org", name="Andere")
    client.force_login(unverified)
    register(client, event, "neu@example.org")
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "mitglied@example.org": "confirmed",
        "jemand-anderes@example.org": "pending",
        "neu@example.org": "pending",
    }
    assert mail.outbox[0].body.splitlines()[0] == "Hallo Mitglied,"


@pytest.mark.parametrize("name", ["Gast\nBcc: x@example.org", "Gast\rX", "A\x00B", "Tab\there"])
def test_names_with_control_characters_are_refused(client, make_event, name):
    event = make_event(registration="portal", capacity=5)
    response = register(client, event, "gast@example.org", name=name)
    assert response.status_code == 400
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_thirty_registrations_from_one_client_are_limited(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=100)
    other = make_event(title="Kochabend", registration="portal", capacity=100)
    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            register(client, event if n % 2 else other, f"p{n}@example.org").status_code
            for n in range(30)
        ]
    assert codes == [302] * 10 + [429] * 20
    assert len(mail.outbox) == 10
    assert Registration.objects.count() == 10
    response = register(client, event, "noch-einer@example.org")
    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "Zu viele Anmeldungen auf einmal. Bitte versuchen Sie es in einer Stunde erneut."
    ]
    elsewhere = register(client, event, "anderswo@example.org", REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 302


def test_registrations_for_one_event_are_limited_whoever_sends_them(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=100)
    other = make_event(title="Kochabend", registration="portal", capacity=100)
    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            register(client, event, f"p{n}@example.org", REMOTE_ADDR=f"198.51.100.{n}").status_code
            for n in range(55)
        ]
    assert codes == [302] * 50 + [429] * 5
    assert len(mail.outbox) == 50
    assert register(client, other, "p0@example.org", REMOTE_ADDR="203.0.113.1").status_code == 302


def places_text(response) -> str:
    return re.search(r"<p>(Noch \d+ Pl\w+ frei\.)", response.content.decode()).group(1)


def test_a_group_bigger_than_the_places_left_chooses_a_smaller_group_or_the_waiting_list(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=9)
    services.registration_create(
        event=event, name="Erste", email="erste@example.org", people=5, email_verified=True
    )
    response = register(client, event, "gruppe@example.org", people=9)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "people": [
            "Nur noch 4 Plätze sind frei. Verkleinern Sie Ihre Gruppe auf 4 oder weniger "
            "oder setzen Sie sich mit allen 9 auf die Warteliste."
        ]
    }
    page = response.content.decode()
    assert '<button type="submit" name="waiting_list" value="1" class="button-secondary">' in page
    assert "Mit allen 9 auf die Warteliste</button>" in page
    assert places_text(response) == "Noch 4 Plätze frei."
    assert Registration.objects.count() == 1
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            event.get_absolute_url(),
            {"name": "Gruppe", "email": "gruppe@example.org", "people": 9, "waiting_list": "1"},
            follow=True,
        )
    assert response.redirect_chain == [(event.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Fast geschafft: Bitte bestätigen Sie Ihre Anmeldung mit dem Link, den wir an Ihre "
        "E-Mail-Adresse geschickt haben."
    ]
    waiting = Registration.objects.get(email="gruppe@example.org")
    assert (waiting.status, waiting.people) == ("pending", 9)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url(waiting), follow=True)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.people) == ("waiting", 9)
    assert [str(m) for m in response.context["messages"]] == [
        "Nur noch 4 Plätze sind frei, zu wenig für Ihre Gruppe von 9: Sie stehen mit allen 9 "
        "auf der Warteliste. Wir schreiben Ihnen, wenn genug Plätze frei werden."
    ]
    assert places_text(response) == "Noch 4 Plätze frei."

    person = UserFactory(email="klein@example.org")
    client.force_login(person)
    response = register(client, event, "klein@example.org", people=4)
    assert response.status_code == 302
    smaller = Registration.objects.get(email="klein@example.org")
    assert (smaller.status, smaller.people) == ("confirmed", 4)
    assert services.places_left(event) == 0
    assert places_text(client.get(event.get_absolute_url())) == "Noch 0 Plätze frei."


def test_places_taken_before_the_link_is_followed_mean_the_waiting_list_and_it_says_so(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration="portal", capacity=6)
    register(client, event, "gruppe@example.org", people=4, follow=True)
    pending = Registration.objects.get()
    assert pending.status == "pending"
    services.registration_create(
        event=event, name="Schneller", email="s@example.org", people=4, email_verified=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url(pending), follow=True)
    pending.refresh_from_db()
    assert (pending.status, pending.people) == ("waiting", 4)
    assert [str(m) for m in response.context["messages"]] == [
        "Nur noch 2 Plätze sind frei, zu wenig für Ihre Gruppe von 4: Sie stehen mit allen 4 "
        "auf der Warteliste. Wir schreiben Ihnen, wenn genug Plätze frei werden."
    ]
    assert places_text(response) == "Noch 2 Plätze frei."
    # The email tells the same truth (not "the event is full").
    body = mail.outbox[-1].body
    assert body.split("\n\n")[1] == (
        "es sind nur noch 2 Plätze frei, nicht genug für Ihre Gruppe von 4 Personen: Sie "
        "stehen mit allen 4 auf der Warteliste. Wir schreiben Ihnen, sobald Platz für Ihre "
        "Gruppe ist."
    )
