"""Recipients serve declared purposes under a contract and a transfer safeguard."""

import copy

from tests.policy.conftest import find, messages


def test_a_recipient_declared_twice_is_refused(problems_after):
    problems = problems_after(
        lambda d: d["recipients"].append(copy.deepcopy(find(d["recipients"], "paypal")))
    )

    assert messages(problems) == [
        ("recipients", "recipient 'paypal' is declared more than once")
    ]


def test_a_recipient_serving_an_undeclared_purpose_is_refused(problems_after):
    problems = problems_after(
        lambda d: find(d["recipients"], "stripe")["purposes"].append("refunds")
    )

    assert messages(problems) == [
        (
            "recipients[0].purposes[2]",
            "'stripe' serves purpose 'refunds', which is not declared",
        )
    ]


def test_a_processor_without_a_data_processing_agreement_is_refused(problems_after):
    problems = problems_after(
        lambda d: find(d["recipients"], "stripe")["contract"].pop("dpa_signed_on")
    )

    assert messages(problems) == [
        (
            "recipients[0].contract.dpa_signed_on",
            "processor 'stripe' needs a data processing agreement (GDPR Art. 28): "
            "give its date",
        )
    ]


def test_bare_eu_clauses_for_a_studio_serving_the_uk_are_refused(problems_after):
    def uk_on_scc(d):
        uk = copy.deepcopy(d["jurisdictions"][0])
        uk["code"] = "UK"
        d["jurisdictions"].append(uk)
        d["controller"]["uk_representative"] = {"name": "UK Rep Ltd"}
        find(d["recipients"], "mailchimp")["transfer"]["mechanism"] = "scc"

    problems = problems_after(uk_on_scc)

    assert messages(problems) == [
        (
            "recipients[2].transfer.mechanism",
            "'mailchimp': UK exports need the IDTA or the UK Addendum, not bare EU SCCs",
        )
    ]
