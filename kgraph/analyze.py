"""Network analytics: who is central, who clusters with whom, who is quoted most.

Why projections and not the RDF graph itself: centrality over every triple would rank literals,
annotations and selectors.  A researcher asks about people, organisations and policies, so three
networks are projected with SPARQL (``kgraph/queries/analytics/*.rq``, one per projection):

- **speaker–organisation** (bipartite): quoted people and the organisations they hold a role in;
  edge weight = documents stating the role (at least 1);
- **speaker–policy** (bipartite): quoted people and the policies their quotes are about or they
  are tied to; weight = quotes about it + kinds of tie;
- **co-quotation**: quoted people, joined when quoted in the same document; weight = documents
  shared.

Each projection gets, per node, its degree, degree centrality, betweenness centrality
(unweighted, normalised), PageRank (damping 0.85, weighted) and Louvain community (weighted,
fixed seed), all from networkx.  The results are returned as typed records; the CLI prints them,
writes CSV, GEXF and GraphML, and :func:`write_back` stores them as RDF in their own named graph.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV

from . import __version__
from .namespace import DEFAULT_BASE, KG
from .query import format_table, run_query
from .slugs import short_hash
from .store import Store

__all__ = [
    "PROJECTIONS",
    "Analysis",
    "Position",
    "Speaker",
    "analyze",
    "analytics_graph_iri",
    "combined_network",
    "measure",
    "project_networks",
    "to_rdf",
    "write_back",
]

QUERY_DIR = Path(__file__).parent / "queries" / "analytics"
SEED = 42  # Louvain is randomised; a fixed seed gives the same communities on every run

# projection -> (French label, English label)
PROJECTIONS: dict[str, tuple[str, str]] = {
    "speaker-organisation": ("personne citée – organisation", "speaker–organisation"),
    "speaker-policy": ("personne citée – politique publique", "speaker–policy"),
    "co-quotation": ("co-citation (cités dans un même document)", "co-quotation"),
}


@dataclass(frozen=True)
class Speaker:
    """A quoted person: how many quotes, in how many documents."""

    iri: str
    name: str
    quotes: int
    documents: int


@dataclass(frozen=True)
class Position:
    """Where one entity stands in one projection."""

    projection: str
    iri: str
    kind: str  # person, organisation or policy
    name: str
    degree: int
    degree_centrality: float
    betweenness: float
    pagerank: float
    community: int  # 1 is the largest community of the projection


@dataclass
class Analysis:
    """Everything ``kgraph analyze`` reports: the projections, their measures, the speakers."""

    networks: dict[str, nx.Graph]
    positions: dict[str, list[Position]]
    speakers: list[Speaker]
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


# --------------------------------------------------------------------------------------------
# projecting
# --------------------------------------------------------------------------------------------


@cache
def _query(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def _rows(store: Store, name: str) -> list[dict[str, str | None]]:
    return run_query(store, _query(name)).values()


def _int(value: str | None) -> int:
    return int(value) if value else 0


def _tail(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def speakers(store: Store) -> list[Speaker]:
    """Quoted people, most quoted first (then by name), from ``speakers.rq``."""
    found = [
        Speaker(
            iri=str(row["speaker"]),
            name=row["name"] or _tail(str(row["speaker"])),
            quotes=_int(row["quotes"]),
            documents=_int(row["documents"]),
        )
        for row in _rows(store, "speakers")
    ]
    return sorted(found, key=lambda s: (-s.quotes, -s.documents, s.name.casefold(), s.iri))


def project_networks(store: Store, quoted: list[Speaker] | None = None) -> dict[str, nx.Graph]:
    """The three projections as undirected weighted networkx graphs.

    Nodes are IRIs with ``kind`` and ``name``; the bipartite ones also carry ``bipartite`` (0
    for people, 1 for organisations or policies), as networkx's bipartite algorithms expect.
    Every quoted person is a node of every projection, even without an edge, so that a person
    nobody is quoted with shows up with degree 0 instead of vanishing.
    """
    quoted = speakers(store) if quoted is None else quoted
    names = {row["node"]: (row["kind"], row["name"]) for row in _rows(store, "names")}

    def graph(bipartite: bool) -> nx.Graph:
        g = nx.Graph()
        for s in quoted:
            g.add_node(s.iri, kind="person", name=s.name, **({"bipartite": 0} if bipartite else {}))
        return g

    def other(g: nx.Graph, iri: str) -> None:
        kind, name = names.get(iri, ("", None))
        g.add_node(iri, kind=kind, name=name or _tail(iri), bipartite=1)

    organisations = graph(bipartite=True)
    for row in _rows(store, "speaker-organisation"):
        other(organisations, str(row["organisation"]))
        weight = max(1, _int(row["documents"]))
        organisations.add_edge(row["speaker"], row["organisation"], weight=weight)

    policies = graph(bipartite=True)
    for row in _rows(store, "speaker-policy"):
        other(policies, str(row["policy"]))
        weight = max(1, _int(row["quotes"]) + _int(row["ties"]))
        policies.add_edge(row["speaker"], row["policy"], weight=weight)

    co_quoted = graph(bipartite=False)
    for row in _rows(store, "co-quotation"):
        co_quoted.add_edge(row["a"], row["b"], weight=_int(row["documents"]))

    return {
        "speaker-organisation": organisations,
        "speaker-policy": policies,
        "co-quotation": co_quoted,
    }


# --------------------------------------------------------------------------------------------
# measuring
# --------------------------------------------------------------------------------------------


def measure(graph: nx.Graph, projection: str) -> list[Position]:
    """Degree, centralities, PageRank and Louvain community of every node of ``graph``.

    Sorted by PageRank (highest first), then name and IRI, so the order is the same on every
    run.  Communities are numbered by size, largest first (ties by their first IRI).
    """
    if graph.number_of_nodes() == 0:
        return []
    degree_centrality = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    pagerank = nx.pagerank(graph, alpha=0.85, weight="weight")
    communities = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    ordered = sorted(communities, key=lambda c: (-len(c), min(map(str, c))))
    community = {node: number for number, c in enumerate(ordered, start=1) for node in c}
    positions = [
        Position(
            projection=projection,
            iri=str(node),
            kind=str(attrs.get("kind", "")),
            name=str(attrs.get("name") or _tail(str(node))),
            degree=int(graph.degree(node)),
            degree_centrality=float(degree_centrality[node]),
            betweenness=float(betweenness[node]),
            pagerank=float(pagerank[node]),
            community=community[node],
        )
        for node, attrs in graph.nodes(data=True)
    ]
    return sorted(positions, key=lambda p: (-p.pagerank, p.name.casefold(), p.iri))


def analyze(store: Store) -> Analysis:
    """Project the store's graph three ways and measure each projection."""
    quoted = speakers(store)
    networks = project_networks(store, quoted)
    positions = {name: measure(g, name) for name, g in networks.items()}
    return Analysis(networks=networks, positions=positions, speakers=quoted)


