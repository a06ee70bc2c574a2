"""SPARQL over the store: one ``run_query`` function, the query catalogue, and result formatting.

Queries are passed to Oxigraph as strings (never as rdflib prepared queries, which would fall back
to rdflib's slow evaluator) with kgraph's one prefix map predeclared, so ``schema:``, ``org:`` … can
be used without PREFIX lines.  Catalogue queries live in ``kgraph/queries/*.rq``; the comment lines
at the top of each file say which research question it answers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ._callable import make_callable
from .errors import QueryError
from .namespace import PREFIXES
from .store import Store

_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s*(.*)$")


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    description: str
    text: str
    params: dict[str, str]  # name -> description


def catalogue() -> dict[str, CatalogueQuery]:
    """The queries shipped in ``kgraph/queries``, by name (file stem)."""
    out = {}
    folder = resources.files("kgraph").joinpath("queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        description, params = [], {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            match = _PARAM.match(line)
            if match:
                params[match.group(1)] = match.group(2)
            else:
                description.append(line.lstrip("# ").rstrip())
        name = entry.name[:-3]
        out[name] = CatalogueQuery(name, " ".join(d for d in description if d), text, params)
    return out


def _term(value: Any):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    text = str(value)
    if re.match(r"^(https?|urn):", text):
        return ox.NamedNode(text)
    if isinstance(value, bool):
        return ox.Literal(
            str(value).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
        )
    if isinstance(value, int):
        return ox.Literal(
            str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        )
    return ox.Literal(text)


@dataclass
class QueryResult:
    """A SELECT table, an ASK answer, or CONSTRUCT/DESCRIBE triples."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str]
    rows: list[list[Any]]  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list[Any] | None = None

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRIs and literal lexical forms)."""
        return [
            {
                v: (term.value if term is not None else None)
                for v, term in zip(self.variables, row, strict=True)
            }
            for row in self.rows
        ]


_FROM = re.compile(r"\bFROM\s+(NAMED\s+)?<", re.I)


def _names_its_dataset(sparql: str) -> bool:
    """A query with its own FROM / FROM NAMED clauses chooses its dataset; Oxigraph ignores them
    when the default graph is forced to the union, so the union is only the default otherwise."""
    return bool(_FROM.search(sparql))


def use_union(store: Store, sparql: str) -> bool:
    """Whether Oxigraph must build the default graph as the union of the named graphs: only while
    the store's merge is stale (see kgraph.store), and never for a query naming its dataset."""
    return not _names_its_dataset(sparql) and not store.uses_merge()


def run_query(store: Store, sparql: str, *, bindings: dict[str, Any] | None = None) -> QueryResult:
    """Run ``sparql`` against the store; the default graph holds the distinct triples of all the
    named graphs (the store's merge, or the union while it is stale)."""
    substitutions = {ox.Variable(k): _term(v) for k, v in (bindings or {}).items()}
    try:
        result = store.ox.query(
            sparql,
            prefixes={p: str(ns) for p, ns in PREFIXES.items()},
            use_default_graph_as_union=use_union(store, sparql),
            substitutions=substitutions or None,
        )
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL: {' '.join(str(exc).split())}") from exc
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        # RuntimeError: e.g. a --param whose variable the query does not project
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", [], [], boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[solution[v] for v in variables] for solution in result]
        return QueryResult("select", variables, rows)
    return QueryResult("graph", [], [], triples=list(result))


def _plain(term) -> str:
    if term is None:
        return ""
    return term.value


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result: ``table`` for people, ``csv``/``tsv``/``json`` for programs; graphs as
    Turtle."""
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        fmt_map = {"ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
        rdf_format = fmt_map.get(fmt, ox.RdfFormat.TURTLE)
        kwargs = (
            {"prefixes": {p: str(ns) for p, ns in PREFIXES.items()}}
            if rdf_format == ox.RdfFormat.TURTLE
            else {}
        )
        return ox.serialize(result.triples, format=rdf_format, **kwargs).decode("utf-8")
    if fmt == "json":
        bindings = []
        for row in result.rows:
            item = {}
            for var, term in zip(result.variables, row, strict=True):
                if term is None:
                    continue
                if isinstance(term, ox.NamedNode):
                    item[var] = {"type": "uri", "value": term.value}
                elif isinstance(term, ox.BlankNode):
                    item[var] = {"type": "bnode", "value": term.value}
                else:
                    entry = {"type": "literal", "value": term.value}
                    if term.language:
                        entry["xml:lang"] = term.language
                    elif (
                        term.datatype
                        and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string"
                    ):
                        entry["datatype"] = term.datatype.value
                    item[var] = entry
            bindings.append(item)
        return json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
            ensure_ascii=False,
            indent=2,
        )
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_plain(t) for t in row])
        return buffer.getvalue()
    return format_table(result.variables, [[_shorten(t) for t in row] for row in result.rows])


def _shorten(term) -> str:
    """IRIs as prefixed names where the prefix map allows; literals as their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(str(ns)):
                return f"{prefix}:{term.value[len(str(ns)) :]}"
        return term.value
    return " ".join(term.value.split())


def format_table(headers: list[str], rows: list[list[str]], *, max_width: int = 60) -> str:
    """A plain-text table a person can read in a terminal."""
    cells = [
        [(c if len(c) <= max_width else c[: max_width - 1] + "…") for c in row] for row in rows
    ]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(
        [line.rstrip(), rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"]
    )


def query(
    sparql: str, *, store: str | Path = "out/store", bindings: dict[str, Any] | None = None
) -> list[dict[str, str | None]] | bool | str:
    """``kgraph.query(sparql)``: SELECT gives a list of dicts, ASK a bool, CONSTRUCT Turtle."""
    result = run_query(Store(store, read_only=True, create=False), sparql, bindings=bindings)
    if result.kind == "select":
        return result.values()
    if result.kind == "ask":
        return bool(result.boolean)
    return format_result(result, "turtle")


make_callable(__name__, query)
