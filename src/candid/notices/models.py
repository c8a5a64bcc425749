from django.db import models


class PolicyVersion(models.Model):
    """One published version of the studio's privacy policy, never edited once stored.

    `source` is the declaration YAML as published; `source_sha256` identifies it.
    `rendered_html` is the page people were shown and `rendered_sha256` its digest,
    which the consent ledger stores with each consent (LAW-03). `significant` and
    `changes` come from the diff against the version before (NOT-03).
    """

    version = models.CharField(max_length=64, unique=True)
    effective_date = models.DateField()
    published_at = models.DateTimeField()
    source = models.TextField()
    source_sha256 = models.CharField(max_length=64)
    rendered_html = models.TextField()
    rendered_sha256 = models.CharField(max_length=64)
    significant = models.BooleanField(default=False)
    changes = models.JSONField(default=list, blank=True)

    class PersonalData:
        # The studio's own published text: nobody's personal data.
        subject = None
        fields = {
            "version": None,
            "effective_date": None,
            "published_at": None,
            "source": None,
            "source_sha256": None,
            "rendered_html": None,
            "rendered_sha256": None,
            "significant": None,
            "changes": None,
        }

    class Meta:
        ordering = ["-effective_date", "-published_at"]
        get_latest_by = ["effective_date", "published_at"]

    def __str__(self) -> str:
        return f"Policy {self.version} ({self.effective_date:%Y-%m-%d})"


class DeliveryState(models.TextChoices):
    CLAIMED = "claimed", "Being sent"
    SENT = "sent", "Sent"
    NO_ADDRESS = "no_address", "No address on file"
    FAILED = "failed", "Sending failed; retried on the next run"


class NoticeDelivery(models.Model):
    """One notice e-mailed to one person, so a rerun never sends it twice (NOT-03, BR-03).

    `topic` names what the notice is about: "policy:2027.01" for the change notice
    of policy version 2027.01, "breach:12" for breach 12's notice to the people it
    affects. `state` is "claimed" while a sender holds it (since `claimed_at`),
    then "sent" (at `sent_at`), "no_address" when the person has no address on
    file, or "failed" after an SMTP error; `attempts` counts tries. Holds no address.
    """

    topic = models.CharField(max_length=64)
    subject_id = models.UUIDField(db_index=True)
    state = models.CharField(max_length=16, choices=DeliveryState.choices)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class PersonalData:
        subject = "subject_id"
        fields = {
            "subject_id": None,
            # That this person was told of a change or a breach: a privacy record.
            "topic": "user.privacy_preferences",
            "state": None,
            "claimed_at": None,
            "sent_at": None,
            "attempts": None,
        }

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "subject_id"], name="notice_delivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"Notice {self.topic} to {self.subject_id} ({self.state})"
