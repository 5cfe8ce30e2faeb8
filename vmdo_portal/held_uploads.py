"""Uploads held between two requests: a form's "Preview" keeps the file it checked.

A browser cannot send a chosen file twice, so after a preview the checked (re-encoded)
file waits in the storage under `held/<random name>`, and the form carries a signed token
naming it together with its scope (e.g. the association and the account). Only a token
this portal signed, for the same scope and younger than HOLD_FOR, gives the file back;
`vmdo_portal.media` never serves `held/`. Files left behind (the form was abandoned) are
deleted by `purge` (the `purge_held_uploads` command, run daily).
"""

from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from vmdo_portal.uploads import RandomName

FOLDER = "held/"
HOLD_FOR = timedelta(hours=6)
_name = RandomName(FOLDER)


def _salt(purpose: str) -> str:
    return f"vmdo_portal.held_uploads.{purpose}"


def hold(content: ContentFile, *, purpose: str, scope: dict) -> str:
    """Store an already checked file; the returned token gives it back to the same scope."""
    name = default_storage.save(_name(None, content.name or ""), content)
    return signing.dumps({"name": name, "scope": scope}, salt=_salt(purpose))


def _name_of(token: str, purpose: str, scope: dict) -> str | None:
    try:
        data = signing.loads(token, salt=_salt(purpose), max_age=HOLD_FOR.total_seconds())
    except signing.BadSignature:  # also an expired token (SignatureExpired)
        return None
    name = data.get("name", "") if isinstance(data, dict) else ""
    if data.get("scope") != scope or not name.startswith(FOLDER) or "/" in name[len(FOLDER) :]:
        return None
    return name


def take(token: str, *, purpose: str, scope: dict) -> ContentFile | None:
    """The held file of a token signed for this purpose and scope, or None (a token of
    someone else, forged, expired, or whose file is gone)."""
    name = _name_of(token, purpose, scope)
    if name is None:
        return None
    try:
        with default_storage.open(name, "rb") as held:
            return ContentFile(held.read(), name=name[len(FOLDER) :])
    except FileNotFoundError:
        return None


def release(token: str, *, purpose: str, scope: dict) -> None:
    """Delete the held file once it has been used."""
    name = _name_of(token, purpose, scope)
    if name is not None:
        default_storage.delete(name)


def purge(now=None) -> int:
    """Delete held files older than HOLD_FOR (their tokens no longer work)."""
    cutoff = (now or timezone.now()) - HOLD_FOR
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    deleted = 0
    for file_name in files:
        name = FOLDER + file_name
        if default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            deleted += 1
    return deleted
