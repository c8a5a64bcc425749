"""Downloaded files carry the buyer's licence id, read back from the bytes."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from candid.shop.stamping import NAMESPACE, StampingError, stamp
from tests.shop.conftest import LRTEMPLATE, PRESET_XMP, jpeg_bytes, png_bytes

LICENCE = "983bccc6-4bb9-49f3-a925-a712b6c47d34"
TERMS = "Personal-use licence. You may not resell <or> share presets & photos."


def licence_ids(xml: str) -> list[str]:
    return re.findall(r"<candid:LicenceId>([^<]*)</candid:LicenceId>", xml)


def test_jpeg_carries_the_licence_id_in_its_xmp_packet_and_keeps_its_pixels():
    # given
    original = jpeg_bytes()
    # when
    stamped = stamp(original, kind="jpeg", licence_id=LICENCE, terms=TERMS)
    # then
    image = Image.open(io.BytesIO(stamped))
    xmp = image.info["xmp"].decode()
    assert licence_ids(xmp) == [LICENCE]
    assert NAMESPACE in xmp
    assert "resell &lt;or&gt; share presets &amp; photos" in xmp
    assert image.tobytes() == Image.open(io.BytesIO(original)).tobytes()
    # The scan data is byte for byte the original: nothing was re-encoded.
    assert original[original.index(b"\xff\xda") :] in stamped


def test_jpeg_with_its_own_xmp_keeps_it_beside_the_licence():
    # given: a photo whose XMP names the photographer
    studio_xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:creator>Cinetrum Studio</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    original = jpeg_bytes(xmp=studio_xmp.encode())
    # when
    stamped = stamp(original, kind="jpeg", licence_id=LICENCE, terms=TERMS)
    # then: one XMP segment holding both
    xmp = Image.open(io.BytesIO(stamped)).info["xmp"].decode()
    assert "<dc:creator>Cinetrum Studio</dc:creator>" in xmp
    assert licence_ids(xmp) == [LICENCE]
    assert stamped.count(b"http://ns.adobe.com/xap/1.0/\x00") == 1


def test_png_carries_the_licence_id_in_an_itxt_xmp_chunk():
    stamped = stamp(png_bytes(), kind="png", licence_id=LICENCE, terms=TERMS)
    image = Image.open(io.BytesIO(stamped))
    image.load()
    assert licence_ids(image.info["XML:com.adobe.xmp"]) == [LICENCE]


def test_xmp_preset_gets_the_licence_beside_its_develop_settings():
    # when
    stamped = stamp(PRESET_XMP, kind="xmp_preset", licence_id=LICENCE, terms=TERMS)
    # then: still one XMP document, with Lightroom's settings untouched
    text = stamped.decode()
    assert licence_ids(text) == [LICENCE]
    assert 'crs:Exposure2012="+0.35"' in text
    assert text.count("<rdf:RDF") == 1
    assert text.index("candid:LicenceId") < text.index("</rdf:RDF>")


def test_lrtemplate_preset_gets_the_licence_in_a_lua_comment():
    stamped = stamp(
        LRTEMPLATE, kind="lrtemplate_preset", licence_id=LICENCE, terms=TERMS
    )
    text = stamped.decode()
    assert text.startswith(f"-- Licence {LICENCE}\n-- ")
    assert text.endswith(LRTEMPLATE.decode())


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("jpeg", b"GIF89a not a jpeg"),
        ("png", b"\xff\xd8\xff not a png"),
        ("xmp_preset", b"s = { not = 'xml' }"),
        ("zip", b"PK\x03\x04"),
    ],
)
def test_a_file_not_of_its_kind_is_refused(kind, data):
    with pytest.raises(StampingError):
        stamp(data, kind=kind, licence_id=LICENCE, terms=TERMS)
