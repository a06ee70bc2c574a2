"""Query worker processes: the time limit, parallelism, and fresh views of a store being written.

Why processes and not threads: pyoxigraph holds the GIL while it evaluates a query (two threads
running one query each take twice as long as one), and a query cannot be cancelled from Python.  A
worker process gives real parallelism on several cores, and a query past its time limit is ended
by killing its process; a new worker replaces it.

Each worker opens the store with RocksDB's read-only mode, which takes no lock, so ``kgraph build``
(or any other writer) can keep the store open read-write meanwhile.  A read-only handle sees the
store as it was when opened, so:

* with ``refresh`` > 0 the pool watches the store's files and, once they have changed, starts new
  workers on a fresh view one at a time and retires the old ones only after a replacement is ready
  (opening a store whose writer is still running replays its write-ahead log, which can take long;
  the old workers keep answering meanwhile).  Every answer comes from one consistent view.
* when the server itself writes (SPARQL Update with the write token), the writer flushes and bumps
  a generation number that every later query carries; a worker behind it reopens first, so a client
  reads its own writes.
"""

from __future__ import annotations

import ctypes
import json
import logging
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import StoreError
from ..store import MARKER
from .engine import Engine, Job, Limits, Reply, error

log = logging.getLogger(__name__)


class Busy(Exception):
    """Every worker stayed busy for the whole time limit."""


class TimedOut(Exception):
    """The query ran past the time limit; its worker was killed."""


def _die_with_parent() -> None:
    """Linux: be killed when the server dies, even by SIGKILL, so no worker is left behind.

    The kernel sends the signal when the *thread* that started the worker ends, so workers are
    only started from threads that live as long as the pool (the caller's, spawner, watcher).
    """
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:  # pragma: no cover - a libc without prctl: the pipe's EOF still ends us
            pass


def _worker_main(conn: Connection, store_path: str, limits: Limits) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    try:
        engine = Engine(store_path, limits)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which decides
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = engine.run(job)
        except Exception as exc:  # noqa: BLE001 - a worker answers every job, and lives on
            reply = error(500, f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, ctx, store_path: Path, limits: Limits, view: int):
        self.view = view  # which refresh of the store this worker opened
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, str(store_path), limits),
            daemon=True,
            name=f"kgraph-query-{view}",
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"a query worker did not open the store within {timeout:.0f} s")
        try:
            kind, detail = self.conn.recv()
        except EOFError:
            raise StoreError("a query worker died while opening the store") from None
        if kind != "ready":
            self.kill()
            raise StoreError(detail)

    def run(self, job: Job, timeout: float) -> Reply | None:
        """The reply, or None if the time limit passed (the worker is then dead)."""
        try:
            self.conn.send(job)
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            return error(500, "the query worker died while answering; try again")
        self.kill()
        return None

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(2)
        self.kill()


def store_fingerprint(store_path: Path) -> tuple:
    """What changes when a writer changes the store: RocksDB's files, their sizes and times.

    RocksDB's info logs (``LOG*``) are left out: opening read-only rotates them.
    """
    try:
        info = json.loads((store_path / MARKER).read_text())
        data = store_path / info.get("data", "oxigraph")
        entries = []
        with os.scandir(data) as it:
            for entry in it:
                if entry.name.startswith("LOG"):
                    continue
                stat = entry.stat()
                entries.append((entry.name, stat.st_size, stat.st_mtime_ns))
        return tuple(sorted(entries))
    except (OSError, ValueError):
        return ()


