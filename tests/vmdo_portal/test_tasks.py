"""Emails are background tasks: with the database backend they wait for the worker."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import task_backends
from django_tasks_db.models import DBTaskResult

from members import services
from tests.conftest import restore_reference_data
from tests.factories import AssociationFactory, UserFactory

# The worker closes its database connection after a batch, as it would in
# production, so these tests commit for real instead of running in one transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks(settings):
    # Django rebuilds its task backends when TASKS changes (setting_changed).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    restore_reference_data()


def test_an_invitation_email_waits_for_the_worker_then_is_sent(database_tasks):
    association = AssociationFactory(name="Warteschlange e.V.")
    services.invitation_create(
        association=association, email="neu@example.org", role="editor", by=UserFactory()
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert [m.to for m in mail.outbox] == [["neu@example.org"]]
    assert "/mein-verein/einladung/" in mail.outbox[0].body
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_task_for_a_deleted_record_sends_nothing(database_tasks):
    association = AssociationFactory(name="Gelöscht e.V.")
    invitation = services.invitation_create(
        association=association, email="weg@example.org", role="editor", by=None
    )
    invitation.delete()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
