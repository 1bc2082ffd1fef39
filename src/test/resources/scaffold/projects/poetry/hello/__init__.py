"""A tiny greeting program, the example project that berth builds."""

__version__ = "0.1.0"
