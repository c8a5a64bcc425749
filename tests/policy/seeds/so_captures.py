"""Seed 001, SO Captures: its promises and the compliant readings it needs."""

from candid.policy.durations import Duration
from tests.policy.seeds import (
    Promise,
    bases,
    category_keys,
    channel_kinds,
    missing,
    recipient,
)

SEED = "so-captures"
OPTIONAL_USES = (
    "analytics",
    "marketing.advertising",
    "personalize",
    "third_party_sharing",
)

PROMISES = (
    Promise(
        "SO Captures Privacy and Confidentiality Policy",
        lambda d: d.policy.title,
        "Privacy and Confidentiality Policy",
        ("SO Captures Privacy and Confidentiality Policy",),
    ),
    Promise(
        "handling the personal information and images of our clients",
        lambda d: d.controller.name,
        "SO Captures",
        ("SO Captures is the controller of your personal data.",),
    ),
    Promise(
        "This may include names, contact details, and payment information.",
        lambda d: missing(
            {"user.name", "user.contact.email", "user.payment"}, category_keys(d)
        ),
        set(),
        ("E-mail address", "Payment references (the payment provider's ids"),
    ),
    Promise(
        "Information is collected directly from clients through our website, email "
        "communications, or in-person interactions.",
        lambda d: d.category("user.name").source.startswith(
            "You, through our website, by e-mail or in person"
        ),
        True,
        ("You, through our website, by e-mail or in person",),
    ),
    Promise(
        "We collect personal information necessary to book photography sessions",
        lambda d: d.purpose("session_booking").legal_basis,
        "contract",
        ("Booking photography sessions",),
    ),
    Promise(
        "process payments",
        lambda d: d.purpose("payments").data_use,
        "essential.service.payment_processing",
        ("Processing payments", "Taking payment for sessions and print orders"),
    ),
    Promise(
        "communicate with clients",
        lambda d: d.purpose("client_communication").legal_basis,
        "contract",
        ("Client communication",),
    ),
    Promise(
        "Personal information is used solely for the purpose of fulfilling our photography services",
        lambda d: [p.key for p in d.purposes if p.data_use.startswith(OPTIONAL_USES)],
        [],
        ("we use no analytics, advertising or other optional cookies",),
    ),
    Promise(
        "We may also use contact information to send promotional materials or service "
        "updates, but only with your explicit consent.",
        lambda d: (
            d.purpose("promotional_email").legal_basis,
            d.purpose("promotional_email").consent.double_opt_in,
        ),
        ("consent", True),
        (
            "Promotional materials and service updates",
            "only if you gave your explicit consent",
        ),
    ),
    Promise(
        "We implement appropriate physical, technical, and administrative measures",
        lambda d: [m.split(":")[0] for m in d.security.measures],
        ["Physical", "Technical", "Administrative"],
        (
            "Physical: cameras, memory cards",
            "Technical: contact details",
            "Administrative: staff",
        ),
    ),
    Promise(
        "Access to personal information is restricted to SO Captures personnel who need it "
        "to provide services to the client.",
        lambda d: d.security.staff_access.startswith(
            "Access to your information and images is restricted to SO Captures personnel"
        ),
        True,
        ("restricted to SO Captures personnel who need it to provide your services",),
    ),
    Promise(
        "The confidentiality of images taken during photography sessions is of utmost importance to us.",
        lambda d: d.images is not None,
        True,
        ("Images from your sessions are confidential.",),
    ),
    Promise(
        "Without explicit consent from the client, images will not be shared with third "
        "parties, published, or used for promotional purposes.",
        lambda d: d.images.promotional_use_requires_release,
        True,
        (
            "they are not shared with third parties, published or used for promotional purposes",
        ),
    ),
    Promise(
        "Clients will be asked to sign a model release form if their images are to be used "
        "for SO Captures' portfolio, website, or marketing materials.",
        lambda d: d.images.release_uses,
        ["portfolio", "website", "marketing"],
        ("appear in our portfolio, our website or marketing materials",),
    ),
    Promise(
        "This is entirely voluntary.",
        lambda d: (
            d.purpose("portfolio").legal_basis,
            d.purpose("portfolio").consent.default,
        ),
        ("consent", "denied"),
        ("Signing is entirely voluntary",),
    ),
    Promise(
        "Images may be shared with third-party vendors (e.g., printing services) only as "
        "necessary to fulfill product orders requested by the client.",
        lambda d: (
            d.images.print_vendor_purpose,
            recipient(d, "print_vendor").purposes,
        ),
        ("print_orders", ["print_orders"]),
        (
            "the printing service receives only the files you ordered and the delivery details it needs",
        ),
    ),
    Promise(
        "These vendors are also committed to protecting your information and confidentiality.",
        lambda d: (
            recipient(d, "print_vendor").role,
            recipient(d, "print_vendor").contract.dpa_signed_on is not None,
        ),
        ("processor", True),
        ("under a contract that binds it to confidentiality",),
    ),
    Promise(
        "Clients will have access to their images through a secure, password-protected online gallery.",
        lambda d: d.images.gallery_password_protected,
        True,
        ("a private, password-protected online gallery",),
    ),
    Promise(
        "Sharing of this access is at the discretion of the client.",
        lambda d: d.images.share_link_lifetime,
        Duration(30, "days"),
        ("You decide whom to share it with", "can be revoked at any time"),
    ),
    Promise(
        "Personal information and images are retained only as long as necessary to fulfill "
        "the purposes for which they were collected",
        lambda d: category_keys(d) - {r.category for r in d.retention},
        set(),
        ("Your gallery stays online for 12 months after delivery",),
    ),
    Promise(
        "including any legal, accounting, or reporting requirements",
        lambda d: sorted(
            r.category or r.record for r in d.retention if r.action == "keep"
        ),
        [
            "invoice",
            "marketing_suppression",
            "user.behavior.purchase_history",
            "user.payment",
        ],
        ("Legal obligation: Tax and accounting law",),
    ),
    Promise(
        "Clients may request the deletion of their personal information or images",
        lambda d: "erasure" in d.rights.offered,
        True,
        ("Erasure: have your data deleted",),
    ),
    Promise(
        "subject to any legal obligations to retain data",
        lambda d: (
            d.category("user.payment").key
            in {r.category for r in d.retention if r.action == "keep"}
        ),
        True,
        ("except what the law obliges us to keep",),
    ),
    Promise(
        "SO Captures reserves the right to update this policy as necessary.",
        lambda d: d.changes.other,
        ["site_notice"],
        ("other changes by a notice on this website",),
    ),
    Promise(
        "Clients will be notified of any significant changes affecting the handling of their "
        "personal information or images.",
        lambda d: d.changes.significant,
        ["email", "site_notice"],
        (
            "by an e-mail to every client",
            "significant changes to how we handle your personal information or images",
        ),
    ),
    Promise(
        "clients acknowledge they have read and understood this Privacy and Confidentiality Policy",
        lambda d: d.policy.acknowledged_at,
        ["booking"],
        (
            "When you book a session, we ask you to confirm that you have read this policy.",
        ),
    ),
    Promise(
        "in-person interactions",
        lambda d: "in_person" in channel_kinds(d),
        True,
        ("In person at the studio",),
    ),
)

