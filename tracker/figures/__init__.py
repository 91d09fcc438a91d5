"""Checking a figure as a person wrote it (``validate``)."""
