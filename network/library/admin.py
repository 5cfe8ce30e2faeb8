"""The library in the back office: the office's own resources (published at once) and the
review of what associations shared (approve, or reject with a reason they are sent)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.library import services
from network.library.uploads import check_resource_file
from network.models import Resource, ResourceLanguage
from translations.services import translation_texts_saved
from vmdo_portal.audit import DELETED_ACCOUNT
from vmdo_portal.audit_admin import AuditedAdmin
from vmdo_portal.backoffice import Queue, queue_register
from vmdo_portal.services import Refused
from vmdo_portal.translation_admin import MINOR, TabbedTranslationAdmin


class ResourceAdminForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["title", "summary", "topic", "kind", "audience", "link", "file"]
        fields += ["association", "reason"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        self.checked = None
        if upload and hasattr(upload, "content_type"):  # a new upload
            self.checked = check_resource_file(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("link") and not cleaned.get("file") and "file" not in self.errors:
            raise forms.ValidationError(_("Please add a link or a file."), code="nothing")
        return cleaned


class ResourceLanguageInline(admin.TabularInline):
    model = ResourceLanguage
    extra = 1


@admin.register(Resource)
class ResourceAdmin(AuditedAdmin, TabbedTranslationAdmin):
    form = ResourceAdminForm
    audit_logs_add = False  # resource_office_save logs the publication
    inlines = [ResourceLanguageInline]
    list_display = ["title", "association", "sharer", "topic", "kind", "status", "created_at"]
    list_filter = ["status", "topic", "kind"]
    search_fields = ["title_de", "association__name"]
    list_select_related = ["association", "shared_by"]
    autocomplete_fields = ["association"]
    readonly_fields = [
        "status",
        "sharer",
        "download",
        "created_at",
        "published_at",
        "reviewed_by",
        "reviewed_at",
    ]
    actions = ["approve"]
    change_form_template = "admin/network/resource/change_form.html"

    def get_ordering(self, request):
        # Waiting ones first, oldest first: the queue staff work through.
        waiting_first = Case(
            When(status=Resource.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [waiting_first.asc(), "-created_at"]

    @admin.display(description=_("shared by"))
    def sharer(self, resource):
        if resource.shared_by is None:
            return DELETED_ACCOUNT if resource.pk else "–"
        return resource.shared_by.name or resource.shared_by.email

    @admin.display(description=_("file"))
    def download(self, resource):
        if not resource.file:
            return "–"
        # Through the area's protected view (staff who review may fetch pending files).
        return format_html(
            '<a href="{}">{}</a>',
            reverse("network:library_download", args=[resource.pk]),
            resource.original_name or _("download"),
        )

    def save_model(self, request, obj, form, change):
        services.resource_office_save(
            resource=obj, by=request.user, created=not change, upload=form.checked
        )
        translation_texts_saved(
            obj,
            changed=form.changed_data,
            created=not change,
            minor=bool(form.cleaned_data.get(MINOR)),
            by=request.user,
        )

    def response_change(self, request, obj):
        if "_approve" in request.POST:
            return self._review(request, obj, services.resource_approve, _("It is published."))
        if "_reject" in request.POST:
            reason = request.POST.get("reason", "")
            return self._review(
                request,
                obj,
                lambda **kwargs: services.resource_reject(reason=reason, **kwargs),
                _("It was rejected; the association has been told why."),
            )
        return super().response_change(request, obj)

    def _review(self, request, obj, service, done):
        try:
            service(resource=obj, by=request.user)
        except Refused as refused:
            self.message_user(request, " ".join(refused.errors), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(request, done)
        return HttpResponseRedirect(reverse("admin:network_resource_changelist"))

    @admin.action(description=_("Approve and publish selected resources"), permissions=["change"])
    def approve(self, request, queryset):
        count = 0
        for resource in queryset:
            try:
                services.resource_approve(resource=resource, by=request.user)
                count += 1
            except Refused as refused:
                self.message_user(
                    request, f"{resource}: {' '.join(refused.errors)}", messages.ERROR
                )
        self.message_user(
            request,
            ngettext("%(count)d resource published.", "%(count)d resources published.", count)
            % {"count": count},
        )


queue_register(
    "network_resources",
    Queue(
        label=_("Resources shared in the network, waiting for review"),
        permission="network.change_resource",
        entries=lambda: Resource.objects.filter(status=Resource.Status.PENDING),
        since="created_at",
        changelist="admin:network_resource_changelist",
        filters={"status__exact": Resource.Status.PENDING},
    ),
)