OVERRIDES = (
    Promise(
        "please contact us at:",
        lambda d: d.controller.email,
        "privacy@socaptures.example",
        ("Questions about this policy or your data: privacy@socaptures.example",),
        rule="C-20",
    ),
    Promise(
        "agree to its terms",
        lambda d: [p.key for p in d.purposes if p.legal_basis == "consent"],
        ["promotional_email", "portfolio"],
        ("it is not consent to any processing", "is never taken as consent"),
        rule="C-05",
        unsaid=("agree to its terms",),
    ),
    Promise(
        "service updates, but only with your explicit consent",
        lambda d: [(m.key, m.purpose) for m in d.communications.marketing],
        [("promotions", "promotional_email"), ("service_updates", "promotional_email")],
        ("Service updates: new kinds of sessions and products we think you may like.",),
        rule="C-02",
    ),
    Promise(
        "send promotional materials or service updates",
        lambda d: (
            d.communications.soft_opt_in,
            d.purpose("promotional_email").consent.default,
        ),
        (False, "denied"),
        ("Marketing messages, only if you opted in.",),
        rule="C-12",
    ),
    Promise(
        "used for promotional purposes",
        lambda d: d.purpose("portfolio").consent.withdraw_via,
        ["privacy_centre"],
        (
            "can be withdrawn at any time; an image is only used promotionally if every person",
        ),
        rule="C-01",
    ),
    Promise(
        "retained only as long as necessary",
        lambda d: [
            str(r.period)
            for r in d.retention
            if r.category == "user.content.self_image"
        ],
        ["12 months"],
        ("12 months after your gallery is delivered",),
        rule="C-13",
        unsaid=("as long as necessary",),
    ),
    Promise(
        "process payments",
        lambda d: d.category("user.payment").source,
        "Our payment provider, after you pay on its secure page.",
        ("never reach or stay on our servers",),
        rule="C-21",
    ),
    Promise(
        "We collect personal information necessary to book photography sessions",
        lambda d: bases(d, "access_security"),
        ["legitimate_interests"],
        (
            "Protecting access to your account and gallery: our legitimate interest is this.",
        ),
        rule="LAW-02",
    ),
)
