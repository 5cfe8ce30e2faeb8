"""A URLconf for the error-page tests: the portal's URLs plus views that fail."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from vmdo_portal.urls import urlpatterns as portal_urlpatterns


def fail(request):
    raise RuntimeError("a bug in a view")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(path("kaputt/", fail), path("verboten/", forbidden)),
]
