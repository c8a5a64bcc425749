"""The registry's records: the records-of-processing permission and the breach register."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RecordsOfProcessing(models.Model):
    """No table: only the carrier of the staff permission for the Art. 30 record."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_records_of_processing", "Can view the records of processing"),
        ]

    class PersonalData:
        subject = None
        fields = {"id": None}

    def __str__(self) -> str:
        return "Records of processing"


class RiskLevel(models.TextChoices):
    """The risk a breach poses to people's rights and freedoms (Art. 33(1), 34(1))."""

    NONE = "none", "Unlikely to result in a risk to people"
    RISK = "risk", "A risk to people: notify the supervisory authority"
    HIGH = "high", "A high risk: notify the authority and the people affected"


class Exemption(models.TextChoices):
    """Why people need not be told one by one of a high-risk breach (Art. 34(3))."""

    UNINTELLIGIBLE = "unintelligible", "(a) Unintelligible: e.g. encrypted, keys safe"
    LATER_MEASURES = "later_measures", "(b) Later measures: high risk no longer likely"
    DISPROPORTIONATE = "disproportionate", "(c) Disproportionate effort: public notice"


class Breach(models.Model):
    """One personal data breach in the register, notified or not (Art. 33(5); BR-01).

    `discovered_at` is when anyone at the studio first noticed something wrong;
    `aware_at` when the studio became reasonably certain personal data were hit,
    which starts the 72-hour clock (EDPB 9/2022). `nature` says what happened, e.g.
    "a laptop holding booking exports was stolen", and `kinds` which security
    property failed (["confidentiality"]). The people affected are found from the
    data map: `data_categories` (["user.contact.email"]) and/or `record_types`
    (["bookings.Booking"]) held between `window_start` and `window_end`;
    `subjects_count` and `records_count` are the approximate numbers counted at
    `counted_at`. `risk`, `risk_reason` and `exemption` record the assessment and the
    decision to notify. `processor_key` names the declared processor involved and
    `processor_aware_at` when it became aware, so its contractual notice time can be
    checked (BR-04). `authority_notified_at`, `authority_reference` and, past 72
    hours, `delay_reasons` record the notification (BR-02); `subjects_notified_at`
    when the notices to people were sent. `reminded_stage` counts the deadline
    reminders sent (24 h, 48 h, 66 h). No field holds a value about a person.
    """

    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    discovered_at = models.DateTimeField()
    aware_at = models.DateTimeField()
    nature = models.TextField()
    kinds = models.JSONField(default=list)
    data_categories = models.JSONField(default=list, blank=True)
    record_types = models.JSONField(default=list, blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    subjects_count = models.PositiveIntegerField(null=True, blank=True)
    records_count = models.PositiveIntegerField(null=True, blank=True)
    counted_at = models.DateTimeField(null=True, blank=True)
    likely_consequences = models.TextField(blank=True, default="")
    measures_taken = models.TextField(blank=True, default="")
    measures_proposed = models.TextField(blank=True, default="")
    risk = models.CharField(
        max_length=8, choices=RiskLevel.choices, blank=True, default=""
    )
    risk_reason = models.TextField(blank=True, default="")
    exemption = models.CharField(
        max_length=16, choices=Exemption.choices, blank=True, default=""
    )
    processor_key = models.CharField(max_length=64, blank=True, default="")
    processor_aware_at = models.DateTimeField(null=True, blank=True)
    authority_notified_at = models.DateTimeField(null=True, blank=True)
    authority_reference = models.CharField(max_length=200, blank=True, default="")
    delay_reasons = models.TextField(blank=True, default="")
    subjects_notified_at = models.DateTimeField(null=True, blank=True)
    reminded_stage = models.PositiveSmallIntegerField(default=0)
    closed_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        # The studio's own incident record: counts and staff's account of events,
        # never a value about a person (the form says so).
        subject = None
        fields = {
            "id": None,
            "recorded_at": None,
            "recorded_by": None,
            "discovered_at": None,
            "aware_at": None,
            "nature": None,
            "kinds": None,
            "data_categories": None,
            "record_types": None,
            "window_start": None,
            "window_end": None,
            "subjects_count": None,
            "records_count": None,
            "counted_at": None,
            "likely_consequences": None,
            "measures_taken": None,
            "measures_proposed": None,
            "risk": None,
            "risk_reason": None,
            "exemption": None,
            "processor_key": None,
            "processor_aware_at": None,
            "authority_notified_at": None,
            "authority_reference": None,
            "delay_reasons": None,
            "subjects_notified_at": None,
            "reminded_stage": None,
            "closed_at": None,
        }

    class Meta:
        ordering = ["-aware_at", "-id"]
        default_permissions = ()
        permissions = [
            ("manage_breaches", "Can record, assess and notify personal data breaches"),
        ]

    def __str__(self) -> str:
        return f"Breach {self.pk}"

    @property
    def open(self) -> bool:
        return self.closed_at is None


class Audience(models.TextChoices):
    AUTHORITY = "authority", "Supervisory authority (Art. 33)"
    SUBJECTS = "subjects", "People affected (Art. 34)"
    PUBLIC = "public", "Public notice (Art. 34(3)(c))"


class BreachNotice(models.Model):
    """A drafted notification of a breach, for staff to review (BR-02, BR-03).

    `audience` is the authority, the people affected or the public; `phase` numbers
    the authority notifications, since information may be given in phases (Art.
    33(4)). `subject_line`, `text` and `html` are the document as drafted at
    `drafted_at` from the breach record and the declaration. Notices to people are
    sent only once `approved_by` approved them at `approved_at`; `sent_at` is when
    the last of them left.
    """

    breach = models.ForeignKey(Breach, on_delete=models.PROTECT, related_name="notices")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    phase = models.PositiveSmallIntegerField(default=1)
    subject_line = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField()
    drafted_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        # Written to many people at once; it names categories and counts, no one.
        subject = None
        fields = {
            "id": None,
            "breach": None,
            "audience": None,
            "phase": None,
            "subject_line": None,
            "text": None,
            "html": None,
            "drafted_at": None,
            "approved_at": None,
            "approved_by": None,
            "sent_at": None,
        }

    class Meta:
        ordering = ["breach", "audience", "-phase", "-drafted_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"Breach {self.breach_id} notice to {self.audience} (phase {self.phase})"


class BreachStep(models.Model):
    """One step taken on a breach, as the register's timeline shows it (BR-01).

    `action` is a stable code such as "recorded", "assessed", "authority_notified";
    `actor` is "staff:12" or "system:breaches_remind"; `details` holds ids and counts.
    The same step is also in the hash-chained audit log.
    """

    breach = models.ForeignKey(Breach, on_delete=models.PROTECT, related_name="steps")
    occurred_at = models.DateTimeField()
    action = models.CharField(max_length=32)
    actor = models.CharField(max_length=64)
    details = models.JSONField(default=dict, blank=True)

    class PersonalData:
        subject = None
        fields = {
            "id": None,
            "breach": None,
            "occurred_at": None,
            "action": None,
            "actor": None,
            "details": None,
        }

    class Meta:
        ordering = ["occurred_at", "id"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"Breach {self.breach_id}: {self.action}"


class ProcessorTerms(models.Model):
    """Which Art. 28(3) terms a processor's signed contract holds (PRC-02).

    One row per declared processor, by its declaration key (`recipient_key`, e.g.
    "stripe"), ticked by the staff member who read the contract (`checked_by`, at
    `checked_at`). Each boolean is one term of Art. 28(3)(a)-(h); `contract_link`
    says where the signed copy is kept, e.g. a document-store address.
    """

    recipient_key = models.CharField(max_length=64, unique=True)
    instructions = models.BooleanField(default=False)
    confidentiality = models.BooleanField(default=False)
    security = models.BooleanField(default=False)
    sub_processors = models.BooleanField(default=False)
    assists_with_rights = models.BooleanField(default=False)
    assists_with_obligations = models.BooleanField(default=False)
    deletes_or_returns = models.BooleanField(default=False)
    audits = models.BooleanField(default=False)
    contract_link = models.CharField(max_length=300, blank=True, default="")
    checked_at = models.DateTimeField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class PersonalData:
        subject = None
        fields = {
            "id": None,
            "recipient_key": None,
            "instructions": None,
            "confidentiality": None,
            "security": None,
            "sub_processors": None,
            "assists_with_rights": None,
            "assists_with_obligations": None,
            "deletes_or_returns": None,
            "audits": None,
            "contract_link": None,
            "checked_at": None,
            "checked_by": None,
        }

    class Meta:
        default_permissions = ()
        permissions = [
            ("change_processor_terms", "Can record the Art. 28 terms of processors"),
        ]

    def __str__(self) -> str:
        return f"Art. 28 terms of {self.recipient_key}"
