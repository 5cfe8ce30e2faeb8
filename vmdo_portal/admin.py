from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from vmdo_portal.admin_changelist import ReadOnlyAdmin
from vmdo_portal.audit_admin import AuditedAdmin, AuditEntryAdmin
from vmdo_portal.dates import local_display
from vmdo_portal.models import AuditEntry, Page, User
from vmdo_portal.translation_admin import TabbedTranslationAdmin


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


admin.site.register(AuditEntry, AuditEntryAdmin)


@admin.register(Page)
class PageAdmin(AuditedAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "title", "updated_at"]
    readonly_fields = ["updated_at"]
    fields = ["key", "title", "summary", "body", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # The key decides the page's address; it is fixed once the page exists.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "key"] if obj else fields

    def view_on_site(self, obj):
        return obj.get_absolute_url()


# --- other projects' models, with German labels --------------------------------------

admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Staff see who set up which second factor, and delete one that was lost (its
    person then sets up a new one); the secret itself is never shown."""

    list_display = ["person", "kind", "set_up", "last_used"]
    fields = readonly_fields = ["person", "kind", "set_up", "last_used"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("person"), ordering="user__email")
    def person(self, authenticator):
        return authenticator.user

    @admin.display(description=_("kind"), ordering="type")
    def kind(self, authenticator):
        return authenticator.get_type_display()

    @admin.display(description=_("set up"), ordering="created_at")
    def set_up(self, authenticator):
        return local_display(authenticator.created_at)

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, authenticator):
        return local_display(authenticator.last_used_at) or "–"


admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Background tasks (emails), for the administrators to see what ran and what failed."""

    list_display = ["task", "state", "queued", "finished"]
    list_filter = ["status"]
    fields = readonly_fields = ["task", "state", "queued", "finished", "error"]
    ordering = ["-enqueued_at"]

    @admin.display(description=_("task"), ordering="task_path")
    def task(self, result):
        return result.task_path

    @admin.display(description=_("status"), ordering="status")
    def state(self, result):
        return result.get_status_display()

    @admin.display(description=_("queued"), ordering="enqueued_at")
    def queued(self, result):
        return local_display(result.enqueued_at)

    @admin.display(description=_("finished"), ordering="finished_at")
    def finished(self, result):
        return local_display(result.finished_at) or "–"

    @admin.display(description=_("error"))
    def error(self, result):
        return format_html("<pre>{}</pre>", result.traceback) if result.traceback else "–"
