"""The plain words the published policy uses for the declaration's codes."""

LEGAL_BASES = {
    "consent": "Your consent (GDPR Art. 6(1)(a)), which you can withdraw at any time",
    "contract": "Necessary for our contract with you (GDPR Art. 6(1)(b))",
    "legal_obligation": "Necessary to meet a legal obligation (GDPR Art. 6(1)(c))",
    "legitimate_interests": "Our legitimate interests (GDPR Art. 6(1)(f)), which you can object to",
}
ROLES = {
    "processor": "Processor, acting on our instructions under a data processing agreement",
    "controller": "Independent controller, under its own privacy policy",
    "joint_controller": "Joint controller with us for the collection and transmission of the data",
    "authority": "Public authority, only where the law requires",
    "professional_adviser": "Professional adviser, bound by confidentiality",
}
MECHANISMS = {
    "adequacy": "an adequacy decision",
    "dpf": "the EU-US Data Privacy Framework (adequacy decision of 10 July 2023)",
    "scc": "the European Commission's standard contractual clauses (Decision 2021/914)",
    "idta": "the UK International Data Transfer Agreement",
    "uk_addendum": "the UK Addendum to the standard contractual clauses",
    "bcr": "binding corporate rules",
    "derogation": "a derogation of GDPR Art. 49 for this specific transfer",
}
TRIGGERS = {
    "collected": "from when it is collected",
    "account_closed": "after your account is closed",
    "last_login": "after your last sign-in",
    "last_activity": "after your last contact with us",
    "booking_completed": "after your session",
    "order_completed": "after the order is completed",
    "end_of_financial_year": "from the end of the financial year it belongs to",
    "gallery_delivered": "after your gallery is delivered",
    "request_closed": "after the request is closed",
    "consent_withdrawn": "after the consent ends or is withdrawn",
    "release_withdrawn": "after the release is withdrawn or expires",
    "unsubscribed": "after you unsubscribe",
}
# For a period of zero: the data goes the moment the trigger happens.
UNTIL = {
    "collected": "not kept after use",
    "account_closed": "until your account is closed",
    "last_login": "until your next sign-in",
    "last_activity": "until your last contact with us",
    "booking_completed": "until your session",
    "order_completed": "until the order is completed",
    "end_of_financial_year": "until the end of the financial year",
    "gallery_delivered": "until your gallery is delivered",
    "request_closed": "until the request is closed",
    "consent_withdrawn": "until the consent ends or is withdrawn",
    "release_withdrawn": "until the release is withdrawn or expires",
    "unsubscribed": "until you unsubscribe",
}
ACTIONS = {
    "delete": "Deleted",
    "anonymise": "Anonymised, so it can no longer identify you",
    "keep": "Kept even if you ask for erasure, because the law requires it; then deleted",
}
ACKNOWLEDGED_AT = {
    "sign_up": "create an account",
    "booking": "book a session",
    "checkout": "place an order",
}
# CCPA 1798.130(a)(5)(B): the categories of third parties, in plain words.
RECIPIENT_CATEGORIES = {
    "processor": "service providers (processors)",
    "controller": "independent controllers (such as payment providers)",
    "joint_controller": "advertising and social media partners",
    "authority": "public authorities",
    "professional_adviser": "professional advisers",
}
RIGHTS = {
    "access": "Access: ask for a copy of the personal data we hold about you and how we use it.",
    "rectification": "Rectification: have inaccurate or incomplete data corrected; you can also "
    "edit your account directly.",
    "erasure": "Erasure: have your data deleted, except what the law obliges us to keep (such as invoices for tax).",
    "restriction": "Restriction: have us stop using your data, except for storing it, while a dispute is resolved.",
    "portability": "Portability: receive the data you gave us in a machine-readable format (JSON), "
    "or have it sent to another service.",
    "objection": "Objection: object to processing based on our legitimate interests, and to direct "
    "marketing at any time.",
    "withdraw_consent": "Withdraw consent: at any time, as easily as you gave it; this does not "
    "affect processing before the withdrawal.",
    "complain": "Complain: lodge a complaint with a supervisory authority (see below).",
    "know": "Right to know what personal information we collect, use, disclose, sell or share, and "
    "to get a copy of it.",
    "delete": "Right to delete personal information we collected from you, subject to legal exceptions.",
    "correct": "Right to correct inaccurate personal information.",
    "opt_out_sale_sharing": "Right to opt out of the sale or sharing of your personal information, "
    "including by a Global Privacy Control signal.",
    "limit_sensitive": "Right to limit the use of your sensitive personal information.",
    "non_discrimination": "Right not to be discriminated against for using these rights: prices "
    "and service stay the same.",
}
CHANNELS = {
    "web_form": "the privacy request form",
    "account": "the privacy centre in your account",
    "email": "e-mail",
    "post": "post",
    "phone": "telephone",
    "in_person": "in person at the studio",
}
REQUIREMENTS = {
    "contract": "Needed for our contract with you",
    "statutory": "Required by law",
    "optional": "Optional",
}
CCPA_CATEGORIES = {
    "identifiers": "Identifiers",
    "customer_records": "Customer records (Cal. Civ. Code 1798.80(e))",
    "commercial_information": "Commercial information",
    "internet_activity": "Internet or other electronic network activity",
    "geolocation": "Geolocation data",
    "audio_visual": "Audio, electronic, visual or similar information",
    "professional": "Professional or employment-related information",
    "inferences": "Inferences drawn to create a profile",
    "sensitive_personal_information": "Sensitive personal information (account log-in and password)",
}
RELEASE_USES = {
    "portfolio": "our portfolio",
    "website": "our website",
    "social_media": "social media",
    "marketing": "marketing materials",
    "print_advertising": "printed advertising",
}
METADATA = {
    "gps": "GPS location",
    "camera_serial": "camera serial number",
    "original_filename": "original file name",
}
JURISDICTIONS = {
    "EU": "the European Union (GDPR)",
    "UK": "the United Kingdom (UK GDPR)",
    "US-CA": "California (CCPA)",
    "US": "the United States",
}
COUNTS = {1: "one", 2: "two", 3: "three"}
