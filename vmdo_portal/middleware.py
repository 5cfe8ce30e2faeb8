from django.conf import settings
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
