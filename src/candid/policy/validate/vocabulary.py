"""Every key names a fideslang category or subject, and no sensitive data slips in."""

from __future__ import annotations

from candid.policy import taxonomy
from candid.policy.schema import Declaration
from candid.policy.validate.common import Found, duplicates, unknown_key


def check_vocabulary(d: Declaration) -> Found:
    """Yield keys outside fideslang, undeclared special categories (LAW-09) and repeats."""
    categories = taxonomy.data_categories()
    for i, category in enumerate(d.data_categories):
        if category.key not in categories:
            yield (
                ("data_categories", i, "key"),
                unknown_key(category.key, categories, "data category"),
            )
        elif (
            taxonomy.is_special_category(category.key)
            and not d.collects_special_categories
        ):
            yield (
                ("data_categories", i, "key"),
                (
                    f"'{category.key}' is special-category data (GDPR Art. 9), but the "
                    "declaration says none is collected"
                ),
            )
    for key in duplicates(c.key for c in d.data_categories):
        yield ("data_categories",), f"'{key}' is declared more than once"
    subjects = taxonomy.data_subjects()
    for i, subject in enumerate(d.data_subjects):
        if subject.key not in subjects:
            yield (
                ("data_subjects", i, "key"),
                unknown_key(subject.key, subjects, "data subject"),
            )
