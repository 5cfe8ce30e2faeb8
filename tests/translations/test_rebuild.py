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


def test_shipped_names_count_as_machine_translations_until_someone_changes_them(db):
    """The seeded lists' names were drafted without a native speaker: the rebuild (and
    the demo data) marks them unreviewed; a name staff rewrote is their own, up to date."""
    from members.models import FieldOfActivity

    culture = FieldOfActivity.objects.get(slug="culture")  # shipped by the migrations
    women = FieldOfActivity.objects.get(slug="women")
    FieldOfActivity.objects.filter(pk=women.pk).update(name_tr="Kadın çalışmaları")
    FieldTranslation.objects.all().delete()

    rebuild()

    assert statuses_for(culture)["name"]["tr"] == S.MACHINE
    assert statuses_for(culture)["name"]["ar"] == S.MACHINE
    assert statuses_for(women)["name"]["tr"] == S.CURRENT
    assert statuses_for(women)["name"]["ar"] == S.MACHINE


def test_the_demo_data_marks_its_shipped_names_unreviewed(db):
    from events.models import Category

    call_command("seed_demo", no_logins=True, stdout=StringIO())

    language_cafe = Category.objects.get(slug="sprachcafe")
    assert statuses_for(language_cafe)["name"]["fa"] == S.MACHINE
