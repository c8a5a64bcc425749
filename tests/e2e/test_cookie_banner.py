"""The cookie banner as a visitor meets it in a real browser (CK-01..CK-06, LAW-03)."""

import pytest

from candid.consent.models import ConsentEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ESSENTIAL = {"sessionid", "csrftoken", "candid_consent"}
ANALYTICS_HOST = "www.googletagmanager.com"
PIXEL_HOST = "connect.facebook.net"


def test_first_visit_contacts_no_third_party_and_sets_no_optional_cookie(visitor):
    # when
    page = visitor.visit("/")

    # then
    assert visitor.third_party_requests == []
    assert visitor.cookie_names() <= ESSENTIAL
    assert page.locator("#cookie-banner").is_visible()


def test_banner_ticks_nothing_and_gives_accept_and_reject_equal_weight(visitor):
    page = visitor.visit("/")

    banner = page.locator("#cookie-banner")
    assert banner.locator("input[type=checkbox]:checked").count() == 0
    accept = banner.get_by_role("button", name="Accept all")
    reject = banner.get_by_role("button", name="Reject all")
    style = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).fontSize, e.offsetHeight]"
    assert accept.evaluate(style) == reject.evaluate(style)


def test_accept_all_loads_the_gated_scripts_on_the_same_page(visitor):
    page = visitor.visit("/")

    # when
    page.get_by_role("button", name="Accept all").click()
    visitor.wait_for_cookie("_ga")
    visitor.wait_for_cookie("_fbp")

    # then
    assert visitor.third_party_hosts == {ANALYTICS_HOST, PIXEL_HOST}
    assert {"_ga", "_fbp"} <= visitor.cookie_names()
    assert not page.locator("#cookie-banner").is_visible()


def test_every_decision_is_recorded_in_the_consent_ledger(visitor):
    visitor.visit("/")

    visitor.decide("Accept all")

    rows = ConsentEvent.objects.order_by("purpose")
    assert [(r.purpose, r.action, r.surface) for r in rows] == [
        ("advertising", "granted", "cookie_banner"),
        ("analytics", "granted", "cookie_banner"),
        ("site_preferences", "granted", "cookie_banner"),
    ]
    assert len({r.visitor_id for r in rows}) == 1


def test_withdrawing_removes_the_category_cookies_and_stops_its_scripts(visitor):
    page = visitor.visit("/")
    page.get_by_role("button", name="Accept all").click()
    visitor.wait_for_cookie("_ga")
    visitor.wait_for_cookie("_fbp")

    # when
    page.get_by_role("link", name="Cookie settings").click()
    visitor.decide("Reject all")
    visitor.third_party_requests.clear()
    visitor.visit("/privacy/")

    # then
    assert visitor.cookie_names() <= ESSENTIAL
    assert visitor.third_party_requests == []


def test_silence_is_refusal_on_every_later_page(visitor):
    visitor.visit("/")

    visitor.visit("/privacy/")

    assert visitor.third_party_requests == []
    assert ConsentEvent.objects.count() == 0


def test_global_privacy_control_is_honoured_from_the_first_page(visitor_factory):
    # given
    visitor = visitor_factory(extra_http_headers={"Sec-GPC": "1"})
    visitor.context.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"
    )

    # when
    page = visitor.visit("/")

    # then
    banner = page.locator("#cookie-banner")
    assert banner.locator("[data-gpc-honoured]").is_visible()
    assert banner.locator("input[value=advertising]").is_disabled()
    visitor.decide("Accept all")
    visitor.wait_for_cookie("_ga")
    assert visitor.third_party_hosts == {ANALYTICS_HOST}
    assert "_fbp" not in visitor.cookie_names()
    refusal = ConsentEvent.objects.filter(purpose="advertising").latest("id")
    assert (refusal.action, refusal.gpc) == ("withdrawn", True)


def test_a_changed_cookie_declaration_asks_again(visitor, cinetrum_source):
    from candid.notices.services import policy_publish

    visitor.visit("/")
    visitor.decide("Reject all")

    # when
    policy_publish(
        source=cinetrum_source.replace('version: "2026.11"', 'version: "2026.11.2"')
        .replace("effective_date: 2026-11-01", "effective_date: 2026-11-20")
        .replace("cookies:\n  version: 1", "cookies:\n  version: 2")
    )
    page = visitor.visit("/")

    # then
    assert page.locator("#cookie-banner").is_visible()


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 720}, {"width": 375, "height": 667}],
    ids=["desktop", "phone"],
)
def test_an_open_banner_hides_nothing_a_visitor_must_reach(visitor_factory, viewport):
    # given: a first visit, the banner open and not answered (silence is refusal)
    visitor = visitor_factory(viewport=viewport)
    page = visitor.visit("/privacy/requests/")
    assert page.locator("#cookie-banner").is_visible()
    # then: the form's button and the footer's links can each be scrolled to and
    # pressed: Playwright's trial click fails if, wherever it scrolls, the banner covers them
    for target in (
        page.get_by_role("button", name="Send the request"),
        page.locator(".site-footer").get_by_role("link", name="Privacy policy"),
        page.locator(".site-footer").get_by_role("link", name="Sub-processors"),
    ):
        target.click(trial=True, timeout=3_000)
    # and the request form can be sent without answering the banner first
    page.get_by_role("button", name="Send the request").click(timeout=3_000)
    page.wait_for_load_state("networkidle")
    assert "/privacy/requests/" in page.url
    assert page.locator("#cookie-banner").is_visible()
    assert visitor.third_party_requests == []
