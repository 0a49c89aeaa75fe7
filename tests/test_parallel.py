"""Work shared out among forked processes: each item taken by one process, as it is ready for it; the results in the
order of the processes; a failure in a forked process raised in the parent, and a failure in the parent's own work
ends the other processes at once."""
import multiprocessing
import os
import time

import pytest

from govreports import parallel


def test_every_item_is_taken_once_and_a_process_held_up_takes_fewer():
    def work(taken):
        mine = []
        for item in taken:
            mine.append(item)
            time.sleep(1.0 if item == 0 else 0.01)  # the first item costs as much as all the others together
        return mine

    parts = parallel.share(list(range(30)), work, workers=2)
    assert sorted(item for part in parts for item in part) == list(range(30))
    held_up = next(part for part in parts if 0 in part)
    assert len(held_up) < 5, parts  # the other process took the rest meanwhile


def test_the_results_come_back_in_the_order_of_the_processes():
    parent = os.getpid()
    assert parallel.share(list(range(10)), lambda taken: (list(taken), os.getpid() == parent), workers=3)[0][1]


def test_a_failure_in_a_forked_process_is_raised_in_the_parent():
    parent = os.getpid()

    def work(taken):
        mine = list(taken)
        if os.getpid() != parent:
            raise ValueError("a forked process failed")
        return mine

    with pytest.raises(ValueError, match="a forked process failed"):
        parallel.share([0, 1], work, workers=2)


def test_a_failure_in_the_parents_part_ends_the_others_without_waiting_for_them():
    parent = os.getpid()

    def work(taken):
        if os.getpid() == parent:
            raise ValueError("a broken template")
        time.sleep(30)

    started = time.monotonic()
    with pytest.raises(ValueError, match="a broken template"):
        parallel.share([0, 1], work, workers=2)
    assert time.monotonic() - started < 10 and not multiprocessing.active_children()
