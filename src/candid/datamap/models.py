import uuid

from django.db import models
from django.utils import timezone


class Subject(models.Model):
    """A person Candid holds data about, and nothing personal about them.

    Every client, newsletter prospect or rights requester has one row. `id` is a random
    UUID that other rows point at: studio models through a `ForeignKey(Subject)`, kernel
    ledgers (audit, consent) through a plain indexed `subject_id`, so that the ledgers
    survive the row's erasure. `created_at` is when Candid first held data about the
    person; `erased_at` is set once their data has been erased, e.g. 2025-03-01 10:00 UTC.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    erased_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "id"
        # The id is random and means nothing outside Candid; the personal data is what
        # other rows attach to it, and they declare their own categories.
        fields = {"id": None, "created_at": None, "erased_at": None}

    def __str__(self) -> str:
        return f"Subject {self.id}"
