"""The interactive network: the domain graph projected with SPARQL, drawn as one offline HTML page.

Why a projection: ``rdflib.extras.external_graph_libs`` makes every literal a node, while a reader
wants people, roles, organisations, quotes, policies and documents, each once, with their details.
The queries live in ``kgraph/queries/viz/*.rq``, one per kind of node or edge.

Why our own page: pyvis's template links Bootstrap and vis-network from CDNs and shows tooltips as
HTML.  Here pyvis only collects nodes, edges and options; the page (``kgraph/templates/``) inlines
the vis-network build that the pyvis wheel ships, carries all document text as escaped JSON and
shows it with ``textContent``, and a Content-Security-Policy lets only its own scripts run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import tempfile
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import quote

import networkx as nx
import numpy as np
import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kgraph.errors import KgraphError
from kgraph.namespace import KG, sparql_prefixes

__all__ = [
    "EDGE_LABELS",
    "KINDS",
    "FocusError",
    "KindStyle",
    "find_node",
    "focus",
    "project",
    "render_html",
    "source_href",
    "sources_from_reports",
]

QUERY_DIR = Path(__file__).parent / "queries" / "viz"
# where source files are: one folder, or each source name mapped to its path
Sources: TypeAlias = "str | os.PathLike[str] | Mapping[str, str | os.PathLike[str]] | None"
TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class KindStyle:
    """How one kind of node looks: its French legend name, colour, vis-network shape and size."""

    label: str
    color: str
    shape: str
    size: int


# Okabe-Ito colours, told apart by colour-blind readers too; each kind also has its own shape.
# Insertion order is the legend's order and the page's node order.
KINDS: dict[str, KindStyle] = {
    "person": KindStyle("Personne", "#0072B2", "dot", 18),
    "organisation": KindStyle("Organisation", "#E69F00", "square", 17),
    "role": KindStyle("Rôle", "#009E73", "diamond", 11),
    "quote": KindStyle("Citation", "#CC79A7", "triangle", 11),
    "policy": KindStyle("Politique publique", "#D55E00", "star", 20),
    "document": KindStyle("Document", "#7A7A7A", "hexagon", 15),
}

# relation -> the plain French label drawn on the edge
EDGE_LABELS: dict[str, str] = {
    "said": "a dit",
    "in": "dans",
    "holds": "occupe",
    "within": "au sein de",
    "initiated": "a initié",
    "supported": "soutient",
    "implemented": "met en œuvre",
    "committedTo": "s'engage pour",
    "criticised": "critique",
    "tiedTo": "est lié à",
    "about": "à propos de",
}

# kg: tie property -> relation; anything else a kg:PolicyTie names counts as the generic tie
_TIES: dict[URIRef, str] = {
    KG.initiated: "initiated",
    KG.supported: "supported",
    KG.implemented: "implemented",
    KG.committedTo: "committedTo",
    KG.criticised: "criticised",
    KG.tiedTo: "tiedTo",
}

# edge query -> relation (the tie query names its relation per row)
_EDGE_QUERIES: dict[str, str] = {
    "edges_said": "said",
    "edges_in_document": "in",
    "edges_holds": "holds",
    "edges_within": "within",
    "edges_about": "about",
}

# details key -> French heading in the side panel
DETAIL_LABELS: dict[str, str] = {
    "text": "Propos",
    "speaker": "Locuteur",
    "cue": "Verbe introducteur",
    "capacity": "En qualité de",
    "title": "Titre",
    "role": "Fonction",
    "person": "Personne",
    "organisation": "Organisation",
    "names": "Noms",
    "alt_labels": "Autres formes",
    "gender": "Genre",
    "roles": "Rôles",
    "members": "Membres",
    "kind": "Type",
    "ties": "Liens",
    "policies": "Politiques",
    "about": "À propos de",
    "quotes": "Citations",
    "date": "Date",
    "dates": "Dates",
    "document": "Document",
    "documents": "Documents",
    "source": "Fichier source",
    "publisher": "Éditeur",
    "language": "Langue",
    "iri": "IRI",
}

_VIS_DIRS = ("lib/vis-9.1.2", "templates/lib/vis-9.1.2")
_SEED = 42
_PX_PER_NODE = 55.0  # half-width, in pixels, that one node of a laid-out component gets


# --------------------------------------------------------------------------------------------
# projection
# --------------------------------------------------------------------------------------------


def project(graph: Graph | Dataset) -> nx.MultiDiGraph:
    """The domain network of a kgraph graph, one node per entity, quote, role and document.

    Queries run over the union of the named graphs, so a person named in several documents is
    one node.  Nodes carry ``kind``, ``label`` and ``details`` (a dict of str, int or list of
    str); edges carry ``relation`` (a key of ``EDGE_LABELS``) and its French ``label``.  Only
    typed resources become nodes, so an edge to something the graph never typed is left out.
    """
    union = _union_view(graph)
    entities = _Entities()
    for kind, query in (
        ("person", "nodes_person"),
        ("organisation", "nodes_organisation"),
        ("policy", "nodes_policy"),
    ):
        for row in _select(union, query):
            entities.add_field(kind, row["node"], row.get("field"), row.get("value"))
    for row in _select(union, "nodes_document"):
        entities.add_document(row)
    for row in _select(union, "nodes_role"):
        entities.add_role(row)
    for row in _select(union, "nodes_quote"):
        entities.add_quote(row)

    edges: set[tuple[str, str, str]] = set()
    for query, relation in _EDGE_QUERIES.items():
        for row in _select(union, query):
            edges.add((_node_id(row["source"]), _node_id(row["target"]), relation))
    tie_dates: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in _select(union, "edges_policy_tie"):
        relation = _TIES.get(row["tie"], "tiedTo")
        pair = (_node_id(row["source"]), _node_id(row["target"]))
        edges.add((*pair, relation))
        if "issued" in row:
            tie_dates[pair].add(_date(row["issued"]))
    edges = {e for e in edges if e[0] in entities.kind and e[1] in entities.kind}
    # the generic tie says nothing more when a named tie joins the same pair
    named = {(s, t) for s, t, r in edges if r in _TIES.values() and r != "tiedTo"}
    edges = {e for e in edges if not (e[2] == "tiedTo" and (e[0], e[1]) in named)}

    return entities.network(sorted(edges), tie_dates)


def _union_view(graph: Graph | Dataset) -> Graph:
    """A view whose default graph is the union of all named graphs, without changing ``graph``."""
    if isinstance(graph, Dataset) and not graph.default_union:
        return Dataset(store=graph.store, default_union=True)
    return graph


@cache
def _query_text(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def _select(graph: Graph, name: str) -> list[dict[str, Node]]:
    """Rows of one viz query as dicts of bound variables, sorted so every run builds alike."""
    result = graph.query(sparql_prefixes() + _query_text(name))
    rows = [{str(k): v for k, v in row.asdict().items()} for row in result]  # type: ignore[union-attr]
    rows.sort(key=lambda r: sorted((k, _node_id(v)) for k, v in r.items()))
    return rows


def _node_id(term: Node) -> str:
    """A node's id in the network: the IRI itself, so it can be looked up in the RDF again."""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _text(term: Node | None) -> str:
    return " ".join(str(term).split()) if term is not None else ""


