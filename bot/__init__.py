"""Borderline: dated, sourced answers about restricted destinations."""

__version__ = "0.1.0"
