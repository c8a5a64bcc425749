from candid.shop.models.catalogue import FileKind, Product, ProductFile
from candid.shop.models.orders import (
    Claim,
    ClaimStatus,
    Download,
    DownloadLink,
    Licence,
    Order,
    OrderStatus,
)
from candid.shop.models.payments import Payment, PaymentStatus, ProcessedEvent

__all__ = [
    "Claim",
    "ClaimStatus",
    "Download",
    "DownloadLink",
    "FileKind",
    "Licence",
    "Order",
    "OrderStatus",
    "Payment",
    "PaymentStatus",
    "ProcessedEvent",
    "Product",
    "ProductFile",
]