def _date(term: Node | None) -> str:
    """An xsd:date or xsd:dateTime as its ISO date; anything else as written."""
    text = _text(term)
    if isinstance(term, Literal) and len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return text[:10]
    return text


def _shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, at a word boundary when there is one near the end."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _iri_tail(node_id: str) -> str:
    """Last segment of an IRI, the label of last resort for an entity without a name."""
    return node_id.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or node_id


def _first(values: Iterable[str]) -> str:
    return min(values, default="", key=lambda v: (v.casefold(), v))


class _Entities:
    """What the node queries found, keyed by node id, until the edges are known."""

    def __init__(self) -> None:
        self.kind: dict[str, str] = {}
        self.fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def _claim(self, node: Node, kind: str) -> str | None:
        """Register ``node`` as ``kind``; an IRI typed twice keeps the kind it was seen as first."""
        node_id = _node_id(node)
        if self.kind.setdefault(node_id, kind) != kind:
            return None
        return node_id

    def add_field(self, kind: str, node: Node, field: Node | None, value: Node | None) -> None:
        node_id = self._claim(node, kind)
        if node_id is not None and field is not None and value is not None:
            self.fields[node_id][str(field)].add(_text(value))

    def add_document(self, row: dict[str, Node]) -> None:
        node_id = self._claim(row["node"], "document")
        if node_id is None:
            return
        f = self.fields[node_id]
        for var, key in (
            ("title", "title"),
            ("source", "source"),
            ("language", "language"),
            ("publisherName", "publisher"),
        ):
            if var in row:
                f[key].add(_text(row[var]))
        if "issued" in row:
            f["date"].add(_date(row["issued"]))

    def add_role(self, row: dict[str, Node]) -> None:
        node_id = self._claim(row["node"], "role")
        if node_id is None:
            return
        f = self.fields[node_id]
        if "title" in row:
            f["title"].add(_text(row["title"]))
        if "roleLabel" in row:
            f["role"].add(_text(row["roleLabel"]))
        if "doc" in row:
            f["doc"].add(_node_id(row["doc"]))
        if "issued" in row:
            f["dates"].add(_date(row["issued"]))

    def add_quote(self, row: dict[str, Node]) -> None:
        node_id = self._claim(row["node"], "quote")
        if node_id is None:
            return
        f = self.fields[node_id]
        if "text" in row:
            f["text"].add(str(row["text"]))
        if "cue" in row:
            f["cue"].add(_text(row["cue"]))
        if "capacity" in row:
            f["capacity"].add(_node_id(row["capacity"]))

    # -- labels and details, once every node and edge is known ---------------------------------

    def label(self, node_id: str) -> str:
        kind, f = self.kind[node_id], self.fields.get(node_id, {})
        if kind in ("person", "organisation", "policy"):
            name = _first(f.get("name", ())) or max(f.get("alt", ()), default="", key=len)
            return name or _iri_tail(node_id)
        if kind == "role":
            return _first(f.get("title", ())) or _first(f.get("role", ())) or "rôle"
        if kind == "quote":
            text = _first(f.get("text", ()))
            return f"« {_shorten(text, 40)} »" if text else "citation"
        title = _first(f.get("title", ()))
        return _shorten(title, 50) if title else (_first(f.get("source", ())) or "document")

    def network(
        self,
        edges: list[tuple[str, str, str]],
        tie_dates: dict[tuple[str, str], set[str]] | None = None,
    ) -> nx.MultiDiGraph:
        labels = {node_id: self.label(node_id) for node_id in self.kind}
        links = _Links(labels, self.fields, edges)
        dates = _node_dates(self.kind, links, tie_dates or {})
        network = nx.MultiDiGraph()
        for node_id in sorted(self.kind, key=lambda i: _node_order(self.kind[i], labels[i], i)):
            kind = self.kind[node_id]
            details = _DETAILS[kind](links, node_id, self.fields.get(node_id, {}))
            details["iri"] = node_id
            details = {k: v for k, v in details.items() if v or isinstance(v, int)}
            network.add_node(
                node_id, kind=kind, label=labels[node_id], details=details, dates=dates[node_id]
            )
        for source, target, relation in edges:
            network.add_edge(
                source, target, key=relation, relation=relation, label=EDGE_LABELS[relation]
            )
        return network


