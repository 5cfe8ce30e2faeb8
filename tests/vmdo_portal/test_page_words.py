"""Every page type in every non-English language: no English widget words left over.

Django, django-filter and allauth bring English (and "---------") labels of their own;
a page that shows one of them to a Turkish or Arabic reader is a bug.
"""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command

from events.models import Event
from facilities.models import Room
from members.models import Association
from projects.models import Project, Site
from vmdo_portal.management.commands.seed_demo import DEMO_PASSWORD

LANGUAGES = ["de", "tr", "ar", "uk", "ru", "fa", "pl"]

# Words Django's widgets and third-party apps show when nobody translated them.
ENGLISH_WIDGET_WORDS = [
    "---------",
    "Select an option",
    "Unknown",
    "Yes",
    "No",
    "Currently",
    "Change",
    "Clear",
    "Choose file",
    "Search",
    "Submit",
    "Remember Me",
    "Password",
    "Forgot your password?",
    "Sign In",
    "Sign Up",
    "Email",
    "start time",
    "end time",
    "date of submission",
    "Previous",
    "Next",
    "Today",
    "All",
]


def visible_texts(html: str) -> list[str]:
    """Text nodes, option labels and the attributes a reader sees or hears."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    texts = [unescape(t).strip() for t in re.findall(r">([^<]+)<", html)]
    for attribute in ("placeholder", "aria-label", "title", "alt", "value"):
        for tag in re.findall(
            rf"<(?!input[^>]*type=\"hidden\")[^>]*\b{attribute}=\"([^\"]*)\"", html
        ):
            texts.append(unescape(tag).strip())
    return [text for text in texts if text]


# German a non-German reader gets when a catalog lacks a msgid (Django falls back to
# LANGUAGE_CODE), seen on widgets.
GERMAN_WIDGET_WORDS = ["Bitte auswählen"]


def english_words(html: str, language: str) -> list[str]:
    found = []
    words = ENGLISH_WIDGET_WORDS + (GERMAN_WIDGET_WORDS if language != "de" else [])
    for text in visible_texts(html):
        for word in words:
            if word == "---------":
                if word in text:
                    found.append(text)
            elif re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
                found.append(text)
    return found


@pytest.mark.django_db
def test_no_english_widget_words_on_any_page_in_any_language(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    association = (
        Association.objects.public()
        .filter(memberships__user__email="verein@demo.vmdo.invalid")
        .get()
    )
    project = Project.objects.filter(published=True).first()
    site = Site.objects.filter(closed_since__isnull=True).first()
    room = Room.objects.first()
    published = Event.objects.public().filter(status=Event.Status.PUBLISHED)
    event = published.order_by("start").first()
    with_registration = published.filter(registration=Event.RegistrationMode.PORTAL).first()
    public = [
        "/",
        "/ueber-uns/",
        "/vereine/",
        "/vereine/?q=x&language=xx",
        f"/vereine/{association.slug}/",
        "/mitglied-werden/",
        "/projekte/",
        f"/projekte/{project.slug}/",
        "/standorte/",
        f"/standorte/{site.slug}/",
        "/haus-der-vielfalt/",
        f"/haus-der-vielfalt/raeume/{room.slug}/",
        "/veranstaltungen/",
        "/veranstaltungen/?ansicht=monat",
        f"/veranstaltungen/{event.slug}/",
        f"/veranstaltungen/{with_registration.slug}/",  # with the registration form
        "/konto/login/",
        "/konto/signup/",
    ]
    dashboard = [
        "/mein-verein/",
        f"/mein-verein/{association.slug}/",
        f"/mein-verein/{association.slug}/profil/",
        f"/mein-verein/{association.slug}/personen/",
        f"/mein-verein/{association.slug}/buchungen/",
        f"/mein-verein/{association.slug}/buchungen/neu/",
        f"/mein-verein/{association.slug}/veranstaltungen/",
        f"/mein-verein/{association.slug}/veranstaltungen/neu/",
    ]
    found = {}
    for language in LANGUAGES:
        client.logout()
        pages = {path: client.get(f"/{language}{path}") for path in public}
        pages["/mitglied-werden/ (errors)"] = client.post(f"/{language}/mitglied-werden/", {})
        pages["registration (errors)"] = client.post(
            f"/{language}/veranstaltungen/{with_registration.slug}/", {"people": "x"}
        )
        client.post(
            f"/{language}/konto/login/",
            {"login": "verein@demo.vmdo.invalid", "password": DEMO_PASSWORD},
        )
        pages |= {path: client.get(f"/{language}{path}") for path in dashboard}
        pages["event form (errors)"] = client.post(
            f"/{language}/mein-verein/{association.slug}/veranstaltungen/neu/", {}
        )
        for path, response in pages.items():
            assert response.status_code in (200, 400), (language, path, response.status_code)
            words = english_words(response.content.decode(), language)
            if words:
                found[f"/{language}{path}"] = words
    assert found == {}


@pytest.mark.parametrize(
    ("language", "status", "date", "date_from", "time_from"),
    [
        ("tr", "gönderildi", "gönderilme tarihi", "Başlangıç tarihi", "Başlangıç saati"),
        ("ar", "مُرسَلة للمراجعة", "تاريخ الإرسال", "من تاريخ", "من الساعة"),
        ("fa", "ارسال‌شده برای بررسی", "تاریخ ارسال", "از تاریخ", "از ساعت"),
        ("de", "eingereicht", "eingereicht", "Von", "Von"),
    ],
)
def test_one_english_word_two_meanings_two_translations(
    language, status, date, date_from, time_from
):
    """ "submitted" (an event's status / the date a change was sent) and "From" (a date
    filter / a time field) each have a context, so each gets its own translation."""
    from django.utils import translation

    from events.filters import EventFilter
    from events.forms import EventForm
    from members.models import MembershipApplication

    with translation.override(language):
        assert str(Event.Status.SUBMITTED.label) == status
        assert str(MembershipApplication._meta.get_field("submitted_at").verbose_name) == date
        assert str(EventFilter.base_filters["date_from"].label) == date_from
        assert str(EventForm.base_fields["start_time"].label) == time_from
