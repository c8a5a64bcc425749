"""Seed 000, Cinetrum Studio: its promises and the compliant readings it needs."""

from candid.policy.durations import Duration
from tests.policy.seeds import Promise, bases, missing, recipient

SEED = "cinetrum-studio"

PROMISES = (
    Promise(
        "applies to all visitors, customers, and users of Cinetrum.com",
        lambda d: d.applies_to.startswith("All visitors, customers and users"),
        True,
        ("This policy applies to: All visitors, customers and users of cinetrum.com",),
    ),
    Promise(
        "Cinetrum Studio provides photography services, digital products, and creative consultation",
        lambda d: d.controller.name,
        "Cinetrum Studio",
        ("Cinetrum Studio is the controller of your personal data.",),
    ),
    Promise(
        "Name",
        lambda d: d.category("user.name").label,
        "Name",
        ("You, when you create an account, book a session, buy or contact us.",),
    ),
    Promise(
        "Billing and shipping address",
        lambda d: d.category("user.contact.address").label,
        "Billing and shipping address",
        ("Billing and shipping address",),
    ),
    Promise(
        "Payment details (processed securely via third-party payment providers)",
        lambda d: d.category("user.payment").source,
        "Stripe or PayPal, after you pay on their secure page.",
        ("never the card number or security code",),
    ),
    Promise(
        "IP address and browser user agent (for fraud detection)",
        lambda d: d.purpose("fraud_prevention").data_categories,
        ["user.device.ip_address", "user.device"],
        ("IP address; Browser user agent",),
    ),
    Promise(
        "Any other information voluntarily provided via contact forms, surveys, or bookings",
        lambda d: d.category("user.content.private").requirement,
        "optional",
        ("Messages, booking notes and survey answers you send us",),
    ),
    Promise(
        "Remember user preferences",
        lambda d: d.cookies.categories[1].purpose,
        "site_preferences",
        ("Remembering your preferences, such as currency and gallery layout.",),
    ),
    Promise(
        "Track affiliate referrals and marketing campaigns",
        lambda d: d.purpose("advertising").legal_basis,
        "consent",
        ("Measuring marketing campaigns and affiliate referrals",),
    ),
    Promise(
        "Analyze browsing behavior for service improvement",
        lambda d: d.purpose("analytics").data_use,
        "analytics.reporting",
        (
            "Understanding how the website is used, with Google Analytics, to improve it.",
        ),
    ),
    Promise(
        "Fulfilling orders – Processing purchases of digital products and photography bookings.",
        lambda d: d.purpose("order_fulfilment").legal_basis,
        "contract",
        ("Processing purchases of digital products and photography bookings",),
    ),
    Promise(
        "Providing customer support – Assisting with inquiries, issues, and refunds.",
        lambda d: d.purpose("customer_support").legal_basis,
        "contract",
        ("Assisting with inquiries, issues and refunds.",),
    ),
    Promise(
        "Sending promotional emails (you can unsubscribe anytime)",
        lambda d: d.purpose("marketing_email").unsubscribe.one_click,
        True,
        ("a one-click unsubscribe that works at once",),
    ),
    Promise(
        "Security and fraud prevention – Protecting against unauthorized transactions.",
        lambda d: d.purpose("fraud_prevention").legal_basis,
        "legitimate_interests",
        ("Protecting you and us against unauthorised transactions",),
    ),
    Promise(
        "Compliance with legal obligations – Meeting regulatory and tax requirements.",
        lambda d: d.purpose("legal_compliance").legal_basis,
        "legal_obligation",
        ("Tax and accounting law requires invoices and their records to be kept.",),
    ),
    Promise(
        "Consent: You have given permission for marketing communications.",
        lambda d: d.purpose("marketing_email").legal_basis,
        "consent",
        ("Your consent (GDPR Art. 6(1)(a)), which you can withdraw at any time",),
    ),
    Promise(
        "Contractual Necessity: Data is required to fulfill an order or booking.",
        lambda d: bases(d, "order_fulfilment", "service_messages"),
        ["contract", "contract"],
        ("Necessary for our contract with you (GDPR Art. 6(1)(b))",),
    ),
    Promise(
        "Legitimate Interests: Improving our services while respecting your rights.",
        lambda d: d.purpose("fraud_prevention").objectable,
        True,
        ("Our legitimate interests (GDPR Art. 6(1)(f)), which you can object to",),
    ),
    Promise(
        "For California residents (CCPA), you have the right to access, delete, or opt out",
        lambda d: missing(
            {"know", "delete", "opt_out_sale_sharing"}, set(d.rights.offered)
        ),
        set(),
        ("Right to opt out of the sale or sharing of your personal information",),
    ),
    Promise(
        "Payment Processing: Stripe, PayPal",
        lambda d: [recipient(d, "stripe").role, recipient(d, "paypal").role],
        ["processor", "controller"],
        ("PayPal payments on PayPal's own pages.",),
    ),
    Promise(
        "no card details stored on our servers",
        lambda d: "never reach or stay on our servers" in d.security.card_data,
        True,
        ("never reach or stay on our servers",),
    ),
    Promise(
        "Email Marketing: MailChimp (subscription-based email updates).",
        lambda d: recipient(d, "mailchimp").purposes,
        ["marketing_email"],
        ("Sending marketing e-mails to subscribers.",),
    ),
    Promise(
        "You may opt out of Google Ads and Facebook tracking",
        lambda d: d.purpose("advertising").consent.withdraw_via,
        ["cookie_banner", "privacy_centre"],
        (
            "Advertising and affiliate tracking: withdraw through the cookie settings link",
        ),
    ),
    Promise(
        "you receive a personal-use license only",
        lambda d: d.commerce.digital_products.licence,
        "personal_use",
        ("Digital products come with a personal-use licence only:",),
    ),
    Promise(
        "Resell, redistribute, or share presets with others.",
        lambda d: d.commerce.digital_products.licence_terms[0],
        "You may not resell, redistribute or share presets with others.",
        ("You may not resell, redistribute or share presets with others.",),
    ),
    Promise(
        "Digital Millennium Copyright Act (DMCA)",
        lambda d: "DMCA" in d.commerce.digital_products.licence_terms[3],
        True,
        ("violations may lead to action under the DMCA",),
    ),
    Promise(
        "clients may be asked to sign a model release agreement",
        lambda d: "marketing" in d.images.release_uses,
        True,
        ("We may ask you to sign a model release",),
    ),
    Promise(
        "contact us for support for assessment",
        lambda d: (
            "assess technical issues"
            in d.commerce.digital_products.technical_issue_route
        ),
        True,
        ("we assess technical issues with downloaded files",),
    ),
    Promise(
        "Clients may cancel bookings at least 48 hours in advance for a full refund.",
        lambda d: d.commerce.bookings.full_refund_before,
        Duration(48, "hours"),
        ("at least 48 hours before the session for a full refund",),
    ),
    Promise(
        "Last-minute cancellations are refundable as well.",
        lambda d: d.commerce.bookings.late_cancellation_refund_percent,
        100,
        ("Later cancellations are also refunded in full.",),
    ),
    Promise(
        "Request access to personal data we store about you.",
        lambda d: "access" in d.rights.offered,
        True,
        ("Access: ask for a copy of the personal data we hold about you",),
    ),
    Promise(
        "Request deletion of your data (except for legal/tax obligations).",
        lambda d: [r.record for r in d.retention if r.action == "keep" and r.record],
        ["invoice", "marketing_suppression"],
        ("except what the law obliges us to keep (such as invoices for tax)",),
    ),
    Promise(
        "Opt-out of marketing emails at any time.",
        lambda d: d.purpose("marketing_email").objectable,
        True,
        ("to direct marketing at any time",),
    ),
    Promise(
        "Modify, update, or correct your information.",
        lambda d: missing({"rectification", "correct"}, set(d.rights.offered)),
        set(),
        ("Rectification: have inaccurate or incomplete data corrected",),
    ),
    Promise(
        "Request portability of your data.",
        lambda d: "portability" in d.rights.offered,
        True,
        ("Portability: receive the data you gave us in a machine-readable format",),
    ),
    Promise(
        "To exercise these rights, contact us at support@cinetrum.com.",
        lambda d: d.rights.channels[0].address,
        "support@cinetrum.com",
        ("E-mail: support@cinetrum.com",),
    ),
    Promise(
        "significant updates will be communicated via email",
        lambda d: "email" in d.changes.significant,
        True,
        ("by an e-mail to every client",),
    ),
    Promise(
        "Changes will be posted on this page",
        lambda d: d.changes.other,
        ["site_notice"],
        ("other changes by a notice on this website",),
    ),
)

