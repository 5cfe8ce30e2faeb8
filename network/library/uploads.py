"""A resource's file, checked by its content before anything is stored.

The name's extension says what the file claims to be; the content must be that:
- PDF: a complete, readable PDF (vmdo_portal.files.clean_pdf);
- images (JPEG, PNG, WebP): checked and re-encoded by vmdo_portal.images.clean_image, so
  only a fresh image is stored (no SVG, no decompression bomb, no metadata);
- office documents (docx, xlsx, odt): a ZIP package with the parts of that format, no
  macros, within limits for the number and unpacked size of its parts (no ZIP bomb).
Anything else (HTML, SVG, executables, other formats) is refused.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from network.models.library import FileKind
from vmdo_portal.files import PDF_MAX_BYTES, clean_pdf
from vmdo_portal.images import clean_image
from vmdo_portal.uploads import original_name

MAX_BYTES = PDF_MAX_BYTES  # 20 MB, as the portal's other documents
IMAGE_MAX_BYTES = 5 * 1024 * 1024  # as event and project images
# An office package: at most this many parts, unpacked this large, each part at most this
# many times smaller packed than unpacked.
MAX_PARTS = 2000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200

EXTENSIONS = {
    ".pdf": FileKind.PDF,
    ".docx": FileKind.DOCX,
    ".xlsx": FileKind.XLSX,
    ".odt": FileKind.ODT,
    ".jpg": FileKind.JPG,
    ".jpeg": FileKind.JPG,
    ".png": FileKind.PNG,
    ".webp": FileKind.WEBP,
}
IMAGE_KINDS = {"jpg": FileKind.JPG, "png": FileKind.PNG, "webp": FileKind.WEBP}
# The part every package of the kind has.
OFFICE_PARTS = {FileKind.DOCX: "word/document.xml", FileKind.XLSX: "xl/workbook.xml"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

WRONG_TYPE = _(
    "Please upload a PDF, a Word (docx), Excel (xlsx) or OpenDocument (odt) document or an "
    "image (JPEG, PNG, WebP)."
)


@dataclass
class CheckedFile:
    content: ContentFile
    kind: str  # FileKind
    original_name: str
    size: int


def _not_this_kind(kind) -> ValidationError:
    return ValidationError(
        _("This file is not a %(kind)s we can read. Please check the file and upload it again."),
        code="not_this_kind",
        params={"kind": FileKind(kind).label},
    )


def _too_large(size: int, limit: int) -> ValidationError:
    return ValidationError(
        _("The file is too large (%(size)s). The limit is %(limit)s."),
        code="too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
    )


def _check_office(data: bytes, kind) -> None:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _not_this_kind(kind) from error
    with package:
        parts = package.infolist()
        if not parts or len(parts) > MAX_PARTS:
            raise _not_this_kind(kind)
        unpacked = 0
        for part in parts:
            name = part.filename
            if name.startswith("/") or ".." in PurePosixPath(name).parts:
                raise _not_this_kind(kind)
            unpacked += part.file_size
            packed = max(part.compress_size, 1)
            if unpacked > MAX_UNPACKED or part.file_size / packed > MAX_RATIO:
                raise ValidationError(
                    _("This document unpacks to far more than its size. It was refused."),
                    code="zip_bomb",
                )
            if PurePosixPath(name).name.lower() in {"vbaproject.bin", "vbadata.xml"}:
                raise ValidationError(
                    _("Documents with macros are not accepted. Please save it without macros."),
                    code="macros",
                )
        names = {part.filename for part in parts}
        try:
            if kind == FileKind.ODT:
                if parts[0].filename != "mimetype" or package.read("mimetype") != ODT_MIMETYPE:
                    raise _not_this_kind(kind)
                if any(name.startswith(("Basic/", "Scripts/")) for name in names):
                    raise ValidationError(
                        _("Documents with macros are not accepted. Please save it without macros."),
                        code="macros",
                    )
                required = {"content.xml"}
            else:
                required = {"[Content_Types].xml", OFFICE_PARTS[kind]}
                types = package.read("[Content_Types].xml") if required <= names else b""
                if b"macroEnabled" in types:
                    raise ValidationError(
                        _("Documents with macros are not accepted. Please save it without macros."),
                        code="macros",
                    )
            if not required <= names or package.testzip() is not None:
                raise _not_this_kind(kind)
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError) as error:
            raise _not_this_kind(kind) from error


def check_resource_file(upload) -> CheckedFile:
    """The upload as it will be stored, or a translated ValidationError."""
    name = original_name(upload)
    kind = EXTENSIONS.get(PurePosixPath(name.lower()).suffix)
    if kind is None:
        raise ValidationError(WRONG_TYPE, code="file_type")
    if kind in IMAGE_KINDS.values():
        try:
            image = clean_image(upload, max_bytes=IMAGE_MAX_BYTES)
        except ValidationError as error:
            if error.code == "format":
                raise _not_this_kind(kind) from error
            raise
        encoded = image.image.name.rpartition(".")[2]
        stored_kind = IMAGE_KINDS[encoded]
        content = image.image
        stem = PurePosixPath(name).stem or "bild"
        return CheckedFile(content, stored_kind, f"{stem}.{stored_kind}", content.size)
    if upload.size > MAX_BYTES:
        raise _too_large(upload.size, MAX_BYTES)
    if kind == FileKind.PDF:
        try:
            clean_pdf(upload, max_bytes=MAX_BYTES)
        except ValidationError as error:
            raise _not_this_kind(kind) from error
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if kind != FileKind.PDF:
        _check_office(data, kind)
    return CheckedFile(ContentFile(data, name=name), kind, name, len(data))
