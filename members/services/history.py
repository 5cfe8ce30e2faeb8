"""The association's history of who changed what."""

from members.models import AssociationHistory


def history_record(*, association, by, action, fields) -> AssociationHistory:
    return AssociationHistory.objects.create(
        association=association,
        actor=by,
        actor_name=(by.name or by.email) if by else "",
        action=action,
        fields=list(fields),
    )
