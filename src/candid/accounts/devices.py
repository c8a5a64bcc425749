"""A short, coarse summary of the device behind a session: browser and system only.

The sessions page needs just enough to let a client recognise their own devices
("Firefox on Windows"). Versions, device models and the raw user agent are dropped,
so the stored summary identifies a kind of device, not one device (Art. 5(1)(c)).
"""

from __future__ import annotations

import re

# Order matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome also
# says "Safari", and every mobile system also names a desktop one.
_BROWSERS = (
    ("Edge", re.compile(r"\b(?:Edg|EdgA|EdgiOS|Edge)/")),
    ("Opera", re.compile(r"\b(?:OPR|Opera)/")),
    ("Samsung Internet", re.compile(r"\bSamsungBrowser/")),
    ("Firefox", re.compile(r"\b(?:Firefox|FxiOS)/")),
    ("Chrome", re.compile(r"\b(?:Chrome|CriOS|HeadlessChrome|Chromium)/")),
    ("Safari", re.compile(r"\bVersion/[\d.]+.*\bSafari/")),
)
_SYSTEMS = (
    ("Android", re.compile(r"\bAndroid\b")),
    ("iOS", re.compile(r"\b(?:iPhone|iPad|iPod)\b")),
    ("ChromeOS", re.compile(r"\bCrOS\b")),
    ("Windows", re.compile(r"\bWindows\b")),
    ("macOS", re.compile(r"\b(?:Macintosh|Mac OS X)\b")),
    ("Linux", re.compile(r"\bLinux\b")),
)
UNKNOWN_BROWSER = "Unknown browser"
UNKNOWN_SYSTEM = "unknown system"


def device_summary(raw_user_agent: str) -> str:
    """Return "<browser> on <system>" for a user agent, e.g. "Firefox on Windows"."""
    agent = raw_user_agent[:512]
    browser = _first_match(_BROWSERS, agent) or UNKNOWN_BROWSER
    system = _first_match(_SYSTEMS, agent) or UNKNOWN_SYSTEM
    return f"{browser} on {system}"


def _first_match(patterns: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> str:
    return next((name for name, pattern in patterns if pattern.search(text)), "")
