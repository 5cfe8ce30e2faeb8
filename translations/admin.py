"""The translation statuses in the back office: read-only (services keep them); the
glossary of protected terms, edited by staff."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from translations.desk_services import translator_save
from translations.machine import MESSAGES, Reason
from translations.models import FieldTranslation, ProtectedTerm, Translator, desk_language_choices
from translations.services import objects_present
from vmdo_portal.admin_changelist import ReadOnlyAdmin
from vmdo_portal.audit_admin import AuditedAdmin, AuditHistoryMixin
from vmdo_portal.backoffice import Queue, queue_register
from vmdo_portal.vocabulary import TranslationStatus


@admin.register(FieldTranslation)
class FieldTranslationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = [
        "content_type",
        "object_id",
        "field",
        "language",
        "status",
        "machine_problem",
        "updated_at",
    ]
    list_filter = [
        "language",
        "status",
        "machine_draft",
        ("content_type", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["content_type"]
    fields = readonly_fields = [*list_display, "machine_draft", "source_digest", "updated_by"]

    @admin.display(description=_("machine translation error"), ordering="machine_error")
    def machine_problem(self, obj):
        """Why the last machine draft failed, in words."""
        if not obj.machine_error:
            return "–"
        try:
            return MESSAGES[Reason(obj.machine_error)]
        except ValueError:
            return obj.machine_error


@admin.register(ProtectedTerm)
class ProtectedTermAdmin(AuditedAdmin, admin.ModelAdmin):
    """Saving or deleting a term drops the cached glossary (translations.apps)."""

    list_display = ["term", "note", "created_at"]
    search_fields = ["term", "note"]
    fields = ["term", "note"]


# The start page's to-do list: machine drafts (and the shipped lists' names) wait for a
# person to check them; editing the text in its language marks it reviewed.
queue_register(
    "machine_translations",
    Queue(
        label=_("Machine translations waiting for review"),
        permission="translations.view_fieldtranslation",
        entries=lambda: FieldTranslation.objects.filter(
            objects_present(), status=TranslationStatus.MACHINE
        ),
        since="updated_at",
        changelist="admin:translations_fieldtranslation_changelist",
        filters={"status__exact": TranslationStatus.MACHINE},
    ),
)


class TranslatorForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=desk_language_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The translator translates public content into these languages."),
    )

    class Meta:
        model = Translator
        fields = ["user", "languages", "active", "note"]


@admin.register(Translator)
class TranslatorAdmin(AuditHistoryMixin, admin.ModelAdmin):
    """Staff assign accounts (e.g. volunteers of member associations) to languages."""

    form = TranslatorForm
    list_display = ["user", "language_list", "active", "updated_at"]
    list_filter = ["active"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name"]
    autocomplete_fields = ["user"]

    @admin.display(description=_("languages"))
    def language_list(self, obj):
        names = dict(desk_language_choices())
        return ", ".join(str(names[code]) for code in obj.language_codes())

    def save_model(self, request, obj, form, change):
        translator_save(
            translator=obj, by=request.user, created=not change, fields=form.changed_data
        )
