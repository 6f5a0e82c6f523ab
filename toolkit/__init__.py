"""Toolkit for the open record of the India–Canada national-security dialogue."""

__version__ = "0.1.0"
