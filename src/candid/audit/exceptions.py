"""Errors of the audit log."""


class AuditError(Exception):
    """Base class of the audit log's errors."""


class AuditEntryInvalid(AuditError, ValueError):
    """An audit entry is malformed or would hold a personal value; nothing was written.

    The message names the argument at fault but never repeats its value: a value that
    was refused because it might be personal must not reach a log either.
    """


class AuditLogAppendOnly(AuditError):
    """Audit events are never changed or deleted, except by a recorded prune."""


class AuditChainBroken(AuditError):
    """The hash chain does not verify, so nothing may be appended or pruned."""
