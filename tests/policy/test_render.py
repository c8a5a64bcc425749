"""Each section of the policy page says what the declaration says, and only that (NOT-01).

The seed tests check the four real declarations; these change one fact of the
Cinetrum declaration and check the sentence that fact turns into, or its absence.
"""

import pytest

from candid.policy import load_declaration
from candid.policy.document import Bullets, Paragraph
from candid.policy.render import (
    render_html,
    render_html_body,
    section_account,
    section_collected,
    section_commerce,
    section_communications,
    section_controller,
    section_cookies,
    section_rights,
    section_transfers,
)
from candid.policy.schema import Person
from tests.policy.conftest import CINETRUM, changed


@pytest.fixture(scope="module")
def cinetrum():
    return load_declaration(CINETRUM)


def paragraphs(section) -> list[str]:
    return [block.text for block in section.blocks if isinstance(block, Paragraph)]


def bullets(section) -> list[str]:
    return [item for b in section.blocks if isinstance(b, Bullets) for item in b.items]


def test_every_way_to_reach_the_controller_is_listed(cinetrum):
    # given
    d = changed(cinetrum, "controller.postal_address", "1 Rue de l'Image, Paris")
    d = changed(d, "controller.phone", "+33 1 23 45 67 89")
    d = changed(d, "controller.dpo", Person(name="Dana Officer", email="dpo@c.com"))
    d = changed(d, "controller.eu_representative", Person(name="EU Rep Ltd"))

    # when
    listed = bullets(section_controller(d))

    # then
    assert listed == [
        "E-mail: support@cinetrum.com",
        "Website: https://cinetrum.com",
        "Post: 1 Rue de l'Image, Paris",
        "Telephone: +33 1 23 45 67 89",
        "Privacy contact: Cinetrum Studio privacy lead, support@cinetrum.com",
        "Data protection officer: Dana Officer, dpo@c.com",
        "EU representative: EU Rep Ltd",
    ]


def test_a_data_protection_officer_without_an_address_is_named_alone(cinetrum):
    d = changed(cinetrum, "controller.dpo", Person(name="Dana Officer"))

    assert bullets(section_controller(d))[-1] == "Data protection officer: Dana Officer"


def test_a_studio_that_collects_sensitive_data_does_not_claim_otherwise(cinetrum):
    """NOT-01: the 'no sensitive data' sentence only where it is true (LAW-09)."""
    d = changed(cinetrum, "collects_special_categories", True)

    assert paragraphs(section_collected(d)) == []


def test_a_studio_that_sends_no_marketing_describes_only_service_messages(cinetrum):
    d = changed(cinetrum, "communications.marketing", [])

    section = section_communications(d)

    assert paragraphs(section) == [
        "Service messages, which we send because you booked, bought or asked for "
        "something. They never contain promotions:"
    ]
    assert bullets(section) == [m.description for m in d.communications.service]


def test_a_studio_with_no_transfers_says_data_stays_in_the_eea_and_uk(cinetrum):
    d = cinetrum
    for recipient in cinetrum.recipients:
        d = changed(d, f"recipients[{recipient.key}].transfer", None)

    section = section_transfers(d)

    assert section.blocks == [
        Paragraph(
            "We do not transfer personal data outside the European Economic Area "
            "and the United Kingdom."
        )
    ]


def test_the_browser_settings_note_appears_only_when_declared(cinetrum):
    """CK-09: browser settings are mentioned, if at all, only as extra information."""
    d = changed(cinetrum, "cookies.browser_settings_note", False)

    texts = paragraphs(section_cookies(d))

    assert not any("browser settings" in text for text in texts)
    assert any(
        "browser settings" in text for text in paragraphs(section_cookies(cinetrum))
    )


def test_accounts_that_never_go_dormant_are_not_said_to_be_deleted(cinetrum):
    d = changed(cinetrum, "accounts.dormant_after", None)

    texts = paragraphs(section_account(d))

    assert len(texts) == 3
    assert not any("unused" in text for text in texts)


def test_dormant_accounts_deleted_without_warning_say_so_plainly(cinetrum):
    d = changed(cinetrum, "accounts.dormant_notice", None)

    texts = paragraphs(section_account(d))

    assert texts[-1] == "Accounts unused for 24 months are deleted."


def test_a_studio_selling_only_downloads_says_nothing_of_bookings(cinetrum):
    d = changed(cinetrum, "commerce.bookings", None)

    texts = paragraphs(section_commerce(d))

    assert texts[0] == "Digital products come with a personal-use licence only:"
    assert not any("booking" in text for text in texts)


def test_a_studio_taking_only_bookings_describes_only_its_refunds(cinetrum):
    d = changed(cinetrum, "commerce.digital_products", None)

    section = section_commerce(d)

    assert section.blocks == [
        Paragraph(
            "You may cancel a booking at least 48 hours before the session for a full "
            "refund. Later cancellations are also refunded in full."
        )
    ]


@pytest.mark.parametrize(
    ("percent", "later"),
    [(0, "not refunded"), (50, "refunded at 50%")],
)
def test_late_cancellations_say_how_much_is_refunded(cinetrum, percent, later):
    d = changed(cinetrum, "commerce.bookings.late_cancellation_refund_percent", percent)

    assert paragraphs(section_commerce(d))[0].endswith(
        f"Later cancellations are {later}."
    )


def test_downloads_that_stay_refundable_are_not_called_final(cinetrum):
    d = changed(cinetrum, "commerce.digital_products.final_after_download", False)

    texts = paragraphs(section_commerce(d))

    assert not any("final" in text for text in texts)
    assert texts[-1] == d.commerce.digital_products.technical_issue_route


def test_a_studio_without_bookings_or_downloads_has_no_refund_section(cinetrum):
    d = changed(cinetrum, "commerce.bookings", None)
    d = changed(d, "commerce.digital_products", None)

    assert section_commerce(d) is None


def test_the_standalone_page_wraps_the_site_fragment_in_a_whole_document(cinetrum):
    page = render_html(cinetrum)

    assert page == (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Cinetrum Studio Privacy Policy</title></head>\n"
        f"<body><article>\n{render_html_body(cinetrum)}\n</article></body></html>\n"
    )


def test_the_policy_says_requests_are_answered_under_the_declared_legal_duty(cinetrum):
    # given the records purpose renamed (DSR-14: requests and answers are recorded)
    renamed = changed(
        cinetrum, "purposes[privacy_records].name", "Answering your requests"
    )
    # when
    text = " ".join(paragraphs(section_rights(renamed)))
    # then
    assert (
        "keep a record of it and of our answer under \u201cAnswering your requests\u201d"
        in text
    )
    assert "does not stop us answering your requests" in text


def test_the_policy_claims_no_records_purpose_that_is_not_declared(cinetrum):
    # given a rights section naming a purpose the declaration lacks
    broken = changed(cinetrum, "rights.records_purpose", "not_declared")
    # when
    text = " ".join(paragraphs(section_rights(broken)))
    # then nothing is said of a purpose that does not exist
    assert "keep a record of it and of our answer" not in text
