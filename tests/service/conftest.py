"""A real `form4 serve` in a subprocess on a free 127.0.0.1 port, for the service tests.

The server is the command a user runs, with a config file (one key hashed in it) and a
key from FORM4_API_KEYS, so both ways of giving keys are exercised. `restart()` stops
it and starts it again on the same data folder: what survives is what was stored.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO

ENV_KEY = "test-key-alice"  # given through FORM4_API_KEYS as alice
FILE_KEY = "test-key-bob"  # given as a sha256 digest in the config file as bob
MAX_UPLOAD = 300_000


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.config = data_dir.parent / "service.toml"
        digest = hashlib.sha256(FILE_KEY.encode()).hexdigest()
        self.config.write_text(
            f'data_dir = "{data_dir}"\n'
            f"max_upload_bytes = {MAX_UPLOAD}\n"
            "concurrency = 2\n"
            "document_timeout_s = 60\n"
            f'api_keys = [{{ name = "bob", sha256 = "{digest}" }}]\n'
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "FORM4_API_KEYS": f"alice:{ENV_KEY}"}
        env.pop("FORM4_DATA_DIR", None)
        cmd = [sys.executable, "-m", "extractor", "serve", "--port", str(self.port)]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [*cmd, "--config", str(self.config)], cwd=REPO, env=env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"the server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        pytest.fail("the server did not answer /healthz within 30 s")

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def client(self, key: str | None = ENV_KEY) -> httpx.Client:
        headers = {"X-API-Key": key} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("service")
    srv = Server(root / "data")
    srv.start()
    yield srv
    srv.stop()


def wait_for_job(client: httpx.Client, job_id: str, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, object] = client.get(f"/v1/jobs/{job_id}").json()
        if job["status"] == "done":
            return job
        time.sleep(0.2)
    pytest.fail(f"job {job_id} not done within {timeout} s")