class _Links:
    """The edges around each node, with the labels of the nodes at their other end."""

    def __init__(
        self,
        labels: dict[str, str],
        fields: dict[str, dict[str, set[str]]],
        edges: list[tuple[str, str, str]],
    ) -> None:
        self.labels, self.fields = labels, fields
        self.out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.into: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for source, target, relation in edges:
            self.out[source].append((relation, target))
            self.into[target].append((relation, source))

    def linked(self, node_id: str, relation: str, *, incoming: bool = False) -> list[str]:
        pairs = self.into[node_id] if incoming else self.out[node_id]
        return sorted({other for rel, other in pairs if rel == relation})

    def names(self, ids: Iterable[str]) -> list[str]:
        return sorted({self.labels[i] for i in ids}, key=lambda v: (v.casefold(), v))

    def ties(self, node_id: str, *, incoming: bool) -> list[str]:
        """Policy ties as a sentence: "soutient plan X" from the agent, "Y — soutient" from it."""
        pairs = self.into[node_id] if incoming else self.out[node_id]
        found = {
            f"{self.labels[other]} — {EDGE_LABELS[rel]}"
            if incoming
            else f"{EDGE_LABELS[rel]} {self.labels[other]}"
            for rel, other in pairs
            if rel in _TIES.values()
        }
        return sorted(found, key=str.casefold)

    def role_line(self, role_id: str) -> str:
        """A role as a reader says it: title — organisation (dates of the documents)."""
        orgs = self.names(self.linked(role_id, "within"))
        dates = sorted(self.fields.get(role_id, {}).get("dates", ()))
        line = self.labels[role_id] + (f" — {', '.join(orgs)}" if orgs else "")
        return line + (f" ({', '.join(dates)})" if dates else "")

    def field(self, node_id: str, name: str) -> set[str]:
        return self.fields.get(node_id, {}).get(name, set())


