"""`manage.py seed_demo` shows the translation workflow: for an association, a project and
an event each, Turkish and Arabic texts translated by people (up to date), drafted by a
machine and not reviewed, and outdated (German changed after the translation)."""

import io
import re

import pytest
from django.core.management import call_command

from events.models import Event
from members.models import Association
from projects.models import Project
from translations.selectors import statuses_for
from vmdo_portal.vocabulary import TranslationStatus as S

pytestmark = pytest.mark.django_db

EXPECTED = {
    ("association", "Frauen für Frauen Dortmund (Beispiel)"): S.CURRENT,
    ("association", "Seniorentreff Anadolu (Beispiel)"): S.MACHINE,
    ("association", "Kurdisches Bildungszentrum (Beispiel)"): S.OUTDATED,
    ("project", "samo-fa"): S.CURRENT,
    ("project", "gleich-teilhaben"): S.MACHINE,
    ("project", "fluechtlingsberatung"): S.OUTDATED,
    ("event", "Fest der Vielfalt"): S.CURRENT,
    ("event", "Workshop: Bewerbung schreiben"): S.MACHINE,
    ("event", "Sprachcafé"): S.OUTDATED,
}


def shown_statuses() -> dict:
    found = {}
    for kind, key in EXPECTED:
        if kind == "association":
            obj, field = Association.objects.get(name=key), "description"
        elif kind == "project":
            obj, field = Project.objects.get(slug=key), "summary"
        else:
            obj = Event.objects.filter(title_de__startswith=key).order_by("start").first()
            field = "summary"
        statuses = statuses_for(obj)[field]
        found[(kind, key)] = (statuses["tr"], statuses["ar"])
    return found


def test_seed_demo_shows_every_translation_status(settings, client):
    settings.DEBUG = True
    settings.MACHINE_TRANSLATION_URL = ""  # no service: the drafts are the demo's own
    call_command("seed_demo", stdout=io.StringIO())

    assert shown_statuses() == {key: (state, state) for key, state in EXPECTED.items()}
    anadolu = Association.objects.get(name="Seniorentreff Anadolu (Beispiel)")
    assert (
        anadolu.description_ar
        == "Seniorentreff Anadolu (Beispiel) جمعية عضو في VMDO. بيانات تجريبية لعرض البوابة فقط."
    )
    kurdish = Association.objects.get(name="Kurdisches Bildungszentrum (Beispiel)")
    assert kurdish.description_de.endswith("Neu: jetzt auch samstags (Beispiel).")
    # A visitor reading Turkish sees the machine translation marked as such.
    html = client.get(f"/tr{anadolu.get_absolute_url()[3:]}").content.decode()
    assert re.search(
        r'class="machine-note">.*?</p>\s*<div class="prose">\s*<p>Seniorentreff Anadolu '
        r"\(Beispiel\), VMDO&#x27;nun üye derneğidir",
        html,
    )
    samo = Project.objects.get(slug="samo-fa")  # a person's translation: no note
    assert "machine-note" not in client.get(f"/tr{samo.get_absolute_url()[3:]}").content.decode()

    call_command("seed_demo", stdout=io.StringIO())  # again: nothing changes

    assert shown_statuses() == {key: (state, state) for key, state in EXPECTED.items()}
