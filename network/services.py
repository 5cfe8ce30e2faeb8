"""Workflows of the network area that belong to no single part."""

from datetime import datetime, timedelta

from django.utils import timezone

from network.models import LastVisit

# Opening the start page again within this time is the same visit.
SAME_VISIT = timedelta(hours=1)
# What counts as new on a first visit.
FIRST_VISIT_LOOKBACK = timedelta(days=30)


def last_visit_touch(*, user) -> datetime:
    """Record a visit to the start page; returns since when things count as new."""
    now = timezone.now()
    visit, created = LastVisit.objects.get_or_create(user=user, defaults={"current": now})
    if not created and now - visit.current >= SAME_VISIT:
        visit.previous, visit.current = visit.current, now
        visit.save(update_fields=["previous", "current"])
    # A first visit (and its continuation) shows what is recent.
    return visit.previous or visit.current - FIRST_VISIT_LOOKBACK


def personal_data(user) -> dict:
    visit = LastVisit.objects.filter(user=user).first()
    return {"last_visit": visit.current.isoformat() if visit else None}


def personal_data_erase(user) -> None:
    LastVisit.objects.filter(user=user).delete()
