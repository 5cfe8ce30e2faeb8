"""axe-core on every page type of the back office, for every registered model.

One browser tab signs in as staff who has no authenticator app yet (one password, the
app's set-up, the recovery codes, back to the back office), signs in again with the
app's code, and visits: the start page, each section's page, each model's list (with its
filters), add form and the edit form of one object (inlines, autocompletes, language
tabs, filter_horizontal), a delete confirmation, a history, and the custom pages (room
timeline, utilisation report, the confirmations of the booking actions, a profile
change's review). Every violation is collected and reported at once.
"""

import io
import re
from datetime import timedelta

from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from facilities.models import Booking, Closure, Facility, Room
from members.models import (
    Association,
    Invitation,
    Membership,
    ProfileRevision,
)
from projects.models import Document, Project
from tests.e2e.conftest import WCAG_TAGS
from tests.factories import PASSWORD, UserFactory, totp_code

# The add form is the change form without an object: visited where it differs (empty
# inline rows and autocompletes, filter_horizontal, the user's own add form); an add
# form is refused for these.
WITHOUT_ADD_FORM = {
    "django_tasks_database.dbtaskresult",
    "facilities.booking",
    "facilities.bookingseries",
    "members.profilerevision",
    "network.offerpost",
    "mfa.authenticator",
    "vmdo_portal.auditentry",
}


def back_office_data(staff):
    """seed_demo's records plus one row of each model the demo data has none of."""
    call_command("seed_demo", "--no-logins", stdout=io.StringIO())
    association = Association.objects.order_by("pk").first()
    Membership.objects.create(user=staff, association=association, role=Membership.Role.ADMIN)
    Invitation.objects.create(
        association=association, email="neu@example.org", role="editor", invited_by=staff
    )
    ProfileRevision.objects.create(association=association, changes={"phone": "0231 123"})
    Document.objects.create(
        title="Jahresbericht",
        file="documents/bericht.pdf",
        original_name="bericht.pdf",
        project=Project.objects.order_by("pk").first(),
    )
    start = timezone.now() + timedelta(days=40)
    Closure.objects.create(
        facility=Facility.objects.get(),
        start=start,
        end=start + timedelta(hours=4),
        reason="Renovierung",
        created_by=staff,
    )
    from network.offers.services import offer_report
    from tests.network.offers_helpers import make_post

    offer_report(post=make_post(association, by=staff), by=staff, reason="Werbung")
    from translations.models import Translator

    Translator.objects.create(user=UserFactory(), languages=["ar", "fa"], note="Ehrenamtlich")
    from events import services as event_services
    from events.models import Event
    from tests.factories import make_event, member_of

    training = make_event(
        by=staff,
        title="Vereinsrecht kompakt",
        audience=Event.Audience.MEMBERS,
        organised_by_vmdo=True,
        registration=Event.RegistrationMode.PORTAL,
        capacity=12,
    )
    participant = member_of(association)
    event_services.registration_create(
        event=training,
        name=participant.name,
        email=participant.email,
        email_verified=True,
        association=association,
        user=participant,
    )
    DBTaskResult.objects.create(
        status="SUCCESSFUL",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="vmdo_portal.tasks.send_templated_mail_task",
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        return_value=None,
        exception_class_path="",
        traceback="",
    )


