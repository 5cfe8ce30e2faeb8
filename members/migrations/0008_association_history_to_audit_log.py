"""The associations' history moves into the site-wide audit log (vmdo_portal.AuditEntry)."""

from django.db import migrations

BATCH = 2000
ACTIONS = {
    "created": "association.created",
    "edited": "association.edited",
    "submitted": "revision.submitted",
    "approved": "revision.approved",
    "rejected": "revision.rejected",
    "admin-edited": "admin.changed",
    "published": "association.published",
    "unpublished": "association.unpublished",
    "joined": "membership.joined",
    "removed": "membership.removed",
    "role-changed": "membership.role_changed",
}


def _data(row) -> dict:
    fields = list(row.fields or [])
    if row.action in ("removed", "role-changed"):  # the one "field": whose access changed
        return {"person": fields[0]} if fields else {}
    if fields == ["import"]:
        return {"via": "import"}
    return {"fields": fields} if fields else {}


def copy_history(apps, schema_editor):
    AssociationHistory = apps.get_model("members", "AssociationHistory")
    AuditEntry = apps.get_model("vmdo_portal", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    association_type, _created = ContentType.objects.get_or_create(
        app_label="members", model="association"
    )
    rows = AssociationHistory.objects.select_related("association").order_by("pk")
    entries = []
    for row in rows.iterator(chunk_size=BATCH):
        entries.append(
            AuditEntry(
                at=row.at,
                actor_id=row.actor_id,
                actor_name=row.actor_name,
                action=ACTIONS.get(row.action, "admin.changed"),
                content_type=association_type,
                object_id=row.association_id,
                object_repr=row.association.name[:200],
                data=_data(row),
            )
        )
        if len(entries) >= BATCH:
            AuditEntry.objects.bulk_create(entries)
            entries = []
    AuditEntry.objects.bulk_create(entries)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_history_role_changed"),
        ("vmdo_portal", "0004_audit_log"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_history, migrations.RunPython.noop, elidable=False),
        migrations.DeleteModel(name="AssociationHistory"),
    ]
