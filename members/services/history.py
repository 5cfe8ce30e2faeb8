"""The association's history of who changed what: entries of the site-wide audit log
(vmdo_portal.audit) on the association, which its dashboard and change page show."""

from vmdo_portal.audit import log_action
from vmdo_portal.models import AuditEntry


def history_record(*, association, by, action, fields=(), **data) -> AuditEntry:
    """`action` is an audit action ("association.edited", ...); `fields` the changed fields."""
    if fields:
        data = {"fields": list(fields), **data}
    return log_action(association, action, by=by, data=data)
