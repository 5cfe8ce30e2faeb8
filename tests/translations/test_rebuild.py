"""`manage.py translation_status_rebuild`: rows for texts saved before statuses were kept."""

from io import StringIO

from django.core.management import call_command

from tests.factories import AssociationFactory
from translations.models import FieldTranslation
from translations.selectors import statuses_for
from vmdo_portal.models import Page
from vmdo_portal.vocabulary import TranslationStatus as S


def rebuild() -> str:
    out = StringIO()
    call_command("translation_status_rebuild", stdout=out)
    return out.getvalue()


def test_the_rebuild_counts_filled_translations_current_and_is_idempotent(db):
    association = AssociationFactory(description_de="Ein Chor.")
    FieldTranslation.objects.all().delete()
    type(association).objects.filter(pk=association.pk).update(description_tr="Bir koro.")
    association.refresh_from_db()
    first = rebuild()
    rows = dict(
        FieldTranslation.objects.filter(
            content_type__model="association", object_id=association.pk, field="description"
        ).values_list("language", "status")
    )
    assert (rows["tr"], rows["en"]) == (S.CURRENT, S.MISSING)
    pages = Page.objects.count()
    # Every page's title, summary and body in the seven other languages.
    assert FieldTranslation.objects.filter(content_type__model="page").count() == pages * 3 * 7
    count = FieldTranslation.objects.count()
    assert (
        first == f"{count} translation status rows created.\n0 rows of deleted objects removed.\n"
    )
    assert rebuild() == "0 translation status rows created.\n0 rows of deleted objects removed.\n"
    assert FieldTranslation.objects.count() == count


def test_the_rebuild_keeps_stored_statuses(db):
    association = AssociationFactory(description_de="Ein Chor.", description_tr="Bir koro.")
    FieldTranslation.objects.filter(language="tr").update(status=S.OUTDATED)
    rebuild()
    assert statuses_for(association)["description"]["tr"] == S.OUTDATED


def test_the_rebuild_forgets_deleted_objects(db):
    kept = AssociationFactory(description_de="Ein Chor.")
    gone = AssociationFactory(description_de="Ein Sportverein.")
    type(gone).objects.filter(pk=gone.pk).delete()  # deleted where nobody told us
    assert rebuild().splitlines()[1] == "14 rows of deleted objects removed."
    assert set(
        FieldTranslation.objects.filter(content_type__model="association").values_list(
            "object_id", flat=True
        )
    ) == {kept.pk}
