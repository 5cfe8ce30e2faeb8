"""Trainings in the network area (Qualifizierung): the list, a training with its
registration for one's association, cancelling, the certificate of participation, the
news on the start page, attendance in the back office."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from events import services as event_services
from events.models import Event, Registration
from members.models import Membership
from network.trainings.register import news
from tests.factories import AssociationFactory, UserFactory, make_event, make_house, member_of
from tests.network.conftest import NETWORK_ROLES, expected
from vmdo_portal import l10n

pytestmark = pytest.mark.django_db

LIST = "/de/netzwerk/qualifizierung/"
TITLE = "Fördermittel beantragen"


@pytest.fixture
def office(db):
    return UserFactory(is_staff=True, email="qualifizierung@example.org")


@pytest.fixture
def make_training(office):
    def make(title=TITLE, **fields):
        values = {
            "audience": Event.Audience.MEMBERS,
            "organised_by_vmdo": True,
            "registration": Event.RegistrationMode.PORTAL,
            "capacity": 12,
            "places_per_association": 2,
            **fields,
        }
        return make_event(by=office, title=title, **values)

    return make


@pytest.fixture
def training(make_training):
    return make_training()


def detail(event):
    return f"{LIST}{event.slug}/"


def register(event, user, association, name=None):
    return event_services.registration_create(
        event=event,
        name=name or user.name,
        email=user.email,
        email_verified=True,
        association=association,
        user=user,
    )


def attended(event, user, association, office, name=None):
    """A registration the person took part in (the training then over)."""
    registration = register(event, user, association, name)
    start = timezone.now() - timedelta(days=3)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + timedelta(hours=3))
    event_services.registration_attendance_set(registration=registration, attended=True, by=office)
    registration.refresh_from_db()
    return registration


# --- who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), expected(200).items(), ids=NETWORK_ROLES)
def test_who_sees_the_list_and_a_training(network_as, training, role, status):
    client, _user, _association = network_as(role)
    assert client.get(LIST).status_code == status
    response = client.get(detail(training))
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"] == f"/de/konto/login/?next={detail(training)}"


@pytest.mark.parametrize(("role", "status"), expected(404).items(), ids=NETWORK_ROLES)
def test_a_draft_training_is_nobodys(network_as, make_training, role, status):
    draft = make_training(title="Buchhaltung im Verein", publish=False)
    client, _user, _association = network_as(role)
    assert client.get(detail(draft)).status_code == status


@pytest.mark.parametrize(("role", "status"), expected(404).items(), ids=NETWORK_ROLES)
def test_someone_elses_registration_and_certificate_are_nobodys(
    network_as, training, office, role, status
):
    client, _user, association = network_as(role)
    # A colleague of the person signed in (for members), or a stranger's association.
    registration = attended(training, member_of(association), association, office)
    certificate = f"{LIST}anmeldungen/{registration.pk}/teilnahmebescheinigung.pdf"
    assert client.get(certificate).status_code == status
    cancel = f"{LIST}anmeldungen/{registration.pk}/abmelden/"
    assert client.post(cancel).status_code == status
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_the_registered_person_gets_their_certificate_and_a_member_of_another_association_not(
    client, training, office
):
    association = AssociationFactory(name="Kulturbrücke")
    person = member_of(association)
    registration = attended(training, person, association, office)
    certificate = f"{LIST}anmeldungen/{registration.pk}/teilnahmebescheinigung.pdf"
    client.force_login(member_of(AssociationFactory()))
    assert client.get(certificate).status_code == 404
    client.force_login(person)
    response = client.get(certificate)
    assert (response.status_code, response["Content-Type"], response["Cache-Control"]) == (
        200,
        "application/pdf",
        "private, no-store",
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="teilnahmebescheinigung-{training.slug}.pdf"'
    )


def test_no_certificate_without_attendance_or_before_the_end(client, training, office):
    association = AssociationFactory()
    person = member_of(association)
    registration = register(training, person, association)
    client.force_login(person)
    certificate = f"{LIST}anmeldungen/{registration.pk}/teilnahmebescheinigung.pdf"
    assert client.get(certificate).status_code == 404
    # Taken part, but the training is still going on.
    start = timezone.now() - timedelta(hours=1)
    Event.objects.filter(pk=training.pk).update(start=start, end=start + timedelta(hours=3))
    event_services.registration_attendance_set(registration=registration, attended=True, by=office)
    assert client.get(certificate).status_code == 404


@pytest.mark.parametrize("method", ["put", "delete"])
def test_the_pages_answer_only_their_methods(network_as, training, method):
    client, _user, _association = network_as("editor")
    assert getattr(client, method)(LIST).status_code == 405
    assert getattr(client, method)(detail(training)).status_code == 405
    assert client.get(f"{LIST}anmeldungen/1/abmelden/").status_code == 405


# --- the certificate -------------------------------------------------------------------------


def test_the_certificate_is_german_with_the_persons_and_the_associations_name(
    client, make_training, office
):
    make_house(name="Haus der Vielfalt", street="Beuthstraße 21", postal_code="44147")
    training = make_training(title="Öffentlichkeitsarbeit für Vereine")
    association = AssociationFactory(name="Türkisch-Deutscher Elternverein Dortmund")
    person = member_of(association, name="Ümit Koşan")
    registration = attended(training, person, association, office)
    client.force_login(person)
    url = f"{LIST}anmeldungen/{registration.pk}/teilnahmebescheinigung.pdf"
    reader = PdfReader(BytesIO(client.get(url).content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines() if line.strip()]

    when = l10n.format_when(registration.event.start, registration.event.end, locale="de")
    issued = l10n.format_date(timezone.now(), "long", "de")
    assert lines == [
        "VMDO e.V.",
        "Haus der Vielfalt · Beuthstraße 21 · 44147 Dortmund",
        "Teilnahmebescheinigung",
        "Hiermit bestätigen wir, dass",
        "Ümit Koşan",
        "für den Verein",
        "Türkisch-Deutscher Elternverein Dortmund",
        "an der Qualifizierung",
        "„Öffentlichkeitsarbeit für Vereine“",
        f"am {when} teilgenommen hat.",
        f"Dortmund, {issued}",
        "VMDO e.V.",
        "Diese Bescheinigung wurde im Portal von VMDO e.V. erstellt und ist ohne Unterschrift gültig.",
    ]
    assert reader.metadata.title == "Teilnahmebescheinigung"


@pytest.mark.parametrize(
    ("person_name", "association_name"),
    [("محمد الأحمد", "جمعية الصداقة السورية الألمانية"), ("زهرا احمدی", "انجمن فرهنگی ایرانیان")],
)
def test_arabic_and_persian_names_on_the_certificate_read_as_written(
    client, make_training, office, person_name, association_name
):
    training = make_training(title="Vereinsrecht")
    association = AssociationFactory(name=association_name)
    person = member_of(association, name=person_name)
    registration = attended(training, person, association, office)
    client.force_login(person)
    url = f"{LIST}anmeldungen/{registration.pk}/teilnahmebescheinigung.pdf"
    text = PdfReader(BytesIO(client.get(url).content)).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[2:6] == [
        "Hiermit bestätigen wir, dass",
        person_name,
        "für den Verein",
        association_name,
    ]


# --- registering and cancelling ---------------------------------------------------------------


def test_a_member_registers_their_association_and_cancels(client, training):
    first = AssociationFactory(name="Afrika-Forum")
    second = AssociationFactory(name="Bildungsverein Nordstadt")
    person = member_of(first, name="Amina Diallo")
    Membership.objects.create(user=person, association=second)
    client.force_login(person)
    page = client.get(detail(training))
    assert [str(a) for a in page.context["form"].fields["association"].queryset] == [
        "Afrika-Forum",
        "Bildungsverein Nordstadt",
    ]
    response = client.post(detail(training), {"association": second.pk, "name": "Amina Diallo"})
    assert (response.status_code, response["Location"]) == (302, detail(training))
    registration = Registration.objects.get()
    assert (registration.association, registration.user, registration.status) == (
        second,
        person,
        "confirmed",
    )
    page = client.get(detail(training)).content.decode()
    assert "Angemeldet für Bildungsverein Nordstadt: bestätigt" in page
    assert [str(m) for m in client.get(detail(training)).context["messages"]] == []
    response = client.post(f"{LIST}anmeldungen/{registration.pk}/abmelden/")
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_staff_in_the_area_see_no_registration_form(network_as, training):
    client, _user, _association = network_as("staff_with_permission")
    page = client.get(detail(training))
    assert page.context["form"] is None
    assert "Mitglieder eines Mitgliedsvereins können sich hier anmelden." in page.content.decode()
    assert client.post(detail(training), {"name": "X"}).status_code == 302
    assert Registration.objects.count() == 0


def test_a_registration_cannot_be_cancelled_after_the_start(client, training, office):
    association = AssociationFactory()
    person = member_of(association)
    registration = attended(training, person, association, office)
    client.force_login(person)
    client.post(f"{LIST}anmeldungen/{registration.pk}/abmelden/")
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def _post(client, training, **data):
    before = Registration.objects.count()
    response = client.post(detail(training), data)
    assert Registration.objects.count() == before
    return response.status_code, response.context["form"].errors


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"association": ["Dieses Feld ist zwingend erforderlich."], "name": ["Dieses Feld ist zwingend erforderlich."]}),
        ({"association": "abc", "name": "Amina"}, {"association": ["Bitte wählen Sie einen Ihrer Mitgliedsvereine."]}),
        ({"association": "99999999999999999999", "name": "Amina"}, {"association": ["Bitte wählen Sie einen Ihrer Mitgliedsvereine."]}),
        ({"association": "OWN", "name": "A" * 151}, {"name": ["Bitte sicherstellen, dass der Wert aus höchstens 150 Zeichen besteht. (Er besteht aus 151 Zeichen.)"]}),
        ({"association": "OWN", "name": "Amina\n<script>alert(1)</script>"}, {"name": ["Bitte verwenden Sie nur Buchstaben, Ziffern und Satzzeichen (keine Zeilenumbrüche oder Tabulatoren)."]}),
        ({"association": "FOREIGN", "name": "Amina"}, {"association": ["Bitte wählen Sie einen Ihrer Mitgliedsvereine."]}),
    ],
    ids=["empty", "wrong", "huge_number", "huge_name", "hostile", "foreign_association"],
)  # fmt: skip
def test_bad_registrations_are_refused_with_a_message(client, training, data, errors):
    association = AssociationFactory()
    foreign = AssociationFactory()
    client.force_login(member_of(association))
    replace = {"OWN": association.pk, "FOREIGN": foreign.pk}
    data = {key: replace.get(value, value) for key, value in data.items()}
    assert _post(client, training, **data) == (400, errors)


def test_html_in_a_name_is_text_on_the_page(client, training):
    association = AssociationFactory()
    client.force_login(member_of(association))
    name = '<img src=x onerror="alert(1)">'
    client.post(detail(training), {"association": association.pk, "name": name})
    assert Registration.objects.get().name == name
    page = client.get(LIST).content.decode()
    assert "<img src=x" not in page


def test_registering_twice_or_beyond_the_places_per_association_is_refused(client, training):
    association = AssociationFactory()
    colleague, other, person = (member_of(association) for _ in range(3))
    register(training, colleague, association)
    register(training, other, association)
    client.force_login(person)
    status, errors = _post(client, training, association=association.pk, name="Ali")
    assert (status, errors) == (
        400,
        {
            "__all__": [
                "Ihr Verein hat bereits 2 Plätze für diese Veranstaltung belegt, "
                "mehr sind nicht möglich."
            ]
        },
    )
    client.force_login(colleague)
    page = client.get(detail(training))
    assert page.context["form"] is not None
    assert page.context["mine"].count() == 1


def test_a_full_training_takes_members_onto_the_waiting_list(client, make_training):
    training = make_training(capacity=1)
    first, second = AssociationFactory(), AssociationFactory()
    register(training, member_of(first), first)
    person = member_of(second)
    client.force_login(person)
    response = client.post(detail(training), {"association": second.pk, "name": "Ali"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Die Veranstaltung ist ausgebucht: Sie stehen auf der Warteliste. "
        "Wir schreiben Ihnen eine E-Mail, sobald ein Platz frei wird."
    ]
    assert Registration.objects.get(user=person).status == "waiting"


# --- the list --------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 20])
def test_the_list_costs_the_same_queries_for_1_and_20_trainings(
    client, make_training, office, rows, django_assert_num_queries
):
    association = AssociationFactory()
    person = member_of(association)
    for number in range(rows):
        event = make_training(title=f"Vereinsrecht {number}")
        register(event, person, association)
    past = make_training(title="Buchhaltung kompakt")
    attended(past, person, association, office)
    client.force_login(person)
    with django_assert_num_queries(8):
        page = client.get(LIST)
    assert len(page.context["trainings"]) == rows
    assert page.content.decode().count("Angemeldet für") == rows
    assert [r.event.title for r in page.context["past"]] == ["Buchhaltung kompakt"]


def test_the_list_shows_places_left_and_the_certificate_link(client, make_training, office):
    association = AssociationFactory()
    person = member_of(association)
    make_training(title="Datenschutz im Verein", capacity=1)
    full = Event.objects.get()
    register(full, member_of(association), association)
    past = make_training(title="Buchhaltung kompakt")
    registration = attended(past, person, association, office)
    client.force_login(person)
    page = client.get(LIST).content.decode()
    assert "ausgebucht (Warteliste)" in page
    assert f'href="{LIST}anmeldungen/{registration.pk}/teilnahmebescheinigung.pdf"' in page


# --- news on the start page ---------------------------------------------------------------------


def test_trainings_published_since_the_last_visit_are_news(make_training):
    before = timezone.now()
    published = make_training(title="Fördermittel beantragen")
    make_training(title="Entwurf", publish=False)
    make_training(title="Für alle", audience=Event.Audience.EVERYONE)
    assert news(None, before) == {"trainings": [published]}
    assert news(None, timezone.now()) is None


def test_the_start_page_shows_new_trainings(client, make_training):
    make_training(title="Vereinsrecht für Vorstände")
    client.force_login(member_of(AssociationFactory()))
    page = client.get("/de/netzwerk/").content.decode()
    assert "Neue Qualifizierungen" in page
    assert "Vereinsrecht für Vorstände" in page
