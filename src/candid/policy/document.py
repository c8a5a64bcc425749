"""A small document model with two writers, HTML and Markdown.

The renderer builds one `Document`; both outputs come from it, so the page on the site
and the Markdown from the command line always say the same thing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_LINKS = re.compile(
    r"(https://[^\s<>\"')]+[^\s<>\"').,;:])|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
)


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Subheading:
    text: str


Block = Paragraph | Bullets | Table | Subheading


@dataclass
class Section:
    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def para(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def bullets(self, items: list[str]) -> None:
        self.blocks.append(Bullets(tuple(items)))

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.blocks.append(Table(tuple(headers), tuple(tuple(r) for r in rows)))

    def sub(self, text: str) -> None:
        self.blocks.append(Subheading(text))


@dataclass
class Document:
    title: str
    meta: list[str]
    sections: list[Section]


def _inline_html(text: str) -> str:
    def link(match: re.Match[str]) -> str:
        url, email = match.group(1), match.group(2)
        if url:
            return f'<a href="{url}" rel="noopener">{url}</a>'
        return f'<a href="mailto:{email}">{email}</a>'

    return _LINKS.sub(link, html.escape(text, quote=True))


def _block_html(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_inline_html(block.text)}</p>"
    if isinstance(block, Subheading):
        return f"<h3>{_inline_html(block.text)}</h3>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{_inline_html(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    head = "".join(f'<th scope="col">{_inline_html(h)}</th>' for h in block.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{_inline_html(cell)}</td>" for cell in row) + "</tr>"
        for row in block.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html_body(document: Document) -> str:
    """Return the document as an HTML fragment: a heading, its meta line and sections."""
    parts = [f"<h1>{_inline_html(document.title)}</h1>"]
    parts += [f'<p class="meta">{_inline_html(line)}</p>' for line in document.meta]
    toc = "".join(
        f'<li><a href="#{s.anchor}">{_inline_html(s.title)}</a></li>'
        for s in document.sections
    )
    parts.append(f'<nav class="toc" aria-label="Contents"><ol>{toc}</ol></nav>')
    for section in document.sections:
        blocks = "\n".join(_block_html(block) for block in section.blocks)
        parts.append(
            f'<section id="{section.anchor}"><h2>{_inline_html(section.title)}</h2>\n{blocks}</section>'
        )
    return "\n".join(parts)


def to_html_page(document: Document) -> str:
    """Return the document as a standalone HTML page."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(document.title)}</title></head>\n"
        f"<body><article>\n{to_html_body(document)}\n</article></body></html>\n"
    )


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text.replace("\n", " "))


def _block_markdown(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _md_escape(block.text)
    if isinstance(block, Subheading):
        return f"### {_md_escape(block.text)}"
    if isinstance(block, Bullets):
        return "\n".join(f"- {_md_escape(item)}" for item in block.items)
    lines = [
        "| " + " | ".join(_md_escape(h) for h in block.headers) + " |",
        "|" + "---|" * len(block.headers),
    ]
    lines += [
        "| " + " | ".join(_md_escape(c) for c in row) + " |" for row in block.rows
    ]
    return "\n".join(lines)


def to_markdown(document: Document) -> str:
    """Return the document as Markdown."""
    parts = [
        f"# {_md_escape(document.title)}",
        *(f"*{_md_escape(m)}*" for m in document.meta),
    ]
    for section in document.sections:
        parts.append(f"## {_md_escape(section.title)}")
        parts += [_block_markdown(block) for block in section.blocks]
    return "\n\n".join(parts) + "\n"
