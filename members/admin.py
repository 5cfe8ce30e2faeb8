from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions as admin_actions
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from import_export.admin import ImportMixin

from members import profile_fields, selectors, services
from members.models import (
    Association,
    AssociationLanguage,
    Community,
    FieldOfActivity,
    Invitation,
    Membership,
    MembershipApplication,
    ProfileRevision,
    field_labels,
)
from members.resources import IMPORT_FORMATS, AssociationResource, export_rows
from vmdo_portal.audit_admin import AuditHistoryMixin, inline_name
from vmdo_portal.backoffice import Queue, queue_register
from vmdo_portal.media import Download, file_response
from vmdo_portal.permissions import office_may
from vmdo_portal.services import Refused
from vmdo_portal.spreadsheets import download
from vmdo_portal.translation_admin import TabbedTranslationAdmin


class SearchedListEntryAdmin(TabbedTranslationAdmin):
    """A list entry whose name is in its associations' search text: saving or deleting it
    goes through the services that keep that text current."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.list_entry_saved(entry=obj)

    def delete_model(self, request, obj):
        services.list_entries_delete(entries=[obj])

    def delete_queryset(self, request, queryset):
        services.list_entries_delete(entries=queryset)


@admin.register(FieldOfActivity)
class FieldOfActivityAdmin(SearchedListEntryAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}


@admin.register(Community)
class CommunityAdmin(SearchedListEntryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}


class LanguageInline(admin.TabularInline):
    model = AssociationLanguage
    extra = 1


def _refusal_as_error(refused: Refused) -> forms.ValidationError:
    return forms.ValidationError(refused.errors)


class MembershipFormSet(forms.BaseInlineFormSet):
    """The association's accounts on its change page. Deleting or demoting every
    association admin at once is refused by the last-admin rule
    (services.last_admin_ensure) as an error above the list; nothing is saved."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        removing, demoting, gaining = [], [], False
        for form in self.forms:
            pk = form.instance.pk
            if self.can_delete and self._should_delete_form(form):
                if pk is not None:
                    removing.append(pk)
            elif form.cleaned_data.get("role") == Membership.Role.ADMIN:
                gaining = True
            elif pk is not None:
                demoting.append(pk)
        try:
            services.last_admin_ensure(
                association=self.instance, removing=removing, demoting=demoting, gaining=gaining
            )
        except Refused as refused:
            raise _refusal_as_error(refused) from refused


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["user"]


def _export_name():
    return f"vereine-{timezone.localdate().isoformat()}"


def proposed_logo(revision):
    """The proposed logo of a profile change, linked to its full size; both through the
    back office's protected URL (ProfileRevisionAdmin.proposed_logo), never /media/."""
    if revision is None or not revision.logo:
        return "–"
    logo_url = reverse("admin:members_profilerevision_logo", args=[revision.pk, "logo"])
    thumbnail_url = reverse(
        "admin:members_profilerevision_logo",
        args=[revision.pk, "thumbnail" if revision.logo_thumbnail else "logo"],
    )
    return format_html(
        '<a href="{}"><img src="{}" alt="{}" width="120"></a>',
        logo_url,
        thumbnail_url,
        _("proposed logo"),
    )


