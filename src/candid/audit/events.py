"""Audit event types: stable codes, grouped by app, each app in a reserved range.

Every row of the audit log names what happened with one of these codes, e.g.
`vault.key_destroyed`, stored in `AuditEvent.action`. As in Zulip's realm audit log,
each type also has a number inside its app's reserved range (vault 300-399, consent
400-499, ...), so the types of one app stay together and a number or code, once given,
is never given again: a retired type moves to RETIRED and keeps both.

The log records access to and changes of personal data (SEC-07) but never the values
themselves: recorders pass ids, field names and category, purpose and action keys.
An app adds its types here, in its own range, and writes one recorder per type in its
own `events.py` (STYLE §2).
"""

from __future__ import annotations

from dataclasses import dataclass

from candid.audit.exceptions import AuditEntryInvalid

# Each app owns the numbers of its range; the studio apps' ranges are reserved for
# the types they will add.
RANGES: dict[str, range] = {
    "audit": range(100, 200),
    "datamap": range(200, 300),
    "vault": range(300, 400),
    "consent": range(400, 500),
    "data": range(500, 600),  # access to and change of personal data, by any app
    "rights": range(600, 700),
    "retention": range(700, 800),
    "registry": range(800, 900),
    "notices": range(900, 1000),
    "accounts": range(1000, 1100),
    "bookings": range(1100, 1200),
    "shop": range(1200, 1300),
    "galleries": range(1300, 1400),
    "mail": range(1400, 1500),
    "web": range(1500, 1600),
}


@dataclass(frozen=True)
class EventType:
    """One kind of audit event: its stable number and code, and what it records."""

    number: int
    code: str
    description: str

    @property
    def app(self) -> str:
        return self.code.partition(".")[0]

    def __str__(self) -> str:
        return self.code


def _type(number: int, code: str, description: str) -> EventType:
    return EventType(number=number, code=code, description=description)


# audit
AUDIT_CHAIN_PRUNED = _type(
    101,
    "audit.chain_pruned",
    "Events up to a sequence number were dropped; this checkpoint keeps the hash of "
    "the last one, so the chain still verifies from here.",
)

# datamap
DATAMAP_SUBJECT_CREATED = _type(
    201, "datamap.subject_created", "A data subject was created."
)

# vault
VAULT_KEY_CREATED = _type(
    301, "vault.key_created", "A data subject's data key was created."
)
VAULT_KEY_DESTROYED = _type(
    302,
    "vault.key_destroyed",
    "A data subject's data key was destroyed: their encrypted data is unreadable "
    "everywhere, backups included (crypto-shredding).",
)
VAULT_MASTER_KEY_ROTATED = _type(
    303,
    "vault.master_key_rotated",
    "The data keys were re-wrapped under a new master key.",
)

# consent
CONSENT_GRANTED = _type(401, "consent.granted", "Consent to a purpose was given.")
CONSENT_WITHDRAWN = _type(
    402, "consent.withdrawn", "Consent to a purpose was withdrawn."
)
CONSENT_REFUSED = _type(
    403, "consent.refused", "Consent to a purpose was asked for and refused."
)
CONSENT_GPC_HONOURED = _type(
    404,
    "consent.gpc_honoured",
    "A Global Privacy Control signal opted the visitor out of sale and sharing.",
)

# data: every use of personal data, whichever app holds it
DATA_READ = _type(
    501, "data.read", "Staff read a subject's personal data, for a purpose."
)
DATA_USED = _type(
    502, "data.used", "Personal data was used for a purpose the gate allowed."
)
DATA_USE_DENIED = _type(
    503,
    "data.use_denied",
    "A use of personal data was refused: undeclared purpose, no consent, an upheld "
    "objection or a restriction.",
)
DATA_CREATED = _type(504, "data.created", "Personal data was collected and stored.")
DATA_CHANGED = _type(505, "data.changed", "Personal data was changed.")
DATA_DELETED = _type(506, "data.deleted", "Personal data was deleted.")
DATA_EXPORTED = _type(507, "data.exported", "Personal data was exported.")
DATA_DISCLOSED = _type(
    508, "data.disclosed", "Personal data was disclosed to a processor or recipient."
)

