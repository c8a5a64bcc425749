"""The errors of retention: bad input, refused before anything changes."""


class RetentionError(Exception):
    """A retention request cannot be carried out; the message says why."""


class HoldInvalid(RetentionError):
    """A legal hold names no record, an unknown one, or has no reason."""


class HoldNotFound(RetentionError):
    """No active legal hold has this id."""


class AccessDenied(RetentionError):
    """The member of staff does not hold the role this needs."""


class UnknownRule(RetentionError):
    """A sweep was asked for a rule the declaration in force does not have."""
