"""Who may do what with offers and requests (Biete / Suche).

Everybody inside the area (network.permissions.network_member) reads the current posts,
answers and reports them. Members of a member association post for it and manage its
posts (edit, mark done, delete); to anybody else another association's post does not
exist for these acts (404). The office hides and shows posts in the back office with the
permission to change posts and the second factor.
"""

from network.permissions import member_associations
from vmdo_portal.permissions import office_may

MODERATE = "network.change_offerpost"


def postable_associations(user):
    """The associations the person may post for: their own member associations."""
    return member_associations(user)


def may_post(user) -> bool:
    return postable_associations(user).exists()


def may_manage(user, post) -> bool:
    """Edit, mark done, delete: the members of the post's association."""
    return postable_associations(user).filter(pk=post.association_id).exists()


def may_answer(user, post, *, manages: bool) -> bool:
    """Answer through the portal: anybody inside but the post's own association, while
    the post is current."""
    return not manages and post.is_current()


def may_moderate(request) -> bool:
    """Hide and show posts again: staff with the permission and their second factor."""
    return office_may(request, MODERATE)
