"""The permission that opens the compliance report to staff (SEC-05)."""

from __future__ import annotations

from django.db import models


class ComplianceReport(models.Model):
    """No table: only the carrier of the staff permission for the compliance report."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_compliance_report", "Can view the compliance self-audit"),
        ]

    class PersonalData:
        subject = None
        fields = {"id": None}

    def __str__(self) -> str:
        return "Compliance report"