OVERRIDES = (
    Promise(
        "Cinetrum Studio reserves the right to use client photos for promotional purposes",
        lambda d: d.images.promotional_use_requires_release,
        True,
        ("only used promotionally if every person identifiable in it has a release",),
        rule="C-01",
        unsaid=("reserves the right",),
    ),
    Promise(
        "By using our website and services, you agree to this Privacy Policy.",
        lambda d: [
            p.key for p in d.purposes if p.consent and p.consent.default != "denied"
        ],
        [],
        ("is never taken as consent",),
        rule="C-05",
        unsaid=("you agree to this Privacy Policy",),
    ),
    Promise(
        "We do not sell, rent, or trade personal data.",
        lambda d: d.sells_or_shares,
        True,
        (
            'which California law calls "sharing"',
            "Do Not Sell or Share My Personal Information",
        ),
        rule="C-06",
        unsaid=("We do not sell or share your personal information.",),
    ),
    Promise(
        "We collect anonymized data through analytics tools such as Google Analytics",
        lambda d: d.purpose("analytics").legal_basis,
        "consent",
        ("Pages visited and how you use the website",),
        rule="C-07",
        unsaid=("Non-Personal", "anonymized data"),
    ),
    Promise(
        "You can manage or disable cookies through your browser settings.",
        lambda d: d.cookies.browser_settings_note,
        True,
        (
            '"Accept all" and "Reject all" side by side',
            "in addition to, not instead of",
        ),
        rule="C-08",
    ),
    Promise(
        "Our hosting provider ensures data protection and SSL encryption.",
        lambda d: d.security.transport,
        "All pages and data are served over TLS 1.2 or 1.3 (HTTPS) only.",
        ("TLS 1.2 or 1.3",),
        rule="C-11",
        unsaid=("SSL",),
    ),
    Promise(
        "No refunds are provided once a file has been downloaded.",
        lambda d: d.commerce.digital_products.withdrawal_waiver_required,
        True,
        ("acknowledged that you then lose the 14-day right of withdrawal",),
        rule="C-14",
    ),
    Promise(
        "Payment details (processed securely via third-party payment providers)",
        lambda d: d.category("user.payment").encrypted_at_rest,
        False,
        (
            "Payment references (the payment provider's ids, card brand and last four digits",
        ),
        rule="C-21",
    ),
)
