"""Seed 002, 3D Studio Production: its promises (overrides in the sibling module)."""

from collections import Counter

from candid.policy.durations import Duration
from tests.policy.seeds import Promise, category_keys, channel_kinds, missing, recipient
from tests.policy.seeds.three_d_studio_production_overrides import OVERRIDES

SEED = "3d-studio-production"


def _most_common_basis(d) -> str:
    return Counter(p.legal_basis for p in d.purposes).most_common(1)[0][0]


PROMISES = (
    Promise(
        "All personal data is collected and processed in accordance with United Kingdom and "
        "EU data protection laws.",
        lambda d: sorted(d.jurisdiction_codes),
        ["EU", "UK"],
        ("The United Kingdom (UK GDPR)", "The European Union (GDPR)"),
    ),
    Promise(
        '3D Studio Production is the "data controller" of all personal information',
        lambda d: (d.controller.name, d.controller.established_in),
        ("3D Studio Production", "UK"),
        ("3D Studio Production is the controller of your personal data.",),
    ),
    Promise(
        "We will be clear and transparent about the information we are collecting",
        lambda d: "clear and transparent" in d.controller.description,
        True,
        ("will be clear and transparent about the information we collect",),
    ),
    Promise(
        "such as your name, contact details, order number, payment details",
        lambda d: missing(
            {
                "user.name",
                "user.contact.email",
                "user.payment",
                "user.behavior.purchase_history",
            },
            category_keys(d),
        ),
        set(),
        ("Order numbers", "Payment details (the payment provider's references"),
    ),
    Promise(
        "Name, home address, e-mail address, telephone number or other payment details",
        lambda d: [
            d.category(k).label
            for k in ("user.contact.address", "user.contact.phone_number")
        ],
        ["Home address", "Telephone number"],
        ("Home address", "Telephone number"),
    ),
    Promise(
        "Information about your purchases of our trusted partners' products and services",
        lambda d: (
            "trusted partners'" in d.category("user.behavior.purchase_history").label
        ),
        True,
        ("your purchases of our and our trusted partners' products and services",),
    ),
    Promise(
        "Information about your use of our website",
        lambda d: d.category("user.behavior.browsing_history").requirement,
        "optional",
        ("Information about your use of our website",),
    ),
    Promise(
        "The communications you exchange with us or direct to us via letters, emails, chat "
        "service, calls, and social media.",
        lambda d: d.category("user.content.private").encrypted_at_rest,
        True,
        ("by letter, e-mail, chat, telephone or social media",),
    ),
    Promise(
        "Location, such as IP Address.",
        lambda d: d.category("user.device.ip_address").label,
        "Location, such as IP address",
        ("Location, such as IP address",),
    ),
    Promise(
        "participate in a survey or competition",
        lambda d: [
            d.purpose("customer_surveys").legal_basis,
            d.purpose("competitions").legal_basis,
        ],
        ["legitimate_interests", "contract"],
        ("Customer surveys", "Running a competition you enter"),
    ),
    Promise(
        "Providing products and services you request",
        lambda d: d.purpose("service_provision").legal_basis,
        "contract",
        ("Providing products and services you request",),
    ),
    Promise(
        "we send you communications about the services you have asked for",
        lambda d: d.purpose("service_contact").data_use,
        "essential.service.notifications.email",
        ("Contacting you about the services you asked for",),
    ),
    Promise(
        "in order to deal with a dispute or claim",
        lambda d: d.purpose("legal_claims").legal_basis,
        "legitimate_interests",
        ("Dealing with a dispute or claim",),
    ),
    Promise(
        "we may pass your information to government authorities or enforcement bodies for "
        "compliance with legal requirements",
        lambda d: (
            d.purpose("legal_compliance").legal_basis,
            recipient(d, "authorities").role,
        ),
        ("legal_obligation", "authority"),
        ("Government authorities, law enforcement bodies and regulators",),
    ),
    Promise(
        "we use your data to manage our relationship with you as our customer",
        lambda d: d.purpose("customer_service").legal_basis,
        "contract",
        ("Managing our relationship with you as our customer",),
    ),
    Promise(
        "from time to time we will contact you with information about promotions and "
        "ancillary products via e-communications",
        lambda d: d.purpose("marketing_email").legal_basis,
        "consent",
        ("Promotions and ancillary products.",),
    ),
    Promise(
        "You will have the choice to opt in or opt out of receiving such communications by "
        "indicating your choice or updating your account settings.",
        lambda d: d.purpose("marketing_email").consent.withdraw_via,
        ["privacy_centre", "unsubscribe_link"],
        ("opt out in your account settings or with the unsubscribe link",),
    ),
    Promise(
        "We will only process your personal data where we have a legal basis to do so.",
        lambda d: [p.key for p in d.purposes if p.legal_basis is None],
        [],
        ("Legal basis",),
    ),
    Promise(
        "In most cases we will need to process your personal data so we can perform service for you.",
        _most_common_basis,
        "contract",
        ("Necessary for our contract with you (GDPR Art. 6(1)(b))",),
    ),
    Promise(
        "if we can anonymise your personal data so that it can no longer be associated with you",
        lambda d: [r.category for r in d.retention if r.action == "anonymise"],
        ["user.behavior.browsing_history"],
        ("Anonymised, so it can no longer identify you",),
    ),
    Promise(
        "stored in compliance with Payment Card Industry Data Security Standards (PCI DSS)",
        lambda d: "(PCI DSS)" in d.security.card_data,
        True,
        ("Payment Card Industry Data Security Standard (PCI DSS)",),
    ),
    Promise(
        "We require all third parties to have appropriate technical and operational security measures",
        lambda d: [
            r.key
            for r in d.recipients
            if r.role == "processor" and r.contract.dpa_signed_on is None
        ],
        [],
        ("Processor, acting on our instructions under a data processing agreement",),
    ),
    Promise(
        "Credit and debit card companies which facilitate your payments to us, and anti-fraud screening",
        lambda d: (recipient(d, "stripe").purposes, recipient(d, "card_schemes").role),
        (["payments", "crime_prevention"], "controller"),
        ("Card schemes and your card issuer", "refunds and anti-fraud screening"),
    ),
    Promise(
        "Legal and other professional advisers",
        lambda d: recipient(d, "legal_advisers").role,
        "professional_adviser",
        (
            "Legal and other professional advisers",
            "Professional adviser, bound by confidentiality",
        ),
    ),
    Promise(
        "we will obtain the personal information you choose to share with us through these "
        "social media services",
        lambda d: d.accounts.social_login_fields,
        ["user.name", "user.contact.email"],
        (
            "If you sign in with Google or Facebook, we receive only: Name; E-mail address.",
        ),
    ),
    Promise(
        "We may also use social media plugins on our website.",
        lambda d: (
            d.cookies.categories[4].key,
            d.purpose("social_plugins").legal_basis,
        ),
        ("social", "consent"),
        ("Social media (only with your consent)",),
    ),
    Promise(
        "your information will be shared with your social media provider and possibly "
        "presented on your social media profile",
        lambda d: recipient(d, "social_media").role,
        "joint_controller",
        ("may appear on your social media profile",),
    ),
    Promise(
        "children under 18 will not be permitted to open a account",
        lambda d: d.accounts.minimum_age,
        18,
        ("You must be at least 18 to open an account.",),
    ),
    Promise(
        "We will delete any account created by a child under 18, as soon as we are made aware of it.",
        lambda d: d.accounts.minimum_age > d.jurisdiction("UK").digital_age_of_consent,
        True,
        ("We delete any account opened by someone younger as soon as we learn of it",),
    ),
    Promise(
        "This option will only apply to the computer / device and the browser that you're "
        "using when you select the box.",
        lambda d: d.accounts.keep_me_logged_in,
        Duration(30, "days"),
        (
            'If you tick "keep me logged in", you stay signed in on that browser and device only',
        ),
    ),
    Promise(
        "simply sign out of account on that browser",
        lambda d: d.cookies.categories[0].cookies[0].name,
        "sessionid",
        ("lets you sign out of each",),
    ),
    Promise(
        "You can change the personal data in your account directly in the account.",
        lambda d: ("account" in channel_kinds(d), "rectification" in d.rights.offered),
        (True, True),
        ("You can change the personal data in your account directly.",),
    ),
    Promise(
        "Any changes made by you will only show in orders made after these changes have been "
        "made and not in existing orders.",
        lambda d: d.category("user.behavior.purchase_history").requirement,
        "contract",
        (
            "Changes apply to future orders; orders already placed keep the details they were placed with.",
        ),
    ),
    Promise(
        "We keep your personal information contained in your account for as long as you hold the account.",
        lambda d: [r.trigger for r in d.retention if r.category == "user.name"],
        ["account_closed"],
        ("30 days after your account is closed",),
    ),
    Promise(
        "general retention periods apply to any personal data we collect to enter into a "
        "contract with you or to perform that contract or because we have a legal obligation",
        lambda d: [str(r.period) for r in d.retention if r.record == "invoice"],
        ["6 years"],
        ("Legal obligation: UK company and tax law (Companies Act 2006 s. 388",),
    ),
    Promise(
        "This may include cookies of media and advertising partners",
        lambda d: (
            d.cookies.categories[3].key,
            d.cookies.categories[3].sale_or_sharing,
        ),
        ("advertising", True),
        ("Media and advertising partners (only with your consent)",),
    ),
    Promise(
        "We use tracking software to monitor customer traffic patterns and site usage",
        lambda d: d.purpose("analytics").legal_basis,
        "consent",
        (
            "Monitoring traffic patterns and site usage to develop the design and layout",
        ),
    ),
    Promise(
        'Requests to unsubscribe from our mailing list can be made by clicking on the "unsubscribe" link',
        lambda d: d.purpose("marketing_email").unsubscribe.link_in_every_message,
        True,
        ("the unsubscribe link in every marketing e-mail",),
    ),
    Promise(
        "You will not have to pay a fee to access your personal information",
        lambda d: d.rights.fees.default,
        0,
        ("Making a request is free.",),
    ),
    Promise(
        "we may charge a reasonable fee if your request for access is clearly unfounded or "
        "excessive. Alternatively, we may refuse",
        lambda d: d.rights.fees.unfounded_or_excessive,
        "refuse_or_reasonable_fee",
        (
            "we may charge a reasonable fee based on our administrative costs, or refuse",
        ),
    ),
    Promise(
        "the need to verify your identity before we can act on your request",
        lambda d: (
            d.jurisdiction("UK").response.clock_starts_at_identity,
            d.rights.verification.extra_data_points,
        ),
        (True, 1),
        ("or, if later, the information we asked for to confirm your identity",),
    ),
    Promise(
        "by way of an e-mail or a notice on our website",
        lambda d: d.changes.significant,
        ["email", "site_notice"],
        ("by an e-mail to every client and a notice on this website",),
    ),
    Promise(
        "you can change these browser settings by accepting, rejecting and deleting cookies",
        lambda d: d.cookies.browser_settings_note,
        True,
        ("Your browser settings can also block or delete cookies",),
    ),
)

__all__ = ["OVERRIDES", "PROMISES", "SEED"]
