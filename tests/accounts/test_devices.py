"""Device summaries: browser and system only, never versions or models."""

from __future__ import annotations

import pytest

from candid.accounts.devices import device_summary
from tests.accounts.conftest import FIREFOX, SAFARI_IPHONE

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
EDGE_WINDOWS = CHROME_WINDOWS + " Edg/131.0.0.0"
SAMSUNG_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Safari/605.1.15"
)
HEADLESS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/131.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    ("user_agent", "summary"),
    [
        (FIREFOX, "Firefox on Linux"),
        (SAFARI_IPHONE, "Safari on iOS"),
        (CHROME_WINDOWS, "Chrome on Windows"),
        (EDGE_WINDOWS, "Edge on Windows"),
        (SAMSUNG_ANDROID, "Samsung Internet on Android"),
        (SAFARI_MAC, "Safari on macOS"),
        (HEADLESS, "Chrome on Linux"),
        ("", "Unknown browser on unknown system"),
        ("curl/8.5.0", "Unknown browser on unknown system"),
    ],
)
def test_a_device_is_summarised_as_browser_and_system(user_agent, summary):
    assert device_summary(user_agent) == summary


def test_the_summary_keeps_no_version_or_device_model():
    assert device_summary(SAMSUNG_ANDROID) == "Samsung Internet on Android"
    assert "SM-S918B" not in device_summary(SAMSUNG_ANDROID)
