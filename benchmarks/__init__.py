"""Speed and memory measured against the tools people would use instead, and against the
floors our own dependencies set. ``make bench`` or ``python -m benchmarks`` (see
docs/performance.md)."""
