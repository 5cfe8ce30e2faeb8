"""Which uploads the portal serves, and to whom.

A file is served only while the object that owns it is public. People who may see that
object unpublished may still fetch it: the association's own members (their logo in the
dashboard, their events' images), and staff with the object's view permission and their
second factor used in this session. Everyone else gets 404, as for a file that does not
exist. Uploads of profile changes under review are never served here; staff see them in
the back office (`members.admin.ProfileRevisionAdmin`) through `file_response`.
"""

import mimetypes
import re
from dataclasses import dataclass

from django.apps import apps
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404

from vmdo_portal.permissions import office_may

# What follows a folder: the random names of vmdo_portal.uploads.RandomName (or a name
# Django made unique with a suffix). Anything else (NUL, "..", "%2F", a sub-folder) is
# no stored name and answers 404 before the database or the storage is asked.
STORED_NAME = re.compile(r"[A-Za-z0-9_-]{1,200}(\.[a-z0-9]{1,5})?")


@dataclass(frozen=True)
class Owner:
    """A kind of object that owns uploads in one folder."""

    folder: str  # the upload_to prefix of the fields
    model: str  # "app_label.Model"
    fields: tuple[str, ...]
    public: str | None  # the queryset method narrowing to what visitors see; None: all
    permission: str | None = None  # staff with it see unpublished ones (second factor used)
    members: str | None = None  # lookup from the object to the users who see it unpublished
    filename: str | None = None  # field with the name a download is offered under

    def objects_with(self, name):
        model = apps.get_model(self.model)
        return model._default_manager.filter(
            Q(*[(field, name) for field in self.fields], _connector=Q.OR)
        )


OWNERS = (
    Owner(
        "associations/logos/",
        "members.Association",
        ("logo", "logo_thumbnail"),
        public="public",
        permission="members.view_association",
        members="memberships__user",
    ),
    Owner(
        "projects/",
        "projects.Project",
        ("image", "image_thumbnail"),
        public="published",
        permission="projects.view_project",
    ),
    Owner(
        "documents/",
        "projects.Document",
        ("file",),
        public="public",
        permission="projects.view_document",
        filename="original_name",
    ),
    Owner("facilities/", "facilities.Facility", ("house_rules",), public=None),
    Owner("facilities/rooms/", "facilities.RoomPhoto", ("image", "thumbnail"), public=None),
    Owner(
        "events/",
        "events.Event",
        ("image",),
        public="public",
        permission="events.view_event",
        members="organiser_associations__memberships__user",
    ),
)


@dataclass(frozen=True)
class Download:
    name: str  # in the storage
    public: bool  # served to everyone (else only to this person: never cached on the way)
    filename: str = ""  # offered to the browser; the stored name when empty


def _owner_of(name: str) -> Owner | None:
    folder, _slash, rest = name.rpartition("/")
    if not STORED_NAME.fullmatch(rest):
        return None
    return next((owner for owner in OWNERS if owner.folder == f"{folder}/"), None)


def download_for(request, name: str) -> Download:
    """The file `name` as this request may fetch it; Http404 when it may not."""
    owner = _owner_of(name)
    if owner is None:
        raise Http404
    objects = owner.objects_with(name)
    visible = objects if owner.public is None else getattr(objects, owner.public)()
    public = True
    found = visible.first()
    if found is None:
        public = False
        user = request.user
        if owner.members and user.is_authenticated:
            found = objects.filter(**{owner.members: user}).first()
        if found is None and owner.permission and office_may(request, owner.permission):
            found = objects.first()
    if found is None:
        raise Http404
    filename = getattr(found, owner.filename) if owner.filename else ""
    return Download(name=name, public=public, filename=filename)


PUBLIC_MAX_AGE = 300


def file_response(download: Download) -> FileResponse:
    """The stored file, typed by its (checked) extension and never sniffed by browsers."""
    try:
        handle = default_storage.open(download.name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(download.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, filename=download.filename)
    if download.public:
        # Short: a file must stop being served soon after its object is unpublished, also
        # from browsers' and proxies' caches (new uploads get new names anyway).
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    else:
        response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
