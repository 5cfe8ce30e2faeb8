"""The Haus der Vielfalt on the public side, and the association's bookings."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from facilities import selectors, services
from facilities.forms import BookingRequestForm, BookingTimesForm
from facilities.models import Booking, CalendarToken, Facility, Room
from members.permissions import Act, association_for
from vmdo_portal import ical
from vmdo_portal.opening_hours import week_rows
from vmdo_portal.permissions import office_may
from vmdo_portal.services import Refused

PUBLIC_SUMMARY = "belegt"


def _house():
    house = Facility.objects.prefetch_related("rooms__equipment", "rooms__photos").first()
    if house is None:
        raise Http404
    return house


@require_safe
def house(request):
    facility = _house()
    return render(
        request,
        "facilities/house.html",
        {
            "house": facility,
            "house_week": week_rows(facility.opening_hours, timezone.localdate()),
            "rooms": [room for room in facility.rooms.all() if room.bookable],
        },
    )


@require_safe
def room_detail(request, slug):
    room = get_object_or_404(
        Room.objects.select_related("facility").prefetch_related("equipment", "photos"),
        slug=slug,
        bookable=True,
    )
    today = timezone.localdate()
    monday = selectors.week_start(request.GET.get("woche"), today)
    return render(
        request,
        "facilities/room.html",
        {
            "room": room,
            "week": selectors.room_week(room, monday),
            "monday": monday,
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
        },
    )


@require_safe
def room_feed(request, slug):
    """Public busy times of a room: no booker details."""
    room = get_object_or_404(Room.objects.select_related("facility"), slug=slug, bookable=True)
    since = timezone.now() - timedelta(days=30)
    events = [
        {
            "uid": ical.uid("booking", booking.pk),
            "start": booking.start,
            "end": booking.end,
            "summary": f"{room.name}: {PUBLIC_SUMMARY}",
        }
        for booking in Booking.objects.approved()
        .filter(room=room, end__gte=since)
        .order_by("start")
    ]
    return ical.response(
        ical.calendar_body(name=f"{room.name} – {room.facility.name}", events=events),
        f"{room.slug}.ics",
    )


@require_safe
def association_feed(request, token):
    """The private calendar of an association's bookings (secret address, revocable)."""
    entry = get_object_or_404(CalendarToken.objects.select_related("association"), token=token)
    since = timezone.now() - timedelta(days=30)
    bookings = (
        Booking.objects.filter(association=entry.association, end__gte=since)
        .exclude(status__in=[Booking.Status.REJECTED, Booking.Status.WITHDRAWN])
        .select_related("series", "room__facility")
        .order_by("start")
    )
    events = [
        {
            "uid": ical.uid("booking", booking.pk),
            "start": booking.start,
            "end": booking.end,
            "summary": booking.series.title,
            "location": booking.room.place(),
            "status": {"approved": "CONFIRMED", "requested": "TENTATIVE", "cancelled": "CANCELLED"}[
                booking.status
            ],
        }
        for booking in bookings
    ]
    return ical.response(
        ical.calendar_body(name=str(entry.association), events=events), "buchungen.ics"
    )


# --- association dashboard ---------------------------------------------------------


@require_safe
@login_required
def bookings(request, slug):
    association = association_for(request, slug, Act.MANAGE_BOOKINGS)
    token = CalendarToken.objects.filter(association=association).first()
    upcoming = list(selectors.upcoming_for_association(association))
    groups = {
        status: [b for b in upcoming if b.status == status] for status in Booking.Status.values
    }
    return render(
        request,
        "facilities/dashboard/bookings.html",
        {"association": association, "groups": groups, "token": token, "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
@login_required
def request_booking(request, slug):
    """Request a room; conflicting dates come back in one block at the top of the form,
    with a button that skips them and sends the rest (the form's `skip_dates`)."""
    association = association_for(request, slug, Act.MANAGE_BOOKINGS)
    if request.method == "GET":
        form = BookingRequestForm(initial={"room": request.GET.get("raum")})
        return _request_page(request, association, form)
    form = BookingRequestForm.checked(request.POST)
    sending = "submit" in request.POST or "skip_dates" in request.POST  # the block's button
    if form.is_valid() and sending and not form.unresolved:
        try:
            services.booking_request(
                association=association, requested_by=request.user, **form.booking_kwargs()
            )
        except Refused as refused:
            form.add_refusal(refused)
        else:
            messages.success(request, _("Your request has been sent."))
            return redirect("facilities:bookings", slug=association.slug)
    refused = form.errors or (sending and form.unresolved)
    return _request_page(request, association, form, status=400 if refused else 200)


def _request_page(request, association, form, status=200):
    calendar = selectors.request_week(
        room_slug=form["room"].value(),
        week=request.GET.get("woche") or form.data.get("first_date") or None,
        today=timezone.localdate(),
    )
    context = {"association": association, "form": form, "plan": form.plan, **calendar}
    return render(request, "facilities/dashboard/request.html", context, status=status)


def _own_booking(request, slug, booking_id):
    association = association_for(request, slug, Act.MANAGE_BOOKINGS)
    booking = get_object_or_404(
        Booking.objects.select_related("room", "series"), pk=booking_id, association=association
    )
    return association, booking


@require_POST
@login_required
def withdraw_booking(request, slug, booking_id):
    association, booking = _own_booking(request, slug, booking_id)
    try:
        services.booking_withdraw(booking=booking, by=request.user)
        messages.success(request, _("The request has been withdrawn."))
    except Refused as refused:
        messages.error(request, " ".join(refused.errors))
    return redirect("facilities:bookings", slug=association.slug)


@require_POST
@login_required
def cancel_booking(request, slug, booking_id):
    association, booking = _own_booking(request, slug, booking_id)
    try:
        services.booking_cancel(
            booking=booking,
            by=request.user,
            any_time=office_may(request, "facilities.change_booking"),
        )
        messages.success(request, _("The booking has been cancelled."))
    except Refused as refused:
        messages.error(request, " ".join(refused.errors))
    return redirect("facilities:bookings", slug=association.slug)


@require_POST
@login_required
def change_booking(request, slug, booking_id):
    association, booking = _own_booking(request, slug, booking_id)
    form = BookingTimesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter a start and an end time."))
        return redirect("facilities:bookings", slug=association.slug)
    try:
        changed = services.booking_change(
            booking=booking,
            by=request.user,
            start_time=form.cleaned_data["start_time"],
            end_time=form.cleaned_data["end_time"],
        )
        if changed.status == Booking.Status.REQUESTED:
            messages.success(request, _("The new times wait for approval by the office."))
        else:
            messages.success(request, _("The booking has been changed."))
    except Refused as refused:
        messages.error(request, " ".join(refused.errors))
    return redirect("facilities:bookings", slug=association.slug)


@require_POST
@login_required
def renew_calendar(request, slug):
    association = association_for(request, slug, Act.MANAGE_BOOKINGS)
    CalendarToken.objects.filter(association=association).delete()
    CalendarToken.objects.create(association=association)
    messages.success(
        request, _("The calendar has a new secret address. The old one no longer works.")
    )
    return redirect("facilities:bookings", slug=association.slug)
