"""Counts for the build summary, answered by SPARQL on the store."""

from __future__ import annotations

from .query import run_query
from .store import Store

_COUNTS = {
    "documents": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a schema:NewsArticle }",
    "people": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a schema:Person }",
    "organisations": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a org:Organization }",
    "roles": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a org:Membership }",
    "quotes": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a schema:Quotation }",
    "policies": "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a kg:Policy }",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
}


def count_entities(store: Store) -> dict[str, int]:
    return {name: int(run_query(store, q).rows[0][0].value) for name, q in _COUNTS.items()}
