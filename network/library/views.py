"""Wissen: the library's pages in the network area (members and permitted staff only)."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from network.library import permissions, selectors, services
from network.library.filters import ResourceFilter
from network.library.forms import ResourceShareForm
from network.permissions import member_associations, network_member
from vmdo_portal.services import Refused

PAGE_SIZE = 20


@require_safe
@network_member
def resource_list(request):
    filterset = ResourceFilter(request.GET or None, queryset=selectors.resource_list())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "network/library/list.html",
        {
            "filter": filterset,
            "page": page,
            "resources": page.object_list,
            "waiting": selectors.resources_waiting(request.user),
            "may_contribute": permissions.may_contribute(request),
        },
    )


def _resource_or_404(request, pk):
    resource = selectors.resource_for_detail(pk)
    if resource is None or not permissions.may_see(request, resource):
        raise Http404
    return resource


@require_safe
@network_member
def resource_detail(request, pk):
    resource = _resource_or_404(request, pk)
    return render(request, "network/library/detail.html", {"resource": resource})


@require_safe
@network_member
def resource_download(request, pk):
    """The file, only here (never under /media/): private, never cached on the way."""
    resource = _resource_or_404(request, pk)
    if not resource.file:
        raise Http404
    try:
        handle = default_storage.open(resource.file.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        content_type=resource.content_type,
        as_attachment=True,
        filename=resource.original_name or resource.file.name.rpartition("/")[2],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@network_member
def resource_share(request):
    if not permissions.may_contribute(request):
        raise Http404
    office = permissions.office_may_publish(request)
    form = ResourceShareForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        associations=member_associations(request.user),
        office=office,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields if name != "file"}
        try:
            resource = services.resource_share(
                by=request.user, upload=form.checked, office=office, **data
            )
        except Refused as refused:
            for error in refused.errors:
                form.add_error(None, error)
        else:
            if resource.status == resource.Status.PUBLISHED:
                messages.success(request, _("Thank you! The resource is published."))
            else:
                messages.success(
                    request,
                    _("Thank you! The VMDO office will check the resource and publish it."),
                )
            return redirect(resource.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "network/library/share.html", {"form": form}, status=status)
