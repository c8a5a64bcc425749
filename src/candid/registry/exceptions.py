class BreachInvalid(ValueError):
    """A breach step was refused; the message says why and nothing changed."""


class ProcessorTermsInvalid(ValueError):
    """Processor terms cannot be recorded as given; nothing changed."""
