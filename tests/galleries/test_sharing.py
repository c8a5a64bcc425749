"""Share links: one per recipient, own password, expiry, revocation (IMG-04)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.hashers import check_password
from django.test import Client
from django.utils import timezone

import pytest

from candid.galleries.exceptions import GalleryNotFound, ShareLinkInvalid
from candid.galleries.models import ShareLink, ShareLinkAccess
from candid.galleries.sharing import network_of, share_link_create, share_link_revoke

from .conftest import assert_no_metadata, audit_events, signed_in_browser

LINK_PASSWORD = "grandma-sees-it"
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def shared(client_account, image):
    link, token = share_link_create(
        client=client_account,
        gallery_id=image.gallery_id,
        recipient_label="Grandma",
        password=LINK_PASSWORD,
    )
    return link, token, image


def opened_browser(token: str) -> Client:
    browser = Client(REMOTE_ADDR="203.0.113.77")
    response = browser.post(f"/share/{token}/", {"password": LINK_PASSWORD})
    assert response.status_code == 302
    return browser


def test_token_has_256_random_bits_and_only_its_hash_is_stored(shared):
    # given
    link, token, _ = shared
    # then
    assert len(token) == 43  # base64url of 32 bytes
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.values().get())


def test_link_password_is_stored_hashed_by_djangos_hasher(shared):
    # given
    link, _, _ = shared
    # then
    assert LINK_PASSWORD not in link.password_hash
    assert check_password(LINK_PASSWORD, link.password_hash)


def test_link_expires_after_the_declared_share_link_lifetime_by_default(
    client_account, gallery
):
    # when
    link, _ = share_link_create(
        client=client_account,
        gallery_id=gallery.pk,
        recipient_label="Grandma",
        password=LINK_PASSWORD,
        now=NOW,
    )
    # then
    assert link.expires_at == NOW + dt.timedelta(days=30)


@pytest.mark.parametrize(
    ("password", "ends", "message"),
    [
        ("short", None, "Give the link a password of at least 8 characters."),
        (
            LINK_PASSWORD,
            dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
            "The link must end after now and before the gallery does.",
        ),
        (
            LINK_PASSWORD,
            dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
            "The link must end after now and before the gallery does.",
        ),
    ],
)
def test_link_without_a_password_or_with_an_endless_expiry_is_refused(
    client_account, gallery, password, ends, message
):
    # when
    with pytest.raises(ShareLinkInvalid) as refused:
        share_link_create(
            client=client_account,
            gallery_id=gallery.pk,
            recipient_label="Grandma",
            password=password,
            expires_at=ends,
        )
    # then
    assert str(refused.value) == message
    assert ShareLink.objects.count() == 0


def test_attacker_cannot_share_another_clients_gallery(other_client, gallery):
    # when / then
    with pytest.raises(GalleryNotFound):
        share_link_create(
            client=other_client,
            gallery_id=gallery.pk,
            recipient_label="Me",
            password=LINK_PASSWORD,
        )
    assert ShareLink.objects.count() == 0


def test_attacker_cannot_guess_share_link(shared):
    # given
    _, _, image = shared
    guess = secrets.token_urlsafe(32)
    browser = Client()
    # when
    page = browser.get(f"/share/{guess}/")
    asset = browser.get(f"/share/{guess}/images/{image.pk}/preview/")
    # then
    assert page.status_code == 404
    assert asset.status_code == 404
    assert ShareLinkAccess.objects.count() == 0


def test_image_url_is_refused_until_the_password_unlocks_the_link(shared):
    # given
    _, token, image = shared
    # when
    response = Client().get(f"/share/{token}/images/{image.pk}/preview/")
    # then
    assert response.status_code == 404


def test_unlocking_in_one_browser_does_not_unlock_another(shared):
    # given
    _, token, image = shared
    opened_browser(token)
    # when
    response = Client().get(f"/share/{token}/images/{image.pk}/preview/")
    # then
    assert response.status_code == 404


def test_revoked_link_stops_every_image_url_at_once(shared, client_account):
    # given
    link, token, image = shared
    browser = opened_browser(token)
    url = f"/share/{token}/images/{image.pk}/preview/"
    assert browser.get(url).status_code == 200
    # when
    share_link_revoke(client=client_account, link_id=link.pk)
    # then
    assert browser.get(url).status_code == 404
    assert browser.get(f"/share/{token}/images/{image.pk}/original/").status_code == 404
    assert browser.get(f"/share/{token}/").status_code == 404
    (event,) = audit_events("share_link_revoked")
    assert event.actor_id == str(client_account.pk)


def test_expired_link_stops_every_image_url(shared):
    # given
    link, token, image = shared
    browser = opened_browser(token)
    # when
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    # then
    assert browser.get(f"/share/{token}/images/{image.pk}/preview/").status_code == 404


def test_attacker_cannot_revoke_another_clients_link(shared, other_client):
    # given
    link, _, _ = shared
    # when / then
    with pytest.raises(GalleryNotFound):
        share_link_revoke(client=other_client, link_id=link.pk)
    assert ShareLink.objects.get().revoked_at is None


def test_wrong_password_is_refused_and_rate_limited(shared):
    # given
    _, token, image = shared
    browser = Client(REMOTE_ADDR="198.51.100.9")
    # when
    refusals = [
        browser.post(f"/share/{token}/", {"password": f"guess-{n}"}).status_code
        for n in range(5)
    ]
    locked = browser.post(f"/share/{token}/", {"password": LINK_PASSWORD})
    # then
    assert refusals == [403] * 5
    assert locked.status_code == 429
    assert b"Too many attempts. Try again later." in locked.content
    assert browser.get(f"/share/{token}/images/{image.pk}/preview/").status_code == 404


@pytest.mark.parametrize("kind", ["preview", "original"])
def test_share_image_routes_serve_no_gps_serial_or_original_name(shared, kind):
    # given
    _, token, image = shared
    browser = opened_browser(token)
    # when
    response = browser.get(f"/share/{token}/images/{image.pk}/{kind}/")
    # then
    assert response.status_code == 200
    assert_no_metadata(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"


def test_shared_pages_tell_search_engines_not_to_index(shared):
    # given
    _, token, _ = shared
    # when
    locked = Client().get(f"/share/{token}/")
    opened = opened_browser(token).get(f"/share/{token}/")
    # then
    for response in (locked, opened):
        assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
        assert b'<meta name="robots" content="noindex, nofollow">' in response.content


def test_access_log_keeps_time_and_a_truncated_address(shared):
    # given
    link, token, image = shared
    browser = opened_browser(token)
    # when
    browser.get(f"/share/{token}/images/{image.pk}/preview/")
    # then
    log = list(ShareLinkAccess.objects.values_list("outcome", "network"))
    assert log == [("unlocked", "203.0.113.0"), ("image", "203.0.113.0")]
    assert "203.0.113.77" not in str(list(ShareLinkAccess.objects.values()))


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("2001:db8:abcd:12::1", "2001:db8:abcd::"),
        ("not-an-address", ""),
    ],
)
def test_network_of_keeps_only_the_network(address, network):
    assert network_of(address) == network


def test_client_creates_a_link_from_the_gallery_page(image, client_account):
    # given
    browser = signed_in_browser(client_account.email)
    # when
    response = browser.post(
        f"/account/galleries/{image.gallery_id}/share/",
        {"recipient_label": "Grandma", "password": LINK_PASSWORD},
    )
    # then
    assert response.status_code == 200
    link = ShareLink.objects.get()
    assert link.recipient_label == "Grandma"
    assert b"/share/" in response.content


def test_new_password_locks_out_browsers_that_used_the_old_one(shared, client_account):
    """IMG-04: the client can rotate a link's password."""
    # given
    link, token, image = shared
    browser = opened_browser(token)
    url = f"/share/{token}/images/{image.pk}/preview/"
    assert browser.get(url).status_code == 200
    owner = signed_in_browser(client_account.email)
    # when
    changed = owner.post(
        f"/account/galleries/share/{link.pk}/password/", {"password": "a-new-secret"}
    )
    # then
    assert changed.status_code == 302
    assert browser.get(url).status_code == 404
    assert len(audit_events("share_link_password_changed")) == 1


def test_attacker_cannot_change_the_password_of_another_clients_link(
    shared, other_client
):
    # given
    link, _, _ = shared
    browser = signed_in_browser(other_client.email)
    # when
    response = browser.post(
        f"/account/galleries/share/{link.pk}/password/", {"password": "mine-now-123"}
    )
    # then
    assert response.status_code == 404
    assert ShareLink.objects.get().password_hash == link.password_hash
