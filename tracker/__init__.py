"""tracker: annual targets, periodic figures, and who is falling behind."""

__version__ = "0.1.0"
