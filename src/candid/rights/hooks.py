"""How studio apps take part in rights requests without the kernel importing them.

The kernel walks the data map and handles every row the same way (delete, or keep
minimised what a legal obligation keeps). An app whose rows need more registers a
hook here from its `AppConfig.ready()`:

- `erasure_row_hook(model, before=...)`: runs on each of the subject's rows of that
  model before the kernel deletes or minimises it, e.g. galleries delete the image
  files a row names. A hook must be idempotent: a resumed erasure may run it twice.
- `erasure_start_hook(fn)`: runs in the synchronous part of an erasure, before the
  subject's key is destroyed, with the subject id; it must be fast and use indexed
  lookups only (e.g. an app ends its own sign-in tokens).
- `erasure_handle_provider(fn)`: returns what a processor needs to find the
  subject, read before the key is destroyed, e.g. {"stripe": ["cus_123"]}.
- `rectifier_register(fn)`: applies a rectification of the subject's profile
  fields (name, e-mail, phone, address) and returns the names of the fields it
  changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models

RowHook = Callable[[models.Model], None]
StartHook = Callable[[uuid.UUID], None]
HandleProvider = Callable[[uuid.UUID], Mapping[str, list[str]]]
Rectifier = Callable[[uuid.UUID, Mapping[str, str]], list[str]]


@dataclass
class _Registry:
    row_hooks: dict[str, list[RowHook]] = field(default_factory=dict)
    start_hooks: list[StartHook] = field(default_factory=list)
    handle_providers: list[HandleProvider] = field(default_factory=list)
    rectifiers: list[Rectifier] = field(default_factory=list)


_registry = _Registry()


def erasure_row_hook(model: type[models.Model], *, before: RowHook) -> None:
    """Run `before(row)` on each of an erased subject's rows of `model`."""
    hooks = _registry.row_hooks.setdefault(model._meta.label, [])
    if before not in hooks:
        hooks.append(before)


def erasure_start_hook(hook: StartHook) -> None:
    """Run `hook(subject_id)` in the synchronous part of every erasure."""
    if hook not in _registry.start_hooks:
        _registry.start_hooks.append(hook)


def erasure_handle_provider(provider: HandleProvider) -> None:
    """Ask `provider(subject_id)` for recipients' handles before the key is destroyed."""
    if provider not in _registry.handle_providers:
        _registry.handle_providers.append(provider)


def rectifier_register(rectifier: Rectifier) -> None:
    """Let `rectifier(subject_id, changes)` apply rectifications of profile fields."""
    if rectifier not in _registry.rectifiers:
        _registry.rectifiers.append(rectifier)


def row_hooks_for(model: type[models.Model]) -> list[RowHook]:
    """Return the hooks registered for `model`'s rows."""
    return list(_registry.row_hooks.get(model._meta.label, ()))


def start_hooks() -> list[StartHook]:
    """Return the hooks of the synchronous part of an erasure."""
    return list(_registry.start_hooks)


def handle_providers() -> list[HandleProvider]:
    """Return every registered provider of recipients' handles."""
    return list(_registry.handle_providers)


def rectifiers() -> list[Rectifier]:
    """Return every registered rectifier."""
    return list(_registry.rectifiers)
