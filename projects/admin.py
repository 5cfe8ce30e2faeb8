from pathlib import Path

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from projects.forms import (
    HOURS_FIELDS,
    DocumentForm,
    ProjectAdminForm,
    SiteAdminForm,
    SiteExceptionForm,
)
from projects.models import (
    ContactPerson,
    Document,
    Funder,
    Project,
    Service,
    Site,
    SiteException,
    SiteLanguage,
)
from vmdo_portal.audit_admin import AuditedAdmin
from vmdo_portal.translation_admin import TabbedTranslationAdmin


@admin.register(Funder)
class FunderAdmin(TabbedTranslationAdmin):
    search_fields = ["name"]


@admin.register(Service)
class ServiceAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name_de"]}


class ContactInline(TranslationTabularInline):
    model = ContactPerson
    extra = 0


class DocumentInline(admin.TabularInline):
    model = Document
    form = DocumentForm
    extra = 0


class SiteInline(admin.TabularInline):
    model = Site
    fields = ["name", "operator", "run_by_vmdo", "district", "closed_since", "order"]
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # Sites are added on their own page, with their opening hours.
        return False


@admin.register(Project)
class ProjectAdmin(AuditedAdmin, TabbedTranslationAdmin):
    form = ProjectAdminForm
    list_display = [
        "title",
        "acronym",
        "kind",
        "start_date",
        "end_date",
        "status",
        "published",
        "order",
    ]
    list_editable = ["order", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "acronym"]
    prepopulated_fields = {"slug": ["title_de"]}
    autocomplete_fields = ["funders", "partners"]
    inlines = [SiteInline, ContactInline, DocumentInline]

    @admin.display(description=_("status"))
    def status(self, project):
        return project.get_status_display()

    def save_model(self, request, obj, form, change):
        upload = getattr(form, "clean_upload", None)
        if upload:
            obj.image.save(f"{obj.slug}{Path(upload.image.name).suffix}", upload.image, save=False)
            obj.image_thumbnail.save(
                f"{obj.slug}-thumb{Path(upload.thumbnail.name).suffix}",
                upload.thumbnail,
                save=False,
            )
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        return obj.get_absolute_url()


class SiteLanguageInline(admin.TabularInline):
    model = SiteLanguage
    extra = 1


class SiteExceptionInline(admin.TabularInline):
    model = SiteException
    form = SiteExceptionForm
    extra = 1
    fields = ["start_date", "end_date", "mode", "hours", "reason_de", "reason_en"]


@admin.register(Site)
class SiteAdmin(AuditedAdmin, TabbedTranslationAdmin):
    form = SiteAdminForm
    list_display = ["name", "project", "operator", "district", "closed_since", "order"]
    list_editable = ["order"]
    list_filter = ["project", "district", "run_by_vmdo", "step_free"]
    list_select_related = ["project"]
    search_fields = ["name", "operator", "street"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["project", "services"]
    inlines = [SiteLanguageInline, SiteExceptionInline]
    fieldsets = [
        (None, {"fields": ["project", "name", "slug", "operator", "run_by_vmdo", "order"]}),
        (
            _("Address"),
            {
                "fields": [
                    "street",
                    "postal_code",
                    "city",
                    "district",
                    "latitude",
                    "longitude",
                    "directions",
                ]
            },
        ),
        (_("Offer"), {"fields": ["services", "step_free", "phone", "email", "closed_since"]}),
        (_("Opening hours"), {"fields": HOURS_FIELDS}),
    ]

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentForm
    list_display = ["title", "project", "language", "date"]
    list_filter = ["language", "project"]
    search_fields = ["title"]
    list_select_related = ["project"]
