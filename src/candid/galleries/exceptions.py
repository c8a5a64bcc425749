"""The errors of galleries: each carries the message the person is shown."""

from __future__ import annotations


class GalleryError(Exception):
    """A gallery action was refused; nothing changed. `str()` is safe to show."""


class GalleryNotFound(GalleryError):
    """The gallery, image or link is unknown, expired or not the caller's.

    One error for all of these, so a refusal reveals nothing about what exists.
    """

    def __init__(self) -> None:
        super().__init__("Not found.")


class AccessDenied(GalleryNotFound):
    """A staff member without the role asked for a client's images."""


class AssignmentInvalid(GalleryError):
    """Only an active staff account can be assigned to a client's gallery."""

    def __init__(self) -> None:
        super().__init__("Only an active staff account can be assigned to a gallery.")


class ImageRejected(GalleryError):
    """An uploaded file is not a JPEG or PNG image Candid can read."""


class ShareLinkInvalid(GalleryError):
    """A share link cannot be created as asked (no password, bad expiry)."""


class ShareLinkLocked(GalleryError):
    """Too many wrong passwords were tried on this link; it refuses for a while."""

    def __init__(self) -> None:
        super().__init__("Too many attempts. Try again later.")


class ReleaseInvalid(GalleryError):
    """A model release cannot be recorded as asked (use, role or signer)."""


class PromotionRefused(GalleryError):
    """An image may not be used promotionally: someone in it has no valid release."""


class GalleriesNotOffered(GalleryError):
    """The declaration in force promises nothing about images, so none are kept."""

    def __init__(self) -> None:
        super().__init__("The studio does not offer online galleries at the moment.")


class PrintsNotOffered(GalleryError):
    """The declaration names no print vendor purpose, so no prints are ordered."""

    def __init__(self) -> None:
        super().__init__("The studio does not offer print orders.")
