"""Errors of data-subject requests: each says what was refused and why."""


class RightsError(Exception):
    """A request could not be taken or changed; nothing was changed."""


class RequestInvalid(RightsError):
    """The request names a type, channel or jurisdiction the declaration does not."""


class TransitionRefused(RightsError):
    """The request's type does not allow that step from its current state."""


class ExtensionRefused(RightsError):
    """An extension without a timely notice with reasons, or a second one."""


class VerificationFailed(RightsError):
    """A one-time code was wrong, expired or locked; the message says which."""


class RefusalInvalid(RightsError):
    """A refusal or fee without a named basis and a written reason (DSR-06)."""


class ExportLinkInvalid(RightsError):
    """An export link whose token is unknown or past its lifetime; nothing is served."""


class IntakeLimited(RightsError):
    """Too many requests or codes for one address or network; nothing was sent."""


class AgentProofInvalid(RightsError):
    """An agent's proof document that is empty, too large or of a refused type."""
