"""Booking history moves into the site-wide audit log (vmdo_portal.AuditEntry)."""

from django.db import migrations

BATCH = 2000
REASON_ACTIONS = {"rejected", "cancelled"}


def copy_history(apps, schema_editor):
    from vmdo_portal.dates import local_display

    BookingHistory = apps.get_model("facilities", "BookingHistory")
    AuditEntry = apps.get_model("vmdo_portal", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    booking_type, _created = ContentType.objects.get_or_create(
        app_label="facilities", model="booking"
    )
    rows = BookingHistory.objects.select_related("booking__series", "actor").order_by("pk")
    entries = []
    for row in rows.iterator(chunk_size=BATCH):
        note = row.note
        data = {("reason" if row.action in REASON_ACTIONS else "note"): note} if note else {}
        booking = row.booking
        entries.append(
            AuditEntry(
                at=row.at,
                actor=row.actor,
                actor_name=(row.actor.name or row.actor.email) if row.actor else "",
                action=f"booking.{row.action}",
                content_type=booking_type,
                object_id=booking.pk,
                object_repr=f"{booking.series.title}: {local_display(booking.start)}"[:200],
                data=data,
            )
        )
        if len(entries) >= BATCH:
            AuditEntry.objects.bulk_create(entries)
            entries = []
    AuditEntry.objects.bulk_create(entries)


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0006_field_labels"),
        ("vmdo_portal", "0004_audit_log"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_history, migrations.RunPython.noop, elidable=False),
        migrations.DeleteModel(name="BookingHistory"),
    ]
