"""Marketing e-mails are anchored to a declared marketing purpose (MKT-01)."""

from tests.policy.conftest import messages


def test_a_marketing_message_on_a_service_purpose_is_refused(problems_after):
    def as_service(d):
        d["communications"]["marketing"][0]["purpose"] = "service_messages"

    problems = problems_after(as_service)

    assert messages(problems) == [
        (
            "communications.marketing[0].purpose",
            "marketing message 'newsletter' must name a declared marketing purpose",
        )
    ]


def test_a_marketing_message_on_an_undeclared_purpose_is_refused(problems_after):
    def undeclared(d):
        d["communications"]["marketing"][0]["purpose"] = "newsletters"

    problems = problems_after(undeclared)

    assert messages(problems) == [
        (
            "communications.marketing[0].purpose",
            "marketing message 'newsletter' must name a declared marketing purpose",
        )
    ]
