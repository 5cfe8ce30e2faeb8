"""The minor-change tick on a profile edit that waits for review (untrusted associations):
the revision keeps it, and approving the revision applies it to the translations."""

import pytest

from members import services as members
from tests.factories import AssociationFactory, member_of, sign_in_with_second_factor, staff_in
from tests.translations.test_saving import save_profile
from translations.selectors import statuses_for
from vmdo_portal.staff_groups import REDAKTION
from vmdo_portal.vocabulary import TranslationStatus as S


@pytest.fixture
def association(db):
    return AssociationFactory(
        name="Brückenbauer e.V.", trusted=False, description_de="Wir bauen Brücken."
    )


@pytest.fixture
def translated(client, association):
    """A Turkish translation, up to date, then a German edit waiting for review."""
    client.force_login(member_of(association))
    save_profile(client, association, description_tr="Köprü kuruyoruz.")
    members.revision_approve(revision=association.revisions.get(), by=staff_in(REDAKTION))
    association.refresh_from_db()
    assert statuses_for(association)["description"]["tr"] == S.CURRENT
    return association


def test_approving_a_typo_fix_keeps_the_translations_current(client, translated):
    save_profile(client, translated, description_de="Wir bauen Brücken!", minor_change="on")
    revision = translated.revisions.get(status="pending")
    assert revision.minor is True

    members.revision_approve(revision=revision, by=staff_in(REDAKTION))

    translated.refresh_from_db()
    assert translated.description_de == "Wir bauen Brücken!"
    assert statuses_for(translated)["description"]["tr"] == S.CURRENT


def test_approving_a_change_without_the_tick_makes_translations_outdated(client, translated):
    save_profile(client, translated, description_de="Wir bauen Brücken in Dortmund.")
    revision = translated.revisions.get(status="pending")
    assert revision.minor is False

    members.revision_approve(revision=revision, by=staff_in(REDAKTION))

    translated.refresh_from_db()
    assert statuses_for(translated)["description"]["tr"] == S.OUTDATED


def test_staff_see_the_tick_before_approving(client, translated):
    save_profile(client, translated, description_de="Wir bauen Brücken!", minor_change="on")
    revision = translated.revisions.get(status="pending")
    client.logout()
    sign_in_with_second_factor(client, staff_in(REDAKTION))

    html = client.get(f"/verwaltung/members/profilerevision/{revision.pk}/change/").content
    html = html.decode()

    assert "Kleine Änderung" in html
    assert "approving it leaves" not in html  # the help text in German
    assert "Übersetzungen bleiben beim Freigeben aktuell" in html
