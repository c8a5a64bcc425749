"""How an image leaves Candid: neutral name, no caching, never indexed."""

from __future__ import annotations

from django.http import HttpResponse

from candid.galleries.models import GalleryImage

NOINDEX = "noindex, nofollow, noarchive"
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png"}


def image_response(*, image: GalleryImage, body: bytes, kind: str) -> HttpResponse:
    """Return the image bytes under a neutral file name, private and unindexed.

    The name says only what the file is ("photo.jpg"), never the photographer's
    original file name (IMG-04).
    """
    content_type = "image/jpeg" if kind == "preview" else image.content_type
    response = HttpResponse(body, content_type=content_type)
    disposition = "attachment" if kind == "original" else "inline"
    name = f"photo.{EXTENSIONS[content_type]}"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return noindex(response)


def noindex(response: HttpResponse) -> HttpResponse:
    """Tell search engines and shared caches to keep the response to themselves."""
    response["X-Robots-Tag"] = NOINDEX
    response["Cache-Control"] = "private, no-store"
    return response
