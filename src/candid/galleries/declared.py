"""What the declaration in force says about galleries, read on every use.

The purpose under which galleries use a client's images is not named by the
declaration's `images` part, so it is derived from the purposes: the first one on
the contract basis that covers `user.content.self_image` and is not the print
vendor's (Cinetrum: `order_fulfilment`; SO Captures: `photography_service`). A
declaration without an `images` part, or without such a purpose, offers no
galleries, and nothing is stored.
"""

from __future__ import annotations

from candid.galleries.exceptions import GalleriesNotOffered
from candid.notices.selectors import declaration_active
from candid.policy.schema import Images

IMAGE_CATEGORY = "user.content.self_image"


def images_declared() -> Images:
    """Return the declaration's promises about images, or refuse galleries."""
    images = declaration_active().images
    if images is None:
        raise GalleriesNotOffered
    return images


def gallery_purpose() -> str:
    """Return the key of the declared purpose that delivers client galleries."""
    images = images_declared()
    for purpose in declaration_active().purposes:
        if purpose.key == images.print_vendor_purpose:
            continue
        if purpose.legal_basis != "contract":
            continue
        if IMAGE_CATEGORY in purpose.data_categories:
            return purpose.key
    raise GalleriesNotOffered
