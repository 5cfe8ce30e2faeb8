from datetime import timedelta
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationTabularInline

from facilities import selectors, services
from facilities.models import (
    Booking,
    BookingSeries,
    Closure,
    Equipment,
    Facility,
    Room,
    RoomPhoto,
)
from vmdo_portal import dates
from vmdo_portal.admin_changelist import SafeDateHierarchy
from vmdo_portal.audit_admin import AuditedAdmin
from vmdo_portal.backoffice import Queue, queue_register
from vmdo_portal.images import clean_image
from vmdo_portal.spreadsheets import download, readable_dataset
from vmdo_portal.translation_admin import TabbedTranslationAdmin

PHOTO_MAX_BYTES = 8 * 1024 * 1024


def utilisation_dataset(rows):
    """The utilisation report as a sheet people read: room, hours, share in per cent."""
    return readable_dataset(
        [_("Room"), _("Booked hours"), _("Bookable hours"), _("Share (%)")],
        (
            [row["room"].name, row["booked"], row["bookable"], round(row["share"] * 100, 1)]
            for row in rows
        ),
    )


@admin.register(Facility)
class FacilityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "street"]


@admin.register(Equipment)
class EquipmentAdmin(TabbedTranslationAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name_de"]}


class PhotoForm(forms.ModelForm):
    """Room photos are checked by content, re-encoded and stripped of EXIF like every upload."""

    class Meta:
        model = RoomPhoto
        fields = ["image", "alt", "order"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and hasattr(upload, "content_type"):
            clean = clean_image(upload, max_bytes=PHOTO_MAX_BYTES)
            self.instance.thumbnail.save(
                f"thumb{Path(clean.thumbnail.name).suffix}", clean.thumbnail, save=False
            )
            return clean.image
        return upload


class PhotoInline(TranslationTabularInline):
    model = RoomPhoto
    form = PhotoForm
    extra = 0


@admin.register(Room)
class RoomAdmin(TabbedTranslationAdmin):
    list_display = ["name", "capacity", "bookable", "needs_approval", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["equipment"]
    search_fields = ["name"]
    inlines = [PhotoInline]

    def get_urls(self):
        return [
            path(
                "auslastung/",
                self.admin_site.admin_view(self.utilisation_view),
                name="facilities_room_utilisation",
            ),
            *super().get_urls(),
        ]

    def nav_views(self, request):
        """The report in the back office's navigation (VmdoAdminSite.get_app_list)."""
        if not self.has_view_permission(request):
            return []
        return [
            ("utilisation", _("Room utilisation"), reverse("admin:facilities_room_utilisation"))
        ]

    def utilisation_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        first = dates.parse_month(
            f"{request.GET.get('jahr', today.year)}-{request.GET.get('monat', today.month)}",
            today,
        )
        year, month = first.year, first.month
        rows = selectors.utilisation(year, month)
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return download(utilisation_dataset(rows), export, f"auslastung-{year}-{month:02}")
        chart = {
            "bars": [
                {
                    "width": round(min(row["share"], 1) * 100, 1),
                    "label": row["room"].name,
                    "percent": round(row["share"] * 100),
                }
                for row in rows
            ],
        }
        context = {
            **self.admin_site.each_context(request),
            "title": _("Room utilisation"),
            "rows": rows,
            "chart": chart,
            "year": year,
            "month": month,
        }
        return TemplateResponse(request, "admin/facilities/utilisation.html", context)


def _approved(count):
    return ngettext("%(count)d booking approved.", "%(count)d bookings approved.", count)


def _rejected(count):
    return ngettext("%(count)d request rejected.", "%(count)d requests rejected.", count)


def _cancelled(count):
    return ngettext("%(count)d booking cancelled.", "%(count)d bookings cancelled.", count)


class ConflictFilter(admin.SimpleListFilter):
    """Bookings that overlap an approved booking of their room (Booking.has_conflict)."""

    title = _("conflict")
    parameter_name = "konflikt"

    def lookups(self, request, model_admin):
        return [("ja", _("with an approved booking")), ("nein", _("no conflict"))]

    def queryset(self, request, queryset):
        if self.value() in {"ja", "nein"}:
            return queryset.filter(has_conflict=self.value() == "ja")
        return queryset


@admin.register(Booking)
class BookingAdmin(AuditedAdmin, SafeDateHierarchy, admin.ModelAdmin):
    list_display = ["start", "room", "association", "title", "status", "conflict"]
    list_filter = ["status", ConflictFilter, "room"]
    search_fields = ["series__title", "association__name"]
    list_select_related = ["room", "association", "series"]
    readonly_fields = [
        "room",
        "series",
        "association",
        "start",
        "end",
        "status",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    fields = [*readonly_fields, "reason"]
    actions = ["approve", "approve_and_reject_overlapping", "reject", "cancel"]
    date_hierarchy = "start"

    def get_queryset(self, request):
        return super().get_queryset(request).with_conflict()

    def get_ordering(self, request):
        # Open requests first, oldest first.
        from django.db.models import Case, IntegerField, Value, When

        return [
            Case(
                When(status=Booking.Status.REQUESTED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ).asc(),
            "created_at",
        ]

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "zeitplan/",
                self.admin_site.admin_view(self.timeline_view),
                name="facilities_booking_timeline",
            ),
            *super().get_urls(),
        ]

    def nav_views(self, request):
        """The timeline in the back office's navigation (VmdoAdminSite.get_app_list)."""
        if not self.has_view_permission(request):
            return []
        return [
            ("timeline", _("Timeline of all rooms"), reverse("admin:facilities_booking_timeline"))
        ]

    def timeline_view(self, request):
        """All rooms side by side for one day or one week."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        week = request.GET.get("ansicht") != "tag"
        chosen = dates.parse_day(request.GET.get("datum"), today)
        first = chosen - timedelta(days=chosen.weekday()) if week else chosen
        days = [first + timedelta(days=offset) for offset in range(7 if week else 1)]
        rows = selectors.timeline(days)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Timeline of all rooms"),
            "days": days,
            "rows": rows,
            "week": week,
            "previous": (first - timedelta(days=7 if week else 1)).isoformat(),
            "next": (first + timedelta(days=7 if week else 1)).isoformat(),
            "chosen": chosen.isoformat(),
        }
        return TemplateResponse(request, "admin/facilities/timeline.html", context)

    @admin.display(description=_("title"))
    def title(self, booking):
        return booking.series.title

    @admin.display(description=_("conflict"), boolean=True)
    def conflict(self, booking):
        return booking.has_conflict

    def _decide(self, request, queryset, decision, message, reason=""):
        decided = services.bookings_decide(
            bookings=queryset.order_by("created_at"),
            decision=decision,
            by=request.user,
            reason=reason,
        )
        for booking, problem in decided.refused:
            self.message_user(request, f"{booking}: {problem}", messages.ERROR)
        if decided.done:
            self.message_user(request, message(decided.done) % {"count": decided.done})

    @admin.action(description=_("Approve selected requests"), permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, "approve", _approved)

    @admin.action(
        description=_("Approve and reject the requests that overlap them"), permissions=["change"]
    )
    def approve_and_reject_overlapping(self, request, queryset):
        if "confirm" not in request.POST:
            overlapping = {
                booking: list(services.overlapping_requests(booking)) for booking in queryset
            }
            return render(
                request,
                "admin/facilities/confirm_approve.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Approve and reject overlapping requests?"),
                    "overlapping": overlapping,
                    "queryset": queryset,
                    "action": "approve_and_reject_overlapping",
                    "opts": self.model._meta,
                },
            )
        self._decide(request, queryset, "approve_and_reject_overlapping", _approved)

    @admin.action(description=_("Reject selected requests"), permissions=["change"])
    def reject(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if not reason:
            return render(
                request,
                "admin/reason.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Why are the requests rejected?"),
                    "queryset": queryset,
                    "action": "reject",
                    "opts": self.model._meta,
                },
            )
        self._decide(request, queryset, "reject", _rejected, reason=reason)

    @admin.action(description=_("Cancel selected bookings"), permissions=["change"])
    def cancel(self, request, queryset):
        self._decide(request, queryset, "cancel", _cancelled)


class BookingInline(admin.TabularInline):
    model = Booking
    fields = ["start", "end", "status", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "room", "association", "first_date", "frequency", "created_at"]
    list_filter = ["room", "frequency"]
    search_fields = ["title", "association__name"]
    list_select_related = ["room", "association"]
    inlines = [BookingInline]
    actions = ["approve_series"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    @admin.action(
        description=_("Approve whole series, skipping conflicting dates"), permissions=["change"]
    )
    def approve_series(self, request, queryset):
        for series, approved, skipped in services.series_approve_many(
            series=queryset, by=request.user
        ):
            self.message_user(
                request,
                _(
                    "%(title)s: %(approved)d dates approved, "
                    "%(skipped)d skipped because of conflicts."
                )
                % {"title": series.title, "approved": approved, "skipped": skipped},
            )


@admin.register(Closure)
class ClosureAdmin(AuditedAdmin, TabbedTranslationAdmin):
    list_display = ["start", "end", "room", "reason"]
    list_filter = ["room"]
    audit_logs_add = False  # closure_create logs it

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        closure, hit = services.closure_create(
            facility=obj.facility,
            room=obj.room,
            start=obj.start,
            end=obj.end,
            reason=obj.reason,
            by=request.user,
        )
        obj.pk = closure.pk
        if hit:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    _(
                        "This closure hits approved bookings; "
                        "contact the associations or cancel them:"
                    ),
                    ", ".join(
                        f"{dates.local_display(b.start)} {b.room} ({b.association})" for b in hit
                    ),
                ),
                messages.WARNING,
            )


def _conflicting(count):
    return ngettext(
        "%(count)d overlaps an approved booking", "%(count)d overlap an approved booking", count
    )


queue_register(
    "room_requests",
    Queue(
        label=_("Room requests"),
        permission="facilities.change_booking",
        entries=lambda: Booking.objects.filter(status=Booking.Status.REQUESTED).with_conflict(),
        since="created_at",
        changelist="admin:facilities_booking_changelist",
        filters={"status__exact": Booking.Status.REQUESTED},
        flagged="has_conflict",
        flagged_text=_conflicting,
        flagged_filters={"konflikt": "ja"},
    ),
)
