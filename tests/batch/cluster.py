"""A real Dask cluster on 127.0.0.1: a scheduler and workers as separate processes."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _python(module: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for_workers(scheduler_file: Path, count: int, timeout: float) -> str:
    from distributed import Client

    deadline = time.monotonic() + timeout
    while not scheduler_file.exists():
        if time.monotonic() > deadline:
            raise TimeoutError("the Dask scheduler did not start")
        time.sleep(0.1)
    address = str(json.loads(scheduler_file.read_text())["address"])
    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=max(1.0, deadline - time.monotonic()))
    return address


@contextlib.contextmanager
def dask_cluster(workers: int = 2, timeout: float = 60.0) -> Iterator[str]:
    """Start `dask scheduler --port 0` and `workers` one-thread workers; yield its address."""
    with tempfile.TemporaryDirectory() as tmp:
        scheduler_file = Path(tmp) / "scheduler.json"
        procs = [
            _python(
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(scheduler_file),
            )
        ]
        try:
            while not scheduler_file.exists() and procs[0].poll() is None:
                time.sleep(0.1)
            for _ in range(workers):
                procs.append(
                    _python(
                        "distributed.cli.dask_worker",
                        "--scheduler-file",
                        str(scheduler_file),
                        "--nthreads",
                        "1",
                        "--nworkers",
                        "1",
                        "--no-dashboard",
                        "--host",
                        "127.0.0.1",
                        "--memory-limit",
                        "1GB",
                    )
                )
            yield _wait_for_workers(scheduler_file, workers, timeout)
        finally:
            for proc in reversed(procs):
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(3)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
