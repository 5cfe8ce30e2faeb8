from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404
from django.utils import translation


def permissions_policy(get_response):
    """Adds a Permissions-Policy header that switches off browser features we never use."""

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def admin_in_default_language(get_response):
    """The back office is in German, whatever language the browser asks for."""

    def middleware(request):
        if request.path.startswith(settings.ADMIN_URL_PREFIX):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return get_response(request)

    return middleware


def reject_nul(get_response):
    """A NUL byte in the address or a form is nothing the portal serves, and PostgreSQL
    refuses it in any text: in the path the page is not found (404), in a parameter the
    request is bad (400), both with the portal's own page, instead of a database error."""

    def middleware(request):
        if "\x00" in request.path:
            raise Http404
        for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL in a parameter")
        return get_response(request)

    return middleware
