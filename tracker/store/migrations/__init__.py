"""Alembic migration scripts (run by ``tracker.store.migrate``; see README here)."""
