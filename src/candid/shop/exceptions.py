"""The errors of the shop. Each message is fit to show the buyer as it is."""


class ShopError(Exception):
    """Something the buyer or staff asked for cannot be done; nothing changed."""

    message = "This cannot be done."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class ShopNotOffered(ShopError):
    message = (
        "The studio's policy offers no digital products, so nothing can be bought."
    )


class PaymentsNotConfigured(ShopError):
    message = (
        "Payments are not set up on this site yet, so nothing can be bought or paid "
        "online. Nothing was charged or stored."
    )


class PaymentProviderError(ShopError):
    message = (
        "The payment provider could not be reached or refused the request. Nothing was "
        "charged or changed; please try again in a few minutes."
    )


class CheckoutInvalid(ShopError):
    message = "Please check the order details."


class OrderNotFound(ShopError):
    message = "No such order of yours."


class ProductNotFound(ShopError):
    message = "This product is not for sale."


class SaleFinal(ShopError):
    message = (
        "A file of this order was downloaded, so the purchase is final and cannot be "
        "refunded. If a file does not work, report a technical issue."
    )


class NotRefundable(ShopError):
    message = "This order is not paid, so there is nothing to refund."


class WaiverInvalid(ShopError):
    message = (
        "To download at once, tick both boxes; to keep your 14-day right of "
        "withdrawal, tick neither."
    )


class DownloadNotFound(ShopError):
    message = "This download link is unknown, expired or no longer valid."


class DownloadHeld(ShopError):
    message = (
        "Your 14-day right of withdrawal still applies to this order. The download "
        "starts once you ask for it on your order page (and so give up that right), or "
        "when the 14 days have passed."
    )


class ClaimInvalid(ShopError):
    message = "Please describe the issue."


class AccessDenied(ShopError):
    message = "You may not do this."
