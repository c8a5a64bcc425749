"""The consent ledger, acknowledgements, objections and restrictions.

`ConsentEvent` and `NoticeAcknowledgement` are append-only: rows are added, never
changed or deleted through the ORM (LAW-03), so the ledger proves what each person
chose and when. `Objection` and `Restriction` change only through their services:
an objection may be overridden once, a restriction lifted once.

Rows name their subject through a plain indexed `subject_id` (no foreign key), so the
records survive the erasure of the `Subject` row, as the law needs them to (Art. 7(1)).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone

from candid.consent.exceptions import AppendOnlyError

PREFERENCES = "user.privacy_preferences"


class Surface(models.TextChoices):
    COOKIE_BANNER = "cookie_banner"
    PRIVACY_CENTRE = "privacy_centre"
    SIGNUP_FORM = "signup_form"
    CHECKOUT = "checkout"
    UNSUBSCRIBE_LINK = "unsubscribe_link"
    STAFF = "staff"
    API = "api"


class Mechanism(models.TextChoices):
    CHECKBOX = "checkbox"
    TOGGLE = "toggle"
    BUTTON = "button"
    SIGNATURE = "signature"
    GPC = "gpc"


class Action(models.TextChoices):
    GRANTED = "granted"
    WITHDRAWN = "withdrawn"


class AcknowledgementSurface(models.TextChoices):
    # The places `policy.acknowledged_at` of a declaration may name.
    SIGN_UP = "sign_up"
    BOOKING = "booking"
    CHECKOUT = "checkout"
    # The "I have read the new policy" button of a policy change notice (NOT-03).
    POLICY_CHANGE = "policy_change"


def _refuse(what: str) -> NoReturn:
    raise AppendOnlyError(f"{what}: the ledger is append-only; record a new event.")


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset that can add and read rows, never change or delete them."""

    def update(self, **kwargs: Any) -> NoReturn:
        _refuse(f"update of {self.model._meta.label}")

    def delete(self) -> NoReturn:
        _refuse(f"delete of {self.model._meta.label}")

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> NoReturn:
        _refuse(f"bulk_update of {self.model._meta.label}")

    def _raw_delete(self, using: Any) -> NoReturn:
        _refuse(f"raw delete of {self.model._meta.label}")


