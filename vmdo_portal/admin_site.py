"""The back office ("VMDO Verwaltung"): staff only, second factor used in this session."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied
from django.forms.utils import pretty_name
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vmdo_portal.backoffice import waiting_for
from vmdo_portal.forms import add_input_checks
from vmdo_portal.permissions import can_use_admin, has_two_factor
from vmdo_portal.redirects import safe_next

# Widgets named otherwise: several inputs with their own labels, or none shown.
NAMED_OTHERWISE = (
    forms.HiddenInput,
    forms.MultipleHiddenInput,
    forms.MultiWidget,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
)


def name_inputs(form: forms.BaseForm) -> None:
    """Each input is named by its field's label, also where the admin shows no <label>
    for it: the columns of tabular inlines and the list's editable fields, with their
    delete boxes, have only a column header (axe-core: "Form elements must have labels",
    "Select element must have an accessible name"). Where a <label> exists it says the
    same words."""
    for name, field in form.fields.items():
        widget = field.widget
        inner = widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget
        if isinstance(inner, NAMED_OTHERWISE) or inner.is_hidden:
            continue
        inner.attrs.setdefault("aria-label", str(field.label or pretty_name(name)))


def named_form(form_class):
    """The form class, with every input named (name_inputs) in each of its forms."""

    class Named(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            name_inputs(self)

    Named.__name__ = Named.__qualname__ = form_class.__name__
    return Named


def named_formset(formset_class):
    """The formset class, with every input named (name_inputs) in each row, its delete
    box and its order field (added after the form's own fields) included."""

    class Named(formset_class):
        def add_fields(self, form, index):
            super().add_fields(form, index)
            name_inputs(form)

    Named.__name__ = Named.__qualname__ = formset_class.__name__
    return Named


class InputChecks:
    """Every back-office form field makes the portal's input checks (add_input_checks),
    every input has a name for screen readers (name_inputs), and the widgets Django's
    admin builds in the browser (autocompletes, filter_horizontal) get theirs from
    backoffice/accessible_widgets.js."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return add_input_checks(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_form(self, request, obj=None, **kwargs):
        return named_form(super().get_form(request, obj, **kwargs))

    def get_formset(self, request, obj=None, **kwargs):
        return named_formset(super().get_formset(request, obj, **kwargs))

    def get_changelist_formset(self, request, **kwargs):
        return named_formset(super().get_changelist_formset(request, **kwargs))

    @property
    def media(self):
        return super().media + forms.Media(js=["backoffice/accessible_widgets.js"])


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

    def index(self, request, extra_context=None):
        """The start page leads the work: what is waiting, above the list of sections."""
        return super().index(request, {"waiting": waiting_for(request), **(extra_context or {})})

    def get_app_list(self, request, app_label=None):
        """Each section lists its models and, after a model, the pages of its admin that
        are no model list (`nav_views`: the room timeline, the utilisation report), so
        they are reachable from the navigation; only those the person may open."""
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            entries = []
            for entry in app["models"]:
                entries.append(entry)
                model_admin = self._registry.get(entry["model"])
                for key, name, url in getattr(model_admin, "nav_views", lambda r: [])(request):
                    entries.append(
                        {
                            "name": name,
                            "object_name": key,
                            "admin_url": url,
                            "add_url": None,
                            "view_only": True,
                            "perms": {"view": True},
                            "model": None,
                        }
                    )
            app["models"] = entries
        return app_list

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
