"""The start page of the members' network area."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from network import areas, services
from network.permissions import member_associations, network_member
from vmdo_portal import sections


@require_safe
@network_member
def start(request):
    since = services.last_visit_touch(user=request.user)
    return render(
        request,
        "network/start.html",
        {
            "since": since,
            "news": sections.render(areas.START_SLOT, request, since),
            "associations": member_associations(request.user),
        },
    )