def _node_dates(
    kinds: dict[str, str], links: _Links, tie_dates: dict[tuple[str, str], set[str]]
) -> dict[str, list[str]]:
    """The ISO dates each node is attested on, for the page's date filter.

    A document has its own date; a quote and a role the dates of the documents they were read
    in; a person or organisation the dates of its roles, its quotes and its policy ties; a policy
    those of the quotes about it and of its ties.  Where no document says when, a node has none,
    and the filter leaves it shown rather than guess.
    """
    own: dict[str, set[str]] = {}
    for node_id, kind in kinds.items():
        if kind == "document":
            own[node_id] = set(links.field(node_id, "date"))
        elif kind == "role":
            own[node_id] = set(links.field(node_id, "dates"))
    for node_id, kind in kinds.items():
        if kind == "quote":
            own[node_id] = {d for doc in links.linked(node_id, "in") for d in own.get(doc, ())}
    ties: dict[str, set[str]] = defaultdict(set)
    for (agent, policy), found in tie_dates.items():
        ties[agent] |= found
        ties[policy] |= found
    result: dict[str, list[str]] = {}
    for node_id, kind in kinds.items():
        found = set(own.get(node_id, ()))
        if kind in ("person", "organisation"):
            related = links.linked(node_id, "said")
            related += links.linked(
                node_id, "holds" if kind == "person" else "within", incoming=kind != "person"
            )
            found |= {d for other in related for d in own.get(other, ())} | ties[node_id]
        elif kind == "policy":
            about = links.linked(node_id, "about", incoming=True)
            found |= {d for q in about for d in own.get(q, ())} | ties[node_id]
        result[node_id] = sorted(d for d in found if d)
    return result


