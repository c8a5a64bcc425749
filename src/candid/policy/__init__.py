"""The studio's privacy policy declaration: schema, loader, validator, renderer, diff.

Pure Python: nothing here imports Django, so a declaration can be checked anywhere.
"""

from candid.policy.loader import (
    DeclarationError,
    Problem,
    load_declaration,
    parse_declaration,
    text_digest,
)
from candid.policy.schema import Declaration

__all__ = [
    "Declaration",
    "DeclarationError",
    "Problem",
    "load_declaration",
    "parse_declaration",
    "text_digest",
]
