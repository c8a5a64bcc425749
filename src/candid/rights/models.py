import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from candid.vault.fields import EncryptedJSONField, EncryptedTextField

EMAIL = "user.contact.email"
NAME = "user.name"
PREFERENCES = "user.privacy_preferences"


class RequestType(models.TextChoices):
    # GDPR / UK GDPR (Arts 15-21, 7(3))
    ACCESS = "access", "Access to my data"
    RECTIFICATION = "rectification", "Correct my data"
    ERASURE = "erasure", "Erase my data"
    RESTRICTION = "restriction", "Restrict the use of my data"
    PORTABILITY = "portability", "A portable copy of my data"
    OBJECTION = "objection", "Object to a use of my data"
    WITHDRAW_CONSENT = "withdraw_consent", "Withdraw my consent"
    # California (CCPA as amended by CPRA)
    KNOW = "know", "Know what personal information is held (California)"
    DELETE = "delete", "Delete my personal information (California)"
    CORRECT = "correct", "Correct my personal information (California)"
    OPT_OUT_SALE_SHARING = "opt_out_sale_sharing", "Do not sell or share (California)"
    LIMIT_SENSITIVE = (
        "limit_sensitive",
        "Limit use of sensitive information (California)",
    )


class Channel(models.TextChoices):
    WEB_FORM = "web_form", "Web form"
    ACCOUNT = "account", "Signed-in account"
    EMAIL = "email", "E-mail"
    POST = "post", "Post"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    STAFF = "staff", "Entered by staff"


class State(models.TextChoices):
    RECEIVED = "received", "Received"
    VERIFYING = "verifying", "Verifying identity"
    IN_PROGRESS = "in_progress", "In progress"
    EXTENDED = "extended", "Extended"
    COMPLETED = "completed", "Completed"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class VerificationMethod(models.TextChoices):
    NOT_REQUIRED = "not_required", "Not required (opt-out)"
    EMAIL_CODE = "email_code", "One-time code to the e-mail address"
    PASSWORD = "password", "Signed in and re-entered the password"
    STAFF_CHECKED = "staff_checked", "Checked by staff"
    EMAIL_AND_DATA = "email_and_data", "One-time code and matching data points"


class VerificationOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    VERIFIED = "verified", "Verified"
    LOCKED = "locked", "Locked after too many wrong codes"
    STAFF_REVIEW = "staff_review", "Waiting for staff to check the identity"


class KnowScope(models.TextChoices):
    """What a California request to know asks for (CCPA regs §7062(b)-(c))."""

    CATEGORIES = "categories", "The categories of information you hold about me"
    SPECIFIC = "specific", "The specific pieces of information you hold about me"


class RefusalBasis(models.TextChoices):
    MANIFESTLY_UNFOUNDED = "manifestly_unfounded", "Manifestly unfounded"
    EXCESSIVE = "excessive", "Excessive"


