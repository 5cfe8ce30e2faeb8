"""Workflows of the members app. Views, admin actions, commands and tests call these.

One module per concern; every public name is importable from `members.services` as
before. The reads these workflows share live in `members.selectors` and are re-exported
here too, so older callers keep working.
"""

from members.selectors import (
    INVITATIONS_PER_DAY,
    LIST_FIELDS,
    PROFILE_FIELDS,
    SIMPLE_FIELDS,
    TRANSLATED_FIELDS,
    association_admin_ids,
    invitations_left_today,
    is_last_admin,
    pending_revision,
    profile_values,
    revision_changed_fields,
)
from members.services.applications import (
    application_accept,
    application_reject,
    application_submit,
)
from members.services.history import history_record
from members.services.people import (
    InvitationInvalid,
    invitation_accept,
    invitation_accept_with_new_account,
    invitation_create,
    invitation_limit_ensure,
    invitation_resend,
    invitation_send,
    last_admin_ensure,
    membership_remove,
    membership_set_role,
    memberships_remove,
)
from members.services.personal_data import (
    personal_data,
    personal_data_erase,
    personal_data_holds,
)
from members.services.profile import (
    ProfileChangedMeanwhile,
    ProfileUpdate,
    association_admin_saved,
    association_create,
    association_profile_update,
    association_set_published,
    revision_approve,
    revision_reject,
    unique_slug,
)
from members.services.search_text import (
    association_search_refresh,
    list_entries_delete,
    list_entry_saved,
)
from vmdo_portal.audit import DELETED_ACCOUNT

__all__ = [
    "DELETED_ACCOUNT",
    "INVITATIONS_PER_DAY",
    "LIST_FIELDS",
    "PROFILE_FIELDS",
    "SIMPLE_FIELDS",
    "TRANSLATED_FIELDS",
    "InvitationInvalid",
    "ProfileChangedMeanwhile",
    "ProfileUpdate",
    "application_accept",
    "application_reject",
    "application_submit",
    "association_admin_ids",
    "association_admin_saved",
    "association_create",
    "association_profile_update",
    "association_search_refresh",
    "association_set_published",
    "history_record",
    "invitation_accept",
    "invitation_accept_with_new_account",
    "invitation_create",
    "invitation_limit_ensure",
    "invitation_resend",
    "invitation_send",
    "invitations_left_today",
    "is_last_admin",
    "last_admin_ensure",
    "list_entries_delete",
    "list_entry_saved",
    "membership_remove",
    "membership_set_role",
    "memberships_remove",
    "pending_revision",
    "personal_data",
    "personal_data_erase",
    "personal_data_holds",
    "profile_values",
    "revision_approve",
    "revision_changed_fields",
    "revision_reject",
    "unique_slug",
]
