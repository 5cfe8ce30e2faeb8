"""Associations announce their events (/mein-verein/<slug>/veranstaltungen/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from events import selectors, services
from events.exports import attendees_response
from events.forms import EventForm
from events.models import Event
from members.permissions import Act, association_for, office_may_act
from vmdo_portal.services import Refused


@require_safe
@login_required
def event_list(request, slug):
    association = association_for(request, slug, Act.MANAGE_EVENTS)
    events = (
        Event.objects.filter(organiser_associations=association)
        .select_related("room", "booking")
        .order_by("-start")
    )
    return render(
        request, "events/dashboard/list.html", {"association": association, "events": events}
    )


@require_http_methods(["GET", "POST"])
@login_required
def event_create(request, slug):
    association = association_for(request, slug, Act.MANAGE_EVENTS)
    form = EventForm(
        request.POST or None,
        initial={"location_kind": "room", "audience": "everyone", "registration": "none"},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                events = services.event_create(
                    by=request.user, associations=[association], **form.event_kwargs()
                )
                messages.success(
                    request,
                    _("The event has been saved as a draft. Submit it when it is ready.")
                    if len(events) == 1
                    else _("%(count)d dates have been saved as drafts.") % {"count": len(events)},
                )
                return redirect("events:dashboard", slug=association.slug)
            except Refused as refused:
                _add_errors(form, refused)
        status = 400
    return render(
        request,
        "events/dashboard/form.html",
        {"association": association, "form": form},
        status=status,
    )


def _add_errors(form, refused: Refused) -> None:
    for error in refused.errors:
        form.add_error(None, error)


def _own_event(request, slug, event_id, act=Act.MANAGE_EVENTS):
    association = association_for(request, slug, act)
    return association, get_object_or_404(Event, pk=event_id, organiser_associations=association)


@require_http_methods(["GET", "POST"])
@login_required
def event_edit(request, slug, event_id):
    association, event = _own_event(request, slug, event_id)
    form = EventForm(
        request.POST or None, initial=selectors.event_form_initial(event), editing=True
    )
    if request.method == "POST" and form.is_valid():
        was_published = event.status == Event.Status.PUBLISHED
        try:
            event = services.event_update(
                event=event,
                by=request.user,
                may_publish=office_may_act(request, Act.PUBLISH_EVENTS),
                **form.update_kwargs(),
            )
        except Refused as refused:
            _add_errors(form, refused)
        else:
            messages.success(
                request,
                _("The event has been saved. It waits for the VMDO office again.")
                if was_published and event.status == Event.Status.SUBMITTED
                else _("The event has been saved."),
            )
            return redirect("events:dashboard", slug=association.slug)
    return render(
        request,
        "events/dashboard/form.html",
        {"association": association, "form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def event_submit(request, slug, event_id):
    association, event = _own_event(request, slug, event_id)
    try:
        event = services.event_submit(
            event=event, by=request.user, may_publish=office_may_act(request, Act.PUBLISH_EVENTS)
        )
        if event.status == Event.Status.PUBLISHED:
            messages.success(request, _("The event is published."))
        else:
            messages.success(
                request, _("The event has been sent to the VMDO office for publication.")
            )
    except Refused as refused:
        messages.error(request, " ".join(refused.errors))
    return redirect("events:dashboard", slug=association.slug)


@require_safe
@login_required
def registrations(request, slug, event_id):
    association, event = _own_event(request, slug, event_id, Act.VIEW_ATTENDEES)
    if request.GET.get("export") in {"csv", "xlsx"}:
        return attendees_response(event, request.GET["export"])
    return render(
        request,
        "events/dashboard/registrations.html",
        {
            "association": association,
            "event": event,
            "registrations": event.registrations.without_pending().order_by("created_at", "pk"),
        },
    )
