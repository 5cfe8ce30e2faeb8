"""While PostgreSQL is unreachable, pages that need it answer 503 with the portal's own
page and a Retry-After header, never 500. Cached pages keep being served (the page cache
sits above the views and needs no database)."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
UNAVAILABLE = (OperationalError, InterfaceError)


def unavailable_response() -> HttpResponse:
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # a warning is logged instead of Django's error
    return response


class DatabaseUnavailableMiddleware:
    """Turns a view's lost database connection into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        return unavailable_response()


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: a lost database connection in a middleware (a session read) is a 503."""
    if isinstance(error := sys.exc_info()[1], UNAVAILABLE):
        logger.warning("Database unavailable for %s: %s", request.path, error)
        return unavailable_response()
    return defaults.server_error(request, template_name)
