"""Image uploads: checked by content with Pillow, re-encoded, EXIF stripped.

One function serves every upload of the portal (logos, room photos, event images):
whatever a browser sends, only a freshly encoded JPEG, PNG or WebP is ever stored.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000  # larger images are refused before they are decoded
MAX_SIDE = 2400  # stored images are scaled down to this


@dataclass
class CleanImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return out.getvalue()


def clean_image(upload, *, max_bytes: int, thumbnail_size: int = 320) -> CleanImage:
    """Validate an uploaded image and return re-encoded image and thumbnail files.

    Raises ValidationError (translated) for anything that is not a real JPEG, PNG or
    WebP image within the limits: other formats, SVG, broken files, decompression bombs.
    """
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                fmt = probe.format
                width, height = probe.size
                if fmt not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("Please upload a JPEG, PNG or WebP image."), code="format"
                    )
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _("The image has too many pixels (%(width)s × %(height)s)."),
                        code="too_many_pixels",
                        params={"width": width, "height": height},
                    )
                probe.load()
                image = ImageOps.exif_transpose(probe)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(
            _("This file is not an image we can read. Please upload a JPEG, PNG or WebP image."),
            code="invalid",
        ) from error
    if image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA" if "A" in image.getbands() or fmt == "PNG" else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    thumbnail = image.copy()
    thumbnail.thumbnail((thumbnail_size, thumbnail_size))
    extension = ALLOWED_FORMATS[fmt]
    return CleanImage(
        image=ContentFile(_encode(image, fmt), name=f"image.{extension}"),
        thumbnail=ContentFile(_encode(thumbnail, fmt), name=f"thumbnail.{extension}"),
        width=image.width,
        height=image.height,
    )
