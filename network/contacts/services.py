"""Writes of the contact list: a person gives, changes or withdraws their consent.

The audit log records that consent was given or withdrawn, by whom (the account) and on
which entry (its number): never the name, role or languages entered.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network.contacts.permissions import may_be_listed
from network.models import ContactLanguage, ContactListing
from vmdo_portal.audit import log_action
from vmdo_portal.services import Refused


def _entry_name(listing) -> str:
    # The log's text of the object, in German like the back office (no personal data).
    with translation.override(settings.LANGUAGE_CODE):
        return str(listing)


@transaction.atomic
def contact_listing_save(
    *, user, visible: bool, name: str, role: str, languages, fields_of_activity
) -> ContactListing:
    """Save the person's entry; `visible` is their consent to be shown to other members."""
    name, role = name.strip(), role.strip()
    if visible and not may_be_listed(user):
        raise Refused(_("Only people of a member association can be listed."))
    if visible and not name:
        raise Refused(_("Enter the name other members should see."))
    listing, _created = ContactListing.objects.select_for_update().get_or_create(user=user)
    was_visible = listing.visible
    listing.visible, listing.name, listing.role = visible, name, role
    if visible and not was_visible:
        listing.consented_at = timezone.now()
    elif not visible:
        listing.consented_at = None
    listing.save()
    listing.fields_of_activity.set(fields_of_activity)
    listing.languages.exclude(code__in=languages).delete()
    ContactLanguage.objects.bulk_create(
        [ContactLanguage(listing=listing, code=code) for code in sorted(set(languages))],
        ignore_conflicts=True,
    )
    if visible != was_visible:
        action = "contact_listing.consented" if visible else "contact_listing.withdrawn"
        log_action(listing, action, by=user, object_repr=_entry_name(listing))
    return listing


@transaction.atomic
def contact_listing_delete(*, user) -> bool:
    """Withdraw the consent and delete the entry's details; False when there was none."""
    listing = ContactListing.objects.select_for_update().filter(user=user).first()
    if listing is None:
        return False
    if listing.visible:
        log_action(listing, "contact_listing.withdrawn", by=user, object_repr=_entry_name(listing))
    log_action(listing, "contact_listing.deleted", by=user, object_repr=_entry_name(listing))
    listing.delete()
    return True


def personal_data(user) -> dict | None:
    listing = ContactListing.objects.filter(user=user).first()
    if listing is None:
        return None
    return {
        "visible": listing.visible,
        "name": listing.name,
        "role": listing.role,
        "languages": listing.language_codes,
        "fields_of_activity": [field.slug for field in listing.fields_of_activity.all()],
        "consented_at": listing.consented_at.isoformat() if listing.consented_at else None,
    }


def personal_data_erase(user) -> None:
    ContactListing.objects.filter(user=user).delete()
