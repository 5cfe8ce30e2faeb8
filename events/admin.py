from django import forms
from django.contrib import admin, messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import bookings, services
from events.exports import attendees_response
from events.models import Category, Event, EventLanguage, Registration
from vmdo_portal.admin_changelist import SafeDateHierarchy
from vmdo_portal.audit_admin import AuditedAdmin
from vmdo_portal.backoffice import Queue, queue_register
from vmdo_portal.images import clean_image
from vmdo_portal.recurrence import local_instant
from vmdo_portal.services import Refused
from vmdo_portal.translation_admin import TabbedTranslationAdmin

IMAGE_MAX_BYTES = 5 * 1024 * 1024


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name_de"]}


class LanguageInline(admin.TabularInline):
    model = EventLanguage
    extra = 1


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["name", "email", "people", "status", "language", "created_at"]
    # Places, the waiting list and confirmations change only through the events services
    # (row lock, capacity, mail); here staff read the list.
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = "__all__"  # noqa: DJ007 - the admin decides which fields it shows

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and hasattr(upload, "content_type"):
            return clean_image(upload, max_bytes=IMAGE_MAX_BYTES).image
        return upload

    def clean(self):
        """An event in a room must be able to hold it: all day means the room's hours that
        day; a taken or closed room is reported here, before anything is saved."""
        cleaned = super().clean()
        if self.errors or cleaned.get("location_kind") != Event.Location.ROOM:
            return cleaned
        if not cleaned.get("room"):
            self.add_error("room", _("Please choose the room."))
            return cleaned
        try:
            if cleaned.get("all_day"):
                day = timezone.localtime(cleaned["start"]).date()
                begin, finish = bookings.all_day_times(cleaned["room"], day)
                cleaned["start"] = local_instant(day, begin)
                cleaned["end"] = local_instant(day, finish)
        except Refused as refused:
            raise forms.ValidationError(refused.errors) from refused
        probe = Event(
            pk=self.instance.pk,
            booking_id=self.instance.booking_id,
            location_kind=Event.Location.ROOM,
            room=cleaned["room"],
            start=cleaned["start"],
            end=cleaned["end"],
        )
        problems = bookings.room_check(probe) if probe.end > probe.start else []
        if problems:
            raise forms.ValidationError(problems)
        return cleaned


@admin.register(Event)
class EventAdmin(AuditedAdmin, SafeDateHierarchy, TabbedTranslationAdmin):
    form = EventAdminForm
    list_display = ["title", "start", "status", "location_kind", "registration"]
    list_filter = [
        "status",
        "categories",
        "organised_by_vmdo",
        "organiser_associations",
        "location_kind",
    ]
    search_fields = ["title", "summary"]
    date_hierarchy = "start"
    autocomplete_fields = ["organiser_associations", "organiser_projects", "room", "site"]
    filter_horizontal = ["categories"]
    # The status changes only through the actions (services with their transition rules).
    readonly_fields = ["status", "booking", "series", "created_by", "created_at", "updated_at"]
    inlines = [LanguageInline, RegistrationInline]
    actions = [
        "publish",
        "send_back",
        "cancel",
        "duplicate",
        "export_attendees",
        "export_attendees_xlsx",
    ]

    def view_on_site(self, obj):
        return (
            obj.get_absolute_url()
            if obj.status in (Event.Status.PUBLISHED, Event.Status.CANCELLED)
            else None
        )

    def save_model(self, request, obj, form, change):
        """The booking follows the event's room and times (events.bookings). The form has
        checked the room; should another booking win it meanwhile, the event goes back to
        submitted (never public without its room) and the office is told."""
        super().save_model(request, obj, form, change)
        if not change:
            return
        problems = services.event_room_sync(event=obj, by=request.user)
        if problems:
            self.message_user(request, " ".join(problems), messages.ERROR)

    def _each(self, request, queryset, act, done_message):
        """Run a service per event; refusals show as errors and leave that event unchanged."""
        done, refusals = services.events_each(events=queryset, act=act)
        for event, refused in refusals:
            self.message_user(request, f"{event}: {' '.join(refused.errors)}", messages.ERROR)
        if done:
            self.message_user(request, done_message)

    def has_attendees_permission(self, request):
        """Attendee lists are personal data: only with the permission to view registrations."""
        return request.user.has_perm("events.view_registration")

    @admin.action(description=_("Publish selected events"), permissions=["change"])
    def publish(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda event: services.event_publish(event=event, by=request.user),
            _("Events published."),
        )

    @admin.action(
        description=_("Send back to the association with a reason"), permissions=["change"]
    )
    def send_back(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if not reason:
            return render(
                request,
                "admin/reason.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("What should the association change?"),
                    "queryset": queryset,
                    "action": "send_back",
                    "opts": self.model._meta,
                },
            )
        self._each(
            request,
            queryset,
            lambda event: services.event_send_back(event=event, by=request.user, reason=reason),
            _("Events sent back."),
        )
        return None

    @admin.action(
        description=_("Cancel selected events (registrants are emailed)"), permissions=["change"]
    )
    def cancel(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda event: services.event_cancel(event=event, by=request.user),
            _("Events cancelled."),
        )

    @admin.action(description=_("Duplicate selected events as drafts"), permissions=["add"])
    def duplicate(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda event: services.event_duplicate(event=event, by=request.user),
            _("Events duplicated as drafts."),
        )

    @admin.action(description=_("Export the attendee list (CSV)"), permissions=["attendees"])
    def export_attendees(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one event."), messages.ERROR)
            return None
        return attendees_response(queryset.get(), "csv")

    @admin.action(description=_("Export the attendee list (XLSX)"), permissions=["attendees"])
    def export_attendees_xlsx(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one event."), messages.ERROR)
            return None
        return attendees_response(queryset.get(), "xlsx")


queue_register(
    "submitted_events",
    Queue(
        label=_("Submitted events"),
        permission="events.change_event",
        entries=lambda: Event.objects.filter(status=Event.Status.SUBMITTED),
        since="updated_at",
        changelist="admin:events_event_changelist",
        filters={"status__exact": Event.Status.SUBMITTED},
    ),
)
