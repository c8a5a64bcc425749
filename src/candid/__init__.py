"""Candid: the client platform of a creative studio whose privacy policy is code."""

__version__ = "0.1.0"
