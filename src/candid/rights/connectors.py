"""Connectors: pass an erasure, a correction or a restriction to a processor's API.

Each declared recipient names its `erasure_connector` (issue 6, Art. 19, PRC-06):

- `stripe`: delete every Stripe customer with the subject's e-mail address, and any
  customer id a studio app provided, through the `stripe` library; a correction
  updates those customers' name and e-mail address. Stripe has no restriction
  API, so a restriction goes to staff. Settings: CANDID_STRIPE_SECRET_KEY, and
  CANDID_STRIPE_API_BASE for a local stand-in.
- `mailchimp`: permanently delete the list member through the Marketing API's
  `actions/delete-permanent` endpoint; a correction updates the member's address
  and name (merge fields FNAME and LNAME); a restriction unsubscribes the member,
  who stays stored but is sent nothing. Settings: CANDID_MAILCHIMP_API_KEY,
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
    client = _stripe_client()
    try:
        deleted = 0
        for customer_id in _stripe_customers(client, email, customer_ids):
            deleted += _stripe_delete(client, customer_id)
    except stripe.StripeError as error:
        raise _stripe_failed(error) from None
    return deleted


@sensitive_variables("email", "changes")
def stripe_rectify(
    *, email: str, changes: dict[str, str], customer_ids: Iterable[str] = ()
) -> int:
    """Correct the name and e-mail address of the subject's Stripe customers.

    `changes` holds the corrected values by profile field ("full_name", "email");
    other fields are not Stripe's to hold. Return how many customers were updated.
    """
    params = {
        name: changes[field]
        for field, name in (("full_name", "name"), ("email", "email"))
        if changes.get(field)
    }
    if not params:
        return 0
    client = _stripe_client()
    try:
        updated = 0
        for customer_id in _stripe_customers(client, email, customer_ids):
            updated += _stripe_update(client, customer_id, params)
    except stripe.StripeError as error:
        raise _stripe_failed(error) from None
    return updated


def _stripe_client() -> stripe.StripeClient:
    api_key = _setting("CANDID_STRIPE_SECRET_KEY")
    if not api_key:
        raise ConnectorFailed("CANDID_STRIPE_SECRET_KEY is not set.")
    base = _setting("CANDID_STRIPE_API_BASE") or stripe.DEFAULT_API_BASE
    return stripe.StripeClient(
        api_key, base_addresses={"api": base}, max_network_retries=0
    )


@sensitive_variables("email")
def _stripe_customers(
    client: stripe.StripeClient, email: str, customer_ids: Iterable[str]
) -> list[str]:
    found = {c.id for c in client.v1.customers.list(params={"email": email})}
    return sorted(found | set(customer_ids))


def _stripe_failed(error: stripe.StripeError) -> ConnectorFailed:
    status = getattr(error, "http_status", None)
    return ConnectorFailed(f"Stripe: {type(error).__name__} {status}")


@sensitive_variables("params")
def _stripe_update(
    client: stripe.StripeClient, customer_id: str, params: dict[str, str]
) -> int:
    try:
        client.v1.customers.update(customer_id, params=params)
    except stripe.InvalidRequestError as error:
        if error.http_status == 404:
            return 0  # deleted at Stripe since: nothing to correct
        raise
    return 1


def _stripe_delete(client: stripe.StripeClient, customer_id: str) -> int:
    try:
        client.v1.customers.delete(customer_id)
    except stripe.InvalidRequestError as error:
        if error.http_status == 404:
            return 0  # already deleted
        raise
    return 1


@sensitive_variables("email")
def mailchimp_erase(*, email: str) -> bool:
    """Permanently delete the subject from the Mailchimp list; False if not a member."""
    return _mailchimp_call(email, "POST", "/actions/delete-permanent", b"")


@sensitive_variables("email", "changes", "body")
def mailchimp_rectify(*, email: str, changes: dict[str, str]) -> bool:
    """Correct the member's address and name; False if the address is not a member.

    The name goes to the list's standard merge fields, FNAME (first word) and LNAME
    (the rest).
    """
    body: dict = {}
    if changes.get("email"):
        body["email_address"] = changes["email"]
    if changes.get("full_name"):
        first, _, last = changes["full_name"].strip().partition(" ")
        body["merge_fields"] = {"FNAME": first, "LNAME": last.strip()}
    if not body:
        return False
    return _mailchimp_call(email, "PATCH", "", json.dumps(body).encode())


@sensitive_variables("email")
def mailchimp_restrict(*, email: str) -> bool:
    """Unsubscribe the member (kept, sent nothing); False if not a member."""
    body = json.dumps({"status": "unsubscribed"}).encode()
    return _mailchimp_call(email, "PATCH", "", body)


@sensitive_variables("email", "api_key", "data")
def _mailchimp_call(email: str, method: str, action: str, data: bytes) -> bool:
    """Call one member endpoint; True if done, False if the address is not a member."""
    api_key = _setting("CANDID_MAILCHIMP_API_KEY")
    base = _setting("CANDID_MAILCHIMP_API_BASE").rstrip("/")
    list_id = _setting("CANDID_MAILCHIMP_LIST_ID")
    if not (api_key and base and list_id):
        raise ConnectorFailed(
            "CANDID_MAILCHIMP_API_KEY, _API_BASE and _LIST_ID must all be set."
        )
    member = hashlib.md5(email.strip().lower().encode(), usedforsecurity=False)
    url = f"{base}/lists/{list_id}/members/{member.hexdigest()}{action}"
    credentials = base64.b64encode(f"candid:{api_key}".encode()).decode()
    headers = {"Authorization": f"Basic {credentials}"}
    if data:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(  # noqa: S310 - the URL is from settings
        url, data=data, method=method, headers=headers
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
