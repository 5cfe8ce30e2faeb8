"""Where uploads are stored: under a random name, never the one the uploader chose.

A stored name says nothing about the file or its owner, so nobody finds an upload by
guessing (`documents/jahresbericht-2025.pdf`). Whether a file is served at all is decided
by `vmdo_portal.media` from the object that owns it.
"""

import secrets
import unicodedata
from pathlib import PurePosixPath

from django.utils.deconstruct import deconstructible

# Extensions a stored file may keep: what clean_image() writes and PDFs.
EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".pdf"}
ORIGINAL_NAME_MAX_LENGTH = 255


@deconstructible
class RandomName:
    """`upload_to` for every upload field: `<prefix><random token><extension>`.

    The extension is `extension` when given (documents are PDFs whatever they were called),
    otherwise the offered name's if it is one of EXTENSIONS; nothing else of that name is kept.
    """

    def __init__(self, prefix: str, extension: str = ""):
        self.prefix = prefix
        self.extension = extension

    def __call__(self, instance, filename: str) -> str:
        extension = self.extension or PurePosixPath(filename).suffix.lower()
        if extension not in EXTENSIONS:
            extension = ""
        return f"{self.prefix}{secrets.token_hex(16)}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and (self.prefix, self.extension) == (
            other.prefix,
            other.extension,
        )

    def __hash__(self):
        return hash((self.prefix, self.extension))


def original_name(upload) -> str:
    """The uploader's file name, for a download's Content-Disposition: the last path part,
    without control or format characters (CR, LF, NUL, bidi overrides)."""
    name = PurePosixPath(str(upload.name).replace("\\", "/")).name
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    return name[-ORIGINAL_NAME_MAX_LENGTH:]


def rename_stored_files(app_label: str, model_name: str, *fields: str):
    """A RunPython function giving the stored files of these fields random names.

    Each file is copied to a name from the field's upload_to and the row points to the
    copy; the old files are deleted only once the migration's transaction has committed,
    so a failed migration leaves every row pointing at a file that still exists. A row
    whose file is missing keeps its name.
    """

    def forwards(apps, schema_editor):
        from django.core.files.storage import default_storage
        from django.db import transaction

        model = apps.get_model(app_label, model_name)
        renamed = {}  # old name -> new name (rows sharing a file share the copy)
        for field_name in fields:
            upload_to = model._meta.get_field(field_name).upload_to
            for row in model._default_manager.exclude(**{field_name: ""}).iterator():
                old = getattr(row, field_name).name
                if old not in renamed:
                    try:
                        with default_storage.open(old, "rb") as content:
                            renamed[old] = default_storage.save(upload_to(row, old), content)
                    except FileNotFoundError:
                        continue
                model._default_manager.filter(pk=row.pk).update(**{field_name: renamed[old]})

        def delete_old_files():
            for old in renamed:
                default_storage.delete(old)

        transaction.on_commit(delete_old_files, using=schema_editor.connection.alias)

    return forwards
