"""The archive of circulars in the network area."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from network.circulars import selectors
from network.permissions import network_member

PAGE_SIZE = 20


@require_safe
@network_member
def circular_list(request):
    page = Paginator(selectors.circulars_archive(), PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request, "network/circulars/list.html", {"page": page, "circulars": page.object_list}
    )


@require_safe
@network_member
def circular_detail(request, pk):
    circular = selectors.circular_in_archive(pk)
    if circular is None:
        raise Http404
    return render(request, "network/circulars/detail.html", {"circular": circular})
