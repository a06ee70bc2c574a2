"""kgraph: French press releases and news into a quote-attribution knowledge graph.

    >>> import kgraph
    >>> report = kgraph.extract("Le maire, Jean Dupont, a déclaré : « Nous tiendrons parole. »")
    >>> result = kgraph.build(["data/"], out="out")
    >>> rows = kgraph.query("SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }")

``extract``, ``build`` and ``query`` are modules that can be called (see ``kgraph._callable``);
they load on first use, so ``import kgraph`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "build", "extract", "query"]


def __getattr__(name: str) -> Any:
    if name in ("build", "extract", "query"):
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
