"""kgraph: French press releases and news into a quote-attribution knowledge graph."""

from __future__ import annotations

__version__ = "0.1.0"
