"""The shop's e-mails through a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations


def test_the_waiver_is_confirmed_on_a_durable_medium_with_the_licence_terms(
    paid_order, smtp_inbox
):
    """COM-01: the confirmation repeats both ticks; the record is kept."""
    # when
    order = paid_order(waive=True)
    # then
    subjects = [message["Subject"] for message in smtp_inbox.messages]
    assert subjects == [
        f"Your order {order.number}",
        f"Your download request for order {order.number}",
    ]
    waiver = smtp_inbox.messages[1]
    assert waiver["To"] == "ana@example.com"
    text = waiver.get_content()
    assert "1. You asked for the download to be available immediately" in text
    assert "2. You acknowledged that you lose your 14-day right of withdrawal" in text
    assert "You may not resell, redistribute or share presets with others." in text
    assert order.waiver_confirmed_at is not None


def test_without_a_waiver_only_the_order_confirmation_goes_and_says_the_right_applies(
    paid_order, smtp_inbox
):
    order = paid_order(waive=False)
    (confirmation,) = smtp_inbox.messages
    text = confirmation.get_content()
    assert "You have a 14-day right of withdrawal." in text
    assert order.licence.key in text
    assert order.waiver_confirmed_at is None
