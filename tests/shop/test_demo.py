"""The demo studio's shop: a preset pack whose files can carry a licence."""

from __future__ import annotations

from candid.shop.demo import demo_products_create
from candid.shop.models import Product
from candid.shop.stamping import stamp


def test_the_demo_shop_has_one_preset_pack_made_once(db):
    assert demo_products_create() == 1
    assert demo_products_create() == 0
    product = Product.objects.get()
    assert [f.download_name for f in product.files.all()] == [
        "golden-hour-sample.jpg",
        "golden-hour-soft.xmp",
        "golden-hour-warm.xmp",
    ]
    for product_file in product.files.all():
        with product_file.file.open("rb") as source:
            stamped = stamp(
                source.read(), kind=product_file.kind, licence_id="lic-1", terms="t"
            )
        assert b"<candid:LicenceId>lic-1</candid:LicenceId>" in stamped
