"""Start ``kgraph serve`` (or an Oxigraph server) for a test, on 127.0.0.1 and a free port.

The server is a real subprocess started through the CLI.  ``kgraph serve --port 0`` lets the kernel
pick a free port and prints the URL on stdout once it is listening and its workers are ready, so
the tests wait on that line and then on ``/health`` instead of sleeping.  Teardown stops it with
SIGTERM (the server then ends its workers) and kills it if it has not gone within 10 s.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT/
    process: subprocess.Popen
    log: Path

    @property
    def sparql(self) -> str:
        return self.url + "sparql"

    def query(
        self, sparql: str, *, accept: str | None = None, method: str = "POST", **params
    ) -> requests.Response:
        headers = {"Accept": accept} if accept else {}
        data = {"query": sparql, **params}
        if method == "GET":
            return requests.get(self.sparql, params=data, headers=headers, timeout=60)
        return requests.post(self.sparql, data=data, headers=headers, timeout=60)

    def stderr(self) -> str:
        return self.log.read_text(errors="replace")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def wait_until(condition, *, timeout: float = 10.0, what: str = "condition", every: float = 0.05):
    """Poll ``condition`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)


@contextmanager
def kgraph_server(store: Path, *args: str, start_timeout: float = 120.0) -> Iterator[Server]:
    log = Path(tempfile.mkstemp(prefix="kgraph-serve-", suffix=".log")[1])
    command = [
        sys.executable,
        "-m",
        "kgraph.cli",
        "serve",
        "--store",
        str(store),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        *args,
    ]
    with open(log, "w") as stderr:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, text=True, stdin=subprocess.DEVNULL
        )
    try:
        deadline = time.monotonic() + start_timeout
        url = ""
        while not url:
            remaining = deadline - time.monotonic()
            if process.poll() is not None or remaining <= 0:
                raise AssertionError(f"kgraph serve did not start:\n{log.read_text()}")
            ready, _, _ = select.select([process.stdout], [], [], min(remaining, 1.0))
            if ready:
                url = process.stdout.readline().strip()
        server = Server(url, process, log)
        wait_until(lambda: _healthy(server.url), timeout=30, what="/health")
        yield server
    finally:
        _stop(process)
        log.unlink(missing_ok=True)


def _healthy(url: str) -> bool:
    try:
        return requests.get(url + "health", timeout=5).status_code == 200
    except requests.ConnectionError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server from the PyPI package of that name (a dev dependency)."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A real Oxigraph server (read-write) on 127.0.0.1; yields its base URL."""
    binary = oxigraph_binary()
    if binary is None:
        raise AssertionError("the oxigraph server is not installed (pip install -e '.[dev]')")
    # the kernel cannot hand a free port to a program that takes only --bind, so: pick one, retry
    # if another process took it in between
    for _attempt in range(5):
        port = free_port()
        process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "RUST_LOG": "warn"},
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until(
                lambda p=process, u=url: p.poll() is not None or _answers(u),
                timeout=60,
                what="the Oxigraph server",
            )
        except AssertionError:
            _stop(process)
            raise
        if process.poll() is None:
            break
    else:
        raise AssertionError("could not start the Oxigraph server on a free port")
    try:
        yield url
    finally:
        _stop(process)


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/query", params={"query": "ASK {}"}, timeout=5).ok
    except requests.ConnectionError:
        return False
