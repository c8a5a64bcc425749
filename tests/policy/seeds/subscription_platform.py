"""Seed 003, a subscription platform: its promises and the compliant readings it needs."""

import datetime as dt

from candid.policy.durations import Duration
from tests.policy.seeds import Promise, bases, category_keys, missing, recipient

SEED = "subscription-platform"
PROVIDERS = ["payment_processor", "cloud_host", "analytics_partner"]

PROMISES = (
    Promise(
        "It applies to all users, visitors, and customers of our platform.",
        lambda d: d.applies_to,
        "All users, visitors and customers of our platform.",
        ("This policy applies to: All users, visitors and customers of our platform.",),
    ),
    Promise(
        "We are committed to protecting your privacy in accordance with applicable laws.",
        lambda d: sorted(d.jurisdiction_codes),
        ["EU", "US-CA"],
        (
            "The European Union (GDPR): we answer within 1 month",
            "California (CCPA): we answer within 45 days",
        ),
    ),
    Promise(
        "such as your name, contact details, and payment information",
        lambda d: missing(
            {"user.name", "user.contact.email", "user.payment"}, category_keys(d)
        ),
        set(),
        ("E-mail address", "Payment information (the payment processor's references"),
    ),
    Promise(
        "when you register or make a purchase",
        lambda d: d.category("user.name").source,
        "You, when you register or make a purchase.",
        ("You, when you register or make a purchase.",),
    ),
    Promise(
        "We also collect profile data and user preferences to tailor your experience.",
        lambda d: (
            d.purpose("personalisation").legal_basis,
            d.purpose("personalisation").data_categories,
        ),
        ("contract", ["user.account.settings"]),
        ("Profile data and user preferences", "Tailoring your experience"),
    ),
    Promise(
        "Automatic collection includes IP address, browser type, and usage metrics via cookies and logs.",
        lambda d: missing(
            {"user.device.ip_address", "user.device", "user.behavior.browsing_history"},
            category_keys(d),
        ),
        set(),
        (
            "Browser type",
            "Usage metrics (pages and features used, and when)",
            "Collected automatically",
        ),
    ),
    Promise(
        "Sensitive personal data is neither collected nor processed.",
        lambda d: d.collects_special_categories,
        False,
        ("We do not collect or process sensitive (special-category) data",),
    ),
    Promise(
        "Collected data enables us to provide, maintain, and enhance our services",
        lambda d: d.purpose("service_provision").legal_basis,
        "contract",
        ("Providing and maintaining our services",),
    ),
    Promise(
        "process transactions",
        lambda d: d.purpose("subscription_management").data_use,
        "essential.service.payment_processing",
        ("Subscription management and transactions",),
    ),
    Promise(
        "communicate updates",
        lambda d: d.purpose("service_updates").legal_basis,
        "contract",
        ("Communicating service updates",),
    ),
    Promise(
        "We analyze usage trends to improve platform performance and develop new features.",
        lambda d: d.purpose("service_improvement").legal_basis,
        "legitimate_interests",
        ("Improving platform performance and developing new features",),
    ),
    Promise(
        "Aggregated and anonymized data may be used for strategic decisions and research.",
        lambda d: d.purpose("research").legal_basis,
        "legitimate_interests",
        ("Strategic decisions and research", "no one can be identified in the results"),
    ),
    Promise(
        "Your data is never used for unrelated purposes without prior consent.",
        lambda d: d.changes.reconsent_when_consent_scope_changes,
        True,
        (
            "We never use your data for a purpose not listed here without first asking for your consent.",
        ),
    ),
    Promise(
        "We process personal data based on your consent, contract necessity, legal "
        "obligations, and legitimate interests.",
        lambda d: sorted({p.legal_basis for p in d.purposes}),
        ["consent", "contract", "legal_obligation", "legitimate_interests"],
        (
            "Your consent (GDPR Art. 6(1)(a))",
            "Necessary for our contract with you (GDPR Art. 6(1)(b))",
            "Necessary to meet a legal obligation (GDPR Art. 6(1)(c))",
            "Our legitimate interests (GDPR Art. 6(1)(f))",
        ),
    ),
    Promise(
        "Consent is obtained for marketing activities, which you can withdraw at any time.",
        lambda d: (
            d.purpose("marketing_email").legal_basis,
            d.purpose("marketing_email").consent.withdraw_via,
        ),
        ("consent", ["privacy_centre", "unsubscribe_link"]),
        (
            "Marketing: withdraw through the privacy centre in your account or the unsubscribe link",
        ),
    ),
    Promise(
        "Contract necessity underpins subscription management and customer support.",
        lambda d: bases(d, "subscription_management", "customer_support"),
        ["contract", "contract"],
        ("Customer support",),
    ),
    Promise(
        "Legitimate interests include safeguarding the platform and improving services.",
        lambda d: bases(d, "platform_security", "service_improvement"),
        ["legitimate_interests", "legitimate_interests"],
        ("Safeguarding the platform: our legitimate interest is this.",),
    ),
    Promise(
        "such as payment processors, cloud hosts, and analytics partners",
        lambda d: [r.key for r in d.recipients if r.role == "processor"],
        PROVIDERS,
        ("Our payment processor", "Our cloud host", "Our analytics partner"),
    ),
    Promise(
        "under confidentiality agreements",
        lambda d: [
            recipient(d, key).contract.dpa_signed_on is not None for key in PROVIDERS
        ],
        [True, True, True],
        ("Processor, acting on our instructions under a data processing agreement",),
    ),
    Promise(
        "We do not sell personal data to advertisers or data brokers.",
        lambda d: d.sells_or_shares,
        False,
        (
            "We do not sell or share your personal information.",
            "We sell no personal information.",
        ),
    ),
    Promise(
        "Disclosure to authorities may occur if required by law.",
        lambda d: recipient(d, "authorities").role,
        "authority",
        ("Disclosure when required by law.",),
    ),
    Promise(
        "All partners are bound to use data only for specified purposes.",
        lambda d: [
            recipient(d, key).contract.service_provider_terms for key in PROVIDERS
        ],
        [True, True, True],
        ("Every recipient may use your data only for the purposes listed here.",),
    ),
    Promise(
        "we may transfer personal data to servers and partners in other countries",
        lambda d: [r.key for r in d.recipients if r.transfer],
        PROVIDERS,
        ("International transfers",),
    ),
    Promise(
        "through standard contractual clauses or other approved safeguards",
        lambda d: sorted({r.transfer.mechanism for r in d.recipients if r.transfer}),
        ["scc"],
        ("the European Commission's standard contractual clauses (Decision 2021/914)",),
    ),
    Promise(
        "You can request details of these measures.",
        lambda d: {r.transfer.copy_available_from for r in d.recipients if r.transfer},
        {"privacy@subscriptions.example"},
        (
            "You can request details of these safeguards and of the technical and organisational measures",
        ),
    ),
    Promise(
        "Retention periods vary by data type and business need.",
        lambda d: category_keys(d) - {r.category for r in d.retention},
        set(),
        (
            "90 days from when it is collected",
            "6 years from the end of the financial year",
        ),
    ),
    Promise(
        "it is securely deleted, destroyed, or anonymized",
        lambda d: sorted({r.action for r in d.retention}),
        ["anonymise", "delete", "keep"],
        ("Anonymised, so it can no longer identify you",),
    ),
    Promise(
        "including encryption, access restrictions, and regular security assessments",
        lambda d: len(d.security.measures),
        3,
        (
            "Encryption of personal data in transit and at rest",
            "Regular security assessments of the platform.",
        ),
    ),
    Promise(
        "Staff access is limited by role and necessity, and employees undergo data protection training.",
        lambda d: d.security.staff_access,
        "Staff access is limited by role and necessity, and every employee undergoes data protection training.",
        ("every employee undergoes data protection training",),
    ),
    Promise(
        "Incident response plans are in place to address potential breaches.",
        lambda d: d.security.incident_response.startswith(
            "Incident response plans are in place"
        ),
        True,
        ("Incident response plans are in place to address potential breaches",),
    ),
    Promise(
        "Despite these measures, absolute security cannot be guaranteed.",
        lambda d: d.security.incident_response.endswith(
            "absolute security cannot be guaranteed."
        ),
        True,
        ("Despite these measures, absolute security cannot be guaranteed.",),
    ),
    Promise(
        'The "Last Updated" date at the top indicates when the policy was last revised.',
        lambda d: d.policy.effective_date,
        dt.date(2026, 11, 1),
        ("Last Updated: 01 November 2026",),
    ),
    Promise(
        "Significant changes will be highlighted or accompanied by a notice on our platform.",
        lambda d: "site_notice" in d.changes.significant,
        True,
        ("an e-mail to every client and a notice on this website",),
    ),
)

