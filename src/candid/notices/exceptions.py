class PublishError(Exception):
    """A policy version cannot be published; the message says why."""
