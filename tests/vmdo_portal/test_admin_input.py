"""Every back-office form makes the portal's input checks: one-line texts refuse control
characters, dates stay within 1900–2999 (year 1 has no UTC time, 9999 no next day)."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from events.models import Event
from tests.factories import UserFactory, sign_in_with_second_factor, staff_in
from vmdo_portal.text import reject_control_characters

pytestmark = pytest.mark.django_db

OUR_APPS = {"vmdo_portal", "members", "projects", "facilities", "events"}
ADMINS = sorted(
    (model._meta.label, model_admin)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in OUR_APPS
)


def model_fields(form_class):
    """The fields a form takes from the model (its own declared fields parse their input
    themselves, e.g. a site's opening hours)."""
    model_field_names = {field.name for field in form_class._meta.model._meta.get_fields()}
    return {
        name: field for name, field in form_class.base_fields.items() if name in model_field_names
    }


def form_fields(model_admin, request):
    fields = model_fields(model_admin.get_form(request))
    for inline in model_admin.get_inline_instances(request):
        formset = inline.get_formset(request)
        fields.update(
            {f"{inline.model._meta.label}.{n}": f for n, f in model_fields(formset.form).items()}
        )
    return fields


def date_parts(field):
    if isinstance(field, forms.SplitDateTimeField):
        return [field.fields[0]]
    return [field] if isinstance(field, forms.DateField) else []


@pytest.mark.parametrize(("label", "model_admin"), ADMINS, ids=[label for label, _ in ADMINS])
def test_every_admin_form_field_checks_its_input(label, model_admin, db):
    request = RequestFactory().get("/verwaltung/")
    request.user = staff_in("Administration")
    unchecked = []
    for name, field in form_fields(model_admin, request).items():
        one_line = isinstance(field, forms.CharField) and isinstance(field.widget, forms.TextInput)
        if one_line and reject_control_characters not in field.validators:
            unchecked.append(name)
        for part in date_parts(field):
            with pytest.raises(forms.ValidationError):
                part.clean("0001-01-01")
    assert unchecked == []


@pytest.fixture
def office(client):
    return sign_in_with_second_factor(client, staff_in("Administration"))


def test_an_event_in_year_one_is_refused_with_a_message(office):
    response = office.post(
        "/verwaltung/events/event/add/",
        {
            "title_de": "Sommerfest",
            "start_0": "0001-01-01",
            "start_1": "18:00",
            "end_0": "0001-01-01",
            "end_1": "20:00",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["start"] == ["Bitte geben Sie ein Datum ab dem 01.01.1900 ein."]  # CLDR de medium
    assert Event.objects.count() == 0


def test_a_person_name_with_a_line_break_is_refused(office):
    person = UserFactory(name="Ayşe Yılmaz")
    url = f"/verwaltung/vmdo_portal/user/{person.pk}/change/"
    response = office.post(
        url,
        {
            "email": person.email,
            "name": "Ayşe\r\nBcc: viele@example.org",
            "language": "de",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        "Bitte verwenden Sie nur Buchstaben, Ziffern und Satzzeichen "
        "(keine Zeilenumbrüche oder Tabulatoren)."
    ]
    person.refresh_from_db()
    assert person.name == "Ayşe Yılmaz"
