from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from vmdo_portal.ratelimit import client_ip
from vmdo_portal.redirects import is_safe_redirect


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation or by staff, never by public sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """allauth's login limits count per client like the portal's own limits (one
        reading of X-Forwarded-For: TRUSTED_PROXY_COUNT). allauth's own reading answers
        500 when a request carries fewer forwarded addresses than configured."""
        return client_ip(request)

    def is_safe_url(self, url):
        """allauth's `next` targets pass the portal's one check (this host, this scheme)."""
        return is_safe_redirect(context.request, url)
