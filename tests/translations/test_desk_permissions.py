"""One table: every translation desk URL × every role → the status that role gets.

Translators translate public content into their languages only (never German); an
association's people translate their own association's profile and events, nothing
else; staff need the permission to change translations (group Redaktion) and their
second factor used in this session. Everybody else gets 404, anonymous visitors the login.
A URL added under `uebersetzen/` fails `test_every_desk_url_is_in_the_table` until it gets
its rows here.
"""

import pytest
from django.urls import get_resolver

from members.models import Association, Membership
from tests.conftest import STAFF_ROLES
from tests.factories import AssociationFactory, UserFactory, make_event, member_of
from tests.test_permission_matrix import _routes
from tests.translations.desk import make_translator
from translations.desk_services import desk_fingerprint
from vmdo_portal.models import Page
from vmdo_portal.staff_groups import REDAKTION

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "account",
    "translator_tr",
    "editor",
    "association_admin",
    *STAFF_ROLES,
]
OWNERS = ["editor", "association_admin"]


def status(ok, *, allowed=(), code=200):
    """`code` for the roles in `allowed`, 404 for every other signed-in role."""
    statuses = dict.fromkeys(ROLES, 404) | {"anonymous": 302}
    if ok:
        statuses |= dict.fromkeys(allowed, code)
    return statuses


DESK = ["translator_tr", "staff_with_permission"]
ALL_LANGUAGES = ["staff_with_permission"]

# (name, method, path below /de/uebersetzen/ ({…} filled from the world), POST data or
# None, status by role)
TABLE = [
    ("desk", "get", "", None, status(True, allowed=DESK)),
    ("queue tr", "get", "tr/", None, status(True, allowed=DESK)),
    ("queue ar", "get", "ar/", None, status(True, allowed=ALL_LANGUAGES)),
    ("queue de", "get", "de/", None, status(False)),
    ("queue unknown", "get", "xx/", None, status(False)),
    (
        "own profile tr",
        "get",
        "tr/members.association/{own}/",
        None,
        status(True, allowed=[*DESK, *OWNERS]),
    ),
    (
        "own profile ar",
        "get",
        "ar/members.association/{own}/",
        None,
        status(True, allowed=[*ALL_LANGUAGES, *OWNERS]),
    ),
    ("own profile de", "get", "de/members.association/{own}/", None, status(False)),
    (
        "other profile tr",
        "get",
        "tr/members.association/{other}/",
        None,
        status(True, allowed=DESK),
    ),
    (
        "unpublished profile tr",
        "get",
        "tr/members.association/{unpublished}/",
        None,
        # Staff of the Redaktion may change every association, as on its dashboard.
        status(True, allowed=ALL_LANGUAGES),
    ),
    (
        "own event tr",
        "get",
        "tr/events.event/{event}/",
        None,
        status(True, allowed=[*DESK, *OWNERS]),
    ),
    (
        "own draft event tr",
        "get",
        "tr/events.event/{draft}/",
        None,
        status(True, allowed=[*OWNERS, *ALL_LANGUAGES]),
    ),
    ("page tr", "get", "tr/vmdo_portal.page/{page}/", None, status(True, allowed=DESK)),
    ("not translatable", "get", "tr/vmdo_portal.user/{account}/", None, status(False)),
    (
        "save own profile tr",
        "post",
        "tr/members.association/{own}/",
        {"description": "Kuzey kentte bir dernek."},
        status(True, allowed=[*DESK, *OWNERS], code=302),
    ),
    (
        "save own profile de",
        "post",
        "de/members.association/{own}/",
        {"description": "Neuer deutscher Text"},
        status(False),
    ),
    (
        "save other profile tr",
        "post",
        "tr/members.association/{other}/",
        {"description": "Kuzey kentte bir dernek."},
        status(True, allowed=DESK, code=302),
    ),
    (
        "review own profile tr",
        "post",
        "tr/members.association/{own}/",
        {"review": "description"},
        # Nothing to review (the text is missing): a clear refusal for those who may.
        status(True, allowed=[*DESK, *OWNERS], code=409),
    ),
]


def test_every_desk_url_is_in_the_table():
    desk = {route for route in _routes(get_resolver().url_patterns) if "uebersetzen/" in route}
    assert len(desk) == 3  # the start page, a queue, the editor
    paths = {row[2] for row in TABLE}
    assert {"", "tr/", "tr/members.association/{own}/"} <= paths


@pytest.fixture
def world(client, sign_in_as_staff):
    own = AssociationFactory(name="Brückenbauer e.V.")
    other = AssociationFactory(name="Anderer Verein e.V.")
    unpublished = AssociationFactory(name="Noch nicht öffentlich e.V.", published=False)
    users = {
        "account": UserFactory(email="konto@example.org"),
        "translator_tr": make_translator(["tr"], email="uebersetzerin@example.org"),
        "editor": member_of(own, Membership.Role.EDITOR, email="editor@example.org"),
        "association_admin": member_of(own, Membership.Role.ADMIN, email="vorstand@example.org"),
    }
    office = UserFactory(is_staff=True, email="redaktion@example.org")
    event = make_event(by=office, title="Kochabend", associations=[own])
    draft = make_event(by=office, title="Entwurf", publish=False, associations=[own])
    ids = {
        "own": own.pk,
        "other": other.pk,
        "unpublished": unpublished.pk,
        "event": event.pk,
        "draft": draft.pk,
        "page": Page.objects.get(key=Page.Key.ABOUT).pk,
        "account": users["account"].pk,
    }

    def as_role(role):
        if role in users:
            client.force_login(users[role])
        elif role in STAFF_ROLES:
            sign_in_as_staff(role, REDAKTION)
        return client

    return ids, as_role


def _form_data(path, data):
    """The fingerprints the editor's form carries, as when it was opened now."""
    language, label, pk = path.strip("/").split("/")
    model = Association if label == "members.association" else None
    obj = model.objects.get(pk=int(pk))
    return {
        "source": desk_fingerprint(obj, "de"),
        "target": desk_fingerprint(obj, language if language != "de" else "en"),
        **data,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "data", "expected"), [row[1:] for row in TABLE], ids=[r[0] for r in TABLE]
)
def test_permission_matrix(world, role, method, path, data, expected):
    ids, as_role = world
    path = path.format(**ids)
    url = f"/de/uebersetzen/{path}"
    client = as_role(role)
    request = client.post if method == "post" else client.get
    response = request(url, _form_data(path, data) if method == "post" else {})
    assert response.status_code == expected[role]
    if role == "anonymous":
        assert response.headers["Location"].startswith("/de/konto/login/?next=")


def test_what_a_refused_post_leaves(world):
    """A translator for Turkish posting Arabic or German texts changes nothing."""
    ids, as_role = world
    client = as_role("translator_tr")
    own = Association.objects.get(pk=ids["own"])
    before = {name: getattr(own, name) for name in ("description_de", "description_ar")}
    for language in ("ar", "de"):
        path = f"{language}/members.association/{own.pk}/"
        data = _form_data(path, {"description": "Übernommen?"})
        assert client.post(f"/de/uebersetzen/{path}", data).status_code == 404
    own.refresh_from_db()
    assert {name: getattr(own, name) for name in before} == before