# rights
RIGHTS_REQUEST_RECEIVED = _type(
    601, "rights.request_received", "A data-subject request was received."
)
RIGHTS_IDENTITY_VERIFIED = _type(
    602, "rights.identity_verified", "The requester's identity was verified."
)
RIGHTS_DEADLINE_EXTENDED = _type(
    603, "rights.deadline_extended", "A request's deadline was extended."
)
RIGHTS_REQUEST_REFUSED = _type(
    604, "rights.request_refused", "A request was refused, with its reason."
)
RIGHTS_ACCESS_DELIVERED = _type(
    605, "rights.access_delivered", "An access or portability export was delivered."
)
RIGHTS_RECTIFICATION_COMPLETED = _type(
    606, "rights.rectification_completed", "Personal data was rectified on request."
)
RIGHTS_ERASURE_COMPLETED = _type(
    607, "rights.erasure_completed", "A subject's data was erased on request."
)
RIGHTS_RESTRICTION_APPLIED = _type(
    608, "rights.restriction_applied", "Processing of a subject's data was restricted."
)
RIGHTS_OBJECTION_UPHELD = _type(
    609, "rights.objection_upheld", "An objection to processing was upheld."
)
RIGHTS_ERASURE_PROPAGATED = _type(
    610,
    "rights.erasure_propagated",
    "An erasure was passed on to a processor or recipient.",
)
RIGHTS_VERIFICATION_CODE_SENT = _type(
    611, "rights.verification_code_sent", "A one-time code was e-mailed to a requester."
)
RIGHTS_VERIFICATION_FAILED = _type(
    612, "rights.verification_failed", "A wrong or expired one-time code was entered."
)
RIGHTS_VERIFICATION_LOCKED = _type(
    613,
    "rights.verification_locked",
    "Verification locked after the declared number of wrong codes.",
)
RIGHTS_REQUEST_STATE_CHANGED = _type(
    614, "rights.request_state_changed", "A request moved to another state."
)
RIGHTS_FEE_REQUESTED = _type(
    615,
    "rights.fee_requested",
    "A fee was asked for a manifestly unfounded or excessive request, with its reason.",
)
RIGHTS_CLOCK_PAUSED = _type(
    616,
    "rights.clock_paused",
    "The response clock paused while the requester was asked to narrow the request.",
)
RIGHTS_CLOCK_RESUMED = _type(
    617, "rights.clock_resumed", "The response clock resumed after clarification."
)
RIGHTS_RECEIPT_CONFIRMED = _type(
    618,
    "rights.receipt_confirmed",
    "Receipt of a request was confirmed to the requester.",
)
RIGHTS_REMINDER_SENT = _type(
    619, "rights.reminder_sent", "Staff were reminded of a request's coming deadline."
)
# rights: identity checks of requesters and agents (640-649)
RIGHTS_EMAIL_CONFIRMED = _type(
    640,
    "rights.email_confirmed",
    "A requester entered the right one-time code: the address is theirs.",
)
RIGHTS_DATA_POINTS_MATCHED = _type(
    641,
    "rights.data_points_matched",
    "A requester matched the data points their request needs.",
)
RIGHTS_DECLARATION_SIGNED = _type(
    642,
    "rights.declaration_signed",
    "A requester signed a declaration under penalty of perjury (CCPA).",
)
RIGHTS_AGENT_CONFIRMED = _type(
    643,
    "rights.agent_confirmed",
    "Staff confirmed an authorised agent's proof of authority.",
)
RIGHTS_STAFF_CHECK_ASKED = _type(
    644,
    "rights.staff_check_asked",
    "A requester asked staff to check their identity another way.",
)
# rights: erasure, its propagation, and the other rights' fulfilment (650-669)
RIGHTS_ERASURE_STARTED = _type(
    650,
    "rights.erasure_started",
    "An erasure started: sign-in ended, consents withdrawn, key destroyed.",
)
RIGHTS_ERASURE_BATCH = _type(
    651,
    "rights.erasure_batch",
    "A batch of an erased subject's rows was deleted or kept minimised.",
)
RIGHTS_PROPAGATION_ATTESTED = _type(
    652,
    "rights.propagation_attested",
    "Staff attested that a recipient erased the subject.",
)
RIGHTS_OPT_OUT_HONOURED = _type(
    653,
    "rights.opt_out_honoured",
    "A California opt-out of sale or sharing (or a GPC signal) was honoured.",
)
RIGHTS_PROPAGATION_FAILED = _type(
    654,
    "rights.propagation_failed",
    "Passing an erasure on to a recipient failed; it will be retried.",
)
RIGHTS_RECIPIENT_TOLD = _type(
    655,
    "rights.recipient_told",
    "A correction or restriction was passed on to a recipient (Art. 19).",
)
RIGHTS_RESTRICTION_LIFT_ANNOUNCED = _type(
    656,
    "rights.restriction_lift_announced",
    "A restriction's end was set and the person told before it ends (Art. 18(3)).",
)

# retention
RETENTION_SWEPT = _type(
    701, "retention.swept", "A retention sweep deleted or anonymised expired data."
)
RETENTION_HOLD_PLACED = _type(702, "retention.hold_placed", "A legal hold was placed.")
RETENTION_HOLD_RELEASED = _type(
    703, "retention.hold_released", "A legal hold was released."
)

