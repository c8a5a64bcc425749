"""A local stand-in of Stripe's API, for tests and the demo: never a real payment.

It answers, as Stripe's API does, the calls Candid makes: create and retrieve a
Checkout Session (`/v1/checkout/sessions`), create a Refund (`/v1/refunds`), and
list customers by e-mail, update their name and e-mail address, and delete them
(`/v1/customers`, what an erasure or a correction asks),
form-encoded in, JSON out, with Bearer-key authentication, idempotency keys and
Stripe's error shape. Its hosted page `/pay/<session id>` plays Stripe Checkout:
"Pay" completes the session, sends the signed `checkout.session.completed` webhook
(signed with the real scheme, `Stripe-Signature: t=...,v1=HMAC-SHA256`) to
`webhook_url`, and returns the buyer to the session's success URL.

It binds to loopback only and keeps everything in memory. Candid talks to it when
`CANDID_STRIPE_API_BASE` points at it; `candid stripe_standin` runs one.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from stripe import WebhookSignature

LOOPBACK = "127.0.0.1"
TEST_CARD = {
    "brand": "visa",
    "last4": "4242",
    "exp_month": 12,
    "exp_year": 2030,
    "funding": "credit",
    "country": "GB",
    "fingerprint": "Xt5EWLLDS7FJjR1c",
}
_KEY_PART = re.compile(r"\[([^\]]*)\]")


def form_decode(body: str) -> dict[str, Any]:
    """Return Stripe's nested form encoding (`a[0][b]=c`) as dicts and lists."""
    result: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        head = key.split("[", 1)[0]
        parts = [head, *_KEY_PART.findall(key)]
        node: Any = result
        for part, following in zip(parts, parts[1:], strict=False):
            child: Any = [] if following.isdigit() else {}
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append(None)
                if node[index] is None:
                    node[index] = child
                node = node[index]
            else:
                node = node.setdefault(part, child)
        last = parts[-1]
        if isinstance(node, list):
            node.append(value)
        else:
            node[last] = value
    return result


def _id(prefix: str) -> str:
    return f"{prefix}_test_{secrets.token_hex(12)}"


