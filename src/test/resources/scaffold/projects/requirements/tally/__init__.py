"""Counts the words of its arguments; the requirements-only fixture of berth init."""
