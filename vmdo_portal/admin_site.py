"""The back office ("VMDO Verwaltung"): staff only, second factor used in this session."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vmdo_portal.forms import add_input_checks
from vmdo_portal.permissions import can_use_admin, has_two_factor
from vmdo_portal.redirects import safe_next


class InputChecks:
    """Every back-office form field makes the portal's input checks (add_input_checks)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return add_input_checks(super().formfield_for_dbfield(db_field, request, **kwargs))


def with_input_checks(admin_class):
    """The admin class, and each of its inlines, with InputChecks mixed in."""
    if issubclass(admin_class, InputChecks):
        return admin_class
    attrs = {}
    if not issubclass(admin_class, admin.options.InlineModelAdmin):
        attrs["inlines"] = [with_input_checks(inline) for inline in admin_class.inlines]
    return type(admin_class.__name__, (InputChecks, admin_class), attrs)


class VmdoAdminSite(admin.AdminSite):
    site_header = gettext_lazy("VMDO Verwaltung")
    site_title = gettext_lazy("VMDO Verwaltung")
    index_title = gettext_lazy("Back office")
    enable_nav_sidebar = True

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model's admin gets the input checks, whichever app registers it."""
        admin_class = with_input_checks(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        return can_use_admin(request)

    def login(self, request, extra_context=None):
        """Sign-in goes through allauth, so the two-factor step cannot be skipped."""
        next_url = safe_next(request, reverse("admin:index", current_app=self.name))
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not has_two_factor(user):
            messages.warning(
                request,
                _("Set up two-factor authentication before you use the back office."),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': next_url})}")
        if not can_use_admin(request):
            # Signed in without the second factor (e.g. before it was set up): ask for a code.
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}")
        return redirect(next_url)
