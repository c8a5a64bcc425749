"""Seed 002, 3D Studio Production: where the seed is unlawful, the compliant reading."""

from candid.policy.durations import Duration
from tests.policy.seeds import Promise, channel_kinds, recipient

UK_RIGHTS = [
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "objection",
    "withdraw_consent",
    "complain",
]

OVERRIDES = (
    Promise(
        "These requests cannot be processed if made via email",
        lambda d: (channel_kinds(d), d.rights.channels[0].recommended),
        (["web_form", "account", "email"], True),
        (
            "The privacy request form: /privacy/requests/ (recommended)",
            "E-mail: privacy@3dstudioproduction.example",
        ),
        rule="C-03",
        unsaid=("cannot be processed if made via email",),
    ),
    Promise(
        "These communications are not made for marketing purposes and cannot be opted-out of",
        lambda d: [(m.key, m.purpose) for m in d.communications.marketing],
        [("promotions", "marketing_email"), ("product_upgrades", "marketing_email")],
        ("Upgrades to our products.", "they never promote products or upgrades"),
        rule="C-02",
        unsaid=("cannot be opted-out of", "not made for marketing purposes"),
    ),
    Promise(
        "You can do this by submitting your request through our dedicated web-form.",
        lambda d: sorted(
            {r for p in d.purposes if p.consent for r in p.consent.withdraw_via}
        ),
        ["cookie_banner", "privacy_centre", "unsubscribe_link"],
        ("Withdrawing is as easy as giving consent and takes effect at once.",),
        rule="C-04",
    ),
    Promise(
        "Under certain circumstances, by law you have the right to:",
        lambda d: d.rights.offered,
        UK_RIGHTS,
        (
            "Restriction: have us stop using your data",
            "Objection: object to processing",
            "Complain: lodge a complaint",
        ),
        rule="C-20",
    ),
    Promise(
        "For more information about cookies and how to stop cookies being installed visit the following website:",
        lambda d: d.cookies.more_information_url,
        "https://ico.org.uk/for-the-public/online/cookies/",
        (
            "For more about cookies and how to stop them being set, see https://ico.org.uk/for-the-public/online/cookies/",
        ),
        rule="C-20",
    ),
    Promise(
        "The cookies we use do not detect any information stored on your computers.",
        lambda d: [
            c.key for c in d.cookies.categories if not c.essential and c.purpose is None
        ],
        [],
        ("Only strictly necessary cookies are set until you choose otherwise.",),
        rule="C-19",
        unsaid=("do not detect any information",),
    ),
    Promise(
        "The data you provide to us is protected using SSL (Secure Socket Layer) technology.",
        lambda d: "TLS 1.2 or 1.3" in d.security.transport,
        True,
        ("encrypted in transit with TLS 1.2 or 1.3",),
        rule="C-11",
        unsaid=("Secure Socket Layer", "MPLS"),
    ),
    Promise(
        "for as long as you hold the account",
        lambda d: (d.accounts.dormant_after, d.accounts.dormant_notice),
        (Duration(3, "years"), Duration(30, "days")),
        ("Accounts unused for 3 years are deleted. We warn you 30 days before.",),
        rule="C-13",
    ),
    Promise(
        "we use your data for statistical and marketing analysis, systems testing",
        lambda d: (
            d.purpose("statistics").legal_basis,
            d.purpose("statistics").objectable,
        ),
        ("legitimate_interests", True),
        (
            "Statistical and marketing analysis: our legitimate interest is this.",
            "Systems are tested with made-up data",
        ),
        rule="C-16",
    ),
    Promise(
        "law courts and law enforcement bodies in all countries we operate in",
        lambda d: recipient(d, "courts").transfer.mechanism,
        "adequacy",
        ("relies on UK GDPR Art. 49(1)(e) (legal claims) and is recorded",),
        rule="C-17",
    ),
    Promise(
        "You will have the choice to opt in or opt out",
        lambda d: (
            d.communications.soft_opt_in,
            d.purpose("marketing_email").consent.double_opt_in,
        ),
        (False, True),
        ("Marketing messages, only if you opted in.",),
        rule="C-12",
    ),
    Promise(
        "in line with British and EU law on data protection rules",
        lambda d: sorted({r.transfer.mechanism for r in d.recipients if r.transfer}),
        ["adequacy", "idta", "uk_addendum"],
        (
            "the UK Addendum to the standard contractual clauses",
            "the UK International Data Transfer Agreement",
        ),
        rule="PRC-03",
    ),
    Promise(
        "Most Web browsers automatically accept cookies",
        lambda d: [c.key for c in d.cookies.categories if c.essential],
        ["necessary"],
        ('"Accept all" and "Reject all" side by side', "nothing is pre-ticked"),
        rule="C-08",
    ),
    Promise(
        "This may include cookies of media and advertising partners",
        lambda d: recipient(d, "advertising_partners").role,
        "joint_controller",
        (
            'receive data through our "Media and advertising partners" and "Social media" cookies',
        ),
        rule="C-06",
        unsaid=("We do not sell or share your personal information.",),
    ),
)
