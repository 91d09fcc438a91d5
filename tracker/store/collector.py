"""Pausing Python's cycle collector around work that builds many objects at once."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the block runs.

    Reading a whole year of figures, or importing a 100,000-row file, makes hundreds of
    thousands of small objects that hold no cycles; every few thousand of them the collector
    would scan them all again, a third or more of the time (README, "Performance").
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