# --------------------------------------------------------------------------------------------
# reporting: tables, CSV, JSON
# --------------------------------------------------------------------------------------------

POSITION_FIELDS = [
    "projection",
    "iri",
    "kind",
    "name",
    "degree",
    "degree_centrality",
    "betweenness",
    "pagerank",
    "community",
]
SPEAKER_FIELDS = ["iri", "name", "quotes", "documents"]


def format_tables(analysis: Analysis, top: int = 10) -> str:
    """The report a person reads: the most quoted people, then the top of each projection."""
    parts = ["Most quoted people / Personnes les plus citées"]
    rows = [[s.name, str(s.quotes), str(s.documents)] for s in analysis.speakers[:top]]
    parts.append(format_table(["name", "quotes", "documents"], rows))
    for name, positions in analysis.positions.items():
        g = analysis.networks[name]
        communities = len({p.community for p in positions})
        parts.append(
            f"\n{name}: {_count(g.number_of_nodes(), 'node')}, "
            f"{_count(g.number_of_edges(), 'edge')}, "
            f"{_count(communities, 'community', 'communities')} "
            f"(top {min(top, len(positions))} by PageRank)"
        )
        rows = [
            [
                p.name,
                p.kind,
                str(p.degree),
                f"{p.degree_centrality:.3f}",
                f"{p.betweenness:.3f}",
                f"{p.pagerank:.3f}",
                str(p.community),
            ]
            for p in positions[:top]
        ]
        headers = ["name", "kind", "degree", "deg. centr.", "betweenness", "pagerank", "community"]
        parts.append(format_table(headers, rows))
    return "\n".join(parts)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def positions_csv(analysis: Analysis) -> str:
    """Every position of every projection, one row each, with a ``projection`` column."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=POSITION_FIELDS, lineterminator="\n")
    writer.writeheader()
    for positions in analysis.positions.values():
        writer.writerows(asdict(p) for p in positions)
    return buffer.getvalue()


def speakers_csv(analysis: Analysis) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SPEAKER_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(s) for s in analysis.speakers)
    return buffer.getvalue()


def write_csv(analysis: Analysis, folder: str | Path) -> list[Path]:
    """``<projection>.csv`` for each projection and ``most-quoted.csv``, in ``folder``."""
    from .store import write_atomically

    out = Path(folder)
    written = []
    for name, positions in analysis.positions.items():
        single = Analysis(analysis.networks, {name: positions}, analysis.speakers)
        written.append(out / f"{name}.csv")
        write_atomically(written[-1], positions_csv(single))
    written.append(out / "most-quoted.csv")
    write_atomically(written[-1], speakers_csv(analysis))
    return written


def to_json(analysis: Analysis) -> dict[str, Any]:
    """The whole analysis as plain JSON-ready data."""
    return {
        "speakers": [asdict(s) for s in analysis.speakers],
        "projections": {
            name: {
                "nodes": analysis.networks[name].number_of_nodes(),
                "edges": analysis.networks[name].number_of_edges(),
                "positions": [asdict(p) for p in positions],
            }
            for name, positions in analysis.positions.items()
        },
    }


# --------------------------------------------------------------------------------------------
# Gephi and Cytoscape
# --------------------------------------------------------------------------------------------


def combined_network(analysis: Analysis) -> nx.MultiGraph:
    """All three projections in one network, for Gephi (GEXF) and Cytoscape (GraphML).

    One node per entity, with ``kind``, ``label``, ``quotes`` and, per projection, its measures
    as ``<measure>_<projection>`` attributes (``pagerank_co_quotation`` …); one edge per
    projection tie, with ``projection`` and ``weight``, so a projection is one edge filter away.
    """
    combined = nx.MultiGraph()
    quotes = {s.iri: s.quotes for s in analysis.speakers}
    for name, g in analysis.networks.items():
        for node, attrs in g.nodes(data=True):
            combined.add_node(
                node,
                label=str(attrs.get("name") or _tail(node)),
                kind=str(attrs.get("kind", "")),
                quotes=quotes.get(node, 0),
            )
        for u, v, weight in g.edges(data="weight", default=1):
            combined.add_edge(u, v, key=name, projection=name, weight=float(weight))
    for name, positions in analysis.positions.items():
        suffix = name.replace("-", "_")
        for p in positions:
            combined.nodes[p.iri].update(
                {
                    f"degree_{suffix}": p.degree,
                    f"betweenness_{suffix}": p.betweenness,
                    f"pagerank_{suffix}": p.pagerank,
                    f"community_{suffix}": p.community,
                }
            )
    return combined


def write_gexf(analysis: Analysis, path: str | Path) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(combined_network(analysis), out)
    return out


def write_graphml(analysis: Analysis, path: str | Path) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(combined_network(analysis), out)
    return out


# --------------------------------------------------------------------------------------------
# RDF, written back to the store
# --------------------------------------------------------------------------------------------


def analytics_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of the analytics.

    Not under ``<base>graph/``, where each document's graph is named after its file: a document
    called ``analytics.txt`` would otherwise share the name and be wiped by a write-back.
    """
    return URIRef(f"{base}analytics/graph")


