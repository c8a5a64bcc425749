"""Every data category has exactly one retention rule, and keeping names its law (RET-01)."""

from __future__ import annotations

from collections import Counter

from candid.policy.schema import Declaration
from candid.policy.validate.common import Found, Path, duplicates


def check_retention(d: Declaration) -> Found:
    """Yield rules that are ambiguous, dangling, repeated, missing or keep without a law."""
    declared = {c.key for c in d.data_categories}
    covered: Counter[str] = Counter()
    for i, rule in enumerate(d.retention):
        here: Path = ("retention", i)
        if (rule.category is None) == (rule.record is None):
            yield here, "a retention rule names exactly one of category or record"
        if rule.category is not None:
            covered[rule.category] += 1
            if rule.category not in declared:
                yield (
                    (*here, "category"),
                    f"retention rule for '{rule.category}', which is not a declared data category",
                )
        if rule.action == "keep" and not rule.legal_obligation:
            yield (
                (*here, "legal_obligation"),
                "a rule that keeps data against an erasure request must name the legal obligation",
            )
    for key in sorted(declared - set(covered)):
        yield ("retention",), f"'{key}' has no retention rule (GDPR Art. 13(2)(a))"
    for key in sorted(k for k, n in covered.items() if n > 1):
        yield ("retention",), f"'{key}' has more than one retention rule"
    for key in duplicates(r.record for r in d.retention if r.record):
        yield ("retention",), f"record '{key}' has more than one retention rule"
