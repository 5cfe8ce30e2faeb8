import logging

import pytest
from django.core.cache import cache
from django.utils import translation

from events.default_lists import CATEGORIES
from events.models import Category
from members.default_lists import FIELDS
from members.models import FieldOfActivity
from tests.factories import (
    PASSWORD,
    UserFactory,
    login_with_totp,
    sign_in_with_second_factor,
    staff_in,
    totp_enable,
)
from translations.glossary import glossary_defaults_ensure
from vmdo_portal.services import page_defaults_ensure
from vmdo_portal.staff_groups import staff_groups_ensure
from vmdo_portal.vocabulary_seed import seed_list


def restore_reference_data():
    """What the data migrations create, for tests after a transactional flush."""
    page_defaults_ensure()
    seed_list(FieldOfActivity, FIELDS)
    seed_list(Category, CATEGORIES)
    staff_groups_ensure()
    glossary_defaults_ensure()


@pytest.fixture(autouse=True)
def _fast_passwords_and_clean_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()
    # A request's language stays active in the thread: the next test starts in German.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _no_error_logs(request, caplog):
    """A test that logs an error fails, unless it is marked as expecting one."""
    yield
    if request.node.get_closest_marker("allow_error_log"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert errors == [], f"errors were logged: {[r.getMessage() for r in errors]}"


def pytest_configure(config):
    config.addinivalue_line("markers", "allow_error_log: the test expects an error to be logged")


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True, email="staff@example.org")


@pytest.fixture
def staff_with_totp(staff_user):
    staff_user.totp_secret = totp_enable(staff_user)
    return staff_user


@pytest.fixture
def staff_client(client, staff_with_totp):
    """A client signed in as staff with two-factor authentication."""
    login_with_totp(client, staff_with_totp, staff_with_totp.totp_secret)
    assert client.get("/verwaltung/").status_code == 200  # also shows the login message
    return client


# Staff in the permission matrices: the staff flag and a group are not enough, the second
# factor must have been used in the session too.
STAFF_ROLES = [
    "staff_without_permission",  # second factor used, no group
    "staff_without_2fa",  # the group, no authenticator
    "staff_2fa_not_used",  # the group and an authenticator, signed in before setting it up
    "staff_with_permission",  # the group, signed in with password and code
]


@pytest.fixture
def sign_in_as_staff(client, db):
    """`sign_in_as_staff(role, *groups)`: signs the client in as a new staff account of
    that role; `groups` are what the role has when it has any."""

    def sign_in(role, *groups):
        if role == "staff_without_permission":
            return sign_in_with_second_factor(client, staff_in())
        staff = staff_in(*groups)
        if role == "staff_without_2fa":
            client.force_login(staff)
        elif role == "staff_2fa_not_used":
            client.post("/de/konto/login/", {"login": staff.email, "password": PASSWORD})
            assert client.session["_auth_user_id"] == str(staff.pk)
            totp_enable(staff)
        else:
            assert role == "staff_with_permission", role
            sign_in_with_second_factor(client, staff)
        return client

    return sign_in


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip(f"needs PostgreSQL (this run uses {connection.vendor})")
