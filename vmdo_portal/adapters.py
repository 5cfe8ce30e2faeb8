from allauth.account.adapter import DefaultAccountAdapter

from vmdo_portal.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation or by staff, never by public sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """allauth's login limits count per client like the portal's own limits (one
        reading of X-Forwarded-For: TRUSTED_PROXY_COUNT). allauth's own reading answers
        500 when a request carries fewer forwarded addresses than configured."""
        return client_ip(request)
