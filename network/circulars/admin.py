"""The back office of the circulars: write, choose the recipients, send with a
confirmation, follow the progress, send failed deliveries again."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from network.circulars import selectors, services
from network.circulars.permissions import office_may_send_circulars
from network.models import Circular
from vmdo_portal.audit_admin import AuditedAdmin
from vmdo_portal.services import Refused
from vmdo_portal.translation_admin import TabbedTranslationAdmin
from vmdo_portal.vocabulary import District, language_choices


class CircularAdminForm(forms.ModelForm):
    districts = forms.MultipleChoiceField(
        label=_("districts"),
        choices=District.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only associations in one of these districts."),
    )
    languages = forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only associations that speak one of these languages."),
    )

    class Meta:
        model = Circular
        fields = "__all__"  # noqa: DJ007 - the admin decides which fields it shows


@admin.register(Circular)
class CircularAdmin(AuditedAdmin, TabbedTranslationAdmin):
    form = CircularAdminForm
    list_display = ["subject", "status", "sent_at", "progress_short"]
    list_filter = ["status"]
    search_fields = ["subject"]
    filter_horizontal = ["fields_of_activity"]
    actions = ["retry"]
    change_form_template = "admin/network/circular/change_form.html"
    SENDING_FIELDS = ["status", "sent_at", "finished_at", "progress", "failures", "created_by"]
    SELECTION = ["fields_of_activity", "districts", "languages"]

    fieldsets = [
        (None, {"fields": ["subject", "body"]}),
        (
            _("Recipients"),
            {
                "fields": SELECTION,
                "description": _(
                    "The accounts of the member associations that match every chosen "
                    "criterion (any of its values). Choose nothing to send to all member "
                    "associations. Each person gets the circular in their account language "
                    "where it is translated, otherwise in German."
                ),
            },
        ),
        (_("Sending"), {"fields": SENDING_FIELDS}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:  # a new circular: nothing sent yet
            fieldsets = [(title, opts) for title, opts in fieldsets if title != _("Sending")]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *self.SENDING_FIELDS]
        if obj is not None and obj.status != Circular.Status.DRAFT:
            fields += self.SELECTION  # who got it stays on record
        if obj is not None and obj.status == Circular.Status.SENDING:
            # While batches go out, every recipient gets the same text.
            fields += [
                build_localized_fieldname(field, code)
                for field in ("subject", "body")
                for code, _name in settings.LANGUAGES
            ]
        return fields

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # sent circulars stay in the archive
        return actions

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.status == Circular.Status.DRAFT)

    def has_send_permission(self, request):
        return office_may_send_circulars(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return selectors.circulars_with_counts(super().get_queryset(request))

    @admin.display(description=_("sent / recipients"))
    def progress_short(self, obj):
        if obj.status == Circular.Status.DRAFT:
            return "–"
        return f"{obj.deliveries_sent} / {obj.deliveries_total}"

    @admin.display(description=_("progress"))
    def progress(self, obj):
        counts = selectors.delivery_counts(obj)
        return format_html(
            '<p class="circular-progress">{}: <strong>{}</strong> · {}: <strong>{}</strong> · '
            "{}: <strong>{}</strong> · {}: {}</p>",
            _("sent"),
            counts["sent"],
            _("waiting"),
            counts["pending"],
            _("failed"),
            counts["failed"],
            _("recipients"),
            counts["total"],
        )

    @admin.display(description=_("failed deliveries"))
    def failures(self, obj):
        failed = list(selectors.failed_deliveries(obj))
        if not failed:
            return "–"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((d.email or "–", d.association or "–", d.error) for d in failed),
        )
        return format_html(
            '<table class="circular-failures"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("email"),
            _("association"),
            _("error"),
            rows,
        )

    # ---- sending --------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/senden/", view(self.send_view), name="network_circular_send"),
            path("<int:pk>/erneut-senden/", view(self.retry_view), name="network_circular_retry"),
            *super().get_urls(),
        ]

    def _confirm(self, request, pk, *, title, question, button, act, done):
        """GET: a page asking to confirm; POST: the service, then back to the circular."""
        if not self.has_send_permission(request):
            raise PermissionDenied
        circular = get_object_or_404(Circular, pk=pk)
        change_url = reverse("admin:network_circular_change", args=[circular.pk])
        if request.method == "POST":
            try:
                count = act(circular)
            except Refused as refused:
                self.message_user(request, " ".join(refused.errors), messages.ERROR)
            else:
                self.message_user(request, done(count))
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "question": question(circular),
            "button": button,
            "circular": circular,
            "opts": self.model._meta,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/network/circular/confirm.html", context)

    def send_view(self, request, pk):
        def question(circular):
            recipients = selectors.circular_recipients(circular)
            return ngettext(
                "Send this circular now to %(count)d person?",
                "Send this circular now to %(count)d people?",
                len(recipients),
            ) % {"count": len(recipients)}

        return self._confirm(
            request,
            pk,
            title=_("Send the circular"),
            question=question,
            button=_("Yes, send it"),
            act=lambda circular: services.circular_send(circular=circular, by=request.user),
            done=lambda count: (
                ngettext(
                    "The circular is being sent to %(count)d person.",
                    "The circular is being sent to %(count)d people.",
                    count,
                )
                % {"count": count}
            ),
        )

    def retry_view(self, request, pk):
        return self._confirm(
            request,
            pk,
            title=_("Send failed deliveries again"),
            question=lambda circular: _("Send the failed deliveries of this circular again?"),
            button=_("Yes, send them again"),
            act=lambda circular: services.circular_retry(circular=circular, by=request.user),
            done=_retried,
        )

    @admin.action(description=_("Send failed deliveries again"), permissions=["send"])
    def retry(self, request, queryset):
        for circular in queryset:
            try:
                count = services.circular_retry(circular=circular, by=request.user)
            except Refused as refused:
                self.message_user(
                    request, f"{circular}: {' '.join(refused.errors)}", messages.ERROR
                )
            else:
                self.message_user(request, f"{circular}: {_retried(count)}")

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["may_send"] = obj is not None and self.has_send_permission(request)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


def _retried(count):
    return ngettext(
        "%(count)d delivery is being sent again.",
        "%(count)d deliveries are being sent again.",
        count,
    ) % {"count": count}
