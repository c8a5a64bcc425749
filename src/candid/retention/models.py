"""Legal holds, and where each retention sweep stopped."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class HoldKind(models.TextChoices):
    TAX_RECORD = "tax_record", "Tax or accounting record"
    DISPUTE = "dispute", "Dispute"
    CLAIM = "claim", "Legal claim"
    AUTHORITY = "authority", "Request of an authority"


class LegalHold(models.Model):
    """A legal hold: named records that sweeps and erasure must not touch (RET-03).

    It names either one record, by `record_model` ("galleries.GalleryImage") and
    `record_pk` ("3f2a..."), or every record of a data subject, by `subject_id`. `kind`
    and `reason` say why (a dispute about booking 42); the reason is written for the
    file and names no one. The hold covers the records from `starts_at` until
    `ends_at` (None: until released) or until staff release it (`released_at`,
    `released_by`); the first sweep after that deletes what is past its period.
    """

    record_model = models.CharField(max_length=100, blank=True, default="")
    record_pk = models.CharField(max_length=64, blank=True, default="")
    subject_id = models.UUIDField(null=True, blank=True, db_index=True)
    kind = models.CharField(max_length=16, choices=HoldKind.choices)
    reason = models.TextField(help_text="Why the records are held. Name no one.")
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class PersonalData:
        # A hold names records by label and key, or a subject by Candid's random id;
        # the reason is the studio's description of a legal matter, kept free of
        # personal details by the form's instructions.
        subject = "subject_id"
        fields = {
            "id": None,
            "record_model": None,
            "record_pk": None,
            "subject_id": None,
            "kind": None,
            "reason": None,
            "starts_at": None,
            "ends_at": None,
            "placed_by": None,
            "placed_at": None,
            "released_at": None,
            "released_by": None,
        }

    class Meta:
        ordering = ["-placed_at"]
        indexes = [models.Index(fields=["record_model", "record_pk"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (
                        models.Q(subject_id__isnull=True)
                        & ~models.Q(record_model="")
                        & ~models.Q(record_pk="")
                    )
                    | (
                        models.Q(subject_id__isnull=False)
                        & models.Q(record_model="", record_pk="")
                    )
                ),
                name="retention_hold_names_record_or_subject",
            )
        ]
        permissions = [("release_legalhold", "Can release a legal hold")]

    def __str__(self) -> str:
        held = (
            f"subject {self.subject_id}"
            if self.subject_id
            else f"{self.record_model} #{self.record_pk}"
        )
        return f"Legal hold {self.pk} on {held}"

    def is_active_at(self, moment) -> bool:
        """Say whether the hold covers its records at `moment`."""
        if self.released_at is not None and self.released_at <= moment:
            return False
        if moment < self.starts_at:
            return False
        return self.ends_at is None or moment < self.ends_at


class SweepCursor(models.Model):
    """Where the sweep of one rule over one model stopped, so a crash resumes there.

    `target` names the rule and model ("share_link:collected@galleries.sharelink");
    `last_pk` is the primary key of the last row of the last committed batch ("" when
    a pass starts); `pass_started_at` is when the pass began, `finished_at` when it
    last reached the end of the table. `batches`, `acted` and `blocked` count the
    current pass.
    """

    target = models.CharField(max_length=200, unique=True)
    last_pk = models.CharField(max_length=64, blank=True, default="")
    pass_started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    batches = models.PositiveIntegerField(default=0)
    acted = models.PositiveBigIntegerField(default=0)
    blocked = models.PositiveBigIntegerField(default=0)

    class PersonalData:
        subject = None
        fields = {
            "id": None,
            "target": None,
            "last_pk": None,
            "pass_started_at": None,
            "finished_at": None,
            "batches": None,
            "acted": None,
            "blocked": None,
        }

    class Meta:
        ordering = ["target"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"Sweep cursor {self.target}"
