"""The public calendar: list, month grid, archive, details, registration, feeds."""

import calendar
from datetime import timedelta

from allauth.account.utils import has_verified_email
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from events import selectors, services
from events.calendar_data import FEED_FIELDS, PLACE_RELATED, ical_entries, location_text
from events.filters import EventFilter
from events.forms import RegistrationForm
from events.models import Event, Registration
from vmdo_portal import ical, ratelimit
from vmdo_portal.dates import parse_month
from vmdo_portal.services import Refused
from vmdo_portal.site_url import absolute_url
from vmdo_portal.text import feed_text, one_line

PAGE_SIZE = 20
# Registrations (each sends an email) per hour from one client and for one event.
REGISTRATIONS_PER_CLIENT = 10
REGISTRATIONS_PER_EVENT = 50
# The feed runs from a month back (so a subscriber's recent past doesn't vanish at once)
# to half a year ahead: calendar apps fetch it again every few hours to a day, so later
# events arrive in good time, and the file stays small enough for them to accept.
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 183


def _filtered(request, queryset):
    filterset = EventFilter(request.GET or None, queryset=queryset)
    return filterset, filterset.qs


@require_safe
def event_list(request):
    now = timezone.now()
    archive = request.GET.get("archiv") == "1"
    base = Event.objects.public()
    ordering = ("-start", "-pk") if archive else ("start", "pk")
    base = (base.filter(end__lt=now) if archive else base.upcoming(now)).order_by(*ordering)
    filterset, events = _filtered(request, base)
    view = "month" if request.GET.get("ansicht") == "monat" else "list"
    context = {"filter": filterset, "archive": archive, "view": view}
    if view == "month":
        context.update(_month(request, events))
    else:
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("seite"))
        # Sort and cut the page on the events' ids alone, then load only the shown
        # events with their room and site: one query, not a join of every match.
        page.object_list = (
            Event.objects.for_lists()
            .filter(pk__in=page.object_list.values("pk"))
            .order_by(*ordering)
        )
        context.update({"page": page, "events": page.object_list})
    query = request.GET.copy()
    for key in ("seite", "ansicht", "monat", "archiv"):
        query.pop(key, None)
    context["feed_url"] = reverse("events:feed") + (f"?{query.urlencode()}" if query else "")
    return render(request, "events/list.html", context)


def _month(request, events):
    today = timezone.localdate()
    first = parse_month(request.GET.get("monat"), today)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    in_month = (
        Event.objects.public()
        .filter(pk__in=events.values("pk"), start__date__lte=last, end__date__gte=first)
        .order_by("start")
    )
    by_day = {}
    zone = timezone.get_current_timezone()
    for event in in_month:
        by_day.setdefault(event.start.astimezone(zone).date(), []).append(event)
    first_weekday = int(formats.get_format("FIRST_DAY_OF_WEEK"))  # 0 = Sunday
    grid = calendar.Calendar(firstweekday=(first_weekday - 1) % 7)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == first.month,
                "events": by_day.get(day, []),
                "today": day == today,
            }
            for day in week
        ]
        for week in grid.monthdatescalendar(first.year, first.month)
    ]
    return {
        "month": first,
        "weeks": weeks,
        "weekday_names": [week["date"] for week in weeks[0]],
        "previous_month": (first - timedelta(days=1)).strftime("%Y-%m"),
        "next_month": (last + timedelta(days=1)).strftime("%Y-%m"),
    }


@require_http_methods(["GET", "POST"])
def event_detail(request, slug):
    event = selectors.public_event(slug)
    form = RegistrationForm(request.POST or None) if event.registration_is_open else None
    status, too_few = 200, None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Registration for this event is closed."))
            return redirect(event.get_absolute_url())
        registration, too_few, status = _register(request, event, form)
        if registration is not None:
            _say_where(request, registration)
            return redirect(event.get_absolute_url())
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "form": form,
            "too_few": too_few,
            "registration_open": event.registration_is_open,
            "places_left": services.places_left(event),
            "jsonld": event_jsonld(event),
            "address_lines": [event.address],
        },
        status=status,
    )


def _register(request, event, form):
    """The registration form sent: (the registration, None, 302) when it is saved, else
    (None, TooFewPlaces or None, the status) with the reasons on the form."""
    if not form.is_valid():
        return None, None, 400
    if not _may_register(request, event):
        form.add_error(None, _("Too many registrations at once. Please try again in an hour."))
        return None, None, 429
    email = form.cleaned_data["email"]
    try:
        registration = services.registration_create(
            event=event,
            language=get_language(),
            email_verified=request.user.is_authenticated
            and has_verified_email(request.user, email),
            **form.cleaned_data,
        )
    except services.TooFewPlaces as refused:
        # Nothing saved: the form comes back with the choice of a smaller group
        # or the waiting list for all.
        form.add_error("people", refused.errors[0])
        return None, refused, 400
    except Refused as refused:
        for error in refused.errors:
            form.add_error(None, error)
        return None, None, 400
    return registration, None, 302


