from candid.galleries.models.assignments import GalleryAssignment
from candid.galleries.models.galleries import Gallery, GalleryImage
from candid.galleries.models.prints import PrintHandoff, PrintOrder, PrintOrderLine
from candid.galleries.models.releases import (
    ModelRelease,
    PortfolioEntry,
    ReleaseRole,
    ShownPerson,
)
from candid.galleries.models.sharing import ShareLink, ShareLinkAccess

__all__ = [
    "Gallery",
    "GalleryAssignment",
    "GalleryImage",
    "ModelRelease",
    "PortfolioEntry",
    "PrintHandoff",
    "PrintOrder",
    "PrintOrderLine",
    "ReleaseRole",
    "ShareLink",
    "ShareLinkAccess",
    "ShownPerson",
]
