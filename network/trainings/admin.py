"""Attendance at trainings in the back office: staff with the events app's permission to
change registrations (and their second factor, as everywhere in the back office) mark who
took part; each change goes through events.services.registration_attendance_set."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from events import services as event_services
from events.models import Event, Registration
from network.models import TrainingParticipation
from network.trainings.permissions import may_take_attendance
from vmdo_portal.permissions import office_may
from vmdo_portal.services import Refused


class TrainingFilter(admin.SimpleListFilter):
    title = _("training")
    parameter_name = "training"

    def lookups(self, request, model_admin):
        trainings = Event.objects.filter(audience=Event.Audience.MEMBERS).order_by("-start")
        return [(event.pk, f"{event.title} ({event.start:%d.%m.%Y})") for event in trainings[:100]]

    def queryset(self, request, queryset):
        return queryset.filter(event_id=self.value()) if self.value() else queryset


@admin.register(TrainingParticipation)
class TrainingParticipationAdmin(admin.ModelAdmin):
    list_display = ["name", "association", "event", "status", "attended"]
    list_filter = [TrainingFilter, "attended", "status"]
    list_select_related = ["event", "association"]
    search_fields = ["name", "association__name", "event__title"]
    fields = ["event", "association", "name", "email", "status", "attended", "created_at"]
    readonly_fields = fields
    actions = ["mark_attended", "mark_not_attended"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(event__audience=Event.Audience.MEMBERS)
            .exclude(status__in=[Registration.Status.PENDING, Registration.Status.CANCELLED])
        )

    def has_view_permission(self, request, obj=None):
        return office_may(request, "events.view_registration")

    def has_change_permission(self, request, obj=None):
        return may_take_attendance(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _set(self, request, queryset, attended: bool):
        done = 0
        for registration in queryset:
            try:
                event_services.registration_attendance_set(
                    registration=registration, attended=attended, by=request.user
                )
                done += 1
            except Refused as refused:
                self.message_user(
                    request, f"{registration.name}: {' '.join(refused.errors)}", messages.ERROR
                )
        if done:
            self.message_user(request, _("Attendance saved."))

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._set(request, queryset, True)

    @admin.action(description=_("Mark as not attended"), permissions=["change"])
    def mark_not_attended(self, request, queryset):
        self._set(request, queryset, False)
