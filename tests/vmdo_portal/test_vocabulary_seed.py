"""The seeded lists (fields of activity, communities, event categories, services, equipment)
ship in every portal language; shipping them never overwrites what staff wrote."""

import io
import re
from importlib import import_module

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from events.default_lists import CATEGORIES
from events.models import Category
from facilities.default_lists import EQUIPMENT
from facilities.models import Equipment
from members.default_lists import COMMUNITIES, FIELDS
from members.models import Community, FieldOfActivity
from projects.default_lists import SERVICES
from projects.models import Service
from projects.services import site_create
from tests.factories import (
    ALWAYS_OPEN,
    AssociationFactory,
    UserFactory,
    make_event,
    make_project,
)
from vmdo_portal.vocabulary_seed import seed_list

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _label in settings.LANGUAGES]
SEEDED = [
    (FieldOfActivity, FIELDS),
    (Community, COMMUNITIES),
    (Category, CATEGORIES),
    (Service, SERVICES),
    (Equipment, EQUIPMENT),
]
# (app, the migration that fills the translations of existing rows, its lists)
MIGRATIONS = [
    ("members", "0009_vocabulary_translations", [FieldOfActivity, Community]),
    ("events", "0007_vocabulary_translations", [Category]),
    ("projects", "0003_vocabulary_translations", [Service]),
    ("facilities", "0008_vocabulary_translations", [Equipment]),
]


def _names(model, slug):
    row = model.objects.get(slug=slug)
    return {code: getattr(row, f"name_{code}") for code in LANGUAGES}


def _run_migration(app, name):
    """The migration's forward step, with the historical models it runs with."""
    loader = MigrationLoader(connection)
    apps = loader.project_state((app, name)).apps
    operation = import_module(f"{app}.migrations.{name}").Migration.operations[0]
    operation.code(apps, None)


def test_the_declared_lists_name_every_entry_in_every_portal_language():
    for model, entries in SEEDED:
        slugs = [slug for slug, _names in entries]
        assert len(slugs) == len(set(slugs)), model
        for slug, names in entries:
            assert sorted(names) == sorted(LANGUAGES), (model, slug)
            for code, name in names.items():
                assert name == name.strip() != "", (model, slug, code)
            # Arabic and Farsi names are written in their own script.
            for code in ("ar", "fa"):
                assert not re.search("[A-Za-z]", names[code]), (slug, code, names[code])


