"""The network's contact list and each person's consent to appear in it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from network.contacts import selectors, services
from network.contacts.filters import ContactFilter
from network.contacts.forms import ContactListingForm
from network.contacts.permissions import own_listing_page
from network.permissions import network_member
from vmdo_portal.services import Refused


@require_safe
@network_member
def contact_list(request):
    filterset = ContactFilter(request.GET or None, queryset=selectors.listed())
    page = selectors.listing_page(filterset.qs, request.GET.get("seite"))
    return render(
        request,
        "network/contacts/list.html",
        {"filter": filterset, "page": page, "own": selectors.own_listing_state(request.user)},
    )


@require_http_methods(["GET", "POST"])
@own_listing_page
def own_listing(request):
    user = request.user
    listing = selectors.own_listing(user)
    if request.method == "POST" and "delete" in request.POST:
        if services.contact_listing_delete(user=user):
            messages.success(request, _("Your entry is deleted. You are not in the list."))
        return redirect("network:contacts_own")
    if request.method == "GET":
        form = ContactListingForm(initial=selectors.listing_initial(listing, user))
    else:
        form = ContactListingForm(request.POST)
        if form.is_valid():
            try:
                saved = services.contact_listing_save(user=user, **form.cleaned_data)
            except Refused as refused:
                form.add_error(None, refused.errors)
            else:
                messages.success(request, _saved_message(saved.visible))
                return redirect("network:contacts_own")
    return render(request, "network/contacts/own.html", {"form": form, "listing": listing})


def _saved_message(visible: bool) -> str:
    if visible:
        return _("Saved. Other members now find you in the contact list.")
    return _("Saved. You are not shown in the contact list.")
