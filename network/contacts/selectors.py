"""Reads of the contact list: who is listed, one page of them, one person's entry."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, StringAgg, Subquery, Value

from members.models import Association, Membership
from network.models import ContactListing
from vmdo_portal.collation import sorted_by_locale
from vmdo_portal.folding import folded_search

PAGE_SIZE = 20


def member_memberships():
    return Membership.objects.filter(association__status=Association.Status.MEMBER)


def listed():
    """Who other members see: people who agreed, with a membership in a member association."""
    return ContactListing.objects.filter(visible=True, user__is_active=True).filter(
        Exists(member_memberships().filter(user=OuterRef("user")))
    )


def with_membership_in(queryset, **association):
    """Listings of people with a membership in a member association matching `association`
    (e.g. district="eving", or pk=3)."""
    lookups = {f"association__{name}": value for name, value in association.items()}
    return queryset.filter(Exists(member_memberships().filter(user=OuterRef("user"), **lookups)))


def association_names():
    """The names of the person's member associations, one text ("A, B")."""
    return Subquery(
        member_memberships()
        .filter(user=OuterRef("user"))
        .values("user")
        .annotate(names=StringAgg("association__name", Value(", "), order_by="association__name"))
        .values("names")
    )


def search(queryset, query_words):
    """Listings whose name, role or associations hold every word (folded, typo-tolerant),
    annotated with `association_names` and `title_match` (the name matched)."""
    return folded_search(
        queryset.annotate(association_names=association_names()),
        query_words,
        ["name", "role", "association_names"],
        ["name"],
    )


def listed_associations():
    """Member associations with somebody listed (the list's association filter)."""
    return Association.objects.filter(status=Association.Status.MEMBER).filter(
        Exists(listed().filter(user__memberships__association=OuterRef("pk")))
    )


def listing_page(queryset, number):
    """One page of listings, sorted by name in the reader's alphabet: the names of all
    rows are read (one short query) and sorted, then the page's rows are loaded with their
    languages, fields of activity and member associations."""
    rows = sorted_by_locale(queryset.values_list("pk", "name"), key=lambda row: row[1])
    page = Paginator(rows, PAGE_SIZE).get_page(number)
    ids = [pk for pk, _name in page.object_list]
    found = {}
    if ids:
        found = (
            ContactListing.objects.filter(pk__in=ids)
            .prefetch_related(
                "languages",
                "fields_of_activity",
                Prefetch(
                    "user__memberships",
                    queryset=member_memberships().select_related("association"),
                    to_attr="member_memberships",
                ),
            )
            .select_related("user")
            .in_bulk()
        )
    listings = [found[pk] for pk in ids]
    for listing in listings:
        listing.associations = sorted_by_locale(
            [membership.association for membership in listing.user.member_memberships],
            key=lambda association: association.name,
        )
    page.object_list = listings
    return page


def own_listing(user) -> ContactListing | None:
    return (
        ContactListing.objects.filter(user=user)
        .prefetch_related("languages", "fields_of_activity")
        .first()
    )


def listing_initial(listing, user) -> dict:
    """The consent form's values: the entry's, or the account's name for a new one."""
    if listing is None:
        return {"name": user.name}
    return {
        "visible": listing.visible,
        "name": listing.name,
        "role": listing.role,
        "languages": listing.language_codes,
        "fields_of_activity": list(listing.fields_of_activity.all()),
    }


def own_listing_state(user) -> dict:
    """For the list page: whether the person may have an entry, and whether it is shown
    (one query)."""
    from vmdo_portal.models import User

    own = ContactListing.objects.filter(user=OuterRef("pk"))
    state = (
        User.objects.filter(pk=user.pk)
        .annotate(
            member=Exists(member_memberships().filter(user=OuterRef("pk"))),
            has_entry=Exists(own),
            shown=Exists(own.filter(visible=True)),
        )
        .values("member", "has_entry", "shown")
        .get()
    )
    return {
        "may_manage": state["member"] or state["has_entry"],
        "shown": state["shown"] and state["member"],
    }
