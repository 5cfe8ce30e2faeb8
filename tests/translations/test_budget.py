"""The monthly machine translation budget, counted in the database (one row per month):
shared by every worker, never passed, kept when the cache is cleared."""

import threading
from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from tests.factories import AssociationFactory
from tests.translations.servers import running_service
from translations.machine import MachineTranslationError, budget, translate
from translations.models import FieldTranslation, MachineUsage


@pytest.fixture
def service(settings, db):
    with running_service() as service:
        settings.MACHINE_TRANSLATION_URL = f"libretranslate+http://{service.url}/"
        yield service


def test_the_characters_sent_are_counted_in_this_months_row(service):
    translate(["Guten Morgen"], target="tr")  # 12 characters
    translate(["Hallo"], target="ar")  # 5

    [usage] = MachineUsage.objects.all()
    assert (usage.month, usage.characters) == (budget.month(), 17)
    assert usage.month.day == 1


def test_clearing_the_cache_keeps_the_count(service, settings):
    settings.MACHINE_TRANSLATION_MONTHLY_CHARACTERS = 20
    translate(["Guten Morgen"], target="tr")  # 12

    cache.clear()

    assert budget.used() == 12
    [refused] = translate(["Guten Abend"], target="tr")  # 12 + 11 > 20
    assert (refused.reason, refused.detail) == ("budget", "12 + 11 > 20")
    assert len(service.requests) == 1


def test_a_new_month_starts_at_zero(service, settings):
    settings.MACHINE_TRANSLATION_MONTHLY_CHARACTERS = 20
    last_month = date(2020, 1, 1)
    MachineUsage.objects.create(month=last_month, characters=20)

    [outcome] = translate(["Guten Morgen"], target="tr")

    assert outcome.text == "[tr] GUTEN MORGEN"
    assert budget.used(last_month) == 20
    assert budget.used() == 12


@pytest.mark.parametrize(
    ("now", "month"),
    [
        (datetime(2026, 1, 31, 22, 59, tzinfo=UTC), date(2026, 1, 1)),
        # 00:00 on 1 February in Berlin is still January in UTC.
        (datetime(2026, 1, 31, 23, 0, tzinfo=UTC), date(2026, 2, 1)),
        (datetime(2026, 6, 30, 21, 59, tzinfo=UTC), date(2026, 6, 1)),
        (datetime(2026, 6, 30, 22, 0, tzinfo=UTC), date(2026, 7, 1)),
    ],
)
def test_months_follow_berlin_time(now, month):
    assert budget.month(now) == month


def test_a_failed_request_gives_its_characters_back(service):
    service.reply = (500, b'{"error": "model not loaded"}')
    [outcome] = translate(["Guten Morgen"], target="tr")
    assert outcome.reason == "unavailable"
    assert budget.used() == 0


def test_a_text_longer_than_the_whole_budget_is_refused(service, settings):
    settings.MACHINE_TRANSLATION_MONTHLY_CHARACTERS = 5
    [outcome] = translate(["Guten Morgen"], target="tr")
    assert (outcome.reason, outcome.detail) == ("budget", "0 + 12 > 5")
    assert (service.requests, budget.used()) == ([], 0)


def test_the_budget_stops_translate_missing_with_the_german_message(service, settings):
    settings.MACHINE_TRANSLATION_MONTHLY_CHARACTERS = 1_000_000
    MachineUsage.objects.create(month=budget.month(), characters=999_990)
    association = AssociationFactory(description_de="Wir bauen Brücken in der Nordstadt.")

    with pytest.raises(CommandError) as stopped:
        call_command("translate_missing", language=["tr"])

    assert str(stopped.value) == "Das Monatsbudget für maschinelle Übersetzung ist aufgebraucht."
    assert service.requests == []
    assert budget.used() == 999_990
    association.refresh_from_db()
    assert association.description_tr in ("", None)
    row = FieldTranslation.objects.get(
        object_id=association.pk,
        content_type__model="association",
        field="description",
        language="tr",
    )
    assert (row.status, row.machine_error) == ("missing", "budget")


@pytest.mark.django_db(transaction=True)
def test_two_workers_cannot_pass_the_budget_together(settings):
    """Worker A reserves 6 of 10 characters and holds its transaction open; worker B asks
    for 6 at the same moment: it waits for A's row lock, then finds 6 + 6 > 10."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks as in production")
    settings.MACHINE_TRANSLATION_MONTHLY_CHARACTERS = 10
    budget.reserve(0)  # this month's row exists
    a_reserved, results = threading.Event(), {}

    def worker_a():
        try:
            with transaction.atomic():
                budget.reserve(6)
                a_reserved.set()
                threading.Event().wait(0.5)  # B is blocked meanwhile
            results["a"] = "counted"
        finally:
            connection.close()

    def worker_b():
        a_reserved.wait(5)
        try:
            budget.reserve(6)
            results["b"] = "counted"
        except MachineTranslationError as error:
            results["b"] = error.detail
        finally:
            connection.close()

    threads = [threading.Thread(target=worker_a), threading.Thread(target=worker_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert results == {"a": "counted", "b": "6 + 6 > 10"}
    assert budget.used() == 6
