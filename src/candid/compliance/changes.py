"""Promise checked against the notices sent: every client told of each significant change."""

from __future__ import annotations

from candid.compliance.results import CheckResult
from candid.notices.changes import topic_of
from candid.notices.models import DeliveryState, NoticeDelivery, PolicyVersion
from candid.notices.recipients import client_subject_ids

CHANGES_TOLD = "Every client told of each significant policy change (NOT-03)"
NO_CHANGES = "No significant policy changes published."
SHOWN = 10


def check_change_notices_sent() -> CheckResult:
    """Check that each client who was a client when a significant version was published
    got its change notice (or has no address on file, which is recorded).

    Each failure names the version and the data subjects not told (ids only).
    """
    versions = list(PolicyVersion.objects.filter(significant=True).order_by("id"))
    if not versions:
        return CheckResult(name=CHANGES_TOLD, passed=True, details=(NO_CHANGES,))
    failures = [
        failure for version in versions if (failure := _untold(version)) is not None
    ]
    return CheckResult.of(
        CHANGES_TOLD, failures, passing=f"{len(versions)} significant versions."
    )


def _untold(version: PolicyVersion) -> str | None:
    subject_ids = client_subject_ids(known_before=version.published_at)
    told = set(
        NoticeDelivery.objects.filter(
            topic=topic_of(version),
            state__in=[DeliveryState.SENT, DeliveryState.NO_ADDRESS],
        ).values_list("subject_id", flat=True)
    )
    missing = sorted(str(s) for s in subject_ids - told)
    if not missing:
        return None
    shown = ", ".join(missing[:SHOWN]) + (" ..." if len(missing) > SHOWN else "")
    return (
        f"notices.PolicyVersion {version.version}: {len(missing)} client(s) not told "
        f"({shown}); run `candid change_notices --policy-version {version.version}`"
    )
