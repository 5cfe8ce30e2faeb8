"""PDF uploads, checked by content: a renamed JPEG or a cut-off file is refused."""

import io
import logging

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

PDF_MAX_BYTES = 20 * 1024 * 1024


def clean_pdf(upload, *, max_bytes: int = PDF_MAX_BYTES) -> int:
    """Raise a translated ValidationError unless `upload` is a readable PDF; returns its pages."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    not_pdf = ValidationError(
        _("This file is not a PDF document we can read. Please upload a complete PDF file."),
        code="not_pdf",
    )
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise not_pdf
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise not_pdf from error
    if pages < 1:
        raise not_pdf
    return pages
