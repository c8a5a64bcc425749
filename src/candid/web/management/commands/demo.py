"""Load the demo studio: publish its declaration and print how to sign in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from candid.notices.exceptions import PublishError
from candid.notices.services import policy_publish
from candid.policy import DeclarationError


class Command(BaseCommand):
    help = "Publish the demo studio's policy declaration and print the demo login."

    def add_arguments(self, parser):
        parser.add_argument("--policy", type=Path, required=True)

    def handle(self, *args, policy: Path, **options):
        try:
            version = policy_publish(source=policy.read_text(encoding="utf-8"))
        except (OSError, DeclarationError, PublishError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Published {version} from {policy}")
        self.stdout.write("Candid demo studio: http://127.0.0.1:8000/")