# registry
REGISTRY_BREACH_RECORDED = _type(
    801, "registry.breach_recorded", "A personal data breach was recorded."
)
REGISTRY_BREACH_NOTIFIED = _type(
    802,
    "registry.breach_notified",
    "A breach was notified to the authority or the people affected.",
)
REGISTRY_BREACH_UPDATED = _type(
    803,
    "registry.breach_updated",
    "A breach record's facts, risk assessment or decisions were updated.",
)
REGISTRY_BREACH_SUBJECTS_COUNTED = _type(
    804,
    "registry.breach_subjects_counted",
    "The people and records a breach affects were counted from the data map.",
)
REGISTRY_BREACH_NOTICE_DRAFTED = _type(
    805,
    "registry.breach_notice_drafted",
    "A notification of a breach to the authority or the people affected was drafted.",
)
REGISTRY_BREACH_NOTICE_APPROVED = _type(
    806,
    "registry.breach_notice_approved",
    "Staff approved a drafted breach notice for sending.",
)
REGISTRY_BREACH_REMINDER_SENT = _type(
    807,
    "registry.breach_reminder_sent",
    "Staff were reminded of a breach's 72-hour notification deadline.",
)
REGISTRY_BREACH_CLOSED = _type(808, "registry.breach_closed", "A breach was closed.")
REGISTRY_PROCESSOR_TERMS_RECORDED = _type(
    809,
    "registry.processor_terms_recorded",
    "The Art. 28(3) terms of a processor's contract were recorded.",
)

# notices
NOTICES_POLICY_PUBLISHED = _type(
    901, "notices.policy_published", "A privacy policy version was published."
)
NOTICES_CHANGE_NOTICE_SENT = _type(
    902, "notices.change_notice_sent", "A subject was told of a policy change."
)
NOTICES_POLICY_ACKNOWLEDGED = _type(
    903,
    "notices.policy_acknowledged",
    "A subject acknowledged the policy (an acknowledgement, never consent).",
)
NOTICES_CHANGE_NOTICE_SKIPPED = _type(
    904,
    "notices.change_notice_skipped",
    "A policy change notice could not go to a subject (no address, or sending failed).",
)

# shop
SHOP_PAYMENT_CONFIRMED = _type(
    1202,
    "shop.payment_confirmed",
    "The payment provider confirmed a payment; only its references were stored.",
)
SHOP_LICENCE_ISSUED = _type(
    1203, "shop.licence_issued", "A licence and its download links were issued."
)
SHOP_DOWNLOAD_LINK_ISSUED = _type(
    1204, "shop.download_link_issued", "A buyer was given a new expiring download link."
)
SHOP_FILE_DOWNLOADED = _type(
    1205,
    "shop.file_downloaded",
    "A purchased file was downloaded; the first download makes the sale final.",
)
SHOP_REFUND_ISSUED = _type(
    1206, "shop.refund_issued", "A payment was refunded through the payment provider."
)
SHOP_LICENCE_REVOKED = _type(
    1207,
    "shop.licence_revoked",
    "A licence and every download link of its order were disabled.",
)
SHOP_WITHDRAWAL_WAIVED = _type(
    1208,
    "shop.withdrawal_waived",
    "A buyer asked for immediate download and acknowledged losing the right of "
    "withdrawal (COM-01).",
)
SHOP_CLAIM_SUBMITTED = _type(
    1209, "shop.claim_submitted", "A buyer reported a technical issue with a download."
)
SHOP_CLAIM_ASSESSED = _type(
    1210, "shop.claim_assessed", "Staff assessed a technical-issue claim."
)
SHOP_WEBHOOK_REJECTED = _type(
    1211,
    "shop.webhook_rejected",
    "A payment provider webhook failed signature verification and changed nothing.",
)
SHOP_REFUND_FAILED = _type(
    1212,
    "shop.refund_failed",
    "The payment provider refused or could not be reached for a refund; staff follow up.",
)

EVENT_TYPES: tuple[EventType, ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, EventType)
)

# Types no longer recorded. Their numbers and codes stay taken: old rows keep them.
RETIRED: tuple[EventType, ...] = (
    # The hand-off to the payment provider is a `data.disclosed` naming it, which
    # the compliance check of declared recipients reads.
    _type(
        1201,
        "shop.checkout_started",
        "A buyer was sent to the payment provider's hosted checkout.",
    ),
)

_BY_CODE = {event_type.code: event_type for event_type in EVENT_TYPES + RETIRED}


def event_type(action: EventType | str) -> EventType:
    """Return the registered type of `action`, or raise AuditEntryInvalid.

    Only registered, current types can be recorded: an unknown or retired code is a
    programming error, refused before anything is written.
    """
    code = action.code if isinstance(action, EventType) else action
    found = _BY_CODE.get(code) if isinstance(code, str) else None
    if found is None or found in RETIRED:
        raise AuditEntryInvalid(
            f"{code!r} is not a current audit event type: register it in "
            "candid.audit.events"
        )
    return found
