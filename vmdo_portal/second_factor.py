"""Setting up the authenticator app leads back to where the person wanted to go.

allauth's set-up ends on the recovery codes and forgets the `next` the person came with
(the back office sends staff there with `?next=/verwaltung/…`). These views keep it: the
set-up page remembers the (checked) `next` in the session, allauth's own form posts as
always, and the recovery codes page links back to it. The code that activated the app is
a use of the second factor in this session, as a sign-in code would be: the back office
opens without asking for another.
"""

import time
from urllib.parse import urlencode

from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes import views as recovery_codes_views
from allauth.mfa.totp import views as totp_views
from django.urls import reverse
from django.utils.translation import gettext as _

from vmdo_portal.adapters import SET_UP_AT
from vmdo_portal.redirects import safe_next

NEXT_KEY = "second_factor_next"


class ActivateTOTPView(totp_views.ActivateTOTPView):
    def get(self, request, *args, **kwargs):
        next_url = safe_next(request, "")
        if next_url:
            request.session[NEXT_KEY] = next_url
        else:
            request.session.pop(NEXT_KEY, None)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        authenticator = Authenticator.objects.get(
            user=self.request.user, type=Authenticator.Type.TOTP
        )
        post_authentication(self.request, authenticator)
        self.request.session[SET_UP_AT] = time.time()
        return response

    def get_success_url(self):
        url = super().get_success_url()
        next_url = self.request.session.pop(NEXT_KEY, "")
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class ViewRecoveryCodesView(recovery_codes_views.ViewRecoveryCodesView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_url = safe_next(self.request, "")
        if next_url:
            context["continue_url"] = next_url
            context["continue_label"] = (
                _("Continue to the back office")
                if next_url.startswith(reverse("admin:index"))
                else _("Continue to the page you wanted to open")
            )
        return context


activate_totp = ActivateTOTPView.as_view()
view_recovery_codes = ViewRecoveryCodesView.as_view()