class StripeStandIn:
    """The stand-in's state and server: start(), then point the client at `api_base`."""

    def __init__(
        self, *, api_key: str, webhook_secret: str = "", webhook_url: str = ""
    ) -> None:
        self.api_key = api_key
        self.webhook_secret = webhook_secret
        self.webhook_url = webhook_url
        self.sessions: dict[str, dict[str, Any]] = {}
        self.intents: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        # Checkout keeps a customer per buyer's address, as with
        # customer_creation="always"; erasure propagation deletes them.
        self.customers: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, str, dict[str, Any]]] = []
        self.fail_next: int = 0
        self._idempotent: dict[str, tuple[int, dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- running -----------------------------------------------------------------
    def start(self, port: int = 0) -> StripeStandIn:
        handler = type("Handler", (_Handler,), {"standin": self})
        self._server = ThreadingHTTPServer((LOOPBACK, port), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def api_base(self) -> str:
        assert self._server is not None  # noqa: S101
        return f"http://{LOOPBACK}:{self._server.server_address[1]}"

    # -- what a test or the hosted page does ----------------------------------------
    def complete(self, session_id: str, *, card: dict[str, Any] | None = None) -> dict:
        """Pay a session as the buyer would on the hosted page; return the event."""
        with self._lock:
            session = self.sessions[session_id]
            if session["status"] != "complete":
                charge = {
                    "id": _id("ch"),
                    "object": "charge",
                    "amount": session["amount_total"],
                    "currency": session["currency"],
                    "paid": True,
                    "payment_method_details": {
                        "type": "card",
                        "card": dict(card or TEST_CARD),
                    },
                }
                intent = {
                    "id": _id("pi"),
                    "object": "payment_intent",
                    "amount": session["amount_total"],
                    "currency": session["currency"],
                    "status": "succeeded",
                    "latest_charge": charge,
                }
                self.intents[intent["id"]] = intent
                session.update(
                    status="complete",
                    payment_status="paid",
                    payment_intent=intent["id"],
                    customer=self._customer_for(session.get("customer_email")),
                )
        return self.event("checkout.session.completed", self.sessions[session_id])

    def _customer_for(self, email: str | None) -> str | None:
        """Return the id of the customer with `email`, made on first payment."""
        if not email:
            return None
        for customer in self.customers.values():
            if customer["email"] == email:
                return customer["id"]
        customer = {"id": _id("cus"), "object": "customer", "email": email}
        self.customers[customer["id"]] = customer
        return customer["id"]

    def expire(self, session_id: str) -> dict:
        with self._lock:
            self.sessions[session_id].update(status="expired")
        return self.event("checkout.session.expired", self.sessions[session_id])

    @staticmethod
    def event(event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": _id("evt"),
            "object": "event",
            "api_version": "2025-01-27.acacia",
            "created": int(time.time()),
            "livemode": False,
            "pending_webhooks": 1,
            "type": event_type,
            "data": {"object": json.loads(json.dumps(obj))},
        }

    def signed(self, event: dict[str, Any], secret: str | None = None) -> tuple:
        """Return the body and `Stripe-Signature` header of a webhook delivery."""
        payload = json.dumps(event)
        header = WebhookSignature.generate_signature_header(
            payload, secret if secret is not None else self.webhook_secret
        )
        return payload, header

    def deliver(self, event: dict[str, Any]) -> int:
        """POST a signed event to `webhook_url`; return the HTTP status."""
        payload, header = self.signed(event)
        request = urllib.request.Request(  # noqa: S310 - loopback, our own URL
            self.webhook_url,
            data=payload.encode(),
            headers={"Content-Type": "application/json", "Stripe-Signature": header},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    # -- the API ---------------------------------------------------------------
    def api(self, method: str, path: str, params: dict, headers) -> tuple[int, dict]:
        if headers.get("Authorization") != f"Bearer {self.api_key}":
            return 401, _error("Invalid API Key provided.", "authentication_error")
        self.requests.append((method, path, params))
        if self.fail_next:
            self.fail_next -= 1
            return 500, _error("An unexpected error occurred.", "api_error")
        key = headers.get("Idempotency-Key")
        if method == "POST" and key and key in self._idempotent:
            return self._idempotent[key]
        answer = self._route(method, path, params)
        if method == "POST" and key:
            self._idempotent[key] = answer
        return answer

    def _route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        if method == "POST" and path == "/v1/checkout/sessions":
            return self._session_create(params)
        match = re.fullmatch(r"/v1/checkout/sessions/([\w-]+)", path)
        if method == "GET" and match:
            return self._session_retrieve(match.group(1), params)
        if method == "POST" and path == "/v1/refunds":
            return self._refund_create(params)
        if method == "GET" and path == "/v1/customers":
            return self._customers_list(params)
        match = re.fullmatch(r"/v1/customers/([\w-]+)", path)
        if method == "DELETE" and match:
            return self._customer_delete(match.group(1))
        if method == "POST" and match:
            return self._customer_update(match.group(1), params)
        return 404, _error(f"Unrecognized request URL ({method}: {path}).")

    def _session_create(self, params: dict) -> tuple[int, dict]:
        items = params.get("line_items") or []
        if not items or "success_url" not in params:
            return 400, _error(
                "Missing required param: line_items.", param="line_items"
            )
        price = items[0]["price_data"]
        amount = int(price["unit_amount"]) * int(items[0].get("quantity", 1))
        session_id = _id("cs")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": params.get("mode", "payment"),
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": amount,
            "currency": price["currency"],
            "client_reference_id": params.get("client_reference_id"),
            "customer_email": params.get("customer_email"),
            "metadata": params.get("metadata", {}),
            "payment_intent": None,
            "success_url": params["success_url"],
            "cancel_url": params.get("cancel_url"),
            "url": f"{self.api_base}/pay/{session_id}",
            "livemode": False,
        }
        with self._lock:
            self.sessions[session_id] = session
        return 200, session

    def _session_retrieve(self, session_id: str, params: dict) -> tuple[int, dict]:
        session = self.sessions.get(session_id)
        if session is None:
            return 404, _error(
                f"No such checkout.session: '{session_id}'", code="resource_missing"
            )
        answer = json.loads(json.dumps(session))
        expand = params.get("expand") or []
        intent_id = answer.get("payment_intent")
        if intent_id and any(e.startswith("payment_intent") for e in expand):
            intent = json.loads(json.dumps(self.intents[intent_id]))
            if "payment_intent.latest_charge" not in expand:
                intent["latest_charge"] = intent["latest_charge"]["id"]
            answer["payment_intent"] = intent
        return 200, answer

    def _refund_create(self, params: dict) -> tuple[int, dict]:
        intent = self.intents.get(params.get("payment_intent", ""))
        if intent is None:
            return 400, _error(
                f"No such payment_intent: '{params.get('payment_intent')}'",
                code="resource_missing",
                param="payment_intent",
            )
        refunded = sum(
            r["amount"]
            for r in self.refunds.values()
            if r["payment_intent"] == intent["id"]
        )
        amount = int(params.get("amount") or intent["amount"] - refunded)
        if amount <= 0 or refunded + amount > intent["amount"]:
            return 400, _error(
                "Refund amount is greater than unrefunded amount on charge.",
                code="amount_too_large",
                param="amount",
            )
        refund = {
            "id": _id("re"),
            "object": "refund",
            "amount": amount,
            "currency": intent["currency"],
            "payment_intent": intent["id"],
            "status": "succeeded",
        }
        with self._lock:
            self.refunds[refund["id"]] = refund
        return 200, refund

    def _customers_list(self, params: dict) -> tuple[int, dict]:
        email = params.get("email")
        found = [
            dict(c)
            for c in self.customers.values()
            if email is None or c["email"] == email
        ]
        return 200, {
            "object": "list",
            "data": found,
            "has_more": False,
            "url": "/v1/customers",
        }

    def _customer_delete(self, customer_id: str) -> tuple[int, dict]:
        with self._lock:
            customer = self.customers.pop(customer_id, None)
        if customer is None:
            return 404, _error(
                f"No such customer: '{customer_id}'", code="resource_missing"
            )
        return 200, {"id": customer_id, "object": "customer", "deleted": True}

    def _customer_update(self, customer_id: str, params: dict) -> tuple[int, dict]:
        with self._lock:
            customer = self.customers.get(customer_id)
            if customer is not None:
                for name in ("email", "name"):
                    if params.get(name):
                        customer[name] = params[name]
        if customer is None:
            return 404, _error(
                f"No such customer: '{customer_id}'", code="resource_missing"
            )
        return 200, dict(customer)

    def refunded_amount(self, payment_intent_id: str) -> int:
        return sum(
            r["amount"]
            for r in self.refunds.values()
            if r["payment_intent"] == payment_intent_id
        )

    # -- the hosted page -------------------------------------------------------------
    def pay_page(self, session_id: str) -> tuple[int, str]:
        session = self.sessions.get(session_id)
        if session is None:
            return 404, "<h1>No such checkout</h1>"
        amount = f"{session['amount_total'] / 100:.2f} {session['currency'].upper()}"
        return 200, (
            "<!doctype html><html lang=en><head><meta charset=utf-8>"
            "<title>Checkout (test stand-in)</title></head><body>"
            "<h1>Test checkout</h1><p>This is a local stand-in of the payment "
            "provider's hosted page: no card is asked and no money moves.</p>"
            f"<p id=amount>Amount: {html.escape(amount)}</p>"
            f"<form method=post action='/pay/{html.escape(session_id)}'>"
            "<button type=submit>Pay</button></form>"
            f"<p><a href='{html.escape(session.get('cancel_url') or '/')}'>Cancel</a></p>"
            "</body></html>"
        )

    def pay(self, session_id: str) -> str:
        """Complete a session from its hosted page; return where to send the buyer."""
        event = self.complete(session_id)
        if self.webhook_url:
            self.deliver(event)
        success = self.sessions[session_id]["success_url"]
        return success.replace("{CHECKOUT_SESSION_ID}", session_id)


def _error(
    message: str, kind: str = "invalid_request_error", code: str = "", param: str = ""
) -> dict:
    error = {"type": kind, "message": message}
    if code:
        error["code"] = code
    if param:
        error["param"] = param
    return {"error": error}


class _Handler(BaseHTTPRequestHandler):
    standin: StripeStandIn

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep quiet: tests read the stand-in's state, not its log."""

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path.startswith("/pay/"):
            status, page = self.standin.pay_page(url.path.removeprefix("/pay/"))
            self._send(status, page.encode(), "text/html; charset=utf-8")
            return
        params = form_decode(url.query)
        self._json(*self.standin.api("GET", url.path, params, self.headers))

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        if url.path.startswith("/pay/"):
            session_id = url.path.removeprefix("/pay/")
            if session_id not in self.standin.sessions:
                self._send(404, b"No such checkout", "text/plain")
                return
            self.send_response(303)
            self.send_header("Location", self.standin.pay(session_id))
            self.end_headers()
            return
        params = form_decode(body)
        self._json(*self.standin.api("POST", url.path, params, self.headers))

    def do_DELETE(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = form_decode(url.query)
        self._json(*self.standin.api("DELETE", url.path, params, self.headers))

    def _json(self, status: int, payload: dict) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Request-Id", _id("req"))
        self.end_headers()
        self.wfile.write(body)
