"""Write the buyer's licence id into the copy of a file they download.

Presets and images carry it as XMP, the metadata Lightroom and image tools read:
an `rdf:Description` in Candid's licence namespace holding `candid:LicenceId` and
`candid:LicenceTerms`. It is added beside whatever XMP the studio's file already
has, never replacing it:

- JPEG: the XMP packet in an APP1 segment ("http://ns.adobe.com/xap/1.0/"), the
  image data untouched (no re-encoding);
- PNG: an `iTXt` chunk with the keyword "XML:com.adobe.xmp";
- `.xmp` presets: the preset is an XMP document; the description joins its `rdf:RDF`;
- `.lrtemplate` presets are Lua tables, not XML: the licence goes in a Lua comment
  at the top, which Lightroom ignores.
"""

from __future__ import annotations

import struct
import zlib
from xml.sax.saxutils import escape

NAMESPACE = "https://ns.candid.dev/licence/1.0/"
XMP_APP1_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_XMP_KEYWORD = b"XML:com.adobe.xmp"
MAX_APP1_PAYLOAD = 65533


class StampingError(ValueError):
    """The file cannot carry the licence: not the format its name says."""


def licence_description(*, licence_id: str, terms: str) -> str:
    """Return the `rdf:Description` naming the licence and its terms."""
    return (
        f'<rdf:Description rdf:about="" xmlns:candid="{NAMESPACE}">'
        f"<candid:LicenceId>{escape(licence_id)}</candid:LicenceId>"
        f"<candid:LicenceTerms>{escape(terms)}</candid:LicenceTerms>"
        "</rdf:Description>"
    )


def xmp_with_licence(existing: str | None, *, licence_id: str, terms: str) -> str:
    """Return an XMP packet: `existing` (or a new one) with the licence added."""
    description = licence_description(licence_id=licence_id, terms=terms)
    if existing and "</rdf:RDF>" in existing:
        head, _, tail = existing.rpartition("</rdf:RDF>")
        return f"{head}{description}</rdf:RDF>{tail}"
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f"{description}</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )


def stamp(data: bytes, *, kind: str, licence_id: str, terms: str) -> bytes:
    """Return the file `data` of `kind` carrying the licence id and terms."""
    stampers = {
        "jpeg": _stamp_jpeg,
        "png": _stamp_png,
        "xmp_preset": _stamp_xmp_preset,
        "lrtemplate_preset": _stamp_lrtemplate,
    }
    if kind not in stampers:
        raise StampingError(f"Files of kind {kind!r} cannot carry a licence.")
    return stampers[kind](data, licence_id=licence_id, terms=terms)


def _stamp_jpeg(data: bytes, *, licence_id: str, terms: str) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise StampingError("The file is not a JPEG image.")
    position, insert_at, existing, segments = 2, 2, None, []
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE):
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        payload = data[position + 4 : end]
        if marker == 0xE1 and payload.startswith(XMP_APP1_HEADER):
            existing = payload[len(XMP_APP1_HEADER) :].decode("utf-8", "replace")
            segments.append((position, end))
        elif marker in (0xE0, 0xE1):
            insert_at = end
        position = end
    packet = xmp_with_licence(existing, licence_id=licence_id, terms=terms).encode()
    payload = XMP_APP1_HEADER + packet
    if len(payload) > MAX_APP1_PAYLOAD:
        raise StampingError("The image's XMP is too large to add the licence.")
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    kept = _without(data, segments)
    shift = sum(end - start for start, end in segments if end <= insert_at)
    insert_at -= shift
    return kept[:insert_at] + segment + kept[insert_at:]


def _without(data: bytes, spans: list[tuple[int, int]]) -> bytes:
    out, cursor = [], 0
    for start, end in spans:
        out.append(data[cursor:start])
        cursor = end
    out.append(data[cursor:])
    return b"".join(out)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _stamp_png(data: bytes, *, licence_id: str, terms: str) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise StampingError("The file is not a PNG image.")
    position, chunks, existing = len(PNG_SIGNATURE), [], None
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        end = position + 12 + length
        body = data[position + 8 : position + 8 + length]
        prefix = PNG_XMP_KEYWORD + b"\x00\x00\x00\x00\x00"
        if kind == b"iTXt" and body.startswith(prefix):
            existing = body[len(prefix) :].decode("utf-8", "replace")
        else:
            chunks.append(data[position:end])
        position = end
    packet = xmp_with_licence(existing, licence_id=licence_id, terms=terms)
    body = PNG_XMP_KEYWORD + b"\x00\x00\x00\x00\x00" + packet.encode()
    # Right after IHDR, where readers look for metadata first.
    return PNG_SIGNATURE + chunks[0] + _png_chunk(b"iTXt", body) + b"".join(chunks[1:])


def _stamp_xmp_preset(data: bytes, *, licence_id: str, terms: str) -> bytes:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StampingError("The preset is not UTF-8 text.") from None
    if "<x:xmpmeta" not in text or "</rdf:RDF>" not in text:
        raise StampingError("The preset is not an XMP document.")
    return xmp_with_licence(text, licence_id=licence_id, terms=terms).encode()


def _stamp_lrtemplate(data: bytes, *, licence_id: str, terms: str) -> bytes:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StampingError("The preset is not UTF-8 text.") from None
    flat_terms = " ".join(terms.split())
    header = f"-- Licence {licence_id}\n-- {flat_terms}\n"
    return (header + text).encode()