def test_every_back_office_page_passes_axe(visitor):
    page = visitor.page
    violations = []

    # axe-core is in every page of this tab from the start, not sent again for each.
    page.context.add_init_script(script=visitor.axe.axe_script)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

    def audit():
        page.wait_for_load_state("load")
        found = page.evaluate("options => axe.run(document, options)", options)
        path = page.url.removeprefix(visitor.base_url)
        for violation in found["violations"]:
            for node in violation["nodes"]:
                violations.append(
                    f"{path}: {violation['id']} {node['target']}: {violation['help']}"
                )

    def visit(path):
        response = page.goto(visitor.base_url + path)
        assert response.status == 200, f"{path}: {response.status}"
        audit()

    staff = UserFactory(is_staff=True, is_superuser=True, email="verwaltung@example.org")
    back_office_data(staff)

    # One password, the app's set-up, the recovery codes, back to the back office.
    visit("/verwaltung/")
    assert page.url.endswith("/de/konto/login/?next=%2Fverwaltung%2F")
    page.get_by_label("E-Mail").fill(staff.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/de/konto/2fa/totp/activate/\?next=%2Fverwaltung%2F$"))
    audit()
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Aktivieren").click()
    page.wait_for_url(re.compile(r"/de/konto/2fa/recovery-codes/\?next=%2Fverwaltung%2F$"))
    audit()
    page.get_by_role("link", name="Weiter zur Verwaltung").click()
    page.wait_for_url(re.compile(r"/verwaltung/$"))
    audit()
    visit("/de/konto/2fa/reauthenticate/")

    # Signing in again: password, then the app's code.
    visit("/de/konto/logout/")
    page.locator("#main").get_by_role("button", name="Abmelden").click()
    visit("/de/konto/login/?next=/verwaltung/")
    page.get_by_label("E-Mail").fill(staff.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/de/konto/2fa/authenticate/"))
    audit()
    page.locator("input[name=code]").fill(totp_code(secret, offset=1))
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url(re.compile(r"/verwaltung/$"))
    audit()

    # A multi-value autocomplete keeps one "clear all" cross, outside its list.
    association = Association.objects.order_by("pk").first()
    visit(reverse("admin:members_association_change", args=[association.pk]))
    box = page.locator("#id_fields_of_activity + .select2")
    for _pick in range(2):
        box.locator(".select2-selection").click()
        page.locator(".select2-results__option[aria-selected=false]").first.click()
    assert box.locator(".select2-selection__clear").count() == 1
    assert box.locator("ul .select2-selection__clear").count() == 0
    box.locator(".select2-selection__clear").click()
    page.keyboard.press("Escape")
    assert box.locator("li.select2-selection__choice").count() == 0
    assert box.locator(".select2-selection__clear").count() == 0

    visit(reverse("admin:app_list", args=["members"]))
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        visit(reverse(f"{name}_changelist"))
        model_admin = admin.site._registry[model]
        if opts.label_lower not in WITHOUT_ADD_FORM and (
            model_admin.inlines
            or model_admin.autocomplete_fields
            or model_admin.filter_horizontal
            or model_admin.add_form_template
        ):
            visit(reverse(f"{name}_add"))
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"no {opts.label} to edit"
        visit(reverse(f"{name}_change", args=[obj.pk]))
    association = Association.objects.order_by("pk").first()
    visit(reverse("admin:members_association_history", args=[association.pk]))
    visit(reverse("admin:members_association_delete", args=[association.pk]))
    visit(reverse("admin:vmdo_portal_auditentry_changelist") + "?action=booking.approved")
    visit(reverse("admin:facilities_booking_timeline"))
    visit(reverse("admin:facilities_booking_timeline") + "?ansicht=tag")
    visit(reverse("admin:facilities_room_utilisation"))
    # On a narrow window too, every room's full name is in the chart, wrapped, not cut.
    viewport = page.viewport_size
    page.set_viewport_size({"width": 360, "height": 740})
    visit(reverse("admin:facilities_room_utilisation"))
    labels = page.locator(".utilisation-label")
    assert sorted(labels.all_inner_texts()) == sorted(
        Room.objects.filter(bookable=True).values_list("name", flat=True)
    )
    cut = labels.evaluate_all(
        """labels => labels.filter(label => label.scrollWidth > label.clientWidth
            || label.getBoundingClientRect().right > document.documentElement.clientWidth)
            .map(label => label.textContent)"""
    )
    assert cut == []
    page.set_viewport_size(viewport)
    requested = Booking.objects.filter(status=Booking.Status.REQUESTED).order_by("pk").first()
    for action in ["approve_and_reject_overlapping", "reject"]:
        visit(reverse("admin:facilities_booking_changelist") + "?status__exact=requested")
        page.locator(f"input[name=_selected_action][value='{requested.pk}']").check()
        page.locator("select[name=action]").select_option(action)
        page.get_by_role("button", name="Ausführen").click()
        page.wait_for_load_state("load")
        assert page.locator(f"input[name=action][value={action}]").count() == 1, action
        audit()

    assert violations == [], "axe-core found in the back office:\n" + "\n".join(violations)
