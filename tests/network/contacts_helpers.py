"""Listed people for the contact list's tests, made through the service."""

from members.models import FieldOfActivity
from network.contacts.services import contact_listing_save
from tests.factories import member_of


def listed(association, name, *, role="", languages=(), fields=(), **user_fields):
    """A new member of `association` who agreed to be listed."""
    user = member_of(association, **user_fields)
    contact_listing_save(
        user=user,
        visible=True,
        name=name,
        role=role,
        languages=list(languages),
        fields_of_activity=list(FieldOfActivity.objects.filter(slug__in=fields)),
    )
    return user
