"""The audit log in the back office: an object's entries on its change page, the whole log
as a read-only list (`AuditEntryAdmin`, registered in vmdo_portal.admin).

`AuditHistoryMixin` adds the "History" section to a change page. `AuditedAdmin` also logs
what staff save and delete in the back office for models whose admin changes them without
a service (projects, sites, pages, events' texts, ...): which fields changed, not values.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from vmdo_portal.admin_changelist import ReadOnlyAdmin, SafeDateHierarchy
from vmdo_portal.audit import ACTIONS, data_display, entries_for, log_action
from vmdo_portal.permissions import office_may

HISTORY_LIMIT = 50


def _history_html(request, obj) -> str:
    entries = list(entries_for(obj)[: HISTORY_LIMIT + 1])
    for entry in entries:
        entry.details = data_display(entry)
    log_url = None
    if office_may(request, "vmdo_portal.view_auditentry"):
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        query = urlencode({"content_type__id__exact": content_type.pk, "object_id": obj.pk})
        log_url = f"{reverse('admin:vmdo_portal_auditentry_changelist')}?{query}"
    return render_to_string(
        "admin/vmdo_portal/audit_history.html",
        {
            "entries": entries[:HISTORY_LIMIT],
            "more": len(entries) > HISTORY_LIMIT,
            "shown": HISTORY_LIMIT,
            "log_url": log_url,
        },
    )


class AuditHistoryMixin:
    """Put before the ModelAdmin base: `class XAdmin(AuditHistoryMixin, admin.ModelAdmin)`.

    The section is a read-only field; it needs the request (the link to the whole log
    shows only with the permission to view it), so the field is a callable made once per
    request."""

    def _history_field(self, request):
        field = getattr(request, "_audit_history_field", None)
        if field is None:

            def audit_history(obj):
                return _history_html(request, obj)

            audit_history.short_description = _("who did what, when")
            request._audit_history_field = field = audit_history
        return field

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk is not None:
            fields.append(self._history_field(request))
        return fields

    def get_fields(self, request, obj=None):
        return [name for name in super().get_fields(request, obj) if not callable(name)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        field = self._history_field(request)
        # Only where it is read-only (a subclass overriding get_readonly_fields calls super).
        if field in self.get_readonly_fields(request, obj):
            fieldsets.append((_("History"), {"fields": [field]}))
        return fieldsets


class AuditedAdmin(AuditHistoryMixin):
    """The history section, and back-office saves and deletions logged with the fields
    (and inlines) that changed. `audit_logs_add = False` where a service logs the creation."""

    audit_logs_add = True

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and not self.audit_logs_add:
            return
        fields = list(form.changed_data)
        fields += [inline_name(formset) for formset in formsets if formset.has_changed()]
        if change and not fields:
            return
        log_action(
            form.instance,
            _admin_action(form.instance, fields, change),
            by=request.user,
            data={"fields": fields} if change else {},
        )

    def delete_model(self, request, obj):
        log_action(obj, "admin.deleted", by=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            log_action(obj, "admin.deleted", by=request.user)
        super().delete_queryset(request, queryset)


def inline_name(formset) -> str:
    """The name the parent knows an inline's rows by ("languages"), so the log can label it."""
    fk = getattr(formset, "fk", None)
    if fk is not None:
        return fk.remote_field.get_accessor_name()
    return formset.model._meta.model_name


def _admin_action(obj, fields, change) -> str:
    """A change of nothing but other languages' texts is a translation."""
    if not change:
        return "admin.created"
    try:
        options = translator.get_options_for_model(type(obj))
    except NotRegistered:
        return "admin.changed"
    others = {
        f"{name}_{code.replace('-', '_')}"
        for name in options.all_fields
        for code, _label in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    }
    return "translation.changed" if fields and set(fields) <= others else "admin.changed"


class ActionFilter(admin.SimpleListFilter):
    title = _("what")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return sorted(((code, label) for code, label in ACTIONS.items()), key=lambda p: str(p[1]))

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class AuditEntryAdmin(ReadOnlyAdmin, SafeDateHierarchy, admin.ModelAdmin):
    """The whole log, read-only, for staff with the permission to view it."""

    list_display = ["at", "actor_name", "what", "object_type", "object_repr", "details"]
    list_filter = [
        ActionFilter,
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ("actor", admin.RelatedOnlyFieldListFilter),
        "at",
    ]
    search_fields = ["object_repr", "actor_name"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]
    fields = readonly_fields = [
        "at",
        "actor_name",
        "what",
        "object_type",
        "object_id",
        "object_repr",
        "details",
    ]

    @admin.display(description=_("what"), ordering="action")
    def what(self, entry):
        return entry.action_label

    @admin.display(description=_("object type"), ordering="content_type")
    def object_type(self, entry):
        return entry.content_type.name

    @admin.display(description=_("details"))
    def details(self, entry):
        return "; ".join(f"{label}: {text}" for label, text in data_display(entry)) or "–"
