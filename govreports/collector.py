"""Python's cycle collector, held off while a stage makes many objects that stay."""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def no_cycle_collection():
    """For a stage that makes hundreds of thousands of objects that all stay (reading and modelling the data, reading
    search's cut pages back): Python's cycle collector, run over them again and again while they are made, took a third
    of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
