"""Validation of converted code: static checks of the published files and runtime runs on reference data."""
