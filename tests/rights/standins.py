"""Local HTTP stand-ins for Stripe's and Mailchimp's APIs, on 127.0.0.1 only.

Each records the requests it got (method, path, query or JSON body) and answers
as the real API documents: Stripe lists customers by e-mail, updates and deletes
them; Mailchimp's `actions/delete-permanent` answers 204 and a member's PATCH 200,
or 404 for an address not on the list.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class StandIn:
    url: str = ""
    calls: list[tuple[str, str, dict]] = field(default_factory=list)
    customers: dict[str, str] = field(default_factory=dict)  # id -> e-mail
    members: set[str] = field(default_factory=set)  # subscriber hashes
    names: dict[str, str] = field(default_factory=dict)  # customer id -> name
    patched: dict[str, dict] = field(default_factory=dict)  # member -> last PATCH
    status: int | None = None  # force every answer to this status
    authorizations: list[str] = field(default_factory=list)


def _handler(stand_in: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _answer(self, status: int, body: dict | None = None) -> None:
            payload = json.dumps(body or {}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header(
                "Content-Length", str(len(payload) if status != 204 else 0)
            )
            self.end_headers()
            if status != 204:
                self.wfile.write(payload)

        def _route(self, method: str) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                body = self.rfile.read(length).decode()
                if self.headers.get("Content-Type") == "application/json":
                    query.update(json.loads(body))
                else:
                    query.update(parse_qs(body))
            stand_in.calls.append((method, parts.path, query))
            stand_in.authorizations.append(self.headers.get("Authorization", ""))
            if stand_in.status is not None:
                self._answer(stand_in.status, {"title": "Forced", "error": {}})
                return
            self._answer(*self._respond(method, parts.path, query))

        def _respond(self, method: str, path: str, query: dict) -> tuple[int, dict]:
            if method == "GET" and path == "/v1/customers":
                email = query.get("email", [""])[0]
                found = [
                    {"id": cid, "object": "customer", "email": address}
                    for cid, address in stand_in.customers.items()
                    if address == email
                ]
                return 200, {
                    "object": "list",
                    "data": found,
                    "has_more": False,
                    "url": "/v1/customers",
                }
            if method == "DELETE" and path.startswith("/v1/customers/"):
                cid = path.rsplit("/", 1)[1]
                if stand_in.customers.pop(cid, None) is None:
                    return 404, {
                        "error": {
                            "type": "invalid_request_error",
                            "message": "No such customer",
                        }
                    }
                return 200, {"id": cid, "object": "customer", "deleted": True}
            if method == "POST" and path.startswith("/v1/customers/"):
                cid = path.rsplit("/", 1)[1]
                if cid not in stand_in.customers:
                    return 404, {
                        "error": {
                            "type": "invalid_request_error",
                            "message": "No such customer",
                        }
                    }
                if "email" in query:
                    stand_in.customers[cid] = query["email"][0]
                if "name" in query:
                    stand_in.names[cid] = query["name"][0]
                return 200, {"id": cid, "object": "customer"}
            if method == "PATCH" and "/members/" in path:
                member = path.rsplit("/", 1)[1]
                if member not in stand_in.members:
                    return 404, {"title": "Resource Not Found"}
                stand_in.patched[member] = query
                return 200, {"id": member, "status": query.get("status", "subscribed")}
            if method == "POST" and path.endswith("/actions/delete-permanent"):
                member = path.split("/")[-3]
                if member not in stand_in.members:
                    return 404, {"title": "Resource Not Found"}
                stand_in.members.discard(member)
                return 204, {}
            return 404, {"title": "Unknown path"}

        def do_GET(self) -> None:  # noqa: N802
            self._route("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._route("POST")

        def do_DELETE(self) -> None:  # noqa: N802
            self._route("DELETE")

        def do_PATCH(self) -> None:  # noqa: N802
            self._route("PATCH")

    return Handler


@pytest.fixture
def processors(settings):
    """Run one stand-in for both APIs and point the settings at it."""
    stand_in = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stand_in))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stand_in.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.CANDID_STRIPE_SECRET_KEY = "sk_test_standin"
    settings.CANDID_STRIPE_API_BASE = stand_in.url
    settings.CANDID_MAILCHIMP_API_KEY = "standin-us1"
    settings.CANDID_MAILCHIMP_API_BASE = f"{stand_in.url}/3.0"
    settings.CANDID_MAILCHIMP_LIST_ID = "list1"
    yield stand_in
    server.shutdown()
    server.server_close()
