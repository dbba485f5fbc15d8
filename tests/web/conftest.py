"""A real Khulasa server for the web tests: `khulasa serve` in a subprocess on a free loopback port.

Each server gets its own temporary data folder; it is ready when /healthz
answers. Settings go in as KHULASA_* variables, as an operator would give them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from khulasa import config
from khulasa.store import database, keys

# Fast retries and a small body limit, so the tests see retries and refusals quickly.
TEST_SETTINGS = {
    "KHULASA_RETRY_BASE_SECONDS": "0.2",
    "KHULASA_WEBHOOK_TIMEOUT": "3",
    "KHULASA_MAX_BODY_BYTES": "300000",
    "KHULASA_FETCH_ALLOW": "127.0.0.1",  # the fetcher may reach the tests' loopback "newsroom" site
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running `khulasa serve` and how to reach it."""

    data_dir: Path
    port: int
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.data_dir / "server.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30, trust_env=False)

    def start(self) -> Server:
        command = [sys.executable, "-m", "khulasa", "serve", "--port", str(self.port), "--data-dir", str(self.data_dir)]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the server did not come up: {self.log.read_text(errors='replace')}")

    def stop(self, *, kill: bool = False) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        self.process.wait(timeout=30)
        self.process = None

    def make_key(self, name: str) -> str:
        """A new key made straight in the server's database (quicker than the CLI, which is tested too)."""
        url = self.env.get("KHULASA_DATABASE_URL", "")
        engine = database.connect(config.load(environ={}, data_dir=str(self.data_dir), database_url=url))
        try:
            return keys.create_key(engine, name)[1]
        finally:
            engine.dispose()

    def keys(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `khulasa keys ARGS --data-dir` against this server's data folder."""
        return subprocess.run(
            [sys.executable, "-m", "khulasa", "keys", *args, "--data-dir", str(self.data_dir)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


def make_server(data_dir: Path, **settings: str) -> Server:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHULASA_")}
    env.update(TEST_SETTINGS)
    env.update({f"KHULASA_{name.upper()}": value for name, value in settings.items()})
    data_dir.mkdir(parents=True, exist_ok=True)
    return Server(data_dir=data_dir, port=free_port(), env=env)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server shared by the web tests; each test uses its own article ids."""
    running = make_server(tmp_path_factory.mktemp("khulasa-data")).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def api_key(server: Server) -> str:
    """A key made the way an operator makes one: `khulasa keys create NAME`."""
    made = server.keys("create", "newsroom-cms")
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def wait_for_state(client: httpx.Client, external_id: str, states: set[str], timeout: float = 90) -> dict[str, object]:
    """Poll an item until it reaches one of ``states``; returns its JSON."""
    deadline = time.monotonic() + timeout
    item: dict[str, object] = {}
    while time.monotonic() < deadline:
        answer = client.get(f"/v1/articles/{external_id}")
        if answer.status_code == 200:
            item = answer.json()
            if item["state"] in states:
                return item
        time.sleep(0.2)
    raise AssertionError(f"{external_id} did not reach {states} in {timeout}s; last seen: {item}")
