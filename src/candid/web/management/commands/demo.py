"""Load the demo studio: publish its declaration, create a demo client and owner, print logins."""

import datetime as dt
import json
import os
import secrets
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from candid.accounts.identity import email_index
from candid.accounts.models import User
from candid.accounts.services.accounts import account_create
from candid.bookings.models import SessionType
from candid.notices.exceptions import PublishError
from candid.notices.services import policy_publish
from candid.policy import DeclarationError
from candid.shop.demo import demo_products_create

DEMO_SESSION_TYPES = (
    ("Portrait session", dt.timedelta(hours=1), Decimal("150.00"), "Studio\nOutdoors"),
    ("Family session", dt.timedelta(hours=2), Decimal("280.00"), "Studio\nYour home"),
)
DEMO_ACCOUNTS = (
    ("client", "demo.client@example.com", "Demo Client", False),
    ("owner", "demo.owner@example.com", "Demo Studio Owner", True),
)


class Command(BaseCommand):
    help = "Publish the demo studio's policy declaration and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--policy", type=Path, required=True)
        parser.add_argument("--address", default="http://127.0.0.1:8000/")

    def handle(self, *args, policy: Path, address: str, **options):
        if not (settings.DEMO or settings.DEBUG):
            raise CommandError("The demo studio is only loaded with CANDID_DEMO=1.")
        try:
            version = policy_publish(source=policy.read_text(encoding="utf-8"))
        except (OSError, DeclarationError, PublishError) as error:
            raise CommandError(str(error)) from error
        passwords = self._passwords()
        for role, email, name, is_staff in DEMO_ACCOUNTS:
            if not User.objects.filter(email_index=email_index(email)).exists():
                account_create(
                    email=email,
                    password=passwords[role],
                    full_name=name,
                    is_staff=is_staff,
                    is_superuser=is_staff,
                )
        if not SessionType.objects.exists():
            for name, duration, price, places in DEMO_SESSION_TYPES:
                SessionType.objects.create(
                    name=name,
                    duration=duration,
                    price=price,
                    currency="EUR",
                    places=places,
                )
        demo_products_create()
        self.stdout.write(f"Published {version} from {policy}")
        self.stdout.write(f"Candid demo studio: {address}")
        for role, email, _name, _staff in DEMO_ACCOUNTS:
            self.stdout.write(f"  demo {role}: {email} / {passwords[role]}")
        self.stdout.write(f"  studio back office: {address}admin/ (demo owner)")

    def _passwords(self) -> dict[str, str]:
        """Return the demo passwords, generated once and kept in the data folder only."""
        path = Path(settings.DATA_DIR) / "demo-logins.json"
        if path.exists():
            return json.loads(path.read_text())
        passwords = {role: secrets.token_urlsafe(12) for role, *_ in DEMO_ACCOUNTS}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(passwords, handle)
        return passwords
