"""Every right the studio's laws give is offered, through reachable channels (DSR-01)."""

from tests.policy.conftest import messages


def test_a_right_the_gdpr_gives_cannot_be_left_out(problems_after):
    problems = problems_after(lambda d: d["rights"]["offered"].remove("portability"))

    assert messages(problems) == [
        ("rights.offered", "EU law gives people the right 'portability': offer it")
    ]


def test_a_request_channel_without_its_address_is_refused(problems_after):
    problems = problems_after(lambda d: d["rights"]["channels"][0].pop("address"))

    assert messages(problems) == [
        ("rights.channels[0].address", "the email channel needs its address")
    ]
