"""Native code runs in child processes, so a crash in it costs one call, not the process.

The voices and diacritizers are C and C++ libraries (libespeak-ng through
ctypes, ONNX Runtime) fed text that comes from anyone: one article with a
token eSpeak cannot handle segfaulted the whole service, API, jobs, webhooks
and polling together, and took it down again after every restart. Python
cannot catch a segfault, an abort or the kernel's out-of-memory kill, and
there is no way to know every input that triggers one; the only sure defence
is a process boundary.

:func:`run` calls a module-level function in a long-lived child Python
process (``python -m khulasa.isolation``) and returns its result. A child
that dies mid-call (a signal, an exit) or overruns its time is replaced,
and the call raises :class:`~khulasa.errors.NativeCrash`, which the job
runner quarantines instead of retrying. Children are kept between calls
(the models load once per child) and one serves one call at a time, so
concurrent callers (the job threads) each get their own and run in
parallel; eSpeak's global lock no longer serializes them.

The protocol is pickled ``(function, args)`` in and ``("ok", result)`` or
``("error", exception)`` out, each framed by an 8-byte length, over the
child's stdin and a private copy of its stdout; the child's own stdout is
pointed at stderr, so whatever a native library prints cannot corrupt a
frame. Parent and child are the same program, so pickle is safe here.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import logging
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any, TypeVar

from khulasa.errors import NativeCrash

T = TypeVar("T")

_HEADER = struct.Struct("!Q")
KEEP_IDLE = 4
"""Idle children kept for the next calls: more only hold memory (each has its own models)."""
START_SECONDS = 60.0
"""Extra time the first call of a child may take: it imports the libraries and loads the models."""

log = logging.getLogger(__name__)


def run(function: Callable[..., T], *args: Any, timeout: float, what: str = "native code") -> T:
    """``function(*args)`` in a child process; NativeCrash when the child dies or runs past ``timeout`` seconds.

    ``what`` names the work in the error's message: "the voice crashed on this text (signal SIGSEGV)".

    ``function`` must be a module-level function and ``args`` and its result
    picklable. An exception it raises comes back as itself, and the child is
    kept; the child is replaced only when it died or was stopped.
    """
    return _pool.run(function, *args, timeout=timeout, what=what)


def close() -> None:
    """Stop this process's idle children now (they are stopped at exit anyway)."""
    _pool.close()


def crashes() -> int:
    """Children of this process that died or were stopped mid-call, since it started."""
    return _pool.crashes


class Child:
    """One child process and its two pipes; serves one call at a time."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "khulasa.isolation"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._to: IO[bytes] = self.process.stdin
        self._from = self.process.stdout.fileno()
        self.fresh = True
        """True until the first call has returned: that one may take START_SECONDS more."""

    def call(self, name: str, args: tuple[Any, ...], timeout: float, what: str) -> Any:
        """Run the function called ``name`` (``module:qualname``) on ``args``; see :func:`run`."""
        if self.fresh:
            timeout += START_SECONDS
        deadline = time.monotonic() + timeout
        request = pickle.dumps((name, args), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self._to.write(_HEADER.pack(len(request)) + request)
            self._to.flush()
        except (BrokenPipeError, OSError):
            raise self._died(what) from None
        (length,) = _HEADER.unpack(self._read(_HEADER.size, deadline, what, timeout))
        outcome, value = pickle.loads(self._read(length, deadline, what, timeout))
        self.fresh = False
        if outcome == "error":
            raise value
        return value

    def _read(self, size: int, deadline: float, what: str, timeout: float) -> bytes:
        parts: list[bytes] = []
        left = size
        while left:
            wait = deadline - time.monotonic()
            ready = select.select([self._from], [], [], max(wait, 0))[0] if wait > 0 else []
            if not ready:
                self.stop()
                raise NativeCrash(f"{what} did not finish on this text in {timeout:.0f} s and was stopped.")
            part = os.read(self._from, min(left, 1 << 20))
            if not part:
                raise self._died(what)
            parts.append(part)
            left -= len(part)
        return b"".join(parts)

    def _died(self, what: str) -> NativeCrash:
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.stop()
            code = self.process.returncode
        return NativeCrash(f"{what} crashed on this text ({_how(code)}).")

    def stop(self) -> None:
        """End the child at once and reap it."""
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()

    def alive(self) -> bool:
        """Whether the child is still running (an idle child can be killed from outside)."""
        return self.process.poll() is None


class Pool:
    """Idle children to hand out, a new one when none is idle; dead ones are dropped, not reused."""

    def __init__(self, keep: int = KEEP_IDLE) -> None:
        self.keep = keep
        self.crashes = 0
        self._idle: list[Child] = []
        self._lock = threading.Lock()

    def run(self, function: Callable[..., T], *args: Any, timeout: float, what: str) -> T:
        """See :func:`run`."""
        name = f"{function.__module__}:{function.__qualname__}"
        child = self._take()
        try:
            result: T = child.call(name, args, timeout, what)
        except NativeCrash:
            with self._lock:
                self.crashes += 1
            log.info("%s: a child process crashed or hung in %s; it is replaced", what, name)  # the caller says more
            child.stop()
            raise
        except BaseException as exc:
            if not child.alive() or isinstance(exc, KeyboardInterrupt | SystemExit):
                child.stop()  # interrupted mid-call: its pipes may hold half a frame
            else:
                self._give_back(child)
            raise
        self._give_back(child)
        return result

    def _take(self) -> Child:
        with self._lock:
            while self._idle:
                child = self._idle.pop()
                if child.alive():
                    return child
                child.stop()
        return Child()

    def _give_back(self, child: Child) -> None:
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append(child)
                return
        child.stop()

    def close(self) -> None:
        """Stop every idle child (at exit; a busy one ends when its caller's process does)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for child in idle:
            child.stop()


def _how(code: int | None) -> str:
    """A child's exit code in words: "signal SIGSEGV", "exit code 1"."""
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


_pool = Pool()
atexit.register(_pool.close)


def _serve() -> None:
    """The child's loop: read a call, run it, write the outcome; end at end of input (the parent is gone)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us
    _die_with_parent()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what native libraries print goes to stderr, never into a frame
    source = sys.stdin.buffer
    while True:
        header = source.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        (length,) = _HEADER.unpack(header)
        name, args = pickle.loads(source.read(length))
        try:
            module, _, qualname = name.partition(":")
            function: Any = importlib.import_module(module)
            for part in qualname.split("."):
                function = getattr(function, part)
            reply = pickle.dumps(("ok", function(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            try:
                reply = pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that does not pickle still reaches the caller, as a message
                reply = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        out.write(_HEADER.pack(len(reply)) + reply)
        out.flush()


def _die_with_parent() -> None:
    """End this child soon after its parent is gone, even while the main thread is stuck in native code.

    End of input ends an idle child; this covers a busy one. (Linux's
    PR_SET_PDEATHSIG would fire when the parent *thread* that started the
    child ends, and job threads come and go.)
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="khulasa-parent-watch", daemon=True).start()


if __name__ == "__main__":
    _serve()
