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
    still frees everything as usual.

    What is still held at the end (the workspace and the statuses the caller keeps) is set
    aside from the collector (``gc.freeze``) rather than scanned once more by its first
    collection after: a tenth of a province's status (docs/performance.md, "Figures made when
    shown"). It is given back (``gc.unfreeze``) when the next pause begins, so a long-running
    process collects its cycles as before. Nested pauses leave it to the outermost."""
    collecting = gc.isenabled()
    gc.disable()
    if collecting:
        gc.unfreeze()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
