"""The store out to files other tools read, and the output folder kept in step with the store.

Researchers compare kgraph's graph with other graphs and run it on other triple stores, so every
export is a standard syntax that an independent parser reads back to the same quads (the tests use
Debian's ``rapper`` and Oxigraph's own JSON-LD parser): Turtle (graphs merged), TriG and N-Quads
(one named graph per document), JSON-LD compacted with ``ontology/context.jsonld``, and the
ontology.

Removing a document (``remove_document``) drops its named graph and its extraction report; the
people, organisations and policies only it mentioned disappear with it, because entities live in
the documents' graphs, never in a shared one.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import KgraphError
from .iris import IriMinter
from .namespace import DEFAULT_BASE
from .store import Store, write_atomically

FORMATS = ("turtle", "trig", "nquads", "jsonld", "ontology")
SUFFIXES = {
    "turtle": ".ttl",
    "trig": ".trig",
    "nquads": ".nq",
    "jsonld": ".jsonld",
    "ontology": ".ttl",
}


def ontology_file(name: str = "kgraph.ttl") -> Any:
    """A file of ``ontology/`` (shipped inside the package as ``kgraph/ontology``)."""
    return resources.files("kgraph").joinpath("ontology").joinpath(name)


def jsonld_context() -> dict[str, Any]:
    """The ``@context`` object of ``ontology/context.jsonld``."""
    return json.loads(ontology_file("context.jsonld").read_text(encoding="utf-8"))["@context"]


@contextmanager
def _literals_as_written():
    """rdflib rewrites typed literals' lexical forms by default ("…Z" -> "…+00:00"); an export must
    say exactly what the store holds, so that both read back to the same quads."""
    import rdflib

    before = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before


def to_jsonld(store: Store) -> bytes:
    """The store as JSON-LD, one ``@graph`` per document, compacted with kgraph's context."""
    from rdflib import Dataset

    with _literals_as_written():
        ds = Dataset()
        ds.parse(data=store.dump("nquads").decode("utf-8"), format="nquads")
        text = ds.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return text.encode("utf-8")


def export(store: Store, fmt: str) -> bytes:
    """The store (or, for ``ontology``, kgraph's vocabulary) in one of :data:`FORMATS`."""
    if fmt == "ontology":
        return ontology_file().read_bytes()
    if fmt == "jsonld":
        return to_jsonld(store)
    if fmt in ("turtle", "trig", "nquads"):
        return store.dump(fmt)
    raise KgraphError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


@dataclass(frozen=True)
class Removal:
    document: str  # the document's IRI
    graph_removed: bool
    report_removed: bool


def document_key(doc: str, base: str = DEFAULT_BASE) -> str:
    """The document id from what a person types: an id, a file path, or the document's IRI."""
    from .ingest import SUPPORTED_SUFFIXES
    from .slugs import slugify

    minter = IriMinter(base)
    for prefix in (str(minter.document("")), str(minter.graph(""))):
        if doc.startswith(prefix):
            return doc[len(prefix) :]
    path = Path(doc)
    if path.suffix.lower() in SUPPORTED_SUFFIXES or path.exists():
        return slugify(path.stem)
    return doc


def remove_document(out: str | Path, doc: str, *, base: str = DEFAULT_BASE) -> Removal:
    """Remove a document from the output folder: its named graph and its extraction report."""
    from .build import EXTRACTIONS_DIR, STORE_DIR

    out = Path(out)
    key = document_key(doc, base)
    minter = IriMinter(base)
    store = Store(out / STORE_DIR, create=False)
    removed = store.remove_graph(str(minter.graph(key)))
    report = out / EXTRACTIONS_DIR / f"{key}.json"
    had_report = report.exists()
    if had_report:
        report.unlink()
    if not removed and not had_report:
        raise KgraphError(
            f"{doc}: no document with id {key!r} in {out} "
            "(kgraph query --name documents lists them)"
        )
    store.flush()
    # the merged exports a build wrote would still hold the document: rewrite them
    for name, fmt in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        if (out / name).exists():
            write_atomically(out / name, store.dump(fmt))
    return Removal(str(minter.document(key)), removed, had_report)