def _joined(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


def _person_details(links: _Links, node_id: str, f: dict[str, set[str]]) -> dict[str, Any]:
    roles = (links.role_line(r) for r in links.linked(node_id, "holds"))
    return {
        "names": sorted(f.get("name", ())),
        "alt_labels": sorted(f.get("alt", ())),
        "gender": _joined(f.get("gender", ())),
        "roles": sorted(roles, key=str.casefold),
        "policies": links.ties(node_id, incoming=False),
        "quotes": len(links.linked(node_id, "said")),
    }


def _organisation_details(links: _Links, node_id: str, f: dict[str, set[str]]) -> dict[str, Any]:
    members = {
        f"{person} — {links.labels[role]}"
        for role in links.linked(node_id, "within", incoming=True)
        for person in links.names(links.linked(role, "holds", incoming=True))
    }
    return {
        "names": sorted(f.get("name", ())),
        "alt_labels": sorted(f.get("alt", ())),
        "members": sorted(members, key=str.casefold),
        "policies": links.ties(node_id, incoming=False),
        "quotes": len(links.linked(node_id, "said")),
    }


def _role_details(links: _Links, node_id: str, f: dict[str, set[str]]) -> dict[str, Any]:
    return {
        "title": _joined(f.get("title", ())),
        "role": _joined(f.get("role", ())),
        "person": ", ".join(links.names(links.linked(node_id, "holds", incoming=True))),
        "organisation": ", ".join(links.names(links.linked(node_id, "within"))),
        "dates": sorted(f.get("dates", ())),
        "documents": links.names(d for d in f.get("doc", ()) if d in links.labels),
    }


def _quote_details(links: _Links, node_id: str, f: dict[str, set[str]]) -> dict[str, Any]:
    docs = links.linked(node_id, "in")
    capacities = sorted(c for c in f.get("capacity", ()) if c in links.labels)
    return {
        "text": _first(f.get("text", ())),
        "speaker": ", ".join(links.names(links.linked(node_id, "said", incoming=True))),
        "cue": _joined(f.get("cue", ())),
        "capacity": ", ".join(links.role_line(c) for c in capacities),
        "date": _joined({d for doc in docs for d in links.field(doc, "date")}),
        "document": ", ".join(links.labels[doc] for doc in docs),
        "source": _joined({s for doc in docs for s in links.field(doc, "source")}),
        "about": links.names(links.linked(node_id, "about")),
    }


def _policy_details(links: _Links, node_id: str, f: dict[str, set[str]]) -> dict[str, Any]:
    return {
        "names": sorted(f.get("name", ())),
        "alt_labels": sorted(f.get("alt", ())),
        "kind": _joined(f.get("kind", ())),
        "ties": links.ties(node_id, incoming=True),
        "quotes": len(links.linked(node_id, "about", incoming=True)),
    }


def _document_details(links: _Links, node_id: str, f: dict[str, set[str]]) -> dict[str, Any]:
    return {
        "title": _first(f.get("title", ())),
        "date": _joined(f.get("date", ())),
        "source": _joined(f.get("source", ())),
        "publisher": _joined(f.get("publisher", ())),
        "language": _joined(f.get("language", ())),
        "quotes": len(links.linked(node_id, "in", incoming=True)),
    }


_DETAILS = {
    "person": _person_details,
    "organisation": _organisation_details,
    "role": _role_details,
    "quote": _quote_details,
    "policy": _policy_details,
    "document": _document_details,
}


def _node_order(kind: str, label: str, node_id: str) -> tuple[int, str, str]:
    order = list(KINDS)
    return (order.index(kind) if kind in order else len(order), label.casefold(), node_id)


# --------------------------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------------------------


def render_html(
    network: nx.MultiDiGraph,
    out_path: str | os.PathLike[str],
    *,
    title: str = "kgraph",
    physics_threshold: int = 1000,
    sources: Sources = None,
) -> Path:
    """Write ``network`` (from :func:`project`) as one self-contained, offline HTML page.

    Up to ``physics_threshold`` nodes, vis-network's physics lays the graph out in the browser;
    above it the layout is computed here (seeded, so the output is the same on every run) and
    physics is off, because a browser stabilising thousands of nodes freezes.  ``sources`` says
    where the source files are, so the panel links to them (see :func:`source_href`).  The file
    is written atomically; returns its path.
    """
    out = Path(out_path)
    large = network.number_of_nodes() > physics_threshold
    positions = _layout(network) if large else {}

    net = Network(directed=True, height="100%", width="100%")
    info: dict[str, dict[str, Any]] = {}
    node_ids = sorted(network, key=lambda n: _node_order(*_kind_label(network, n), str(n)))
    for node_id in node_ids:
        attrs = network.nodes[node_id]
        kind, label = _kind_label(network, node_id)
        style = KINDS.get(kind, KindStyle(kind, "#999999", "dot", 12))
        extra: dict[str, Any] = {}
        if node_id in positions:
            extra = {"x": positions[node_id][0], "y": positions[node_id][1]}
        net.add_node(
            str(node_id),
            label=label,
            shape=style.shape,
            color=style.color,
            size=style.size,
            **extra,
        )
        details = attrs.get("details") or {}
        item: dict[str, Any] = {
            "kind": kind,
            "label": label,
            "details": [
                [key, DETAIL_LABELS.get(key, key), value] for key, value in details.items()
            ],
            "search": sorted(
                {label, *details.get("names", ()), *details.get("alt_labels", ())}, key=str.casefold
            ),
        }
        if attrs.get("dates"):
            item["dates"] = list(attrs["dates"])
        source = details.get("source")
        if isinstance(source, str) and source:
            href = source_href(source, out.parent, sources)
            if href is not None:
                item["links"] = {"source": href}
        info[str(node_id)] = item
    edge_rows = sorted(
        (str(u), str(v), str(d.get("relation", k)), str(d.get("label", k)))
        for u, v, k, d in network.edges(keys=True, data=True)
    )
    for number, (source, target, _relation, label) in enumerate(edge_rows):
        edge: dict[str, Any] = {"id": f"e{number}", "title": label}
        if not large:  # labels on thousands of edges are noise and slow the drawing down
            edge["label"] = label
        net.add_edge(source, target, **edge)

    kinds_present = [k for k in KINDS if any(i["kind"] == k for i in info.values())]
    kinds_present += sorted({i["kind"] for i in info.values()} - set(KINDS))
    legend = [
        {
            "kind": k,
            "label": KINDS[k].label if k in KINDS else k,
            "color": KINDS[k].color if k in KINDS else "#999999",
            "shape": KINDS[k].shape if k in KINDS else "dot",
            "count": sum(1 for i in info.values() if i["kind"] == k),
        }
        for k in kinds_present
    ]
    scopes = _scopes(network)
    choices = {
        kind: sorted(
            ([node_id, info[node_id]["label"]] for node_id in scopes[kind]),
            key=lambda pair: (pair[1].casefold(), pair[0]),
        )
        for kind in scopes
    }
    all_dates = sorted({d for i in info.values() for d in i.get("dates", ())})
    focus_id = network.graph.get("focus")
    data = {
        "nodes": net.nodes,
        "edges": net.edges,
        "options": _vis_options(large),
        "info": info,
        "kinds": legend,
        "scopes": scopes,
        "focus": str(focus_id) if focus_id in network else None,
    }
    filters = {
        "organisations": choices["organisation"],
        "policies": choices["policy"],
        "first_date": all_dates[0] if all_dates else "",
        "last_date": all_dates[-1] if all_dates else "",
    }
    _write_atomic(out, _page(title, data, legend, filters))
    return out


def source_href(source: str, page_dir: Path, sources: Sources = None) -> str | None:
    """The link from the page to a document's source file, or None when it is not known.

    ``dct:source`` records the file's name (or a URL).  A URL is linked as it is, if http(s);
    a file name is looked up in ``sources``, a mapping of names to paths (``kgraph visualize``
    reads it from the build's extraction reports) or one folder; the link is then relative to
    the page, so the page and the sources can be moved together.  Without ``sources`` there is
    no link: a guess would give dead links.  Every character that could change the link's meaning
    (``:``, ``?``, ``#``, ``%``) is percent-encoded, so a source name cannot become a
    ``javascript:`` link.
    """
    if re.match(r"https?://[^\s]+$", source, re.I):
        return source
    if isinstance(sources, Mapping):
        found = sources.get(source)
        if found is None:
            return None
        target = Path(found)
    elif sources is not None:
        target = Path(sources) / source
    else:
        return None
    try:
        relative = os.path.relpath(target.resolve(), page_dir.resolve())
    except ValueError:  # another drive, on Windows
        return target.resolve().as_uri()
    return quote(Path(relative).as_posix(), safe="/")


def sources_from_reports(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """Source file name -> its path, from the extraction reports ``kgraph build`` writes.

    Paths in the reports are as given to ``kgraph build``; those that no longer exist from here
    are left out, so the page shows the name without a dead link.
    """
    found: dict[str, Path] = {}
    for report in sorted(Path(folder).glob("*.json")):
        try:
            path = json.loads(report.read_text(encoding="utf-8"))["document"]["path"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if isinstance(path, str) and Path(path).is_file():
            found.setdefault(Path(path).name, Path(path))
    return found


def _scopes(network: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """For each organisation and policy, the nodes its filter keeps on the page.

    An organisation keeps its roles, the people who hold them, what they (or it) said, the
    documents and policies of those quotes, and the policies it or they are tied to.  A policy
    keeps the agents tied to it, the quotes about it with their speakers and documents, and
    the roles those people hold with their organisations.
    """
    ties = {r for r in EDGE_LABELS if r in _TIES.values()}

    def near(nodes: Iterable[Any], relations: set[str], *, incoming: bool) -> set[Any]:
        found: set[Any] = set()
        for node in nodes:
            edges = (
                network.in_edges(node, keys=True)
                if incoming
                else network.out_edges(node, keys=True)
            )
            for u, v, key in edges:
                if network.edges[u, v, key].get("relation", key) in relations:
                    found.add(u if incoming else v)
        return found

    kinds = dict(network.nodes(data="kind"))
    scopes: dict[str, dict[str, list[str]]] = {"organisation": {}, "policy": {}}
    for node in network:
        if kinds[node] == "organisation":
            roles = near([node], {"within"}, incoming=True)
            people = near(roles, {"holds"}, incoming=True)
            quotes = near(people | {node}, {"said"}, incoming=False)
            kept = {node} | roles | people | quotes
            kept |= near(quotes, {"in", "about"}, incoming=False)
            kept |= near(people | {node}, ties, incoming=False)
        elif kinds[node] == "policy":
            agents = near([node], ties, incoming=True)
            quotes = near([node], {"about"}, incoming=True)
            speakers = near(quotes, {"said"}, incoming=True)
            roles = near(agents | speakers, {"holds"}, incoming=False)
            kept = {node} | agents | quotes | speakers | roles
            kept |= near(quotes, {"in"}, incoming=False) | near(roles, {"within"}, incoming=False)
        else:
            continue
        scopes[kinds[node]][str(node)] = sorted(str(n) for n in kept)
    return scopes


class FocusError(KgraphError, LookupError):
    """The entity to focus on is not in the network, or its name fits several."""


def find_node(network: nx.MultiDiGraph, name_or_iri: str) -> Any:
    """The node whose IRI, name or other name is ``name_or_iri`` (case and accents ignored).

    A name shared by several entities is an error listing their IRIs, not a silent pick; a
    part of a name is accepted when it fits one entity only.
    """
    if name_or_iri in network:
        return name_or_iri
    wanted = _fold(name_or_iri)
    exact: set[Any] = set()
    partial: set[Any] = set()
    for node, attrs in network.nodes(data=True):
        if attrs.get("kind") == "quote":  # a quote is reached through its speaker
            continue
        details = attrs.get("details") or {}
        names = {str(attrs.get("label") or ""), *details.get("names", ())}
        names |= set(details.get("alt_labels", ()))
        folded = {_fold(n) for n in names if n}
        if wanted in folded:
            exact.add(node)
        elif any(wanted in n for n in folded):
            partial.add(node)
    found = exact or partial
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise FocusError(f"no entity named {name_or_iri!r} in the graph; give its IRI or a name")
    listed = ", ".join(f"{network.nodes[n].get('label')} <{n}>" for n in sorted(found, key=str))
    raise FocusError(f"{name_or_iri!r} fits {len(found)} entities ({listed}); give the IRI")


def focus(network: nx.MultiDiGraph, name_or_iri: str, depth: int = 2) -> nx.MultiDiGraph:
    """The ego graph of one entity: every node within ``depth`` edges of it, either direction.

    Depth 1 is a person with their roles, quotes and policies; depth 2 adds the organisations
    of the roles and the documents of the quotes.  The centre is kept in ``graph["focus"]`` so
    the page opens on it.
    """
    if depth < 0:
        raise FocusError(f"depth must be 0 or more, not {depth}")
    centre = find_node(network, name_or_iri)
    undirected = network.to_undirected(as_view=True)
    kept = nx.single_source_shortest_path_length(undirected, centre, cutoff=depth)
    sub = network.subgraph(kept).copy()
    sub.graph["focus"] = centre
    return sub


def _fold(text: str) -> str:
    """Lower case without accents or extra spaces, the way the page's search compares names."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _kind_label(network: nx.MultiDiGraph, node_id: Any) -> tuple[str, str]:
    attrs = network.nodes[node_id]
    return str(attrs.get("kind", "")), str(attrs.get("label") or node_id)


def _vis_options(large: bool) -> dict[str, Any]:
    """vis-network options; ``large`` means positions are given and physics stays off."""
    font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    return {
        "autoResize": True,
        "layout": {"randomSeed": _SEED, "improvedLayout": not large},
        "nodes": {
            "borderWidth": 1,
            "font": {
                "face": font,
                "size": 14,
                "color": "#1f2328",
                # a backdrop, not just a stroke: labels stay legible where edges cross them
                "background": "rgba(255,255,255,0.85)",
                "strokeWidth": 0,
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#b0b7bf", "highlight": "#3b4148", "hover": "#6a737d"},
            "font": {
                "face": font,
                "size": 11,
                "color": "#57606a",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            "smooth": {"enabled": not large, "type": "continuous"},
            "width": 1,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 300,
            "hideEdgesOnDrag": large,
            "multiselect": False,
        },
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -120,
                "centralGravity": 0.01,
                "springLength": 150,
                "springConstant": 0.06,
                "avoidOverlap": 1,
            },
            "stabilization": {"enabled": not large, "iterations": 600, "fit": True},
        },
    }


def _layout(network: nx.MultiDiGraph) -> dict[Any, tuple[float, float]]:
    """Pixel positions: each connected component laid out on its own, then packed in rows.

    Laying components out apart keeps small ones from being flung to the rim by a large one;
    fixed seeds over sorted nodes make the result the same on every run.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(network, key=str))
    simple.add_edges_from(sorted(((u, v) for u, v in network.edges() if u != v), key=str))
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(simple)),
        key=lambda c: (-len(c), str(c[0])),
    )
    boxes: list[tuple[list[Any], dict[Any, Any], float]] = []
    for nodes in components:
        sub = nx.Graph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from(sorted(simple.subgraph(nodes).edges(), key=str))
        half = _PX_PER_NODE * math.sqrt(len(nodes))
        boxes.append((nodes, _component_layout(sub), half))

    row_width = 1.3 * math.sqrt(sum((2 * half) ** 2 for _, _, half in boxes))
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, pos, half in boxes:
        side = 2 * half + 2 * _PX_PER_NODE
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + side / 2, y + side / 2
        for node in nodes:
            px, py = pos[node]
            positions[node] = (round(cx + float(px) * half, 1), round(cy + float(py) * half, 1))
        x += side
        row_height = max(row_height, side)
    return positions


def _component_layout(component: nx.Graph) -> dict[Any, Any]:
    """Positions in [-1, 1] for one connected component.

    Small components use networkx's spring layout (dense and vectorised below 500 nodes).  From
    500 nodes networkx switches to a sparse Fruchterman-Reingold that loops over nodes in Python:
    a 2,000-node component took 11-21 s here, so :func:`_force_layout` takes over.
    """
    n = component.number_of_nodes()
    if n == 1:
        return {next(iter(component)): (0.0, 0.0)}
    if n < _LARGE_COMPONENT:
        return nx.spring_layout(component, seed=_SEED, iterations=50)
    return _force_layout(component)


_LARGE_COMPONENT = 500
_BLOCK = 512  # rows of the n x n repulsion computed at once: memory is O(_BLOCK * n), not O(n²)


def _force_layout(component: nx.Graph, iterations: int | None = None) -> dict[Any, Any]:
    """Fruchterman-Reingold in numpy, started from a spectral layout; ~2 s for 2,000 nodes.

    Repulsion between all pairs is computed block by block with matrix products, attraction along
    the edges only; the spectral start (the Laplacian's two smallest non-trivial eigenvectors)
    already separates the graph's regions, so a hundred cooling steps untangle it.  Every input is
    fixed (sorted nodes, a seeded start vector for ARPACK, signs made positive), so the same graph
    gives the same positions on every run.
    """
    nodes = sorted(component, key=str)
    n = len(nodes)
    adjacency = nx.to_scipy_sparse_array(component, nodelist=nodes, weight=None, format="csr")
    try:
        pos = _spectral_start(adjacency.astype(float))
    except ImportError:  # scipy.sparse.linalg is SciPy's; networkx alone does not bring it
        warnings.warn(
            f"SciPy is missing: a component of {n} nodes starts from random positions",
            RuntimeWarning,
            stacklevel=4,
        )
        pos = np.random.default_rng(_SEED).uniform(-1.0, 1.0, (n, 2))
    pos = pos - pos.mean(axis=0)
    pos /= float(np.abs(pos).max()) or 1.0
    # twins (two quotes of one person in one document) start on one spot and, with no force
    # between nodes at distance 0, would stay there: a seeded jiggle sets them apart
    pos += np.random.default_rng(_SEED + 1).uniform(-0.01, 0.01, pos.shape)
    upper = adjacency.tocoo()
    keep = upper.row < upper.col
    ei, ej = upper.row[keep], upper.col[keep]
    steps = iterations if iterations is not None else (100 if n <= 3000 else 40)
    k2 = 1.0 / n
    k = math.sqrt(k2)
    temperature = 0.1
    cooling = temperature / (steps + 1)
    for _ in range(steps):
        disp = np.zeros_like(pos)
        x, y = pos[:, 0], pos[:, 1]
        for start in range(0, n, _BLOCK):
            # element-wise, not a matrix product: BLAS threads fight each other on a busy machine
            dx = x[start : start + _BLOCK, None] - x[None, :]
            dy = y[start : start + _BLOCK, None] - y[None, :]
            d2 = dx * dx + dy * dy
            np.maximum(d2, 1e-6, out=d2)
            force = k2 / d2  # the node itself adds nothing: its dx and dy are 0
            disp[start : start + _BLOCK, 0] = (force * dx).sum(axis=1)
            disp[start : start + _BLOCK, 1] = (force * dy).sum(axis=1)
        delta = pos[ei] - pos[ej]
        pull = delta * (np.sqrt((delta**2).sum(axis=1)) / k)[:, None]
        np.subtract.at(disp, ei, pull)
        np.add.at(disp, ej, pull)
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos = pos + disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos = pos - pos.mean(axis=0)
    pos /= float(np.abs(pos).max()) or 1.0
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos, strict=True)}


