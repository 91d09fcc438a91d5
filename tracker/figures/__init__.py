"""Figures one at a time: validation, recording with revisions, and the revision history."""
