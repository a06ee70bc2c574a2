"""The persistent store: Oxigraph on disk, one named graph per document.

Writes are per document and atomic: a document's graph is dropped and re-inserted in one SPARQL
Update, which Oxigraph runs as one transaction, so a build killed at any moment leaves each document
entirely there or entirely absent.  A folder is recognised as a kgraph store by a marker file; any
other non-empty folder is refused rather than written into.

The default graph is the *merge*: the distinct triples of all the named graphs (documents, the
analysis graph, any graph written through ``kgraph serve --write-token``), so that an entity
described in 25 documents is one ``a schema:Person`` triple, not 25.  Queries read it instead of
Oxigraph's union default graph, which yields one copy of a triple per graph holding it and so
multiplies every join on a shared entity (> 60 s instead of < 1 s for 11 catalogue queries at 10,000
documents, benchmarks/results/RESULTS.md).  The rule every committed state keeps:

    the default graph is either empty, or exactly the set-union of the named graphs.

* Writing or removing a document updates the merge *in the same transaction* as the document's
  graph (triples no other graph holds leave it, the new ones enter it), so a build killed at any
  moment, or a reader opening mid-build, sees a merge that matches the documents it sees.
* A write kgraph cannot follow triple by triple (a SPARQL Update through the endpoint) empties the
  default graph in its own transaction: the merge is then *stale*, and readers fall back to the
  union of the named graphs, which is then exactly what they read before the merge existed (correct,
  only slower).  :meth:`Store.merge_default_graph` refills it in one transaction; a writer does so
  when it opens a stale store, and the endpoint after its updates.
* Readers decide per opened view: a non-empty default graph is the merge; an empty one means the
  union (an empty store and a stale merge alike).
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
# 2: the default graph is the merge of the named graphs (module docstring).  A format-1 store (the
# default graph unused, or holding triples written through the endpoint) is converted when first
# opened for writing; kgraph versions that know only format 1 refuse a format-2 store rather than
# write documents without updating the merge.
STORE_FORMAT = 2
LEGACY_FORMATS = (1,)
# where triples written into the default graph go: through the endpoint (SPARQL Update without
# GRAPH), or in a format-1 store; kept, and so still answered by default-graph queries
DEFAULT_WRITES_GRAPH = "urn:kgraph:default-graph-writes"
_MOVE_DEFAULT_WRITES = (
    f"INSERT {{ GRAPH <{DEFAULT_WRITES_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }} ;\n"
    "DROP SILENT DEFAULT"
)
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
        self._read_only = read_only
        # A format-1 store may be converted by a writer while this view opens: the marker is read
        # before and after opening, and a view is only trusted if both agree (see _convert).
        for _ in range(READ_ONLY_ATTEMPTS):
            info = self._read_marker(marker)
            data_dir = str(self.path / info.get("data", "oxigraph"))
            try:
                self._ox = _open_read_only(data_dir) if read_only else ox.Store(data_dir)
            except (OSError, RuntimeError) as exc:
                raise StoreError(f"{self.path}: cannot open the Oxigraph store ({exc})") from exc
            if not read_only or self._read_marker(marker).get("format") == info.get("format"):
                break
            del self._ox
        else:
            raise StoreError(f"{self.path}: the store is being converted; try again")
        # format 1: the default graph is not the merge (Oxigraph's union, as format 1 was read)
        self._legacy = info.get("format") in LEGACY_FORMATS
        if not read_only:
            if self._legacy:
                self._convert(marker, info)
            elif self.merge_is_stale():
                self.merge_default_graph()
        self.ox = _Guarded(self._ox, self._legacy)

    @staticmethod
    def _read_marker(marker: Path) -> dict:
        try:
            info = json.loads(marker.read_text())
        except (OSError, ValueError) as exc:
            raise StoreError(f"{marker}: unreadable store marker ({exc})") from exc
        if info.get("format") != STORE_FORMAT and info.get("format") not in LEGACY_FORMATS:
            raise StoreError(f"{marker.parent}: store format {info.get('format')} is not supported")
        return info

    def _convert(self, marker: Path, info: dict) -> None:
        """Format 1 -> 2: (a) move whatever the default graph holds into a named graph of its own
        and empty it (one transaction; the union reads the same triples), (b) say format 2 in the
        marker, (c) merge.  A view whose marker read format 1 before and after it opened predates
        (b) and reads the union, right; one that read format 2 before opening postdates (a) and
        sees an empty default graph (union) or the merge."""
        try:
            self._ox.update(_MOVE_DEFAULT_WRITES)
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot convert the store ({exc})") from exc
        tmp = self.path / f".{MARKER}.tmp"
        tmp.write_text(json.dumps({**info, "format": STORE_FORMAT}))
        os.replace(tmp, marker)
        self._legacy = False
        self.merge_default_graph()

    # -- writing -------------------------------------------------------------------------------
    def replace_graph(self, graph_iri: str, triples) -> None:
        """Replace the content of one named graph, and the merge with it, atomically."""
        body = "\n".join(f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} ." for s, p, o in triples)
        follow = self._merge_is_followed()
        # a new graph (every graph of a first build) has nothing to take out of the merge
        replaces = follow and self._ox.contains_named_graph(ox.NamedNode(graph_iri))
        update = (
            (_unmerge(graph_iri) if replaces else "")
            + f"DROP SILENT GRAPH <{graph_iri}> ;\n"
            + f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}"
            # the stored terms (a blank node of the graph is the same node in the merge)
            + (
                f" ;\nINSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
                if follow
                else ""
            )
        )
        try:
            self._ox.update(update)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"could not write graph <{graph_iri}>: {exc}") from exc
        self._writes += 1
        if self._writes % FLUSH_EVERY == 0:
            self._ox.flush()

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
        """Remove one named graph, and from the merge what no other graph holds, atomically."""
        node = ox.NamedNode(graph_iri)
        if not self._ox.contains_named_graph(node):
            return False
        unmerge = _unmerge(graph_iri) if self._merge_is_followed() else ""
        self._ox.update(f"{unmerge}DROP GRAPH <{graph_iri}>")
        return True

    def update(self, sparql: str, **options) -> None:
        """Run any SPARQL Update (the endpoint's ``--write-token`` writes), leaving the merge stale:
        an empty default graph, so that readers use the union until :meth:`merge_default_graph`.

        The update sees the store as it was before the merge existed, an empty default graph (one
        transaction empties it, a second runs the update).  Triples it writes into the default
        graph are moved, in its transaction, to :data:`DEFAULT_WRITES_GRAPH`, so default-graph
        queries still answer them and the default graph stays empty."""
        _update(self._ox, sparql, **options)

    # -- the merge (default graph) ---------------------------------------------------------------
    def _default_is_empty(self) -> bool:
        default = self._ox.quads_for_pattern(None, None, None, ox.DefaultGraph())
        return next(iter(default), None) is None

    def merge_is_stale(self) -> bool:
        """True when the default graph is not the merge of the named graphs: an empty default graph
        while named graphs hold triples (or a format-1 store)."""
        if self._legacy:
            return True
        return self._default_is_empty() and next(iter(self._ox), None) is not None

    def _merge_is_followed(self) -> bool:
        """Whether a write must update the merge: yes unless it is stale (left empty for the union,
        it stays empty until merged again, never a partial merge)."""
        return not self.merge_is_stale()

    def uses_merge(self) -> bool:
        """Whether queries read the default graph as it is (the merge) rather than Oxigraph's union.

        A non-empty default graph is the merge (format 2's rule); an empty one is either an empty
        store or a stale merge, and the union is then right (it adds nothing from the default
        graph)."""
        return _uses_merge(self._ox, self._legacy)

    def merge_default_graph(self) -> None:
        """Make the default graph the merge of the named graphs: empty it (one transaction: readers
        then use the union), then insert the distinct triples of all named graphs (one more: all or
        nothing, so never a partial merge).  34 s and 2.2 GB at 10,000 documents (1.8 M quads,
        measured Nov 2026); a build does not need it (each document updates the merge)."""
        if self._read_only:
            raise StoreError(f"{self.path}: opened read-only, cannot merge")
        try:
            self._ox.update("DROP SILENT DEFAULT")
            self._ox.extend(
                ox.Quad(q.subject, q.predicate, q.object)
                for q in self._ox.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph)
            )
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: could not merge the default graph ({exc})") from exc
        self._ox.flush()

    def graphs(self) -> list[str]:
        """The named graphs (the default graph, the merge, is not one)."""
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def flush(self) -> None:
        self._ox.flush()

    # -- reading -------------------------------------------------------------------------------
    def query(self, sparql: str, *, union: bool = True):
        """Run a SPARQL query string on Oxigraph's engine; the default graph is the merge of the
        documents' graphs (their distinct triples; the union while the merge is stale) unless
        ``union`` is false or the query names graphs itself."""
        try:
            return self._ox.query(
                sparql, use_default_graph_as_union=union and not self.uses_merge()
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def dump(self, fmt: str) -> bytes:
        """The whole store: ``trig``/``nquads`` keep the named graphs (not the default graph, which
        only repeats them); ``turtle``/``ntriples`` merge them."""
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        if fmt in ("trig", "nquads"):
            named = (
                q
                for graph in self._ox.named_graphs()
                for q in self._ox.quads_for_pattern(None, None, None, graph)
            )
            if fmt == "trig":
                return ox.serialize(named, format=ox.RdfFormat.TRIG, prefixes=prefixes)
            return ox.serialize(named, format=ox.RdfFormat.N_QUADS)
        # DISTINCT: an entity described in several documents is merged once
        merged = self._ox.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o "
            "WHERE { GRAPH ?g { ?s ?p ?o } } }"
        )
        if fmt == "turtle":
            return ox.serialize(merged, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        return merged.serialize(format=ox.RdfFormat.N_TRIPLES)

    def __len__(self) -> int:
        """Quads in the named graphs (the merge repeats them)."""
        if self._default_is_empty():
            return len(self._ox)
        return sum(
            1
            for q in self._ox.quads_for_pattern(None, None, None, None)
            if not isinstance(q.graph_name, ox.DefaultGraph)
        )


class _Guarded:
    """``Store.ox``: the pyoxigraph store, for code that uses Oxigraph's API directly (tests, a
    researcher's script).  Reading is Oxigraph's own, except that a query asking for the union
    default graph gets the merge when there is one (the union would also count the merge).  A write
    that bypasses :class:`Store`'s methods cannot follow the merge: it empties the default graph
    first (stale: readers use the union, right), and a quad it adds to the default graph goes to
    :data:`DEFAULT_WRITES_GRAPH`; ``update`` is :meth:`Store.update`.  ``load``/``bulk_load`` into
    the default graph are not redirected: load into a named graph."""

    _WRITES = frozenset(
        {"add", "remove", "extend", "bulk_extend", "load", "bulk_load", "clear", "clear_graph"}
        | {"remove_graph", "add_graph"}
    )

    def __init__(self, raw: ox.Store, legacy: bool):
        # no reference to the Store: dropping it closes RocksDB (and frees its lock) at once, and
        # ``Store(path).ox`` outlives it
        self._raw, self._legacy = raw, legacy

    def __getattr__(self, name: str):
        attr = getattr(self._raw, name)
        if name not in self._WRITES:
            return attr

        def write(*args, **kwargs):
            self._raw.update("DROP SILENT DEFAULT")
            if name == "add":
                args = (_off_default(args[0]), *args[1:])
            elif name in ("extend", "bulk_extend"):
                args = ((_off_default(q) for q in args[0]), *args[1:])
            return attr(*args, **kwargs)

        return write

    def query(self, sparql: str, **kwargs):
        if kwargs.get("use_default_graph_as_union") and _uses_merge(self._raw, self._legacy):
            kwargs["use_default_graph_as_union"] = False
        return self._raw.query(sparql, **kwargs)

    def update(self, sparql: str, **kwargs) -> None:
        _update(self._raw, sparql, **kwargs)

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, quad) -> bool:
        return quad in self._raw


def _uses_merge(raw: ox.Store, legacy: bool) -> bool:
    return (
        not legacy
        and next(iter(raw.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    )


def _update(raw: ox.Store, sparql: str, **options) -> None:
    """:meth:`Store.update` on the pyoxigraph store."""
    raw.update("DROP SILENT DEFAULT")
    # ``… ;`` then nothing is a valid update and ``… ; ;`` is not: joined with ';' unless that
    # fails (Oxigraph refuses a PREFIX after ';', so the update cannot follow the DROP)
    attempts = [f"{sparql}\n;\n{_MOVE_DEFAULT_WRITES}", f"{sparql}\n{_MOVE_DEFAULT_WRITES}"]
    for n, text in enumerate(attempts):
        try:
            raw.update(text, **options)
            return
        except SyntaxError:
            if n < len(attempts) - 1:
                continue
            # the update itself is invalid: its own message, not the joined text's (parsing
            # fails before anything runs, and this store is empty anyway)
            ox.Store().update(sparql, **options)
            raise


def _off_default(quad: ox.Quad) -> ox.Quad:
    if isinstance(quad.graph_name, ox.DefaultGraph):
        return ox.Quad(
            quad.subject, quad.predicate, quad.object, ox.NamedNode(DEFAULT_WRITES_GRAPH)
        )
    return quad


def _unmerge(graph_iri: str) -> str:
    """The update that takes out of the merge the triples of ``graph_iri`` no other graph holds
    (run before the graph itself is dropped, in the same transaction)."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
        f"FILTER (?other != <{graph_iri}>) }} }} ;\n"
    )


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
