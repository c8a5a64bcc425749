"""Run the local stand-in of Stripe's API for the demo: no real payment, loopback only."""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from candid.shop.standin import StripeStandIn


class Command(BaseCommand):
    help = (
        "Serve a stand-in of Stripe's Checkout and Refund API on 127.0.0.1 for the "
        "demo studio; its 'Pay' button completes a checkout without any card."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--api-key", required=True)
        parser.add_argument("--webhook-secret", required=True)
        parser.add_argument("--webhook-url", required=True)

    def handle(self, *args, port, api_key, webhook_secret, webhook_url, **options):
        if not (settings.DEMO or settings.DEBUG):
            raise CommandError("The payment stand-in only runs with CANDID_DEMO=1.")
        standin = StripeStandIn(
            api_key=api_key, webhook_secret=webhook_secret, webhook_url=webhook_url
        )
        try:
            standin.start(port)
        except OSError as error:
            raise CommandError(f"Cannot listen on 127.0.0.1:{port}: {error}") from None
        self.stdout.write(
            f"Payment stand-in (no real payments) at {standin.api_base}; "
            f"webhooks to {webhook_url}"
        )
        self.stdout.flush()
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            standin.stop()
