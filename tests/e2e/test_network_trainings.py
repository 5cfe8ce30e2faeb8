"""Trainings in the network area: a member registers their association for a training on
a phone (German and Arabic) and on a desktop; once staff have marked their attendance, the
certificate of participation downloads as a PDF."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from events import services as event_services
from events.models import Event, Registration
from members.models import Membership
from tests.e2e.network import DESKTOP, PHONE, read_on, sign_in
from tests.factories import AssociationFactory, UserFactory, make_event, member_of

TITLE = "Buchhaltung für Vereine"


@pytest.mark.parametrize(
    ("viewport", "language"),
    [(PHONE, "de"), (PHONE, "ar"), (DESKTOP, "de")],
    ids=["phone-de", "phone-ar", "desktop-de"],
)
def test_a_member_registers_their_association_and_downloads_the_certificate(
    visitor, viewport, language
):
    office = UserFactory(is_staff=True, email="office@example.org")
    training = make_event(
        by=office,
        title=TITLE,
        audience=Event.Audience.MEMBERS,
        organised_by_vmdo=True,
        registration=Event.RegistrationMode.PORTAL,
        capacity=10,
        places_per_association=2,
    )
    association = AssociationFactory(name="Deutsch-Türkischer Kulturverein")
    member_of(association, Membership.Role.EDITOR, email="uemit@example.org", name="Ümit Koşan")
    sign_in(visitor, "uemit@example.org")
    page = visitor.page
    read_on(visitor, f"/{language}/netzwerk/qualifizierung/", viewport=viewport)
    page.locator("main").get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/{language}/netzwerk/qualifizierung/{training.slug}/")
    read_on(visitor, f"/{language}/netzwerk/qualifizierung/{training.slug}/", viewport=viewport)
    page.locator("#id_association").select_option(label="Deutsch-Türkischer Kulturverein")
    assert page.locator("#id_name").input_value() == "Ümit Koşan"
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state("load")
    visitor.check()
    registration = Registration.objects.get()
    assert (registration.association, registration.status) == (association, "confirmed")
    # The training took place; the office marks the attendance.
    start = timezone.now() - timedelta(days=2)
    Event.objects.filter(pk=training.pk).update(start=start, end=start + timedelta(hours=3))
    event_services.registration_attendance_set(registration=registration, attended=True, by=office)
    read_on(visitor, f"/{language}/netzwerk/qualifizierung/", viewport=viewport)
    link = page.locator(f'a[href$="/anmeldungen/{registration.pk}/teilnahmebescheinigung.pdf"]')
    with page.expect_download() as download:
        link.click()
    text = PdfReader(BytesIO(download.value.path().read_bytes())).pages[0].extract_text()
    # In German whatever the reader's language; no house in this database, so no address.
    assert text.splitlines()[:6] == [
        "VMDO e.V.",
        "Teilnahmebescheinigung",
        "Hiermit bestätigen wir, dass",
        "Ümit Koşan",
        "für den Verein",
        "Deutsch-Türkischer Kulturverein",
    ]