def _may_register(request, event) -> bool:
    """Each registration sends an email: limits per client and per event."""
    per_client = ratelimit.hit(
        f"events:registrations:{ratelimit.client_key(request)}",
        limit=REGISTRATIONS_PER_CLIENT,
        window=3600,
    )
    return per_client and ratelimit.hit(
        f"events:registrations:event:{event.pk}", limit=REGISTRATIONS_PER_EVENT, window=3600
    )


def event_jsonld(event) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "url": absolute_url(event.get_absolute_url()),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"
        if event.location_kind == Event.Location.ONLINE
        else "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": [entry.code for entry in event.languages.all()],
        "isAccessibleForFree": event.is_free,
        "organizer": [
            {"@type": "Organization", "name": a.name} for a in event.organiser_associations.all()
        ]
        + ([{"@type": "Organization", "name": "VMDO e.V."}] if event.organised_by_vmdo else []),
    }
    if event.summary:
        data["description"] = event.summary
    place = location_text(event)
    if place and event.location_kind != Event.Location.ONLINE:
        data["location"] = {"@type": "Place", "name": place}
    return data


@require_safe
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.public().select_related(*PLACE_RELATED), slug=slug)
    return ical.response(
        ical.calendar_body(name=event.title, events=ical_entries([event])),
        f"{event.slug}.ics",
    )


@require_safe
def feed_ics(request):
    """Published events from a month back to half a year ahead, or those of them matching
    the filters in the query string."""
    now = timezone.now()
    in_range = Event.objects.public().filter(
        end__gte=now - timedelta(days=FEED_DAYS_BACK),
        start__lt=now + timedelta(days=FEED_DAYS_AHEAD),
    )
    _filterset, events = _filtered(request, in_range)
    events = events.select_related(*PLACE_RELATED).only(*FEED_FIELDS).order_by("start", "pk")
    return ical.response(
        ical.calendar_body(name="VMDO – Veranstaltungen", events=ical_entries(events)),
        "veranstaltungen.ics",
    )


class LatestEventsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("New events – VMDO")
    subtitle = gettext_lazy("Events of VMDO, its projects and its member associations in Dortmund.")

    # Absolute addresses from SITE_URL: the syndication framework would take the Host header.
    def link(self):
        return absolute_url(reverse("events:list"))

    def feed_url(self):
        return absolute_url(reverse("events:atom"))

    def item_link(self, event):
        return absolute_url(event.get_absolute_url())

    def items(self):
        return (
            Event.objects.public()
            .filter(status=Event.Status.PUBLISHED)
            .order_by("-created_at")[:50]
        )

    # Atom is XML 1.0: a control character from an old row would stop the whole feed.
    def item_title(self, event):
        return one_line(event.title)

    def item_description(self, event):
        return feed_text(event.summary)

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at


@require_http_methods(["GET", "POST"])
def confirm_registration(request, token):
    """The link in the first email: a page with a button (mail scanners follow links, and
    must not confirm), then the registration takes a place or joins the waiting list."""
    registration = Registration.objects.select_related("event").filter(cancel_token=token).first()
    if registration is None:
        return render(request, "events/confirm_registration.html", {"unknown": True}, status=404)
    if registration.status in (Registration.Status.CONFIRMED, Registration.Status.WAITING):
        messages.info(request, _("Your registration is already confirmed."))
        return redirect(registration.event.get_absolute_url())
    context = {"registration": registration, "event": registration.event}
    if registration.status == Registration.Status.CANCELLED or services.registration_expired(
        registration
    ):
        return render(
            request, "events/confirm_registration.html", {**context, "gone": True}, status=410
        )
    if request.method == "POST":
        try:
            registration = services.registration_confirm(registration=registration)
        except Refused as refused:
            for error in refused.errors:
                messages.error(request, error)
            return redirect(registration.event.get_absolute_url())
        _say_where(request, registration)
        return redirect(registration.event.get_absolute_url())
    return render(request, "events/confirm_registration.html", context)


def _say_where(request, registration) -> None:
    if registration.status == Registration.Status.PENDING:
        messages.info(
            request,
            _(
                "Almost done: please confirm your registration with the link "
                "we have sent to your email address."
            ),
        )
    elif registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. We have sent you an email."))
    elif free := services.places_left(registration.event):
        messages.info(
            request,
            ngettext(
                "Only %(places)d place is left, not enough for your group of %(people)d: "
                "you are on the waiting list with all %(people)d. "
                "We will email you if enough places free up.",
                "Only %(places)d places are left, not enough for your group of %(people)d: "
                "you are on the waiting list with all %(people)d. "
                "We will email you if enough places free up.",
                free,
            )
            % {"places": free, "people": registration.people},
        )
    else:
        messages.info(
            request,
            _(
                "The event is full: you are on the waiting list. "
                "We will email you if a place frees up."
            ),
        )


@require_http_methods(["GET", "POST"])
def cancel_registration(request, token):
    registration = Registration.objects.select_related("event").filter(cancel_token=token).first()
    if registration is None:
        return render(request, "events/cancel_registration.html", {"unknown": True}, status=404)
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect(registration.event.get_absolute_url())
    return render(request, "events/cancel_registration.html", {"registration": registration})
