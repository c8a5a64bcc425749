"""The demo studio's shop: one preset pack with small files made here, never downloaded."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from PIL import Image, ImageDraw

from candid.shop.models import Product, ProductFile

PRESET = """<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
    crs:PresetType="Normal" crs:Version="15.0" crs:Exposure2012="+0.35"
    crs:Temperature="5800" crs:Vibrance="+14" crs:Clarity2012="+8">
   <crs:Name><rdf:Alt><rdf:li xml:lang="x-default">{name}</rdf:li></rdf:Alt></crs:Name>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


def _sample_jpeg() -> bytes:
    image = Image.new("RGB", (480, 320), (238, 170, 92))
    draw = ImageDraw.Draw(image)
    for y in range(320):
        draw.line([(0, y), (480, y)], fill=(238, 170 - y // 4, 92 + y // 6))
    draw.text((16, 16), "Golden hour sample", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def demo_products_create() -> int:
    """Create the demo's products unless there are some; return how many were made."""
    if Product.objects.exists():
        return 0
    files = [
        ("golden-hour-warm.xmp", PRESET.format(name="Golden hour warm").encode()),
        ("golden-hour-soft.xmp", PRESET.format(name="Golden hour soft").encode()),
        ("golden-hour-sample.jpg", _sample_jpeg()),
    ]
    with transaction.atomic():
        product = Product.objects.create(
            slug="golden-hour-presets",
            name="Golden hour presets",
            kind=Product.Kind.PRESETS,
            description="Two Lightroom presets for warm evening light, with a sample "
            "photo to try them on.",
            price=Decimal("19.00"),
            currency="EUR",
        )
        for name, data in files:
            ProductFile(product=product).file.save(name, ContentFile(data), save=True)
    return 1
