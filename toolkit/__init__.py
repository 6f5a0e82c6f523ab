"""Toolkit for the open record of the India–Canada national-security dialogue."""
