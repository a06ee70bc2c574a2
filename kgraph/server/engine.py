"""One query, start to finish, inside a worker process: run it on Oxigraph, negotiate, serialise.

This module runs where the store is open *read-only* (see :mod:`kgraph.server.pool` for why queries
live in processes).  The query goes to pyoxigraph as a string with kgraph's prefix map predeclared,
so Oxigraph's own engine evaluates it.  The default graph is the store's merge of the named graphs
(their distinct triples; Oxigraph's union while the merge is stale, see kgraph.store) unless the
query (FROM) or the request (``default-graph-uri``) names a dataset.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..namespace import PREFIXES
from ..store import Store
from . import formats
from .sparql_text import inspect

_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}


@dataclass(frozen=True)
class Job:
    """A query request, as the HTTP layer parsed it."""

    sparql: str
    accept: str | None = None
    formats: tuple[str, ...] = ()  # values of the ``format`` parameter, which override Accept
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    generation: int = 0  # the store's write generation the answer must reflect


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def error(status: int, message: str, *headers: tuple[str, str]) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", f"kgraph: {message}\n".encode(), headers)


@dataclass(frozen=True)
class Limits:
    max_results: int = 10_000  # rows of a table, or triples of a graph
    allow_service: bool = False


class Engine:
    """The read-only store and the rules for answering queries on it."""

    def __init__(self, store_path: str | Path, limits: Limits):
        self.store_path = Path(store_path)
        self.limits = limits
        self.generation = 0
        self.store = self._open()

    def _open(self) -> Store:
        return Store(self.store_path, read_only=True, create=False)

    def reopen(self, generation: int | None = None) -> str | None:
        """A fresh read-only view (a read-only RocksDB handle sees the data as of its opening);
        None, or why it failed.

        Opening while a writer flushes or compacts can meet a file being replaced (RocksDB reports
        the manifest as corrupted), so a few quick retries come before giving up."""
        failure = ""
        for attempt in range(6):
            try:
                self.store = self._open()
            except (OSError, RuntimeError, StoreError) as exc:
                failure = str(exc)
                time.sleep(0.02 * 2**attempt)
                continue
            if generation is not None:
                self.generation = generation
            return None
        return failure

    def run(self, job: Job) -> Reply:
        if job.generation > self.generation:
            failure = self.reopen(job.generation)
            if failure:
                return error(
                    503,
                    f"the store could not be reopened ({failure}); try again",
                    ("Retry-After", "1"),
                )
        shape = inspect(job.sparql)
        if shape.uses_service and not self.limits.allow_service:
            return error(
                403,
                "SERVICE (federated query) is disabled on this endpoint; "
                "start kgraph serve with --allow-service to allow it",
            )
        try:
            return self._answer(job, union=self._union(shape.has_dataset, job))
        except (OSError, RuntimeError) as first:
            # A writer may have compacted away a file this view had not opened yet: look again once.
            failure = self.reopen()
            if failure:
                return error(
                    503, f"the store could not be read ({first}); try again", ("Retry-After", "1")
                )
            try:
                return self._answer(job, union=self._union(shape.has_dataset, job))
            except (OSError, RuntimeError) as exc:
                return error(500, f"the store could not be read: {exc}")
        except (StoreError, ValueError, TypeError) as exc:
            return error(400, str(exc))

    def _union(self, has_dataset: bool, job: Job) -> bool:
        """Oxigraph's union default graph only while the merge is stale, and never when the query
        or the request names the dataset."""
        return not (has_dataset or job.default_graphs) and not self.store.uses_merge()

    def _answer(self, job: Job, *, union: bool) -> Reply:
        kwargs: dict = {"prefixes": _PREFIXES, "use_default_graph_as_union": union}
        if job.default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        if job.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
        try:
            result = self.store.ox.query(job.sparql, **kwargs)
        except SyntaxError as exc:
            return error(400, f"invalid SPARQL: {' '.join(str(exc).split())}")
        limit = self.limits.max_results
        if isinstance(result, ox.QueryBoolean):
            fmt = formats.choose(formats.BOOLEAN_FORMATS, job.accept, job.formats)
            if fmt is None:
                return _not_acceptable(formats.BOOLEAN_FORMATS)
            return Reply(200, formats.content_type(fmt), formats.write_boolean(fmt, bool(result)))
        if isinstance(result, ox.QuerySolutions):
            fmt = formats.choose(formats.RESULT_FORMATS, job.accept, job.formats)
            if fmt is None:
                return _not_acceptable(formats.RESULT_FORMATS)
            variables = [v.value for v in result.variables]
            rows = [
                [solution[v] for v in variables] for solution in itertools.islice(result, limit + 1)
            ]
            truncated = _truncate(rows, limit)
            return Reply(
                200,
                formats.content_type(fmt),
                formats.write_solutions(fmt, variables, rows),
                truncated,
            )
        fmt = formats.choose(formats.GRAPH_FORMATS, job.accept, job.formats)
        if fmt is None:
            return _not_acceptable(formats.GRAPH_FORMATS)
        triples = list(itertools.islice(result, limit + 1))
        truncated = _truncate(triples, limit)
        return Reply(200, formats.content_type(fmt), formats.write_graph(fmt, triples), truncated)


def _truncate(items: list, limit: int) -> tuple[tuple[str, str], ...]:
    """Cut to ``limit`` and say so the way Virtuoso does, in an ``X-SPARQL-MaxRows`` header."""
    if len(items) <= limit:
        return ()
    del items[limit:]
    return (("X-SPARQL-MaxRows", str(limit)),)


def _not_acceptable(offers: tuple[formats.Format, ...]) -> Reply:
    return error(
        406,
        "no acceptable format for this result; this one can be given as "
        + ", ".join(f.media_type for f in offers),
    )