class AppendOnlyModel(models.Model):
    """A row saved once and never again."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse(f"change of {self._meta.label} {self.pk}")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(f"delete of {self._meta.label} {self.pk}")


class ConsentEvent(AppendOnlyModel):
    """One consent decision, as the person made it (LAW-03, LAW-04, CK-05).

    Exactly one of `subject_id` (a known subject, e.g. a client in the privacy centre)
    and `visitor_id` (the opaque id of an anonymous browser's consent cookie, e.g.
    "q3Jx0v...") says whose decision it is. `purpose` is the declared purpose key, e.g.
    "marketing_email"; `action` is "granted" or "withdrawn". `policy_version` (e.g.
    "2026.11") and `text_sha256` (the SHA-256 of the wording shown) prove what the
    person saw; `surface` says where ("cookie_banner") and `mechanism` how ("toggle").
    `gpc` is True when a Global Privacy Control signal made or accompanied the
    decision. `created_at` is when it was made. The latest event per purpose wins.
    """

    subject_id = models.UUIDField(null=True, blank=True, db_index=True)
    visitor_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    purpose = models.CharField(max_length=64)
    action = models.CharField(max_length=16, choices=Action.choices)
    policy_version = models.CharField(max_length=64)
    text_sha256 = models.CharField(max_length=64)
    surface = models.CharField(max_length=32, choices=Surface.choices)
    mechanism = models.CharField(max_length=16, choices=Mechanism.choices)
    gpc = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "subject_id"
        fields = {
            "subject_id": None,
            # The browser's consent-cookie id: whose choice this is, before sign-in.
            "visitor_id": PREFERENCES,
            "purpose": PREFERENCES,
            "action": PREFERENCES,
            "policy_version": None,
            "text_sha256": None,
            "surface": PREFERENCES,
            "mechanism": PREFERENCES,
            "gpc": PREFERENCES,
            "created_at": None,
        }

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(subject_id__isnull=False, visitor_id="")
                    | (models.Q(subject_id__isnull=True) & ~models.Q(visitor_id=""))
                ),
                name="consent_event_one_holder",
            )
        ]

    def __str__(self) -> str:
        holder = self.subject_id or f"visitor {self.visitor_id[:6]}..."
        return f"{self.purpose} {self.action} by {holder}"


class NoticeAcknowledgement(AppendOnlyModel):
    """A person's confirmation that they were shown a policy version (LAW-06).

    Stored as `notice_acknowledged`, apart from the consent ledger: reading a policy is
    never consent to anything, and the purpose gate never reads this table. Fields as
    on `ConsentEvent`; `surface` is where it was asked, e.g. "sign_up".
    """

    subject_id = models.UUIDField(null=True, blank=True, db_index=True)
    visitor_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    policy_version = models.CharField(max_length=64)
    text_sha256 = models.CharField(max_length=64)
    surface = models.CharField(max_length=16, choices=AcknowledgementSurface.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "subject_id"
        fields = {
            "subject_id": None,
            "visitor_id": PREFERENCES,
            "policy_version": PREFERENCES,
            "text_sha256": None,
            "surface": PREFERENCES,
            "created_at": None,
        }

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(subject_id__isnull=False, visitor_id="")
                    | (models.Q(subject_id__isnull=True) & ~models.Q(visitor_id=""))
                ),
                name="notice_acknowledgement_one_holder",
            )
        ]

    def __str__(self) -> str:
        holder = self.subject_id or f"visitor {self.visitor_id[:6]}..."
        return f"notice_acknowledged {self.policy_version} by {holder}"


class Objection(models.Model):
    """A subject's objection to one purpose (GDPR Art. 21; LAW-02, DSR-12).

    `purpose` is the declared purpose key, e.g. "fraud_prevention". The objection
    stands from `created_at` until a named staff user, `overridden_by`, records
    compelling legitimate grounds (`override_grounds`) at `overridden_at`. An
    objection to direct marketing can never be overridden.
    """

    subject_id = models.UUIDField(db_index=True)
    purpose = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    overridden_at = models.DateTimeField(null=True, blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    override_grounds = models.TextField(blank=True, default="")

    class PersonalData:
        subject = "subject_id"
        fields = {
            "subject_id": None,
            "purpose": PREFERENCES,
            "created_at": None,
            "overridden_at": None,
            # The staff member accountable for the override, not the subject's data.
            "overridden_by": None,
            "override_grounds": PREFERENCES,
        }

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subject_id", "purpose"],
                condition=models.Q(overridden_at__isnull=True),
                name="consent_objection_one_standing",
            )
        ]

    def __str__(self) -> str:
        state = "upheld" if self.upheld else "overridden"
        return f"Objection to {self.purpose} by {self.subject_id} ({state})"

    @property
    def upheld(self) -> bool:
        return self.overridden_at is None


class Restriction(models.Model):
    """A restriction of processing for a subject (GDPR Art. 18; DSR-11).

    While active (`active_from` <= now < `active_to`, open-ended while `active_to` is
    empty) the subject's data in `categories` (e.g. ["user.contact.email"]), or in
    every category when `all_categories` is set, may only be stored, kept under a
    legal obligation or used with consent.
    """

    subject_id = models.UUIDField(db_index=True)
    all_categories = models.BooleanField(default=False)
    categories = models.JSONField(default=list, blank=True)
    active_from = models.DateTimeField(default=timezone.now)
    active_to = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject_id"
        fields = {
            "subject_id": None,
            "all_categories": PREFERENCES,
            "categories": PREFERENCES,
            "active_from": None,
            "active_to": None,
        }

    def __str__(self) -> str:
        scope = "all categories" if self.all_categories else ", ".join(self.categories)
        return f"Restriction of {scope} for {self.subject_id}"
