import time
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.contrib.sites.requests import RequestSite
from django.urls import reverse

from members.models import Membership
from vmdo_portal.ratelimit import client_ip
from vmdo_portal.redirects import is_safe_redirect
from vmdo_portal.site_url import absolute_url, site_domain


def _on_site(url: str) -> str:
    """allauth builds links from the request's Host header; emails carry SITE_URL's."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


# When this session set up its first second factor (vmdo_portal.second_factor).
SET_UP_AT = "second_factor_set_up_at"


def signed_in_recently(request) -> bool:
    """The person's last authentication in this session (sign-in, second factor,
    re-authentication) was less than ACCOUNT_REAUTHENTICATION_TIMEOUT seconds ago."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    return bool(records) and (
        time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT
    )


class PortalSite(RequestSite):
    """`current_site` in allauth's emails: the configured address, not the Host header."""

    def __init__(self):
        self.domain = self.name = site_domain()


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation or by staff, never by public sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """allauth's login limits count per client like the portal's own limits (one
        reading of X-Forwarded-For: TRUSTED_PROXY_COUNT). allauth's own reading answers
        500 when a request carries fewer forwarded addresses than configured."""
        return client_ip(request)

    def get_login_redirect_url(self, request):
        """Where sign-in leads when no (safe) `next` asked for a page: people of one
        association to its dashboard, of several to the dashboard's list of them, everyone
        else (staff without a membership included) to the home page."""
        slugs = list(
            Membership.objects.filter(user=request.user)
            .order_by("association__name")
            .values_list("association__slug", flat=True)[:2]
        )
        if len(slugs) == 1:
            return reverse("members:overview", args=[slugs[0]])
        if slugs:
            return reverse("members:dashboard")
        return super().get_login_redirect_url(request)

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth asks for the password again before an authenticator is added or
        removed unless the person re-authenticated in the last
        ACCOUNT_REAUTHENTICATION_TIMEOUT seconds, and a sign-in does not count as one:
        staff sent from the back office to set up their app right after signing in typed
        their password twice. Here a sign-in within that time counts as recent for one
        thing only: setting up the first second factor. Changing or removing an existing
        one, and everything else allauth guards, still asks for the password."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        if not required or app != "allauth.mfa":
            return required
        request = context.request
        first_set_up = not Authenticator.objects.filter(user=request.user).exists() or (
            # ... and then reading the recovery codes that set-up made.
            request.path == reverse("mfa_view_recovery_codes")
            and time.time() - request.session.get(SET_UP_AT, 0)
            < account_settings.REAUTHENTICATION_TIMEOUT
        )
        return not (first_set_up and signed_in_recently(request))

    def is_safe_url(self, url):
        """allauth's `next` targets pass the portal's one check (this host, this scheme)."""
        return is_safe_redirect(context.request, url)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return _on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return _on_site(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        context = {"current_site": PortalSite(), **context}
        super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """allauth keys its per-address login limit by the Host header's domain and port,
        so a client cycling ports would get fresh attempts; the key uses SITE_URL's."""
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{site_domain()}:{login}"
