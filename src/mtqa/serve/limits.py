"""Limits of the server: request size, per-request time, queue length.

Checks are CPU-bound and share module-level caches, so each server process runs one check at a
time, on one worker thread that keeps the models warm; requests wait in a bounded queue. A check
that outlives its time limit is answered with 503 and interrupted: the worker thread receives an
exception at its next Python instruction (CPython), so the next request does not wait for it.
"""

from __future__ import annotations

import asyncio
import ctypes
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any


class TooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"request larger than {limit} bytes")
        self.limit = limit


class CheckTimeout(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"the check took longer than {seconds:g} s")
        self.seconds = seconds


class Busy(Exception):
    def __init__(self, waiting: int) -> None:
        super().__init__(f"server busy: {waiting} checks waiting")
        self.waiting = waiting


class _Interrupted(BaseException):
    """Raised inside the worker thread to stop a check that ran out of time (a BaseException so
    that no ``except Exception`` in a rule swallows it)."""


def _interrupt(thread_id: int) -> bool:
    try:
        set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except AttributeError:  # not CPython: the check runs to its end, its answer is dropped
        return False
    return set_exc(ctypes.c_ulong(thread_id), ctypes.py_object(_Interrupted)) == 1


class _Job:
    def __init__(self, fn: Callable[[], Any]) -> None:
        self.fn = fn
        self.future: Future = Future()
        self.lock = threading.Lock()
        self.thread_id: int | None = None
        self.cancelled = False

    def run(self) -> None:
        with self.lock:
            if self.cancelled:
                return
            self.thread_id = threading.get_ident()
        try:
            try:
                result = self.fn()
            finally:
                with self.lock:
                    self.thread_id = None
        except _Interrupted:
            return
        except BaseException as exc:  # handed to the waiting request
            if not self.future.done():
                self.future.set_exception(exc)
            return
        if not self.future.done():
            self.future.set_result(result)

    def cancel(self) -> bool:
        """Stop the job; True when a running check was interrupted."""
        with self.lock:
            self.cancelled = True
            if self.thread_id is not None:
                return _interrupt(self.thread_id)
        return False


class CheckRunner:
    """One worker thread running checks in order, with a bounded queue and per-check timeouts."""

    def __init__(self, max_queue: int = 64) -> None:
        self.max_queue = max_queue
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._waiting = 0
        self._count_lock = threading.Lock()
        self.interrupted = 0
        self.completed = 0
        self.busy_since: float | None = None
        self._thread = threading.Thread(target=self._loop, name="mtqa-check", daemon=True)
        self._thread.start()

    @property
    def waiting(self) -> int:
        return self._waiting

    def _loop(self) -> None:
        while True:
            try:
                while True:
                    job = self._queue.get()
                    if job is None:
                        return
                    self.busy_since = time.monotonic()
                    try:
                        job.run()
                    finally:
                        self.busy_since = None
                        with self._count_lock:
                            self._waiting -= 1
                            self.completed += 1
            except _Interrupted:  # an interruption that landed after its check had finished
                continue

    def submit(self, fn: Callable[[], Any]) -> _Job:
        with self._count_lock:
            if self._waiting >= self.max_queue:
                raise Busy(self._waiting)
            self._waiting += 1
        job = _Job(fn)
        self._queue.put(job)
        return job

    async def run(self, fn: Callable[[], Any], timeout: float | None) -> Any:
        job = self.submit(fn)
        fut = asyncio.wrap_future(job.future)
        try:
            return await asyncio.wait_for(asyncio.shield(fut), timeout)
        except (asyncio.TimeoutError, asyncio.CancelledError) as exc:
            if job.cancel():
                self.interrupted += 1
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise CheckTimeout(timeout or 0) from None

    def close(self) -> None:
        self._queue.put(None)
