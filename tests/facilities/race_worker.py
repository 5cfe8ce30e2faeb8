"""Runs in a separate process (spawned): approve one booking, report the outcome.

Nothing Django is imported at module level, so the process points Django at the test
database before the settings load.
"""

import os


def approve(database_name, booking_id, barrier, results):
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database_name}"
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.utils import translation

    from facilities import services
    from facilities.models import Booking

    translation.activate("de")
    booking = Booking.objects.get(pk=booking_id)
    barrier.wait()
    try:
        services.booking_approve(booking=booking, by=None)
        results.put("approved")
    except services.BookingConflict as conflict:
        results.put(str(conflict))
