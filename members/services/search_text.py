"""The folded search text of associations follows every change of what they show."""

from django.db import models, transaction

from members import search
from members.models import Association, FieldOfActivity
from vmdo_portal.page_cache import content_changed


def association_search_refresh(*, associations) -> int:
    """Rewrite the folded search text of these associations (a queryset or a list).

    Every change of a name, a description, a list (fields, communities, languages), the
    district or a list entry's name goes through here, so the directory and the site
    search find the association by what it shows at once.
    """
    instances = [] if isinstance(associations, models.QuerySet) else list(associations)
    if not isinstance(associations, models.QuerySet):
        associations = Association.objects.filter(pk__in=[a.pk for a in instances])
    documents = search.refresh(associations)
    for association in instances:  # a later save() of these must not write old text
        association.search_name, association.search_text = documents[association.pk]
    content_changed()  # bulk_update sends no signal: cached result pages are stale
    return len(documents)


def list_entry_saved(*, entry) -> int:
    """A field of activity or a community was renamed: its associations' search text follows."""
    if isinstance(entry, FieldOfActivity):
        associations = Association.objects.filter(fields_of_activity=entry)
    else:
        associations = Association.objects.filter(communities=entry)
    return association_search_refresh(associations=associations)


def list_entries_delete(*, entries) -> int:
    """Fields of activity or communities are deleted: their associations' search text
    no longer holds their names."""
    entries = list(entries)
    if not entries:
        return 0
    link = "fields_of_activity" if isinstance(entries[0], FieldOfActivity) else "communities"
    association_ids = list(
        Association.objects.filter(**{f"{link}__in": entries}).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for entry in entries:
            entry.delete()
        return association_search_refresh(
            associations=Association.objects.filter(pk__in=association_ids)
        )
