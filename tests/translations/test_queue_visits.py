"""A translator's queue: status order first (missing, outdated, machine), then the most
visited pages of the last three months, then the oldest."""

import pytest
from django.utils import timezone

from members.models import Association
from tests.factories import AssociationFactory, make_project
from tests.translations.test_services import change_german, translate
from translations.selectors import translation_queue
from translations.services import translation_statuses_init
from vmdo_portal.models import PageVisits
from vmdo_portal.visits import month_of, months_before
from vmdo_portal.vocabulary import TranslationStatus as S

pytestmark = pytest.mark.django_db


def visited(obj, count, *, back=0):
    path = obj.get_absolute_url().removeprefix("/de")
    month = months_before(month_of(timezone.localdate()), back)
    PageVisits.objects.create(path=path, month=month, count=count)


def queued(language="tr"):
    return [
        (row.object_id, row.field, row.status, row.visits) for row in translation_queue(language)
    ]


def test_the_more_visited_object_comes_first_within_a_status():
    older = AssociationFactory(slug="alt", description_de="Ein Chor.")
    newer = AssociationFactory(slug="neu", description_de="Ein Sportverein.")
    visited(newer, 5)
    visited(newer, 4, back=2)
    visited(newer, 100, back=3)  # too long ago
    visited(older, 8)
    assert queued() == [
        (newer.pk, "description", S.MISSING, 9),
        (older.pk, "description", S.MISSING, 8),
    ]


def test_unvisited_objects_keep_the_oldest_first():
    first = AssociationFactory(description_de="Ein Chor.")
    second = AssociationFactory(description_de="Ein Sportverein.")
    assert queued() == [
        (first.pk, "description", S.MISSING, 0),
        (second.pk, "description", S.MISSING, 0),
    ]


def test_the_status_order_wins_over_visits():
    quiet = AssociationFactory(slug="ruhig", description_de="Ein Chor.")
    popular = AssociationFactory(slug="beliebt", description_de="Ein Sportverein.")
    reviewed = AssociationFactory(slug="maschine", description_de="Ein Kulturverein.")
    translate(popular, "description", "tr", "Bir spor kulübü.")
    change_german(popular, "description", "Ein großer Sportverein.")
    translate(reviewed, "description", "tr", "Bir kültür derneği.", machine=True)
    visited(popular, 1000)
    visited(reviewed, 2000)
    assert queued() == [
        (quiet.pk, "description", S.MISSING, 0),
        (popular.pk, "description", S.OUTDATED, 1000),
        (reviewed.pk, "description", S.MACHINE, 2000),
    ]


def test_visits_of_one_language_count_for_every_language():
    association = AssociationFactory(description_de="Ein Chor.")
    visited(association, 3)
    assert queued("ar") == [(association.pk, "description", S.MISSING, 3)]


def test_the_queue_is_a_list_that_can_be_sliced():
    for name in ["Eins", "Zwei", "Drei"]:
        AssociationFactory(name=name, description_de="Ein Chor.")
    queue = translation_queue("tr")
    assert (type(queue), len(queue[1:])) == (list, 2)


@pytest.mark.parametrize("count", [1, 20])
def test_the_queue_takes_one_query_per_content_type(django_assert_num_queries, count):
    """The rows, the associations, the projects, the visits."""
    associations = [AssociationFactory(description_de="Ein Chor.") for _ in range(count)]
    project = make_project(summary_de="Beratung im Quartier.")
    translation_statuses_init(type(project), [project])
    visited(associations[-1], 7)
    translation_queue("tr")  # content types cached, as in a running site
    with django_assert_num_queries(4):
        queue = translation_queue("tr")
    assert (queue[0].object_id, queue[0].visits) == (associations[-1].pk, 7)
    assert {row.content_type.model_class() for row in queue} == {
        Association,
        type(project),
    }
