"""Errors of the mail app: each refusal says what was wrong, and nothing was sent."""


class MailError(Exception):
    """A message was refused before anything was sent."""


class UndeclaredMessage(MailError):
    """The message key is not declared in the active declaration's communications."""


class PromotionalServiceMessage(MailError):
    """A service message carries promotional content (MKT-05, C-02)."""


class InvalidRecipient(MailError):
    """The recipient address is not one valid e-mail address."""


class InvalidUnsubscribeToken(MailError):
    """An unsubscribe token is malformed, forged or signed with another key."""