def test_seeded_rows_have_a_name_in_every_language(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--no-logins", stdout=io.StringIO())
    for model, entries in SEEDED:
        for slug, names in entries:
            assert _names(model, slug) == names, (model, slug)


def test_the_migrations_declare_every_seeded_list():
    declared = [model for _app, _name, models in MIGRATIONS for model in models]
    assert declared == [model for model, _entries in SEEDED]
    for app, name, _lists in MIGRATIONS:
        assert MigrationLoader(connection).get_migration(app, name).operations[0].reverse_code


def test_the_migration_fills_only_empty_translations_of_existing_rows():
    culture = FieldOfActivity.objects.get(slug="culture")
    # As an installation had it before: German and English only, and a staff edit.
    FieldOfActivity.objects.filter(slug__in=[slug for slug, _n in FIELDS]).update(
        name_tr=None, name_ar=None, name_uk="", name_ru=None, name_fa=None, name_pl=None
    )
    FieldOfActivity.objects.filter(pk=culture.pk).update(name_ar="ثقافة وفنون")
    # Staff renamed one entry in German: the shipped translations no longer fit it.
    FieldOfActivity.objects.filter(slug="education").update(name_de="Bildungsarbeit")
    # ... and deleted another.
    FieldOfActivity.objects.filter(slug="sport").delete()
    Community.objects.create(slug="syrisch", name="Syrisch", name_de="Syrisch", name_en="Syrian")

    _run_migration("members", "0009_vocabulary_translations")

    assert _names(FieldOfActivity, "culture") == {
        "de": "Kultur",
        "en": "Culture",
        "tr": "Kültür",
        "ar": "ثقافة وفنون",
        "uk": "Культура",
        "ru": "Культура",
        "fa": "فرهنگ",
        "pl": "Kultura",
    }
    assert _names(FieldOfActivity, "education") == {
        "de": "Bildungsarbeit",
        "en": "Education",
        "tr": None,
        "ar": None,
        "uk": "",
        "ru": None,
        "fa": None,
        "pl": None,
    }
    assert not FieldOfActivity.objects.filter(slug="sport").exists()
    # Communities exist only where the demo data ran; the others are not created.
    assert list(Community.objects.values_list("slug", flat=True)) == ["syrisch"]
    assert _names(Community, "syrisch") == dict(COMMUNITIES)["syrisch"]


@pytest.mark.parametrize(("app", "name", "models"), MIGRATIONS)
def test_each_migration_runs_on_its_historical_models(app, name, models):
    """Each app's migration fills its own lists (rows made the old way: German, English)."""
    for model in models:
        model.objects.all().delete()
        slug, names = dict(SEEDED)[model][-1]
        model.objects.create(slug=slug, name=names["de"], name_de=names["de"], name_en="Staff")
    _run_migration(app, name)
    for model in models:
        slug, names = dict(SEEDED)[model][-1]
        assert _names(model, slug) == names | {"en": "Staff"}


def test_seeding_again_keeps_what_staff_wrote(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--no-logins", stdout=io.StringIO())
    Service.objects.filter(slug="beratung").update(name_tr="Sosyal danışmanlık", name_pl="")
    Equipment.objects.filter(slug="beamer").update(name_de="Videoprojektor", name_uk=None)

    call_command("seed_demo", "--no-logins", stdout=io.StringIO())
    assert seed_list(Category, CATEGORIES) == 0  # nothing left to fill

    assert _names(Service, "beratung") == dict(SERVICES)["beratung"] | {"tr": "Sosyal danışmanlık"}
    assert _names(Equipment, "beamer") == dict(EQUIPMENT)["beamer"] | {
        "de": "Videoprojektor",
        "uk": None,
    }


def _bdi_texts(html):
    """`(attributes, text)` of every <bdi> on the page."""
    return re.findall(r"<bdi([^>]*)>([^<]*)</bdi>", html)


def test_an_arabic_event_list_names_the_categories_in_arabic(client):
    organiser = UserFactory(is_staff=True, is_superuser=True)
    categories = list(Category.objects.filter(slug__in=["sprachcafe", "treffen"]))
    make_event(by=organiser, title="Sprachcafé", categories=categories)

    html = client.get("/ar/veranstaltungen/").content.decode()

    assert ("", "مقهى اللغة") in _bdi_texts(html)
    assert ("", "لقاء") in _bdi_texts(html)
    assert "Sprachcafé</bdi>" not in html
    assert "Treffen" not in html


def test_a_ukrainian_site_page_names_its_services_in_ukrainian(client):
    seed_list(Service, SERVICES)
    project = make_project(slug="beratungsstelle", title="Beratungsstelle")
    site_create(
        project=project,
        name="Büro Nord",
        slug="buero-nord",
        opening_hours=ALWAYS_OPEN,
        services=list(Service.objects.filter(slug__in=["beratung", "behoerden"])),
    )

    html = client.get("/uk/standorte/buero-nord/").content.decode()

    services_line = re.search(r"<dd>(<bdi[^<]*</bdi>(, )?)+</dd>", html).group(0)
    # Sorted in the reader's alphabet, and none marked as falling back to German.
    assert services_line == (
        "<dd><bdi>Консультації</bdi>, <bdi>Супровід до державних установ</bdi></dd>"
    )


def test_a_turkish_profile_and_directory_name_fields_and_communities_in_turkish(client):
    community = Community.objects.create(slug="kurdisch", name="Kurdisch", name_de="Kurdisch")
    seed_list(Community, COMMUNITIES)
    association = AssociationFactory(
        name="Kulturverein Nord",
        fields_of_activity=list(FieldOfActivity.objects.filter(slug__in=["culture", "women"])),
        communities=[community],
    )

    profile = client.get(f"/tr/vereine/{association.slug}/").content.decode()
    texts = _bdi_texts(profile)
    assert ("", "Kültür") in texts
    assert ("", "Kadınlar") in texts
    assert ("", "Kürt") in texts
    assert ' lang="de"' not in "".join(attrs for attrs, _text in texts)

    directory = client.get("/tr/vereine/").content.decode()
    options = re.findall(r'<option value="([a-z-]+)"[^>]*>([^<]*)</option>', directory)
    assert ("culture", "Kültür") in options
    assert ("kurdisch", "Kürt") in options
    assert ("counselling", "Danışmanlık") in options
