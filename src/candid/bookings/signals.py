"""The hook the payment integration listens to: a cancelled booking is owed a refund.

`booking_refund_requested` is sent once, after the cancellation commits, with
`booking_id` (UUID) and `amount` (Decimal). The shop's payment provider integration
connects a receiver that refunds through the provider's API using the stored
payment ids (COM-03); until one is connected, the amount stays recorded on the
booking (`amount_refunded`) for staff to refund by hand. No business logic lives in
a receiver here.
"""

from django.dispatch import Signal

booking_refund_requested = Signal()
