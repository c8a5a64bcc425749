"""The fideslang vocabulary: data categories, data uses and data subjects."""

from __future__ import annotations

import difflib
from functools import cache

from fideslang.default_taxonomy import (
    DEFAULT_DATA_CATEGORIES,
    DEFAULT_DATA_SUBJECTS,
    DEFAULT_DATA_USES,
)

# GDPR Art. 9 special categories, in fideslang's words. A studio that declares
# "no sensitive data" may not declare any of these (REQUIREMENTS LAW-09).
SPECIAL_CATEGORY_PREFIXES = (
    "user.biometric",
    "user.health_and_medical",
    "user.genetic",
    "user.demographic.race_ethnicity",
    "user.demographic.political_opinion",
    "user.demographic.religious_belief",
    "user.demographic.sexual_orientation",
    "user.criminal_history",
    "user.union_membership",
    "user.sensitive",
)


@cache
def data_categories() -> frozenset[str]:
    return frozenset(item.fides_key for item in DEFAULT_DATA_CATEGORIES)


@cache
def data_uses() -> frozenset[str]:
    return frozenset(item.fides_key for item in DEFAULT_DATA_USES)


@cache
def data_subjects() -> frozenset[str]:
    return frozenset(item.fides_key for item in DEFAULT_DATA_SUBJECTS)


@cache
def category_names() -> dict[str, str]:
    return {
        item.fides_key: item.name or item.fides_key for item in DEFAULT_DATA_CATEGORIES
    }


def nearest(key: str, vocabulary: frozenset[str], count: int = 3) -> list[str]:
    """Return the valid keys closest to an unknown `key`, best first."""
    close = difflib.get_close_matches(key, sorted(vocabulary), n=count, cutoff=0.5)
    if close:
        return close
    parent = key.rsplit(".", 1)[0]
    return sorted(k for k in vocabulary if k.startswith(parent + "."))[:count]


def is_special_category(key: str) -> bool:
    return any(key == p or key.startswith(p + ".") for p in SPECIAL_CATEGORY_PREFIXES)
