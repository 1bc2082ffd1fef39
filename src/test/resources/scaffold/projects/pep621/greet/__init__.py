"""Greets by name."""

__version__ = "0.2.0"
