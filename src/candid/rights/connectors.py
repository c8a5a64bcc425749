"""Erasure connectors: ask a processor to erase a subject through its own API.

Each declared recipient names its `erasure_connector` (issue 6, PRC-06):

- `stripe`: delete every Stripe customer with the subject's e-mail address, and any
  customer id a studio app provided, through the `stripe` library. Settings:
  CANDID_STRIPE_SECRET_KEY, and CANDID_STRIPE_API_BASE for a local stand-in.
- `mailchimp`: permanently delete the list member through the Marketing API's
  `actions/delete-permanent` endpoint. Settings: CANDID_MAILCHIMP_API_KEY,
  CANDID_MAILCHIMP_API_BASE (e.g. https://us21.api.mailchimp.com/3.0) and
  CANDID_MAILCHIMP_LIST_ID.

A connector returns when the processor holds nothing more (a customer or member
already gone counts as erased) and raises ConnectorFailed, naming only the error
class or HTTP status, when it may be retried.
"""

from __future__ import annotations

import base64
import hashlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

import stripe

from candid.rights.exceptions import RightsError

TIMEOUT_SECONDS = 20


class ConnectorFailed(RightsError):
    """The processor could not be asked or did not confirm; retry later."""


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or "")


@sensitive_variables("email")
def stripe_erase(*, email: str, customer_ids: Iterable[str] = ()) -> int:
    """Delete the subject's Stripe customers; return how many were deleted."""
    api_key = _setting("CANDID_STRIPE_SECRET_KEY")
    if not api_key:
        raise ConnectorFailed("CANDID_STRIPE_SECRET_KEY is not set.")
    base = _setting("CANDID_STRIPE_API_BASE") or stripe.DEFAULT_API_BASE
    client = stripe.StripeClient(
        api_key, base_addresses={"api": base}, max_network_retries=0
    )
    try:
        found = {c.id for c in client.v1.customers.list(params={"email": email})}
        deleted = 0
        for customer_id in sorted(found | set(customer_ids)):
            deleted += _stripe_delete(client, customer_id)
    except stripe.StripeError as error:
        status = getattr(error, "http_status", None)
        raise ConnectorFailed(f"Stripe: {type(error).__name__} {status}") from None
    return deleted


def _stripe_delete(client: stripe.StripeClient, customer_id: str) -> int:
    try:
        client.v1.customers.delete(customer_id)
    except stripe.InvalidRequestError as error:
        if error.http_status == 404:
            return 0  # already deleted
        raise
    return 1


@sensitive_variables("email", "api_key")
def mailchimp_erase(*, email: str) -> bool:
    """Permanently delete the subject from the Mailchimp list; False if not a member."""
    api_key = _setting("CANDID_MAILCHIMP_API_KEY")
    base = _setting("CANDID_MAILCHIMP_API_BASE").rstrip("/")
    list_id = _setting("CANDID_MAILCHIMP_LIST_ID")
    if not (api_key and base and list_id):
        raise ConnectorFailed(
            "CANDID_MAILCHIMP_API_KEY, _API_BASE and _LIST_ID must all be set."
        )
    member = hashlib.md5(email.strip().lower().encode(), usedforsecurity=False)
    url = (
        f"{base}/lists/{list_id}/members/{member.hexdigest()}/actions/delete-permanent"
    )
    credentials = base64.b64encode(f"candid:{api_key}".encode()).decode()
    request = urllib.request.Request(  # noqa: S310 - the URL is from settings
        url,
        data=b"",
        method="POST",
        headers={"Authorization": f"Basic {credentials}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        detail = _mailchimp_title(error)
        raise ConnectorFailed(f"Mailchimp: HTTP {error.code} {detail}") from None
    except (urllib.error.URLError, TimeoutError) as error:
        raise ConnectorFailed(f"Mailchimp: {type(error).__name__}") from None


def _mailchimp_title(error: urllib.error.HTTPError) -> str:
    # The problem document's title ("Forgotten Email Not Subscribed"), never its detail.
    try:
        return str(json.loads(error.read() or b"{}").get("title", ""))[:80]
    except ValueError:
        return ""
