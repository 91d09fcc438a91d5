"""``collector_paused``: Python's cycle collector paused while a use case makes many small
objects (a province's figures, a file's rows). Kept apart from the use cases so that importing
it imports nothing else."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused meanwhile: a city's goals and figures are hundreds of
    thousands of small objects without cycles, which it would otherwise scan again and again,
    doubling the time (``python -m benchmarks``, case ``status_gc_pause``). Reference counting
    still frees everything as usual."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
