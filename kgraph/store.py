"""The persistent store: Oxigraph on disk, one named graph per document.

Writes are per document and atomic: a document's graph is dropped and re-inserted in one SPARQL
Update, which Oxigraph runs as one transaction, so a build killed at any moment leaves each document
entirely there or entirely absent.  A folder is recognised as a kgraph store by a marker file; any
other non-empty folder is refused rather than written into.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .namespace import PREFIXES

MARKER = "kgraph-store.json"
# Graph replacements between two flushes of RocksDB's memtables.  A reader that opens the store
# read-only while a build writes (``kgraph query``, ``kgraph serve``) replays the write-ahead log
# written since the last flush; unbounded, that took 12 s after 3,000 writes (measured, Nov 2026).
FLUSH_EVERY = 200
STORE_FORMAT = 1
READ_ONLY_ATTEMPTS = 6  # 20 ms, then doubling: 0.6 s in all


def _nt_term(term) -> str:
    """An rdflib or pyoxigraph term in N-Triples syntax (valid inside SPARQL INSERT DATA)."""
    return term.n3() if hasattr(term, "n3") else str(term)


def _open_read_only(data_dir: str) -> ox.Store:
    """Open read-only, beside a writer if there is one (a build, ``kgraph serve --write-token``).

    RocksDB reads its MANIFEST, then opens the files it names; a writer that flushes or compacts
    in between deletes some of them, and the open fails with "Corruption: … No such file"
    (seen in tests/test_reliability.py while a build wrote).  The store is fine: the reader's view
    was stale, and a new attempt reads the new MANIFEST."""
    for attempt in range(READ_ONLY_ATTEMPTS):
        try:
            return ox.Store.read_only(data_dir)
        except (OSError, RuntimeError):
            if attempt == READ_ONLY_ATTEMPTS - 1:
                raise
            time.sleep(0.02 * 2**attempt)
    raise AssertionError("unreachable")


class Store:
    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True):
        self.path = Path(path)
        self._writes = 0  # graph replacements since opening, for FLUSH_EVERY
        marker = self.path / MARKER
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: is a file, not a store folder")
        if self.path.is_dir() and any(self.path.iterdir()) and not marker.exists():
            raise StoreError(
                f"{self.path}: folder exists and is not a kgraph store (no {MARKER}); "
                "choose another --out or empty it"
            )
        if not marker.exists():
            if not create or read_only:
                raise StoreError(f"{self.path}: no kgraph store here (run `kgraph build` first)")
            self.path.mkdir(parents=True, exist_ok=True)
            data = self.path / "oxigraph"
            tmp = self.path / f".{MARKER}.tmp"
            tmp.write_text(
                json.dumps({"format": STORE_FORMAT, "engine": "oxigraph", "data": data.name})
            )
            os.replace(tmp, marker)
        try:
            info = json.loads(marker.read_text())
        except (OSError, ValueError) as exc:
            raise StoreError(f"{marker}: unreadable store marker ({exc})") from exc
        if info.get("format") != STORE_FORMAT:
            raise StoreError(f"{self.path}: store format {info.get('format')} is not supported")
        data_dir = str(self.path / info.get("data", "oxigraph"))
        try:
            self.ox = _open_read_only(data_dir) if read_only else ox.Store(data_dir)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: cannot open the Oxigraph store ({exc})") from exc

    # -- writing -------------------------------------------------------------------------------
    def replace_graph(self, graph_iri: str, triples) -> None:
        """Replace the content of one named graph, atomically."""
        body = "\n".join(f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} ." for s, p, o in triples)
        update = (
            f"DROP SILENT GRAPH <{graph_iri}> ;\n"
            f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}"
        )
        try:
            self.ox.update(update)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"could not write graph <{graph_iri}>: {exc}") from exc
        self._writes += 1
        if self._writes % FLUSH_EVERY == 0:
            self.ox.flush()

    def replace_graph_from_file(self, graph_iri: str, path: Path) -> None:
        """Replace one named graph with an N-Quads shard's content (all of it in that graph),
        atomically, as :meth:`replace_graph` does."""
        try:
            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable N-Quads shard ({exc})") from exc
        stray = {str(q.graph_name) for q in quads} - {f"<{graph_iri}>"}
        if stray:
            raise StoreError(
                f"{path}: shard holds graphs other than <{graph_iri}>: {sorted(stray)[:3]}"
            )
        self.replace_graph(graph_iri, ((q.subject, q.predicate, q.object) for q in quads))

    def remove_graph(self, graph_iri: str) -> bool:
        node = ox.NamedNode(graph_iri)
        if not self.ox.contains_named_graph(node):
            return False
        self.ox.update(f"DROP GRAPH <{graph_iri}>")
        return True

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def flush(self) -> None:
        self.ox.flush()

    # -- reading -------------------------------------------------------------------------------
    def query(self, sparql: str, *, union: bool = True):
        """Run a SPARQL query string on Oxigraph's engine; the default graph is the union of the
        documents' graphs unless the query names graphs itself."""
        try:
            return self.ox.query(sparql, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def dump(self, fmt: str) -> bytes:
        """The whole store: ``trig``/``nquads`` keep the named graphs; ``turtle``/``ntriples``
        merge them."""
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        if fmt == "trig":
            return self.ox.dump(format=ox.RdfFormat.TRIG, prefixes=prefixes)
        if fmt == "nquads":
            return self.ox.dump(format=ox.RdfFormat.N_QUADS)
        # DISTINCT: an entity described in several documents is merged once
        merged = self.ox.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o "
            "WHERE { GRAPH ?g { ?s ?p ?o } } }"
        )
        if fmt == "turtle":
            return ox.serialize(merged, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        return merged.serialize(format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        return len(self.ox)


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(tmp, mode, **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
