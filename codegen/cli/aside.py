"""Pure work run aside, in a forked child process, while this process goes on.

`codegen generate` writes its outputs (types, models, JSON Schema: a quarter to a half of a
run) from the lowered schema alone, so a child forked once the schema is lowered emits them
while this process reads the history and plans and renders the migration, on another core.

The child only computes: it writes nothing but its result, pickled, to a pipe, and leaves
by ``os._exit`` (no exit handlers, no second flush of this process's buffers). Whenever
the child cannot deliver (no ``fork`` on this system, one core, a failed fork, an exception
in the work, a child killed), the work is done here instead, when its result is asked for:
the same pure function, so the same bytes, and an error is raised here with its own
traceback. So it is, too, with other threads alive (see ``_forks``) and with
``CODEGEN_SERIAL=1`` (profiling, debugging).
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import NoReturn, TypeVar

T = TypeVar("T")


def _forks() -> bool:
    # A fork copies only the calling thread: with others alive (an embedding program, a test
    # runner), a lock one of them held would stay held in the child for ever.
    return (hasattr(os, "fork") and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1 and os.environ.get("CODEGEN_SERIAL") != "1")


@contextmanager
def aside(work: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Start ``work`` in a child; the context gives the function that returns its result.
    Leaving the context without asking for it stops the child."""
    if not _forks():
        yield work
        return
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        yield work
        return
    if pid == 0:
        _child(work, read_end, write_end)
    os.close(write_end)
    reaped = False

    def result() -> T:
        nonlocal reaped
        data = _read_all(read_end)
        _, status = os.waitpid(pid, 0)
        reaped = True
        if status == 0 and data:
            with suppress(Exception):  # a garbled result is recomputed below
                value: T = pickle.loads(data)  # our own child's bytes
                return value
        return work()

    try:
        yield result
    finally:
        if not reaped:  # (an interrupt may fall between waitpid and `reaped = True`)
            with suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        os.close(read_end)


def _child(work: Callable[[], T], read_end: int, write_end: int) -> NoReturn:
    os.close(read_end)
    code = 1  # on any exception: the parent recomputes, and raises it there
    try:
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
        code = 0
    finally:
        os._exit(code)  # at once: no traceback, no exit handlers, no flush of copied buffers


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)
