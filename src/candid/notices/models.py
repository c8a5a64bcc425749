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