def _spectral_start(adjacency: Any) -> np.ndarray:
    """Two smallest non-trivial eigenvectors of the Laplacian, with a fixed start and signs."""
    from scipy.sparse import diags
    from scipy.sparse.linalg import eigsh

    n = adjacency.shape[0]
    laplacian = diags(np.asarray(adjacency.sum(axis=1)).ravel()) - adjacency
    start = np.random.default_rng(_SEED).uniform(-1.0, 1.0, n)
    # shift-invert just below 0 finds the smallest eigenvalues in a few ms
    values, vectors = eigsh(laplacian, k=3, sigma=-1e-3, which="LM", v0=start, tol=1e-8)
    pos = vectors[:, np.argsort(values)[1:3]]
    signs = np.sign(pos[np.abs(pos).argmax(axis=0), [0, 1]])
    return pos * np.where(signs == 0, 1.0, signs)


@cache
def _vis_assets() -> tuple[str, str]:
    """The vis-network JS and CSS shipped in the pyvis wheel, to inline in the page."""
    root = Path(pyvis.__file__).parent
    for folder in _VIS_DIRS:
        js, css = root / folder / "vis-network.min.js", root / folder / "vis-network.css"
        if js.is_file() and css.is_file():
            js_text, css_text = js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")
            if "</script" in js_text.lower() or "</style" in css_text.lower():
                raise RuntimeError(f"{folder} cannot be inlined: it closes its own element")
            return js_text, css_text
    raise FileNotFoundError(f"vis-network 9.1.2 not found in the pyvis package at {root}")


def _script_json(data: Any) -> str:
    """JSON safe inside a <script> element: no character of it can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _page(
    title: str, data: dict[str, Any], legend: list[dict[str, Any]], filters: dict[str, Any]
) -> str:
    """The HTML page; the CSP allows exactly the two inline scripts of the template to run."""
    vis_js, vis_css = _vis_assets()
    app_js = (TEMPLATE_DIR / "network.js").read_text(encoding="utf-8")
    app_css = (TEMPLATE_DIR / "network.css").read_text(encoding="utf-8")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}",
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, keep_trailing_newline=True
    )
    return env.get_template("network.html").render(
        title=title,
        csp=csp,
        legend=legend,
        filters=filters,
        vis_js=vis_js,
        vis_css=vis_css,
        app_js=app_js,
        app_css=app_css,
        data_json=_script_json(data),
    )


def _write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so readers never see half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600; a page is meant to be read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
