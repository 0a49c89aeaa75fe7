"""Work in forked processes: the build's stages share out their pages among the machine's cores.

A forked child inherits everything the parent has made (the dataset, the lookups), so nothing but
each child's result crosses a pipe. A failure in a child is raised in the parent, as it was raised.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import traceback

from .errors import BuildError

MAX_WORKERS = 4  # beyond this the build's stages wait on the disk, not the processor


def cores() -> int:
    """The processors this process may run on."""
    return max(1, min(MAX_WORKERS, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


class Forked:
    """function(*args) running in a forked process; `result()` waits for it. A process in the `background` yields the
    processors to the build's others (os.nice): for work that is awaited long after it could be done."""

    def __init__(self, function, *args, background: bool = False):
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)

        def target():
            if background:
                os.nice(10)
            try:
                send.send((True, function(*args)))
            except BaseException as e:  # noqa: BLE001 - every failure goes back to the parent
                try:
                    send.send((False, e))
                except Exception:  # an exception that cannot be pickled
                    send.send((False, BuildError(traceback.format_exc())))

        self._process = context.Process(target=target)
        self._process.start()

    def result(self):
        try:
            ok, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise BuildError(f"a worker process of the build ended unexpectedly (exit code {self._process.exitcode})") from None
        self._process.join()
        if not ok:
            raise value
        return value

    def wait(self) -> None:
        """Wait for the process to end, its result unheard (it was told to fail)."""
        try:
            self._receive.recv()
        except EOFError:
            pass
        self._process.join()

    def signal(self, number: int) -> None:
        if self._process.is_alive():
            os.kill(self._process.pid, number)

    def cancel(self) -> None:
        """End the process unheard. Needed when its result will never be read: a child blocked on sending a
        large result would otherwise keep its parent from exiting (a process joins its children as it ends)."""
        self._process.terminate()
        self._process.join()


def share(items: list, work, workers: int | None = None) -> list:
    """work(taken) in `workers` processes, this one and forked ones, where `taken` yields the items this process
    takes, one at a time as it is ready for the next (a counter the processes share): one held up by a costly item
    takes fewer of the others, so that they finish together. The results in the order of the processes, this one's
    first."""
    workers = min(workers or cores(), len(items)) or 1
    if workers == 1:
        return [work(iter(items))]
    claimed = multiprocessing.get_context("fork").Value("q", 0)

    def taken():
        while True:
            with claimed.get_lock():
                n = claimed.value
                claimed.value = n + 1
            if n >= len(items):
                return
            yield items[n]

    forked = [Forked(work, taken()) for _ in range(workers - 1)]
    try:
        mine = work(taken())
    except BaseException:
        for f in forked:  # their work is lost with this part's failure: ended now, not awaited (a broken template)
            f.cancel()
        raise
    return [mine, *(f.result() for f in forked)]


class Verdict:
    """What this process finds, given to a process forked after the verdict was made, which waits for it (`take`).
    A taker that is still working when the verdict goes against it is stopped at once (`stop`)."""

    def __init__(self):
        self._receive, self._send = multiprocessing.get_context("fork").Pipe(duplex=False)
        self._value, self._taken = None, False

    @classmethod
    def given(cls, value) -> "Verdict":
        """A verdict known before the taker starts."""
        verdict = cls.__new__(cls)
        verdict._receive = verdict._send = None
        verdict._value, verdict._taken = value, True
        return verdict

    def listen(self) -> None:
        """First thing in the forked process: it only receives, so that it hears of a giver that ended without a verdict
        (and the processes it forks do not keep the pipe open); `stop` interrupts it only where it is `stoppable`."""
        if self._send:
            self._send.close()
            signal.signal(signal.SIGUSR1, signal.SIG_IGN)

    @contextlib.contextmanager
    def stoppable(self):
        """Within, `stop` raises Stopped in the taker, once."""
        if self._taken:
            yield
            return
        signal.signal(signal.SIGUSR1, _stopped)
        try:
            yield
        finally:
            signal.signal(signal.SIGUSR1, signal.SIG_IGN)

    def give(self, value) -> None:
        self._send.send(value)

    def stop(self, taker: Forked) -> None:
        """Interrupt the taker if it is `stoppable` now: it then takes the verdict as it fails."""
        taker.signal(signal.SIGUSR1)

    def withhold(self) -> None:
        """No verdict will come: the taker stops."""
        self._send.close()

    def take(self):
        if not self._taken:
            try:
                self._value = self._receive.recv()
            except EOFError:
                raise BuildError("the data was not checked: the process checking it stopped") from None
            self._taken = True
        return self._value


class Stopped(Exception):
    """Raised in a process that `Verdict.stop` interrupted."""


def _stopped(signum, frame) -> None:
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)  # once: what the process does as it fails is not interrupted
    raise Stopped