def _double(value: float) -> Literal:
    return Literal(repr(float(value)) if math.isfinite(value) else "NaN", datatype=XSD.double)


def to_rdf(analysis: Analysis, base: str = DEFAULT_BASE) -> Graph:
    """The analysis as triples in kgraph's vocabulary (see ``ontology/kgraph.ttl``).

    Every IRI is derived from the base, the projection and the entity's IRI, so running again
    on the same graph writes the same triples (but for the run's start time).
    """
    g = Graph()
    run = URIRef(f"{base}analytics/run")
    g.add((run, RDF.type, KG.AnalyticsRun))
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, RDFS.label, Literal(f"kgraph analyze {__version__}")))
    started = analysis.started.isoformat(timespec="seconds")
    g.add((run, PROV.startedAtTime, Literal(started, datatype=XSD.dateTime)))
    for s in analysis.speakers:
        g.add((URIRef(s.iri), KG.quoteCount, Literal(s.quotes, datatype=XSD.integer)))
    for name, positions in analysis.positions.items():
        projection = URIRef(f"{base}analytics/{name}")
        french, english = PROJECTIONS[name]
        g.add((projection, RDF.type, KG.NetworkProjection))
        g.add((projection, RDFS.label, Literal(french, lang="fr")))
        g.add((projection, RDFS.label, Literal(english, lang="en")))
        g.add((projection, PROV.wasGeneratedBy, run))
        for number in sorted({p.community for p in positions}):
            community = URIRef(f"{projection}/community/{number}")
            g.add((community, RDF.type, KG.Community))
            g.add((community, KG.projection, projection))
            g.add((community, RDFS.label, Literal(f"{english} community {number}", lang="en")))
        for p in positions:
            node = URIRef(f"{projection}/{short_hash(p.iri)}")
            g.add((node, RDF.type, KG.NetworkPosition))
            g.add((node, KG.positionOf, URIRef(p.iri)))
            g.add((node, KG.projection, projection))
            g.add((node, KG.degree, Literal(p.degree, datatype=XSD.integer)))
            g.add((node, KG.degreeCentrality, _double(p.degree_centrality)))
            g.add((node, KG.betweenness, _double(p.betweenness)))
            g.add((node, KG.pageRank, _double(p.pagerank)))
            g.add((node, KG.inCommunity, URIRef(f"{projection}/community/{p.community}")))
    return g


def write_back(store: Store, analysis: Analysis, base: str = DEFAULT_BASE) -> URIRef:
    """Replace the analytics named graph with this analysis, in one transaction."""
    graph_iri = analytics_graph_iri(base)
    store.replace_graph(str(graph_iri), to_rdf(analysis, base))
    store.flush()
    return graph_iri
