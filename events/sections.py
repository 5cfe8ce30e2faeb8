"""Upcoming events on other apps' pages (see vmdo_portal.sections)."""

from django.urls import reverse
from django.utils import timezone

from events.models import Event

LIMIT = 6


def _upcoming(**filters):
    return list(
        Event.objects.public()
        .filter(status=Event.Status.PUBLISHED, end__gte=timezone.now(), **filters)
        .order_by("start")[:LIMIT]
    )


def home(request, _obj):
    events = _upcoming()
    return {"events": events, "more": reverse("events:list")} if events else None


def association(request, association):
    events = _upcoming(organiser_associations=association)
    return {"events": events, "feed": reverse("events:feed") + f"?organiser={association.slug}"}


def project(request, project):
    events = _upcoming(organiser_projects=project)
    return {"events": events, "feed": reverse("events:feed") + f"?project={project.slug}"}


def room(request, room):
    events = _upcoming(room=room)
    return {"events": events} if events else None