@admin.register(Association)
class AssociationAdmin(AuditHistoryMixin, ImportMixin, TabbedTranslationAdmin):
    resource_classes = [AssociationResource]
    import_formats = IMPORT_FORMATS
    list_display = [
        "name",
        "short_name",
        "status",
        "published",
        "trusted",
        "district",
        "updated_at",
    ]
    list_filter = [
        "status",
        "published",
        "trusted",
        "founding_member",
        "district",
        "fields_of_activity",
    ]
    search_fields = ["name", "short_name", "email", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["fields_of_activity", "communities"]
    readonly_fields = profile_fields.readonly(profile_fields.ADMIN)
    inlines = [LanguageInline, MembershipInline]
    actions = ["publish", "unpublish", "export_csv", "export_xlsx"]
    fieldsets = profile_fields.admin_fieldsets()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            services.association_admin_saved(
                association=obj, by=request.user, changed_fields=form.changed_data
            )
        else:
            services.history_record(association=obj, by=request.user, action="association.created")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The lists and languages are saved only now: the search text follows them.
        services.association_search_refresh(associations=[form.instance])

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed() and change:
            services.history_record(
                association=form.instance,
                by=request.user,
                action="admin.changed",
                fields=[inline_name(formset)],
            )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description=_("proposed logo, waiting for review"))
    def pending_logo(self, association):
        return proposed_logo(
            association.revisions.filter(status=ProfileRevision.Status.PENDING).first()
        )

    @admin.action(description=_("Publish selected associations"), permissions=["change"])
    def publish(self, request, queryset):
        count = services.association_set_published(
            associations=queryset, published=True, by=request.user
        )
        self.message_user(
            request,
            ngettext("%(count)d association published.", "%(count)d associations published.", count)
            % {"count": count},
        )

    @admin.action(description=_("Unpublish selected associations"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = services.association_set_published(
            associations=queryset, published=False, by=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d association unpublished.", "%(count)d associations unpublished.", count
            )
            % {"count": count},
        )

    @admin.action(description=_("Export selected associations as CSV (Excel)"))
    def export_csv(self, request, queryset):
        return download(export_rows(queryset), "csv", _export_name())

    @admin.action(description=_("Export selected associations as XLSX"))
    def export_xlsx(self, request, queryset):
        return download(
            export_rows(queryset), "xlsx", f"vereine-{timezone.localdate().isoformat()}"
        )


class MembershipAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        membership = self.instance
        if membership.pk is not None and cleaned.get("role") != Membership.Role.ADMIN:
            try:
                services.last_admin_ensure(
                    association=membership.association, demoting=[membership.pk]
                )
            except Refused as refused:
                raise _refusal_as_error(refused) from refused
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """A new membership is created as entered; after that only its role changes, and
    removing it, through the services that keep the last-admin rule."""

    form = MembershipAdminForm
    list_display = ["user", "association", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__name", "association__name"]
    autocomplete_fields = ["user", "association"]
    actions = ["delete_selected"]

    def get_readonly_fields(self, request, obj=None):
        # Another person or association would be another membership: remove and add.
        return ["user", "association"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            services.membership_set_role(membership=obj, role=obj.role, by=request.user)
        else:
            super().save_model(request, obj, form, change)
            services.history_record(
                association=obj.association,
                by=request.user,
                action="membership.granted",
                person=obj.user.email,
                role=obj.role,
            )

    def delete_model(self, request, obj):
        services.membership_remove(membership=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        services.memberships_remove(memberships=queryset, by=request.user)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refused as refused:
            self.message_user(request, " ".join(refused.errors), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:members_membership_change", args=[object_id])
            )

    @admin.action(
        description=_("Delete selected %(verbose_name_plural)s"),
        permissions=["delete"],
    )
    def delete_selected(self, request, queryset):
        """Django's own action; a refusal by the last-admin rule deletes nothing."""
        try:
            with transaction.atomic():
                return admin_actions.delete_selected(self, request, queryset)
        except Refused as refused:
            for error in refused.errors:
                self.message_user(request, error, messages.ERROR)
            return None


class InvitationAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        association = cleaned.get("association")
        if association:
            try:
                services.invitation_limit_ensure(association)
            except Refused as refused:
                raise forms.ValidationError(refused.errors) from refused
        return cleaned


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationAdminForm
    list_display = ["email", "association", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "association__name"]
    autocomplete_fields = ["association"]
    fields = [
        "email",
        "association",
        "role",
        "language",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    readonly_fields = ["invited_by", "created_at", "expires_at", "accepted_at", "accepted_by"]
    actions = ["send_again"]

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # A new invitation goes through the service, which also sends the email.
        created = services.invitation_create(
            association=obj.association,
            email=obj.email,
            role=obj.role,
            language=obj.language,
            by=request.user,
        )
        obj.pk = created.pk

    @admin.action(description=_("Send selected invitations (again)"), permissions=["add"])
    def send_again(self, request, queryset):
        sent = sum(
            services.invitation_resend(invitation=invitation, by=request.user)
            for invitation in queryset
        )
        self.message_user(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent)
            % {"count": sent},
        )


@admin.register(ProfileRevision)
class ProfileRevisionAdmin(admin.ModelAdmin):
    list_display = ["association", "submitted_by", "submitted_at", "status"]
    list_filter = ["status"]
    search_fields = ["association__name"]
    fields = [
        "association",
        "submitted_by",
        "submitted_at",
        "status",
        "comparison",
        "minor",
        "new_logo",
        "reason",
        "reviewed_by",
        "reviewed_at",
    ]
    readonly_fields = [
        "association",
        "submitted_by",
        "submitted_at",
        "status",
        "comparison",
        "minor",
        "new_logo",
        "reviewed_by",
        "reviewed_at",
    ]
    actions = ["approve"]
    change_form_template = "admin/members/profilerevision/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("association", "submitted_by")

    def get_ordering(self, request):
        # Pending first, oldest first: the queue staff work through.
        pending_first = Case(
            When(status=ProfileRevision.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "submitted_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("changes"))
    def comparison(self, revision):
        current = selectors.profile_values(revision.association)
        rows = [
            (
                field_labels([field])[0],
                _show(revision.previous.get(field)),
                _show(current.get(field)),
                _show(value),
            )
            for field, value in sorted(revision.changes.items())
        ]
        header = format_html(
            "<tr>" + "<th scope='col'>{}</th>" * 4 + "</tr>",
            _("field"),
            _("before"),
            _("published now"),
            _("proposed"),
        )
        body = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td><strong>{}</strong></td></tr>", rows
        )
        return format_html(
            "<table class='revision-diff'><thead>{}</thead><tbody>{}</tbody></table>", header, body
        )

    @admin.display(description=_("new logo"))
    def new_logo(self, revision):
        return proposed_logo(revision)

    def get_urls(self):
        # Not through /media/: a proposed logo is not public until it is approved.
        return [
            path(
                "<int:pk>/logo/<str:kind>/",
                require_safe(self.proposed_logo),
                name="members_profilerevision_logo",
            ),
            *super().get_urls(),
        ]

    def proposed_logo(self, request, pk, kind):
        """The logo of a profile change, for staff who may review it (404 for everyone
        else, also for staff whose second factor was not used in this session)."""
        if kind not in {"logo", "thumbnail"} or not office_may(
            request, "members.view_profilerevision"
        ):
            raise Http404
        revision = ProfileRevision.objects.filter(pk=pk).first()
        stored = getattr(revision, "logo_thumbnail" if kind == "thumbnail" else "logo", None)
        if not stored:
            raise Http404
        return file_response(Download(name=stored.name, public=False))

    def response_change(self, request, obj):
        if "_approve" in request.POST:
            try:
                services.revision_approve(revision=obj, by=request.user)
            except Refused as refused:
                self.message_user(request, " ".join(refused.errors), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(request, _("The change is published."))
            return HttpResponseRedirect(reverse("admin:members_profilerevision_changelist"))
        if "_reject" in request.POST:
            reason = request.POST.get("reason", "").strip()
            if not reason:
                self.message_user(
                    request, _("Please give a reason for the rejection."), messages.ERROR
                )
                return HttpResponseRedirect(request.path)
            try:
                services.revision_reject(revision=obj, by=request.user, reason=reason)
            except Refused as refused:
                self.message_user(request, " ".join(refused.errors), messages.ERROR)
                return HttpResponseRedirect(request.path)
            self.message_user(
                request, _("The change was rejected; the submitter has been told why.")
            )
            return HttpResponseRedirect("../")
        return super().response_change(request, obj)

    def save_model(self, request, obj, form, change):
        # Only the approve/reject buttons change a revision (see response_change).
        pass

    @admin.action(description=_("Approve selected changes"), permissions=["change"])
    def approve(self, request, queryset):
        count = 0
        for revision in queryset:
            try:
                services.revision_approve(revision=revision, by=request.user)
                count += 1
            except Refused as refused:
                self.message_user(
                    request, f"{revision}: {' '.join(refused.errors)}", messages.ERROR
                )
        self.message_user(
            request,
            ngettext("%(count)d change published.", "%(count)d changes published.", count)
            % {"count": count},
        )


def _show(value):
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "–"
    if value in (None, ""):
        return "–"
    return str(value)


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = ["organisation_name", "contact_name", "email", "submitted_at", "status"]
    list_filter = ["status", "district"]
    search_fields = ["organisation_name", "contact_name", "email"]
    # The status changes only through the actions (services, transitions, mail).
    readonly_fields = ["status", "submitted_at", "association", "reviewed_by", "reviewed_at"]
    actions = ["accept", "reject"]

    @admin.action(
        description=_("Accept: create the association and invite its contact"),
        permissions=["change"],
    )
    def accept(self, request, queryset):
        if self._each(
            request,
            queryset,
            lambda application: services.application_accept(
                application=application, by=request.user
            ),
        ):
            self.message_user(request, _("Applications accepted; the contacts have been invited."))

    @admin.action(description=_("Reject selected applications"), permissions=["change"])
    def reject(self, request, queryset):
        if self._each(
            request,
            queryset,
            lambda application: services.application_reject(
                application=application, by=request.user
            ),
        ):
            self.message_user(request, _("Applications rejected."))

    def _each(self, request, queryset, decide) -> int:
        """Decide each application; one already decided is refused with an error message."""
        done = 0
        for application in queryset:
            try:
                decide(application)
                done += 1
            except Refused as refused:
                self.message_user(
                    request, f"{application}: {' '.join(refused.errors)}", messages.ERROR
                )
        return done


queue_register(
    "profile_changes",
    Queue(
        label=_("Profile changes waiting for review"),
        permission="members.change_profilerevision",
        entries=lambda: ProfileRevision.objects.filter(status=ProfileRevision.Status.PENDING),
        since="submitted_at",
        changelist="admin:members_profilerevision_changelist",
        filters={"status__exact": ProfileRevision.Status.PENDING},
    ),
)
queue_register(
    "membership_applications",
    Queue(
        label=_("Membership applications"),
        permission="members.change_membershipapplication",
        entries=lambda: MembershipApplication.objects.filter(
            status=MembershipApplication.Status.NEW
        ),
        since="submitted_at",
        changelist="admin:members_membershipapplication_changelist",
        filters={"status__exact": MembershipApplication.Status.NEW},
    ),
)
