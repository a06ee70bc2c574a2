"""``kgraph serve``: the store as a SPARQL 1.1 endpoint with a query page, for a research group.

* :mod:`.http` – the SPARQL 1.1 Protocol and the page, on the standard library's HTTP server;
* :mod:`.pool` – worker processes running queries on read-only views of the store, in a time limit;
* :mod:`.engine` – one query inside a worker: Oxigraph, content negotiation, result limit;
* :mod:`.formats` – SPARQL result and RDF formats; :mod:`.description` – the service description;
* :mod:`.sparql_text` – what must be known about a query before it runs (``SERVICE``, ``FROM``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..store import Store
from .engine import Limits
from .http import KgraphHTTPServer, Settings, make_server
from .pool import QueryPool

__all__ = ["open_server", "KgraphHTTPServer"]


@contextmanager
def open_server(
    store: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    workers: int | None = None,
    timeout: float = 30.0,
    max_results: int = 10_000,
    write_token: str | None = None,
    allow_service: bool = False,
    refresh: float = 5.0,
) -> Iterator[KgraphHTTPServer]:
    """A bound, ready server (workers started); call ``serve_forever()`` on it.

    With a write token the server opens the store read-write itself (so no ``kgraph build`` can
    run on it meanwhile) and only its own writes change it; without, it never writes and follows
    the changes another process makes every ``refresh`` seconds.
    """
    writer = Store(store, create=False) if write_token else None
    limits = Limits(max_results=max_results, allow_service=allow_service)
    size = workers or min(4, os.cpu_count() or 1)
    pool = QueryPool(
        store, size=size, timeout=timeout, limits=limits, refresh=0 if writer else refresh
    )
    try:
        pool.start()
        settings = Settings(timeout=timeout, write_token=write_token, allow_service=allow_service)
        server = make_server(host, port, pool, settings, writer)
        try:
            yield server
        finally:
            server.server_close()
    finally:
        pool.close()
        if writer is not None:
            writer.flush()
