"""The permission that opens the records of processing to staff (SEC-05)."""

from __future__ import annotations

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
