"""Image bytes that leave the studio: metadata stripped, previews watermarked.

Everything served outside the studio is re-encoded from pixels alone: EXIF (GPS,
camera serial, dates), XMP, IPTC, comments and any embedded file name are dropped,
and only the colour profile survives (IMG-04; the declaration's
`images.stripped_metadata`). Orientation is applied to the pixels first, so a
stripped image still shows the right way up.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from candid.galleries.exceptions import ImageRejected

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
PREVIEW_SIZE = (1600, 1600)
WATERMARK = "PREVIEW"


@dataclass(frozen=True)
class Picture:
    """A decoded upload: its pixels (upright), format and content type."""

    image: Image.Image
    format: str
    content_type: str


def picture_open(src: BinaryIO) -> Picture:
    """Decode an upload, refusing anything but a readable JPEG or PNG."""
    try:
        image = Image.open(src)
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ImageRejected("The file is not a JPEG or PNG image.") from None
    if image.format not in FORMATS:
        raise ImageRejected("The file is not a JPEG or PNG image.")
    return Picture(_upright(image), image.format, FORMATS[image.format])


def _upright(image: Image.Image) -> Image.Image:
    return ImageOps.exif_transpose(image) or image


def stripped_bytes(picture: Picture) -> bytes:
    """Return the picture re-encoded with no metadata but its colour profile."""
    clean = _pixels_only(picture.image)
    out = io.BytesIO()
    if picture.format == "JPEG":
        clean.convert("RGB").save(out, "JPEG", quality=92, **_profile(picture.image))
    else:
        clean.save(out, "PNG", **_profile(picture.image))
    return out.getvalue()


def preview_bytes(picture: Picture) -> bytes:
    """Return a downsized JPEG preview with a visible watermark and no metadata."""
    clean = _pixels_only(picture.image).convert("RGB")
    clean.thumbnail(PREVIEW_SIZE)
    _watermark(clean)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=85)
    return out.getvalue()


def _pixels_only(image: Image.Image) -> Image.Image:
    """Return a new image holding the pixels and nothing of the source's info."""
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if image.mode == "P":
        clean.putpalette(image.getpalette())
    return clean


def _profile(image: Image.Image) -> dict:
    profile = image.info.get("icc_profile")
    return {"icc_profile": profile} if profile else {}


def _watermark(image: Image.Image) -> None:
    draw = ImageDraw.Draw(image)
    step = max(image.width, image.height) // 4 or 1
    for x in range(0, image.width, step):
        for y in range(0, image.height, step):
            draw.text((x + 4, y + 4), WATERMARK, fill=(255, 255, 255))
