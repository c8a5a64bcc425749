import secrets
import uuid
from pathlib import PurePath

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone

# Every file the shop sells can carry the buyer's licence id (see candid.shop.stamping).
EXTENSIONS = {
    "xmp": "xmp_preset",
    "lrtemplate": "lrtemplate_preset",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "png": "png",
}


class FileKind(models.TextChoices):
    XMP_PRESET = "xmp_preset", "Lightroom preset (.xmp)"
    LRTEMPLATE_PRESET = "lrtemplate_preset", "Lightroom preset (.lrtemplate)"
    JPEG = "jpeg", "JPEG image"
    PNG = "png", "PNG image"


class Product(models.Model):
    """A digital product the studio sells, e.g. "Golden hour presets" or a photo pack.

    Staff with the shop role manage these in the back office. `price` is in
    `currency` ("GBP"); a retired product (`is_active` False) keeps its orders and
    licences but is sold no more. The licence terms are the declaration's
    (`commerce.digital_products.licence_terms`), shown before purchase.
    """

    class Kind(models.TextChoices):
        PRESETS = "presets", "Presets"
        PHOTO_PACK = "photo_pack", "Photo pack"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    price = models.DecimalField(max_digits=9, decimal_places=2)
    currency = models.CharField(max_length=3, default="GBP")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        # The studio's catalogue: nobody's personal data.
        subject = None
        fields = {
            "id": None,
            "slug": None,
            "name": None,
            "kind": None,
            "description": None,
            "price": None,
            "currency": None,
            "is_active": None,
            "created_at": None,
        }

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def product_file_name(instance: "ProductFile", filename: str) -> str:
    """Store an uploaded product file under a random name; keep its name to serve."""
    if not instance.download_name:
        instance.download_name = PurePath(filename).name[:120]
    return f"shop/products/{secrets.token_hex(16)}.bin"


class ProductFile(models.Model):
    """One file a product delivers, e.g. "golden-hour-warm.xmp" or "dunes-01.jpg".

    `file` is the studio's master copy; every download is a copy stamped with the
    buyer's licence id (XMP for presets and images). `download_name` is the name
    the buyer's copy gets, taken from the uploaded file.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(
        upload_to=product_file_name,
        max_length=200,
        validators=[FileExtensionValidator(sorted(EXTENSIONS))],
    )
    download_name = models.CharField(max_length=120, blank=True)

    class PersonalData:
        subject = None
        fields = {"id": None, "product": None, "file": None, "download_name": None}

    class Meta:
        ordering = ["download_name", "id"]

    def __str__(self) -> str:
        return self.download_name

    @property
    def kind(self) -> str:
        extension = PurePath(self.download_name).suffix.lower().lstrip(".")
        return EXTENSIONS.get(extension, "")
