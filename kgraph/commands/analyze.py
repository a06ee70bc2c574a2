"""``kgraph analyze``: centralities, communities and the most quoted people of three projections.

A thin layer over :mod:`kgraph.analyze`: it opens the store, runs the analysis and writes what
was asked (a table or CSV/JSON on stdout, CSV files, GEXF/GraphML, RDF in the store).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click


def _store_path(store: str | None) -> Path:
    # the same default as every other command: --store, then $KGRAPH_STORE, then out/store
    return Path(store or os.environ.get("KGRAPH_STORE") or Path("out") / "store")


@click.command(name="analyze")
@click.option("--store", default=None, help="Store folder (default out/store or $KGRAPH_STORE).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="What to print: tables for people, CSV or JSON for programs.",
)
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows per table (table format only).",
)
@click.option(
    "--out",
    "out_dir",
    default=None,
    type=click.Path(file_okay=False),
    help="Also write <projection>.csv and most-quoted.csv in this folder.",
)
@click.option(
    "--gexf",
    default=None,
    type=click.Path(dir_okay=False),
    help="Write all projections to this GEXF file (Gephi).",
)
@click.option(
    "--graphml",
    default=None,
    type=click.Path(dir_okay=False),
    help="Write all projections to this GraphML file (Cytoscape, Gephi, yEd).",
)
@click.option(
    "--write-back",
    is_flag=True,
    help="Store the results as RDF in the named graph <base>analytics/graph, "
    "replacing the previous run's.",
)
@click.option(
    "--base", default=None, help="Base IRI of instances (default https://w3id.org/kgraph/id/)."
)
def command(store, fmt, top, out_dir, gexf, graphml, write_back, base):
    """Network analytics: who is central, who clusters with whom, who is quoted most.

    Three networks are projected from the store with SPARQL: speaker–organisation,
    speaker–policy and co-quotation (people quoted in the same document). For each, every
    node's degree, degree and betweenness centrality, PageRank and Louvain community.

    \b
    Example:
      kgraph analyze
      kgraph analyze --format csv > positions.csv
      kgraph analyze --out out/analytics --gexf out/network.gexf --graphml out/network.graphml
      kgraph analyze --write-back
      kgraph query 'SELECT ?name ?rank WHERE { ?p kg:positionOf/schema:name ?name ;
                    kg:pageRank ?rank } ORDER BY DESC(?rank)'
    """
    from kgraph import analyze as analytics
    from kgraph.namespace import DEFAULT_BASE
    from kgraph.store import Store

    st = Store(_store_path(store), read_only=not write_back, create=False)
    analysis = analytics.analyze(st)
    if fmt == "json":
        click.echo(json.dumps(analytics.to_json(analysis), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(analytics.positions_csv(analysis), nl=False)
    else:
        click.echo(analytics.format_tables(analysis, top=top))
    notes = []
    if out_dir:
        notes += [str(p) for p in analytics.write_csv(analysis, out_dir)]
    if gexf:
        notes.append(str(analytics.write_gexf(analysis, gexf)))
    if graphml:
        notes.append(str(analytics.write_graphml(analysis, graphml)))
    if write_back:
        graph = analytics.write_back(st, analysis, base or DEFAULT_BASE)
        notes.append(f"written to the store, graph <{graph}>")
    for note in notes:  # on stderr, so that --format csv/json stays clean on stdout
        click.echo(note, err=True)
