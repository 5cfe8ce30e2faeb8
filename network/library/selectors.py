"""Reads of the library: the list, one resource, what is new, the person's own."""

from django.db.models import Prefetch

from network.models import Resource, ResourceLanguage
from network.permissions import member_associations

NEWS_LIMIT = 5


def _with_relations(queryset):
    return queryset.select_related("association", "shared_by").prefetch_related(
        Prefetch("languages", queryset=ResourceLanguage.objects.order_by("code"))
    )


def resource_list():
    """Published resources, newest first."""
    return _with_relations(Resource.objects.published()).order_by("-published_at", "-pk")


def resource_for_detail(pk: int) -> Resource | None:
    return _with_relations(Resource.objects.filter(pk=pk)).first()


def resources_waiting(user):
    """Resources of the person's member associations (or their own) not published yet."""
    if not user.is_authenticated:
        return Resource.objects.none()
    own = Resource.objects.exclude(status=Resource.Status.PUBLISHED)
    return (
        own.filter(association__in=member_associations(user).values("pk"))
        .select_related("association")
        .order_by("-created_at")
    )


def resources_new_since(since):
    """Published after `since`: (the newest few, how many in all)."""
    queryset = Resource.objects.published().filter(published_at__gt=since)
    newest = list(queryset.select_related("association").order_by("-published_at")[:NEWS_LIMIT])
    return newest, queryset.count()


def resources_for_search():
    """Published resources for the site search's members-only group."""
    return Resource.objects.published().select_related("association")
