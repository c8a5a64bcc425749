"""The outcome of one compliance check: which promise, kept or not, and where not."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class CheckResult:
    """One promise checked against live data.

    `details` name the records involved ("consent.Objection #3"), never a personal
    value, so the report can be shown to any member of staff.
    """

    name: str
    passed: bool
    details: tuple[str, ...] = ()

    @classmethod
    def of(cls, name: str, failures: list[str], *, passing: str = "") -> CheckResult:
        """Return a passing result when there are no failures, else a failing one."""
        if failures:
            return cls(name=name, passed=False, details=tuple(failures))
        return cls(name=name, passed=True, details=(passing,) if passing else ())


def record_label(model: type[models.Model], pk: object) -> str:
    """Name one row by model label and primary key: `audit.AuditEvent #12`."""
    return f"{model._meta.label} #{pk}"
