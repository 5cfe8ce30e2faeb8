from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from vmdo_portal.models import Page, User
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


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "title", "updated_at"]
    readonly_fields = ["updated_at"]
    fields = ["key", "title", "summary", "body", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # The key decides the page's address; it is fixed once the page exists.
        return [*self.readonly_fields, "key"] if obj else self.readonly_fields

    def view_on_site(self, obj):
        return obj.get_absolute_url()