OVERRIDES = (
    Promise(
        "This Privacy Policy details the types of personal data we collect",
        lambda d: d.controller.name,
        "Example Subscriptions Ltd",
        (
            "Example Subscriptions Ltd is the controller of your personal data.",
            "placeholder name",
        ),
        rule="C-20",
    ),
    Promise(
        "By using our services, you consent to the practices described in this policy.",
        lambda d: d.policy.acknowledged_at,
        ["sign_up"],
        (
            "When you create an account, we ask you to confirm that you have read this policy.",
            "it is not consent to any processing",
        ),
        rule="C-05",
        unsaid=("you consent to the practices",),
    ),
    Promise(
        "Continued use after updates signifies acceptance.",
        lambda d: d.changes.reconsent_when_consent_scope_changes,
        True,
        (
            "continuing to use our website or services, is never taken as consent",
            "Where a change affects something you consented to, we ask for your consent again.",
        ),
        rule="C-05",
        unsaid=("signifies acceptance",),
    ),
    Promise(
        "Significant changes will be highlighted or accompanied by a notice on our platform.",
        lambda d: d.changes.significant,
        ["email", "site_notice"],
        ("by an e-mail to every client",),
        rule="C-15",
    ),
    Promise(
        "Backup copies may persist briefly for recovery.",
        lambda d: (d.backups.retention, d.backups.restore_replays_erasures),
        (Duration(30, "days"), True),
        ("Backup copies are kept for 30 days and then destroyed.",),
        rule="C-13",
        unsaid=("persist briefly",),
    ),
    Promise(
        "Sensitive personal data is neither collected nor processed.",
        lambda d: d.category("user.authorization.credentials").ccpa_category,
        "sensitive_personal_information",
        (
            "Sensitive personal information (your account password) is used only to sign you in",
        ),
        rule="C-18",
    ),
    Promise(
        "We do not sell personal data to advertisers or data brokers.",
        lambda d: (
            [r.key for r in d.recipients if r.sale_or_sharing]
            + [c.key for c in d.cookies.categories if c.sale_or_sharing]
        ),
        [],
        ("it may not use the data for advertising",),
        rule="C-06",
        unsaid=("advertisers or data brokers",),
    ),
    Promise(
        "communicate updates",
        lambda d: [m.purpose for m in d.communications.marketing],
        ["marketing_email"],
        (
            "News about new features and plans.",
            "Tells you about changes to the service you use",
        ),
        rule="C-02",
    ),
    Promise(
        "usage metrics via cookies and logs",
        lambda d: (d.purpose("analytics").legal_basis, d.cookies.categories[1].purpose),
        ("consent", "analytics"),
        ("Analytics (only with your consent)",),
        rule="C-07",
    ),
    Promise(
        "Retention periods vary by data type and business need.",
        lambda d: d.accounts.dormant_after,
        Duration(24, "months"),
        ("Accounts unused for 24 months are deleted.",),
        rule="C-13",
    ),
)
