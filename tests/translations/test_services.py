"""The stored translation status: what saving German texts and translations does to it."""

import pytest
from django.contrib.contenttypes.models import ContentType

from members.models import Association
from tests.factories import AssociationFactory, UserFactory
from translations.models import FieldTranslation
from translations.selectors import (
    language_summaries,
    language_summary,
    statuses_for,
    translation_queue,
)
from translations.services import (
    translation_reviewed,
    translation_saved,
    translation_source_saved,
)
from vmdo_portal.services import Refused
from vmdo_portal.vocabulary import TranslationStatus as S

OTHERS = ["en", "tr", "ar", "uk", "ru", "fa", "pl"]


@pytest.fixture
def association(db):
    return AssociationFactory(description_de="Wir treffen uns dienstags.")


def translate(obj, field, language, text, **kwargs):
    setattr(obj, f"{field}_{language}", text)
    obj.save()
    translation_saved(obj, field, language, **kwargs)


def change_german(obj, field, text, **kwargs):
    setattr(obj, f"{field}_de", text)
    obj.save()
    translation_source_saved(obj, fields=[field], **kwargs)


def test_a_new_association_has_its_translations_missing(association):
    assert statuses_for(association)["description"] == {"de": S.SOURCE} | dict.fromkeys(
        OTHERS, S.MISSING
    )
    assert language_summary(association) == {"de": S.SOURCE} | dict.fromkeys(OTHERS, S.MISSING)


def test_a_translation_is_current_until_the_german_text_changes(association):
    translate(association, "description", "tr", "Salı günleri buluşuyoruz.")
    assert statuses_for(association)["description"]["tr"] == S.CURRENT
    change_german(association, "description", "Wir treffen uns mittwochs.")
    assert statuses_for(association)["description"]["tr"] == S.OUTDATED
    assert statuses_for(association)["description"]["en"] == S.MISSING
    # Translated again: current again.
    translate(association, "description", "tr", "Çarşamba günleri buluşuyoruz.")
    assert statuses_for(association)["description"]["tr"] == S.CURRENT


def test_saving_the_same_german_text_again_changes_nothing(association):
    translate(association, "description", "tr", "Salı günleri buluşuyoruz.")
    before = list(FieldTranslation.objects.order_by("pk").values())
    translation_source_saved(association)
    translation_source_saved(association)
    assert list(FieldTranslation.objects.order_by("pk").values()) == before


def test_a_minor_change_keeps_translations_current(association):
    editor = UserFactory()
    translate(association, "description", "tr", "Salı günleri buluşuyoruz.")
    change_german(association, "description", "Wir treffen uns dienstags!", minor=True, by=editor)
    assert statuses_for(association)["description"]["tr"] == S.CURRENT
    # The translation now counts as made from the corrected text.
    translation_source_saved(association)
    assert statuses_for(association)["description"]["tr"] == S.CURRENT
    row = FieldTranslation.objects.get(field="description", language="tr")
    assert row.updated_by == editor


def test_a_minor_change_does_not_make_an_outdated_translation_current(association):
    translate(association, "description", "tr", "Salı günleri buluşuyoruz.")
    change_german(association, "description", "Wir treffen uns mittwochs.")
    change_german(association, "description", "Wir treffen uns mittwochs!", minor=True)
    assert statuses_for(association)["description"]["tr"] == S.OUTDATED


def test_a_machine_translation_waits_for_review(association):
    translate(association, "description", "uk", "Ми зустрічаємося по вівторках.", machine=True)
    assert statuses_for(association)["description"]["uk"] == S.MACHINE
    assert language_summary(association)["uk"] == S.MACHINE
    translation_reviewed(association, "description", "uk", by=None)
    assert statuses_for(association)["description"]["uk"] == S.CURRENT
    with pytest.raises(Refused):
        translation_reviewed(association, "description", "uk", by=None)


def test_an_outdated_translation_can_be_confirmed_for_the_new_german(association):
    translate(association, "description", "tr", "Salı günleri buluşuyoruz.")
    change_german(association, "description", "Wir treffen uns dienstags!")
    assert translation_reviewed(association, "description", "tr", by=None) == S.OUTDATED
    assert statuses_for(association)["description"]["tr"] == S.CURRENT
    translate(association, "description", "tr", "")
    with pytest.raises(Refused):
        translation_reviewed(association, "description", "tr", by=None)


def test_an_emptied_translation_is_missing(association):
    translate(association, "description", "tr", "Salı günleri buluşuyoruz.")
    translate(association, "description", "tr", "")
    assert statuses_for(association)["description"]["tr"] == S.MISSING


def test_the_summary_shows_the_worst_field(association):
    association.regular_activities_de = "Dienstags 18 Uhr."
    association.save()
    translation_source_saved(association, fields=["regular_activities"])
    translate(association, "description", "tr", "Salı günleri buluşuyoruz.")
    assert language_summary(association)["tr"] == S.MISSING  # regular activities
    translate(association, "regular_activities", "tr", "Salı 18:00.")
    assert language_summary(association)["tr"] == S.CURRENT
    change_german(association, "regular_activities", "Dienstags 19 Uhr.")
    assert language_summary(association)["tr"] == S.OUTDATED


def test_the_queue_lists_missing_then_outdated_then_machine(association):
    translate(association, "description", "tr", "Salı günleri buluşuyoruz.")
    other = AssociationFactory(description_de="Ein Chor.")
    translate(other, "description", "tr", "Bir koro.", machine=True)
    third = AssociationFactory(description_de="Ein Sportverein.")
    gone = AssociationFactory(description_de="Ein aufgelöster Verein.")
    Association.objects.filter(pk=gone.pk).delete()
    change_german(association, "description", "Wir treffen uns mittwochs.")
    queue = translation_queue("tr")
    # Regular activities have no German text anywhere: nothing to translate. A deleted
    # association is not listed.
    assert [(row.object_id, row.field, row.status) for row in queue] == [
        (third.pk, "description", S.MISSING),
        (association.pk, "description", S.OUTDATED),
        (other.pk, "description", S.MACHINE),
    ]
    assert {row.content_type for row in queue} == {ContentType.objects.get_for_model(Association)}


@pytest.mark.parametrize("count", [1, 20])
def test_summaries_of_a_list_take_one_query(db, django_assert_num_queries, count):
    associations = [AssociationFactory() for _ in range(count)]
    translate(associations[0], "description", "en", "A club.")
    ContentType.objects.get_for_model(Association)  # cached, as in a running site
    listed = list(Association.objects.filter(pk__in=[a.pk for a in associations]))
    with django_assert_num_queries(1):
        summaries = language_summaries(listed)
    assert summaries[associations[0].pk]["en"] == S.CURRENT
    assert [summaries[a.pk]["tr"] for a in associations] == [S.MISSING] * count
