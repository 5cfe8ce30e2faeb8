"""The translation statuses in the back office: read-only (services keep them)."""

from django.contrib import admin

from translations.models import FieldTranslation
from vmdo_portal.admin_changelist import ReadOnlyAdmin


@admin.register(FieldTranslation)
class FieldTranslationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["content_type", "object_id", "field", "language", "status", "updated_at"]
    list_filter = ["language", "status", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type"]
    fields = readonly_fields = [*list_display, "source_digest", "updated_by"]