class QueryPool:
    """``size`` worker processes answering :class:`Job` s, each within ``timeout`` seconds."""

    def __init__(
        self,
        store_path: str | Path,
        *,
        size: int = 2,
        timeout: float = 30.0,
        limits: Limits | None = None,
        refresh: float = 5.0,
        start_timeout: float = 600.0,
    ):
        self.store_path = Path(store_path)
        self.size = max(1, size)
        self.timeout = timeout
        self.limits = limits or Limits()
        self.refresh = refresh
        self.start_timeout = start_timeout
        self._ctx = mp.get_context("spawn")  # never fork a process that holds RocksDB handles
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._view = 0
        self._generation = 0
        self._closed = threading.Event()
        self._monitor: threading.Thread | None = None
        self._spawn_requests: queue.Queue[bool | None] = queue.Queue()

    # -- life cycle ----------------------------------------------------------------------------
    def start(self) -> QueryPool:
        fingerprint = store_fingerprint(self.store_path)
        workers = [
            _Worker(self._ctx, self.store_path, self.limits, self._view) for _ in range(self.size)
        ]
        try:
            for worker in workers:
                worker.wait_ready(self.start_timeout)
        except StoreError:
            for worker in workers:
                worker.kill()
            raise
        for worker in workers:
            self._workers.add(worker)
            self._idle.put(worker)
        threading.Thread(target=self._spawner, daemon=True, name="kgraph-worker-spawner").start()
        if self.refresh > 0:
            self._monitor = threading.Thread(
                target=self._watch, args=(fingerprint,), daemon=True, name="kgraph-store-watch"
            )
            self._monitor.start()
        return self

    def close(self) -> None:
        self._closed.set()
        self._spawn_requests.put(None)
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def workers(self) -> int:
        return len(self._workers)

    # -- answering -----------------------------------------------------------------------------
    def execute(self, job: Job) -> Reply:
        """Answer ``job``; raise :class:`Busy` or :class:`TimedOut` past the time limit."""
        worker = self._acquire()
        reply = worker.run(replace(job, generation=self._generation), self.timeout)
        if not worker.alive():  # killed at the time limit, or died
            self._forget(worker)
            self._spawn_async()
        else:
            self._release(worker)
        if reply is None:
            raise TimedOut()
        return reply

    def wrote(self) -> None:
        """The server wrote to the store (and flushed): later queries must see it."""
        with self._lock:
            self._generation += 1

    def _acquire(self) -> _Worker:
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Busy()
            try:
                worker = self._idle.get(timeout=remaining)
            except queue.Empty:
                raise Busy() from None
            if not worker.alive():
                self._forget(worker)
                self._spawn_async()
                continue
            if self._retire_if_stale(worker):
                continue
            return worker

    def _release(self, worker: _Worker) -> None:
        if not self._retire_if_stale(worker):
            self._idle.put(worker)

    def _retire_if_stale(self, worker: _Worker) -> bool:
        """Stop a worker on an old view once enough workers on the new view are there."""
        with self._lock:
            if worker.view >= self._view or len(self._workers) <= self.size:
                return False
            self._workers.discard(worker)
        worker.stop()
        return True

    def _forget(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.kill()

    def _spawn(self) -> None:
        with self._lock:
            view = self._view
        worker = _Worker(self._ctx, self.store_path, self.limits, view)
        try:
            worker.wait_ready(self.start_timeout)
        except StoreError as exc:
            log.error("kgraph: could not start a query worker: %s", exc)
            return
        with self._lock:
            if self._closed.is_set():
                worker.stop()
                return
            self._workers.add(worker)
        self._idle.put(worker)

    def _spawn_async(self) -> None:
        """Ask the spawner thread for a new worker (see :func:`_die_with_parent` for why a thread
        that lives as long as the pool)."""
        self._spawn_requests.put(True)

    def _spawner(self) -> None:
        while True:
            request = self._spawn_requests.get()
            if request is None or self._closed.is_set():
                return
            self._spawn()

    # -- seeing a store that another process writes ---------------------------------------------
    def _watch(self, served: tuple) -> None:
        """Renew the workers once the store has changed and stayed still for one interval (or
        has kept changing for ten), so a running build does not cause a renewal per document."""
        last, changing_since = served, None
        while not self._closed.wait(self.refresh):
            now = store_fingerprint(self.store_path)
            if now == served:
                last, changing_since = now, None
                continue
            if changing_since is None:
                changing_since = time.monotonic()
            settled = now == last
            overdue = time.monotonic() - changing_since > 10 * self.refresh
            last = now
            if settled or overdue:
                self._renew()
                served, changing_since = now, None

    def _renew(self) -> None:
        with self._lock:
            self._view += 1
        log.info("kgraph: the store changed; renewing the query workers")
        for _ in range(self.size):
            if self._closed.is_set():
                return
            self._spawn()
            # retire idle workers on the old view now rather than at their next query
            for _ in range(self._idle.qsize()):
                try:
                    worker = self._idle.get_nowait()
                except queue.Empty:
                    break
                self._release(worker)
