"""Public pages of the members app: directory, profile, membership application."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from members import services
from members.filters import DirectoryFilter
from members.forms import ApplicationForm
from members.models import Association
from vmdo_portal import ratelimit
from vmdo_portal.site_url import absolute_url

PAGE_SIZE = 20
APPLICATIONS_PER_HOUR = 5
# All clients together: each application mails an address the visitor typed.
APPLICATIONS_PER_HOUR_IN_ALL = 30


@require_safe
def directory(request):
    filterset = DirectoryFilter(request.GET or None, queryset=Association.objects.public())
    queryset = filterset.qs.prefetch_related("fields_of_activity", "languages")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "members/directory.html",
        {
            "filter": filterset,
            "page": page,
            "associations": page.object_list,
            "query_string": query.urlencode(),
        },
    )


@require_safe
def profile(request, slug):
    association = get_object_or_404(
        Association.objects.public().prefetch_related(
            "fields_of_activity", "communities", "languages"
        ),
        slug=slug,
    )
    return render(
        request,
        "members/profile.html",
        {"association": association, "jsonld": organization_jsonld(association)},
    )


def organization_jsonld(association) -> dict:
    """schema.org Organization data, with only what the association agreed to show."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": association.name,
        "url": absolute_url(association.get_absolute_url()),
        "memberOf": {"@type": "Organization", "name": "VMDO e.V."},
    }
    if association.short_name:
        data["alternateName"] = association.short_name
    if association.description:
        data["description"] = association.description
    if association.founded_year:
        data["foundingDate"] = str(association.founded_year)
    if association.logo:
        data["logo"] = absolute_url(association.logo.url)
    if association.website:
        data["sameAs"] = [association.website]
    if association.show_email and association.email:
        data["email"] = association.email
    if association.show_phone and association.phone:
        data["telephone"] = association.phone
    if association.show_address and association.street:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": association.street,
            "postalCode": association.postal_code,
            "addressLocality": association.city,
            "addressCountry": "DE",
        }
    return data


@require_http_methods(["GET", "POST"])
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam:
            return redirect("members:apply_done")
        if form.is_valid():
            # Only applications that go through count: someone correcting the form is not
            # held back by their own mistakes.
            if not (
                ratelimit.hit(
                    f"members:applications:{ratelimit.client_key(request)}",
                    limit=APPLICATIONS_PER_HOUR,
                    window=3600,
                )
                and ratelimit.hit(
                    "members:applications", limit=APPLICATIONS_PER_HOUR_IN_ALL, window=3600
                )
            ):
                form.add_error(
                    None, _("Too many applications from your connection. Please try again later.")
                )
                return render(request, "members/apply.html", {"form": form}, status=429)
            data = {k: v for k, v in form.cleaned_data.items() if k != "nickname"}
            services.application_submit(language=get_language(), **data)
            return redirect("members:apply_done")
    return render(request, "members/apply.html", {"form": form})


@require_safe
def apply_done(request):
    return render(request, "members/apply_done.html")
