"""Who sees the contact list and who manages an entry in it.

The list is part of the network area (`network.permissions.network_member`: members and
staff with the area's permission). Their own entry is managed by people with a membership
in a member association, and by anybody who still has an entry (so a person who left
their association can always withdraw). Staff read the listings in the back office with
`network.view_contactlisting` (and their second factor).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from network.models import ContactListing
from network.permissions import member_associations
from vmdo_portal.permissions import office_may

VIEW_LISTINGS = "network.view_contactlisting"


def may_be_listed(user) -> bool:
    """The person has a membership in a member association: only they appear in the list."""
    return user.is_authenticated and user.is_active and member_associations(user).exists()


def may_manage_own_listing(user) -> bool:
    return may_be_listed(user) or (
        user.is_authenticated and ContactListing.objects.filter(user=user).exists()
    )


def office_may_view_listings(request) -> bool:
    return office_may(request, VIEW_LISTINGS)


def own_listing_page(view):
    """The person's own entry: login for anonymous visitors, 404 for people who have none
    to manage (no membership in a member association and no entry)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_manage_own_listing(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
