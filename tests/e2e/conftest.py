"""Browser fixtures: Debian's chromium driven by Playwright, never a downloaded browser.

Requests to third-party hosts never leave the machine: each is recorded and answered by
a local stand-in that behaves like the vendor's tag (it sets the vendor's cookies), so a
test can see exactly which third parties a page tried to reach and which cookies appeared.
"""

import os
from urllib.parse import urlparse

import pytest

# Playwright's sync API runs an event loop in the test thread; the test's own database
# reads happen there too.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
VENDOR_STAND_INS = {
    "www.googletagmanager.com": (
        'document.cookie = "_ga=GA1.1.1.1; path=/; max-age=3600";'
        'document.cookie = "_ga_CINETRUM=GS1.1.1; path=/; max-age=3600";'
    ),
    "connect.facebook.net": 'document.cookie = "_fbp=fb.1.1.1; path=/; max-age=3600";',
}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Visitor:
    """One browser profile on the live site, with the third-party requests it attempted."""

    def __init__(self, context, base_url):
        self.context = context
        self.base_url = base_url
        self.third_party_requests: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if host in LOCAL_HOSTS:
            route.continue_()
            return
        self.third_party_requests.append(url)
        route.fulfill(
            status=200,
            content_type="application/javascript",
            body=VENDOR_STAND_INS.get(host, ""),
        )

    @property
    def third_party_hosts(self) -> set[str]:
        return {urlparse(url).hostname for url in self.third_party_requests}

    def cookie_names(self) -> set[str]:
        return {cookie["name"] for cookie in self.context.cookies()}

    def wait_for_cookie(self, name: str) -> None:
        """Wait until a (stand-in) vendor script has run and set its cookie."""
        self.page.wait_for_function(f"document.cookie.includes({name!r} + '=')")

    def decide(self, button: str) -> None:
        """Press a banner button and wait until the choice is saved and the banner closes."""
        banner = self.page.locator("#cookie-banner")
        banner.get_by_role("button", name=button).click()
        banner.wait_for(state="hidden")

    def visit(self, path: str = "/"):
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return self.page


@pytest.fixture
def visitor_factory(browser, live_server):
    contexts = []

    def make(**options) -> Visitor:
        context = browser.new_context(**options)
        contexts.append(context)
        return Visitor(context, live_server.url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def visitor(visitor_factory) -> Visitor:
    return visitor_factory()
