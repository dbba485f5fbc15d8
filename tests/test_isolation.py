"""Native work in a child process: its results come back, its crashes and hangs cost one call, never the caller."""

from __future__ import annotations

import ctypes
import os
import threading
import time

import pytest

from khulasa import isolation
from khulasa.errors import EmptyInput, NativeCrash

CRASH = ctypes.string_at
"""Reading address 0: a segmentation fault, as a broken native library would make one."""


@pytest.fixture
def pool() -> isolation.Pool:
    made = isolation.Pool(keep=2)
    yield made
    made.close()


def test_a_call_runs_in_another_process_and_returns_its_result(pool: isolation.Pool) -> None:
    assert pool.run(os.getpid, timeout=30, what="a test") != os.getpid()
    assert pool.run(divmod, 17, 5, timeout=30, what="a test") == (3, 2)


def test_an_exception_comes_back_as_itself_and_the_child_is_kept(pool: isolation.Pool) -> None:
    first = pool.run(os.getpid, timeout=30, what="a test")
    with pytest.raises(ValueError, match="invalid literal"):
        pool.run(int, "not a number", timeout=30, what="a test")
    with pytest.raises(EmptyInput) as raised:
        pool.run(_raise_empty, timeout=30, what="a test")
    assert raised.value.code == "empty_input"
    assert pool.run(os.getpid, timeout=30, what="a test") == first
    assert pool.crashes == 0


def _raise_empty() -> None:
    raise EmptyInput("there is no text")


@pytest.mark.parametrize(
    ("function", "args", "how"),
    [(CRASH, (0,), "signal SIGSEGV"), (os.abort, (), "signal SIGABRT"), (os._exit, (3,), "exit code 3")],
)
def test_a_child_that_dies_costs_one_call_and_is_replaced(
    pool: isolation.Pool, function: object, args: tuple[object, ...], how: str
) -> None:
    before = pool.run(os.getpid, timeout=30, what="a test")
    with pytest.raises(NativeCrash) as raised:
        pool.run(function, *args, timeout=30, what="the voice")  # type: ignore[arg-type]
    assert raised.value.message == f"the voice crashed on this text ({how})."
    assert raised.value.code == "native_crash"
    assert pool.crashes == 1
    after = pool.run(os.getpid, timeout=30, what="a test")
    assert after != before  # a new child took the dead one's place


def test_a_child_that_hangs_is_stopped_at_its_time(pool: isolation.Pool) -> None:
    pool.run(os.getpid, timeout=30, what="a test")  # started: the next call gets no start-up allowance
    started = time.monotonic()
    with pytest.raises(NativeCrash, match=r"the voice did not finish on this text in 1 s"):
        pool.run(time.sleep, 30, timeout=1, what="the voice")
    assert time.monotonic() - started < 10
    assert pool.crashes == 1
    assert pool.run(divmod, 7, 2, timeout=30, what="a test") == (3, 1)


def test_concurrent_callers_get_their_own_children_and_run_in_parallel(pool: isolation.Pool) -> None:
    pool.run(os.getpid, timeout=30, what="a test")
    pool.run(os.getpid, timeout=30, what="a test")
    pids: list[int] = []

    def nap_then_tell() -> None:
        pool.run(time.sleep, 1.0, timeout=30, what="a test")
        pids.append(pool.run(os.getpid, timeout=30, what="a test"))

    threads = [threading.Thread(target=nap_then_tell) for _ in range(2)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.monotonic() - started < 1.9  # two one-second naps side by side, not one after the other
    assert len(pids) == 2


def test_what_a_child_prints_never_corrupts_its_answer(pool: isolation.Pool) -> None:
    assert pool.run(os.write, 1, b"native chatter on stdout\n", timeout=30, what="a test") == 25
    assert pool.run(divmod, 9, 4, timeout=30, what="a test") == (2, 1)


def test_an_exception_that_cannot_travel_still_says_what_it_was(pool: isolation.Pool) -> None:
    with pytest.raises(RuntimeError, match="Unpicklable: it has a lock"):
        pool.run(_raise_unpicklable, timeout=30, what="a test")


class Unpicklable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.lock = threading.Lock()


def _raise_unpicklable() -> None:
    raise Unpicklable("it has a lock")
