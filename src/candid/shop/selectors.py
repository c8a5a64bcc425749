"""Reads of the shop, scoped to what the caller may see."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from candid.accounts.models import User
from candid.shop.exceptions import OrderNotFound, ProductNotFound
from candid.shop.models import Order, OrderStatus, Product


def products_for_sale() -> QuerySet[Product]:
    """Return the products on sale, with at least one file to deliver."""
    return Product.objects.filter(is_active=True, files__isnull=False).distinct()


def product_by_slug(slug: str) -> Product:
    """Return a product on sale by its slug, or ProductNotFound."""
    product = products_for_sale().filter(slug=slug).first()
    if product is None:
        raise ProductNotFound
    return product


def orders_of(*, client: User) -> QuerySet[Order]:
    """Return the client's own orders, newest first, abandoned checkouts left out."""
    return (
        Order.objects.filter(client=client)
        .exclude(status=OrderStatus.EXPIRED)
        .select_related("product")
    )


def order_of(*, client: User, order_id: uuid.UUID) -> Order:
    """Return one of the client's own orders, or OrderNotFound (also for others')."""
    order = (
        Order.objects.filter(pk=order_id, client=client)
        .select_related("product", "payment")
        .first()
    )
    if order is None:
        raise OrderNotFound
    return order
