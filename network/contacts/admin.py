"""The contact list in the back office: read only, for staff with the view permission.

Only entries the person agreed to show are listed (what members see, too); what a person
saved without agreeing stays theirs.
"""

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from network.contacts import selectors
from network.models import ContactListing
from vmdo_portal.admin_changelist import ReadOnlyAdmin
from vmdo_portal.collation import sorted_by_locale
from vmdo_portal.dates import local_display


@admin.register(ContactListing)
class ContactListingAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "role", "associations", "languages_spoken", "agreed"]
    search_fields = ["name", "role", "user__memberships__association__name"]
    fields = readonly_fields = [
        "name",
        "role",
        "associations",
        "languages_spoken",
        "activity_fields",
        "agreed",
    ]
    ordering = ["name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(visible=True)
            .select_related("user")
            .prefetch_related(
                "languages",
                "fields_of_activity",
                Prefetch(
                    "user__memberships",
                    queryset=selectors.member_memberships().select_related("association"),
                    to_attr="member_memberships",
                ),
            )
        )

    @admin.display(description=_("member associations"))
    def associations(self, listing):
        names = [membership.association.name for membership in listing.user.member_memberships]
        return ", ".join(sorted_by_locale(names)) or "–"

    @admin.display(description=_("languages"))
    def languages_spoken(self, listing):
        return ", ".join(sorted_by_locale(str(entry) for entry in listing.languages.all())) or "–"

    @admin.display(description=_("fields of activity"))
    def activity_fields(self, listing):
        return ", ".join(field.name for field in listing.fields_of_activity.all()) or "–"

    @admin.display(description=_("agreed on"), ordering="consented_at")
    def agreed(self, listing):
        return local_display(listing.consented_at) or "–"
