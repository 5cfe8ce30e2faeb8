"""What the area reads of offers and requests."""

from django.db.models import Prefetch
from django.http import Http404

from network.models import OfferPost, OfferPostLanguage
from network.offers.permissions import postable_associations

_LANGUAGES = Prefetch("languages", queryset=OfferPostLanguage.objects.order_by("code"))


def for_lists(queryset):
    return queryset.select_related("association").prefetch_related(_LANGUAGES)


def current_posts():
    """The list: open, not hidden, not expired (today's local date), newest first."""
    return OfferPost.objects.current().order_by("-created_at", "-pk")


def own_posts(user):
    """Every post of the person's associations, hidden, done and expired ones included."""
    return for_lists(
        OfferPost.objects.filter(association__in=postable_associations(user)).order_by(
            "-created_at", "-pk"
        )
    )


def readable_post(user, pk) -> OfferPost:
    """A post as the person may read it: their associations' posts always, everybody
    else's unless the office hid them; 404 otherwise."""
    post = for_lists(OfferPost.objects.filter(pk=pk)).first()
    if post is None:
        raise Http404
    if post.hidden and not postable_associations(user).filter(pk=post.association_id).exists():
        raise Http404
    return post


def managed_post(user, pk) -> OfferPost:
    """A post the person may change (their association's): 404 for everybody else."""
    post = (
        OfferPost.objects.filter(pk=pk, association__in=postable_associations(user))
        .select_related("association")
        .first()
    )
    if post is None:
        raise Http404
    return post


def news_since(since, *, limit=5):
    """Current posts that appeared after `since`: the newest few and their number."""
    posts = current_posts().filter(created_at__gt=since)
    return list(for_lists(posts)[:limit]), posts.count()
