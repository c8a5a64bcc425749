"""The galleries' purpose and promises come from the declaration in force."""

from __future__ import annotations

from pathlib import Path

import pytest

from candid.consent.purposes import gate_reset
from candid.galleries.declared import gallery_purpose
from candid.galleries.exceptions import GalleriesNotOffered
from candid.galleries.models import Gallery
from candid.galleries.services import gallery_create

POLICIES = Path(__file__).resolve().parents[2] / "policies"


@pytest.fixture
def use_policy(settings, db):
    def use(name: str) -> None:
        settings.CANDID_POLICY_FILE = POLICIES / name
        gate_reset()

    return use


@pytest.mark.parametrize(
    ("policy", "purpose"),
    [
        ("cinetrum-studio.yaml", "order_fulfilment"),
        ("so-captures.yaml", "photography_service"),
    ],
)
def test_gallery_purpose_is_the_declared_contract_purpose_for_images(
    use_policy, policy, purpose
):
    # given
    use_policy(policy)
    # when / then
    assert gallery_purpose() == purpose


def test_a_declaration_without_images_offers_no_galleries(
    use_policy, photographer, client_account
):
    # given
    use_policy("subscription-platform.yaml")
    # when
    with pytest.raises(GalleriesNotOffered) as refused:
        gallery_create(staff=photographer, client=client_account, title="Portraits")
    # then
    assert str(refused.value) == (
        "The studio does not offer online galleries at the moment."
    )
    assert Gallery.objects.count() == 0
