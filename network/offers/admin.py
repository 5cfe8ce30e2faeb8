"""The back office of Biete / Suche: posts (hide, show again) and reports (a to-do queue)."""

from django.contrib import admin, messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from network.models import OfferPost, OfferPostLanguage, OfferReport
from network.offers import services
from vmdo_portal.audit_admin import AuditHistoryMixin
from vmdo_portal.backoffice import Queue, queue_register
from vmdo_portal.services import Refused


class LanguageInline(admin.TabularInline):
    model = OfferPostLanguage
    extra = 0
    readonly_fields = ["code"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReportInline(admin.TabularInline):
    model = OfferReport
    extra = 0
    fields = readonly_fields = ["reason", "created_at", "handled_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OfferPost)
class OfferPostAdmin(AuditHistoryMixin, admin.ModelAdmin):
    """Posts are the associations' words: the office reads them and hides or shows them
    (through the services, with the audit log), but does not rewrite them."""

    list_display = ["title", "association", "kind", "category", "valid_until", "status", "hidden"]
    list_filter = ["hidden", "status", "kind", "category"]
    search_fields = ["title", "text", "association__name"]
    list_select_related = ["association"]
    fields = readonly_fields = [
        "association",
        "kind",
        "category",
        "title",
        "text",
        "district",
        "valid_until",
        "status",
        "hidden",
        "hidden_reason",
        "created_at",
    ]
    inlines = [LanguageInline, ReportInline]
    actions = ["hide", "unhide"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Hide selected posts"), permissions=["change"])
    def hide(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if not reason:
            return render(
                request,
                "admin/reason.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Why are the posts hidden?"),
                    "queryset": queryset,
                    "action": "hide",
                    "opts": self.model._meta,
                },
            )
        self._each(request, queryset, services.offer_post_hide, reason=reason)

    @admin.action(description=_("Show selected posts again"), permissions=["change"])
    def unhide(self, request, queryset):
        self._each(request, queryset, services.offer_post_unhide)

    def _each(self, request, queryset, service, **arguments):
        done = 0
        for post in queryset:
            try:
                service(post=post, by=request.user, **arguments)
            except Refused as refused:
                self.message_user(request, f"{post}: {refused.errors[0]}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)s post changed.", "%(count)s posts changed.", done)
                % {"count": done},
            )


@admin.register(OfferReport)
class OfferReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reason", "created_at", "handled_at"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter)]
    list_select_related = ["post"]
    fields = readonly_fields = ["post", "reason", "created_at", "handled_at"]
    actions = ["dismiss"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Dismiss selected reports"), permissions=["change"])
    def dismiss(self, request, queryset):
        count = services.offer_reports_dismiss(reports=queryset, by=request.user)
        self.message_user(
            request,
            ngettext("%(count)s report dismissed.", "%(count)s reports dismissed.", count)
            % {"count": count},
        )


queue_register(
    "network_offer_reports",
    Queue(
        label=_("Reported offers and requests"),
        permission="network.change_offerreport",
        entries=lambda: OfferReport.objects.filter(handled_at__isnull=True),
        since="created_at",
        changelist="admin:network_offerreport_changelist",
        filters={"handled_at__isempty": "1"},
    ),
)