class Request(models.Model):
    """One data-subject request, whatever channel it came by, and its log (DSR-14).

    `subject_id` is the requester's data subject: a signed-in client's own, or a new
    one made for a requester without an account. `received_at` is the first receipt
    anywhere in the studio, which staff may enter for a letter or a call (DSR-01),
    e.g. 2026-01-15 09:10 UTC; `clock_started_at` is when the response clock
    started (the receipt, or in the UK the identity information, Art. 12A) and
    `paused_days` the days spent waiting for the requester to narrow the request.
    `due_on` is the current due date; `extended_on`, `extension_reason` and
    `extension_notice_sent_at` record an extension. `contact_email` ("ana@example.com"),
    `details` (what the requester asks) and `agent_proof` (an authorised agent's
    proof, e.g. "signed letter of authority") are encrypted under the subject's key.
    The one-time code is kept only as a keyed hash (`code_hash`) until
    `code_expires_at`; `code_attempts` counts wrong codes and wrong data points.
    Requests that disclose or delete data also need `data_points_required` further
    data points the studio holds (a phone number's last digits, a booking date),
    and in California a `declaration_required` signed under penalty of perjury
    (DSR-05): `email_confirmed_at` is when the code was right,
    `data_points_matched` how many points matched, `declaration_signed_at` and
    `declaration_signature` (the typed name) the declaration. `scope` says
    whether a California request to know asks for categories or specific pieces.
    An authorised agent (`agent_name`, `agent_email`) gives a proof: a
    description (`agent_proof`), an uploaded document stored encrypted
    (`agent_proof_file`, a storage name) or staff's attestation; staff confirm it
    (`agent_confirmed_at`, `agent_confirmed_by`). `verified_at` is set only when
    every check the request needs is done. The export link of an
    answered access request is kept only as a keyed hash (`export_token_hash`)
    until `export_expires_at`. A refusal or fee names a
    basis, a written reason and the staff member who decided (DSR-06).
    A correction or restriction is passed on to the recipients of the data (Art.
    19): `passed_on` holds what they need until the last of them is done, e.g.
    {"email": "ana@example.com", "changes": [{"field": "full_name", "label":
    "name", "category": "user.name", "value": "Ana Souza"}]}, or for a
    restriction {"email": ..., "categories": ["user.contact"]} (null: all).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subject_id = models.UUIDField(db_index=True)
    type = models.CharField(max_length=32, choices=RequestType.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    jurisdiction = models.CharField(max_length=8)
    state = models.CharField(
        max_length=16, choices=State.choices, default=State.RECEIVED
    )
    received_at = models.DateTimeField()
    clock_started_at = models.DateTimeField()
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0)
    due_on = models.DateField(db_index=True)
    confirm_receipt_by = models.DateField(null=True, blank=True)
    receipt_confirmed_at = models.DateTimeField(null=True, blank=True)
    contact_email = EncryptedTextField(subject_field="subject_id", null=True)
    details = EncryptedTextField(subject_field="subject_id", null=True, blank=True)
    on_behalf = models.BooleanField(default=False)
    agent_proof = EncryptedTextField(subject_field="subject_id", null=True, blank=True)
    agent_name = EncryptedTextField(subject_field="subject_id", null=True, blank=True)
    agent_email = EncryptedTextField(subject_field="subject_id", null=True, blank=True)
    agent_proof_file = models.CharField(max_length=255, blank=True, default="")
    agent_confirmed_at = models.DateTimeField(null=True, blank=True)
    agent_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scope = models.CharField(
        max_length=16, choices=KnowScope.choices, blank=True, default=""
    )
    data_points_required = models.PositiveSmallIntegerField(default=0)
    declaration_required = models.BooleanField(default=False)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    data_points_matched = models.PositiveSmallIntegerField(default=0)
    declaration_signed_at = models.DateTimeField(null=True, blank=True)
    declaration_signature = EncryptedTextField(
        subject_field="subject_id", null=True, blank=True
    )
    verification_method = models.CharField(
        max_length=16, choices=VerificationMethod.choices, blank=True, default=""
    )
    verification_outcome = models.CharField(
        max_length=16, choices=VerificationOutcome.choices, blank=True, default=""
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    code_hash = models.CharField(max_length=64, blank=True, default="")
    code_expires_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    extended_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True, default="")
    extension_notice_sent_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    refusal_basis = models.CharField(
        max_length=32, choices=RefusalBasis.choices, blank=True, default=""
    )
    refusal_reason = models.TextField(blank=True, default="")
    fee_amount = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reminded_for = models.DateField(null=True, blank=True)
    export_token_hash = models.CharField(
        max_length=64, blank=True, default="", db_index=True
    )
    export_expires_at = models.DateTimeField(null=True, blank=True)
    passed_on = EncryptedJSONField(subject_field="subject_id", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "subject_id"
        fields = {
            "id": None,
            "subject_id": None,
            # That a person asked, and for what, is a privacy choice of theirs.
            "type": PREFERENCES,
            "channel": None,
            "jurisdiction": None,
            "state": None,
            "received_at": None,
            "clock_started_at": None,
            "paused_at": None,
            "paused_days": None,
            "due_on": None,
            "confirm_receipt_by": None,
            "receipt_confirmed_at": None,
            "contact_email": EMAIL,
            "details": PREFERENCES,
            "on_behalf": None,
            "agent_proof": PREFERENCES,
            # The agent's name and address, held with the request they made.
            "agent_name": NAME,
            "agent_email": EMAIL,
            # A random storage name; the document itself is encrypted.
            "agent_proof_file": None,
            "agent_confirmed_at": None,
            # The staff member accountable for the check, not the subject's data.
            "agent_confirmed_by": None,
            "scope": None,
            "data_points_required": None,
            "declaration_required": None,
            "email_confirmed_at": None,
            "data_points_matched": None,
            "declaration_signed_at": None,
            # The requester's typed name under the declaration.
            "declaration_signature": NAME,
            "verification_method": None,
            "verification_outcome": None,
            "verified_at": None,
            # A keyed hash of a random code: it identifies no one.
            "code_hash": None,
            "code_expires_at": None,
            "code_attempts": None,
            "extended_on": None,
            # Staff's reasons about the request, written for the requester's letter.
            "extension_reason": PREFERENCES,
            "extension_notice_sent_at": None,
            "responded_at": None,
            "refusal_basis": None,
            "refusal_reason": PREFERENCES,
            "fee_amount": None,
            # The staff member accountable for the decision, not the subject's data.
            "decided_by": None,
            "reminded_for": None,
            # A keyed hash of the random export-link token: it identifies no one.
            "export_token_hash": None,
            "export_expires_at": None,
            # The address recipients know the person by, and corrected values.
            "passed_on": "user.contact.email",
            "created_at": None,
        }

    class Retention:
        record = "rights_request"
        triggers = {"request_closed": "responded_at"}

    class Meta:
        ordering = ["due_on", "received_at"]
        permissions = [
            ("decide_request", "Can extend, refuse or charge a fee for a request"),
            ("confirm_agent", "Can view and confirm an authorised agent's proof"),
        ]

    def __str__(self) -> str:
        # Never the address: this string ends up in logs and admin messages.
        return f"{self.get_type_display()} request {self.id}"

    @property
    def open(self) -> bool:
        return self.state not in CLOSED_STATES


CLOSED_STATES = frozenset({State.COMPLETED, State.REFUSED, State.WITHDRAWN})


class IntakeAttempt(models.Model):
    """One request filed or code sent from the public pages, kept to limit the rate.

    `address_hash` is the keyed hash of the e-mail address the code goes to,
    `network_hash` that of the caller's /24 (IPv4) or /64 (IPv6) network, `at`
    when. Only `at` is indexed: rows are written in time order and deleted once
    older than the counting window.
    """

    address_hash = models.CharField(max_length=64)
    network_hash = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class PersonalData:
        # No subject by design: keyed hashes, often of no account, kept an hour.
        subject = None
        fields = {"address_hash": None, "network_hash": None, "at": None}

    def __str__(self) -> str:
        return f"Request intake at {self.at:%Y-%m-%d %H:%M}"


# The erasure's records live in their own module (imported here so Django sees them).
from candid.rights.erasure_models import (  # noqa: E402, F401
    FINISHED_PROPAGATIONS,
    ErasureJob,
    ErasureStage,
    Propagation,
    PropagationAction,
    PropagationState,
)
