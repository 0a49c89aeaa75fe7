"""Work shared out among forked processes: the results in the order of the parts, a failure in a forked
part raised in the parent, and a failure in the parent's own part ends the other parts at once."""
import multiprocessing
import time

import pytest

from govreports import parallel


def test_the_results_come_back_in_the_order_of_the_parts():
    items = list(range(10))
    assert parallel.share(items, sum, workers=3) == [sum(items[0::3]), sum(items[1::3]), sum(items[2::3])]


def test_a_failure_in_a_forked_part_is_raised_in_the_parent():
    def work(part):
        if 1 in part:
            raise ValueError("the part with 1")
        return part

    with pytest.raises(ValueError, match="the part with 1"):
        parallel.share([0, 1], work, workers=2)


def test_a_failure_in_the_parents_part_ends_the_others_without_waiting_for_them():
    def work(part):
        if 0 in part:
            raise ValueError("a broken template")
        time.sleep(30)

    started = time.monotonic()
    with pytest.raises(ValueError, match="a broken template"):
        parallel.share([0, 1], work, workers=2)
    assert time.monotonic() - started < 10 and not multiprocessing.active_children()
