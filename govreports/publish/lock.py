"""One build at a time on a site and its work folder: a second build started meanwhile says so in one
line and waits, then sees whether the first one left anything to do. Standard library only: the lock is
taken before the build's heavy imports."""
from __future__ import annotations

import fcntl
import os
from contextlib import ExitStack, contextmanager
from pathlib import Path


@contextmanager
def exclusive(site: Path, work: Path, say=print):
    """Hold the locks of `site` (a file beside it) and of `work` (a file in it) until the block ends."""
    with ExitStack() as stack:
        for path in (site.resolve().parent / f".{site.resolve().name}-build.lock", work.resolve() / ".lock"):
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = stack.enter_context(open(path, "a+"))
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip()
                say(f"Another build{f' (process {holder})' if holder else ''} is using {path.parent}: waiting for it to finish …")
                fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        yield
