"""Load on the HTTP service: bursts of concurrent extractions, 5xx count, server memory.

    python benchmarks/load.py [--concurrent 50] [--rounds 4] [--inputs samples] [--max-seconds 180]

This process starts `form4 serve` on a free 127.0.0.1 port (a throw-away data folder and
key), sends `--rounds` bursts of `--concurrent` simultaneous POST /v1/extract, and reads
the server's resident memory (VmRSS of the uvicorn process, from /proc) before the first
burst and after each. Documents come from `--inputs` (PDF and XML files, in turn). It
stops by itself: a fixed number of requests, each with a timeout, and an overall limit.
Exit status 1 when any answer was a 5xx or a transport error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Answer:
    status: int  # 0: transport error or timeout
    seconds: float


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def descendants(pid: int) -> int:
    """Processes below `pid`: the forkserver, its helpers, and the workers running now."""
    parent_of: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent_of[int(stat.parent.name)] = int(fields[1])
    below, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parent_of.items() if parent in frontier} - below
        below |= frontier
    return len(below)


class PeakSampler:
    """The most descendants of the server seen while a burst runs (sampled every 0.1 s)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, descendants(self.pid))
            self._stop.wait(0.1)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def start_server(data: Path, key: str, concurrency: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    config = data / "service.toml"
    config.write_text(
        f'data_dir = "{data}"\nconcurrency = {concurrency}\ndocument_timeout_s = 60\n'
    )
    env = {**os.environ, "FORM4_API_KEYS": f"load:{key}"}
    cmd = [sys.executable, "-m", "extractor", "serve", "--port", str(port), "--config", str(config)]
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"the server did not start; see {data / 'server.log'}")


async def one(client: httpx.AsyncClient, doc: Path) -> Answer:
    started = time.perf_counter()
    try:
        r = await client.post("/v1/extract", files={"file": (doc.name, doc.read_bytes())})
        status = r.status_code
    except httpx.HTTPError:
        status = 0
    return Answer(status, time.perf_counter() - started)


async def burst(url: str, key: str, docs: list[Path], timeout: float) -> list[Answer]:
    limits = httpx.Limits(max_connections=len(docs))
    async with httpx.AsyncClient(
        base_url=url, headers={"X-API-Key": key}, timeout=timeout, limits=limits
    ) as client:
        return list(await asyncio.gather(*(one(client, d) for d in docs)))


def row(name: str, answers: list[Answer], wall: float, rss: float, workers: int) -> list[str]:
    by = Counter(a.status // 100 for a in answers)
    times = sorted(a.seconds for a in answers) or [0.0]
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return [
        name,
        str(len(answers)),
        str(by[2]),
        str(by[4]),
        str(by[5]),
        str(by[0]),
        f"{statistics.median(times):.2f}",
        f"{p95:.2f}",
        f"{wall:.1f}",
        f"{rss:.1f}",
        str(workers),
    ]


HEAD = [
    "round",
    "sent",
    "2xx",
    "4xx",
    "5xx",
    "failed",
    "p50 s",
    "p95 s",
    "wall s",
    "RSS MiB",
    "peak workers",
]


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [HEAD, *rows]) for i in range(len(HEAD))]
    for r in [HEAD, *rows]:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--concurrent", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--inputs", type=Path, default=REPO / "samples")
    ap.add_argument("--server-concurrency", type=int, default=2)
    ap.add_argument("--max-seconds", type=float, default=180.0)
    args = ap.parse_args()
    docs = sorted(p for p in args.inputs.iterdir() if p.suffix.lower() in (".pdf", ".xml"))
    if not docs:
        raise SystemExit(f"no .pdf or .xml in {args.inputs}")
    key = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="form4-load-") as tmp:
        proc, url = start_server(Path(tmp), key, args.server_concurrency)
        try:
            return run(proc, url, key, docs, args)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def run(
    proc: subprocess.Popen[bytes], url: str, key: str, docs: list[Path], args: argparse.Namespace
) -> int:
    deadline = time.monotonic() + args.max_seconds
    asyncio.run(burst(url, key, docs, 60))  # warm-up: forkserver, imports, page of each kind
    idle = descendants(proc.pid)  # the forkserver and its helpers, no worker
    before = rss_mib(proc.pid)
    rows, rss_after, bad = [row("warm", [], 0, before, 0)], [before], 0
    for n in range(1, args.rounds + 1):
        if time.monotonic() > deadline:
            print(f"stopped: over --max-seconds {args.max_seconds:g}")
            break
        batch = [docs[i % len(docs)] for i in range(args.concurrent)]
        started = time.perf_counter()
        with PeakSampler(proc.pid) as peak:
            answers = asyncio.run(burst(url, key, batch, max(5.0, deadline - time.monotonic())))
        wall = time.perf_counter() - started
        bad += sum(1 for a in answers if a.status >= 500 or a.status == 0)
        rss_after.append(rss_mib(proc.pid))
        rows.append(row(str(n), answers, wall, rss_after[-1], peak.peak - idle))
    print(f"server {url}, concurrency {args.server_concurrency}; inputs, in turn:")
    print("  " + ", ".join(d.name for d in docs))
    print_table(rows)
    print(
        f"server RSS (MiB): {before:.1f} before the first burst, {rss_after[1]:.1f} after it, "
        f"{rss_after[-1]:.1f} after the last ({rss_after[-1] - rss_after[1]:+.1f} since the first)"
    )
    print("5xx or failed requests:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
