"""The promises of the four seed policies, each tied to the seed's own words.

A `Promise` quotes the seed, reads one fact from the loaded declaration, and names the
text the published policy must contain. `rule` is set when the declaration takes the
compliant reading of REQUIREMENTS.md section 4 instead of the seed's words (C-xx);
`unsaid` then lists seed wording the page must never repeat.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from candid.policy import Declaration, load_declaration
from candid.policy.render import render_html_body, render_markdown

POLICIES = Path(__file__).resolve().parents[3] / "policies"
TEXTS = Path(__file__).resolve().parent / "texts"
WRITERS = ("markdown", "html")


@dataclass(frozen=True)
class Promise:
    quote: str
    actual: Callable[[Declaration], object]
    expected: object
    says: tuple[str, ...] = ()
    rule: str | None = None
    unsaid: tuple[str, ...] = ()


def missing(wanted: set[str], present: set[str]) -> set[str]:
    """Return what `wanted` lacks in `present`: the empty set when all is there."""
    return wanted - present


def category_keys(d: Declaration) -> set[str]:
    return {c.key for c in d.data_categories}


def recipient(d: Declaration, key: str):
    return next(r for r in d.recipients if r.key == key)


def channel_kinds(d: Declaration) -> list[str]:
    return [c.kind for c in d.rights.channels]


def bases(d: Declaration, *keys: str) -> list[str | None]:
    return [d.purpose(key).legal_basis for key in keys]


def normalise(text: str) -> str:
    """Return `text` with straight quotes and single spaces, as seeds are compared."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text.replace("\u201d", '"'))


@cache
def seed_text(seed: str) -> str:
    return normalise((TEXTS / f"{seed}.txt").read_text(encoding="utf-8"))


@cache
def declaration(seed: str) -> Declaration:
    return load_declaration(POLICIES / f"{seed}.yaml")


@cache
def page(seed: str, writer: str) -> str:
    """Return the published policy of `seed` as plain text, from either writer."""
    if writer == "markdown":
        return re.sub(r"\\([\\`*_\[\]<>|#])", r"\1", render_markdown(declaration(seed)))
    return html.unescape(re.sub(r"<[^>]+>", "", render_html_body(declaration(seed))))


@cache
def raw_page(seed: str, writer: str) -> str:
    """Return the published policy of `seed` exactly as the writer produced it."""
    d = declaration(seed)
    return render_markdown(d) if writer == "markdown" else render_html_body(d)
