"""A bounded load generator for a SPARQL endpoint on loopback: N clients, each with its own
kept-alive connection, run the catalogue's queries in turn until a deadline (and at most
``max_requests`` each), and every latency and error is recorded."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

LOOPBACK = ("127.", "localhost", "[::1]")


@dataclass
class LoadResult:
    clients: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies."""
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
        return ordered[rank - 1]

    def summary(self) -> dict:
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 1),
            "requests": self.requests,
            "errors": len(self.errors),
            "throughput_per_s": round(self.requests / self.seconds, 1),
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "max_ms": round(max(self.latencies_ms, default=float("nan")), 1),
        }


def run_load(
    endpoint: str,
    queries: list[str],
    *,
    clients: int = 20,
    duration: float = 60.0,
    max_requests: int = 100_000,
) -> LoadResult:
    """Hammer ``endpoint`` (which must be on loopback) for ``duration`` seconds."""
    host = urlsplit(endpoint).hostname or ""
    if not host.startswith(LOOPBACK) and host not in ("localhost", "::1"):
        raise ValueError(f"load tests only target loopback addresses, not {host}")
    if not queries:
        raise ValueError("no queries to run")
    result = LoadResult(clients, duration)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline_box: list[float] = []

    def client(index: int) -> None:
        latencies, errors = [], []
        with requests.Session() as session:
            start.wait()
            deadline = deadline_box[0]
            n = 0
            while time.monotonic() < deadline and n < max_requests:
                query = queries[(index + n) % len(queries)]
                n += 1
                began = time.perf_counter()
                try:
                    response = session.post(
                        endpoint,
                        data={"query": query},
                        timeout=60,
                        headers={"Accept": "application/sparql-results+json, text/turtle;q=0.9"},
                    )
                    body = response.content
                except requests.RequestException as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                elapsed = (time.perf_counter() - began) * 1000
                if response.status_code == 200 and body:
                    latencies.append(elapsed)
                else:
                    errors.append(f"HTTP {response.status_code}: {body[:200]!r}")
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors.extend(errors)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline_box.append(began + duration)
    start.wait()
    for thread in threads:
        thread.join(duration + 120)
    result.seconds = time.monotonic() - began
    return result
