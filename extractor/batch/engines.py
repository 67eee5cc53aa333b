"""Where the work runs: local worker processes (default) or an existing Dask cluster.

The local engine is its own small pool rather than concurrent.futures, because a pool
there cannot kill one task: each worker here has its own pipe, so the parent knows which
input a worker holds and since when, kills a worker that passes the time limit or dies,
records that input as failed and starts a fresh worker. Workers run under an address
space limit (so a runaway document raises MemoryError, not the machine's OOM killer),
with one OCR thread each, and are replaced after a number of tasks to bound any leak.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing as mp
import os
import resource
import signal
import socket
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Protocol

from extractor.batch.worker import JobOutcome, Task, convert_job, failed_outcome
from extractor.errors import UsageError


@dataclass(frozen=True, slots=True)
class Limits:
    time_limit: float = 300.0  # seconds per input
    memory_mb: int = 2048  # address space a worker may add to what it starts with; 0 = none
    tasks_per_worker: int = 200


_PR_SET_PDEATHSIG = 1


class Engine(Protocol):
    def run(self, tasks: Iterable[Task]) -> Iterator[JobOutcome]: ...


def _worker_main(conn: Connection, memory_mb: int) -> None:
    """Loop of one worker process: receive a task, send back its outcome, until None."""
    # Tesseract and BLAS would start a thread per core in every worker; one each is faster.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    os.environ["OMP_NUM_THREADS"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    if memory_mb > 0:
        # on top of what the worker holds at its start: a forked worker shares its
        # parent's address space, which grows in a long-lived parent (a test run's grew
        # so large that a 9-page scan then hit a flat limit of 2 GB)
        limit = _address_space() + memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(convert_job(task))


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux), else 0."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the parent dies (even by SIGKILL), so no
    orphan goes on writing into the output folder while a rerun starts there."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _preload() -> None:
    """Import the PDF stack once in the parent, so forked workers (and their replacements)
    start with it loaded instead of importing it each."""
    with contextlib.suppress(ImportError):
        import extractor.pipeline
        import extractor.validate  # noqa: F401


class _Slot:
    """One worker process and the task it holds."""

    def __init__(self, ctx: mp.context.BaseContext, memory_mb: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, memory_mb), daemon=True
        )
        self.proc.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0
        self.done = 0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.proc.kill()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _fill(slots: list[_Slot], queue: deque[Task]) -> None:
    for slot in slots:
        if slot.task is None and queue:
            slot.give(queue.popleft())


class LocalEngine:
    def __init__(self, workers: int, limits: Limits) -> None:
        self.workers = max(1, workers)
        self.limits = limits
        # fork: a worker starts in milliseconds with the modules already imported.
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self._ctx = mp.get_context(method)
        if method == "fork":
            _preload()

    def run(self, tasks: Iterable[Task]) -> Iterator[JobOutcome]:
        queue = deque(tasks)
        slots = [self._new() for _ in range(min(self.workers, len(queue)))]
        try:
            while queue or any(s.task for s in slots):
                _fill(slots, queue)
                done = list(self._collect(slots))
                _fill(slots, queue)  # workers go on while the parent records what came back
                yield from done
        finally:
            for slot in slots:
                slot.stop(kill=slot.task is not None)

    def _new(self) -> _Slot:
        return _Slot(self._ctx, self.limits.memory_mb)

    def _collect(self, slots: list[_Slot]) -> Iterator[JobOutcome]:
        busy = [s for s in slots if s.task is not None]
        deadline = min(s.started for s in busy) + self.limits.time_limit
        ready = wait([s.conn for s in busy], timeout=max(0.0, deadline - time.monotonic()))
        now = time.monotonic()
        for i, slot in enumerate(slots):
            task = slot.task
            if task is None:
                continue
            if slot.conn in ready:
                outcome = self._receive(slot, task)
            elif now - slot.started >= self.limits.time_limit:
                limit = self.limits.time_limit
                outcome = failed_outcome(task, "timeout", f"over the time limit of {limit:g} s")
                slot.stop(kill=True)
                slots[i] = self._new()
            else:
                continue
            slot.task = None
            if slots[i] is slot and slot.done >= self.limits.tasks_per_worker:
                slot.stop()
                slots[i] = self._new()
            yield outcome

    def _receive(self, slot: _Slot, task: Task) -> JobOutcome:
        try:
            outcome: JobOutcome = slot.conn.recv()
            slot.done += 1
            return outcome
        except (EOFError, OSError):
            slot.proc.join(5)
            code = slot.proc.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            slot.done = self.limits.tasks_per_worker  # replaced below
            return failed_outcome(
                task, "worker_died", f"the worker died ({how}); out of memory or a crash"
            )


class DaskEngine:
    """The same tasks on an existing dask.distributed cluster.

    Workers must see the inputs and the output folder at the same paths (a shared
    filesystem). Dask cannot stop a running task: a task over the time limit is
    reported failed and forgotten, and the worker thread finishes it in the background.
    Memory is bounded by the Dask workers' own `--memory-limit` (the nanny restarts a
    worker over it; its task then fails as 'worker_died').
    """

    def __init__(self, scheduler: str, limits: Limits) -> None:
        self.scheduler = scheduler
        self.limits = limits

    def run(self, tasks: Iterable[Task]) -> Iterator[JobOutcome]:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError(
                None, "--engine dask needs dask.distributed", "pip install 'form4[dask]'"
            ) from None
        _check_reachable(self.scheduler)
        try:
            client = Client(self.scheduler, timeout=30)
        except OSError as exc:
            raise UsageError(
                None, f"cannot reach the Dask scheduler {self.scheduler}: {exc}"
            ) from None
        with client:
            yield from self._run(client, deque(tasks))

    def _run(self, client: Any, queue: deque[Task]) -> Iterator[JobOutcome]:
        from distributed import wait as dask_wait

        # As many tasks in flight as threads: submitted ~ started, so the time limit holds.
        width = max(1, sum(client.nthreads().values()))
        running: dict[Any, tuple[Task, float]] = {}
        while queue or running:
            while queue and len(running) < width:
                task = queue.popleft()
                fut = client.submit(convert_job, task, pure=False, retries=0)
                running[fut] = (task, time.monotonic())
            first = min(started for _, started in running.values())
            timeout = max(0.1, first + self.limits.time_limit - time.monotonic())
            dask_wait(list(running), timeout=timeout, return_when="FIRST_COMPLETED")
            yield from self._harvest(running)

    def _harvest(self, running: dict[Any, tuple[Task, float]]) -> Iterator[JobOutcome]:
        now = time.monotonic()
        for fut, (task, started) in list(running.items()):
            if fut.done():
                del running[fut]
                yield _dask_outcome(fut, task)
            elif now - started >= self.limits.time_limit:
                del running[fut]
                fut.cancel()
                limit = self.limits.time_limit
                yield failed_outcome(task, "timeout", f"over the time limit of {limit:g} s")


def _check_reachable(address: str) -> None:
    """Fail at once, not after the client's 30 s of retries, when nothing listens there."""
    host, _, port = address.rpartition("://")[2].rpartition(":")
    if not port.isdigit():
        raise UsageError(None, f"--scheduler {address!r} is not tcp://HOST:PORT")
    try:
        socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=5).close()
    except OSError as exc:
        raise UsageError(None, f"cannot reach the Dask scheduler {address}: {exc}") from None


def _dask_outcome(fut: Any, task: Task) -> JobOutcome:
    try:
        outcome = fut.result()
    except Exception as exc:  # KilledWorker, a lost connection: the input fails, not the batch
        return failed_outcome(task, "worker_died", f"the Dask task failed: {type(exc).__name__}")
    assert isinstance(outcome, JobOutcome)
    return outcome
