"""kgraph.analyze and `kgraph analyze`: projections, measures worked out by hand, RDF, exports.

Most tests run on a store loaded from a hand-written TriG graph (below), so every expected value
can be checked with pencil and paper; one builds a store from three short French texts through
the whole pipeline.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from kgraph import analyze
from kgraph.cli import main
from kgraph.namespace import KG
from kgraph.query import run_query
from kgraph.store import Store

ID = "https://w3id.org/kgraph/id/"
A, B, C, E, F = (ID + f"person/{n}" for n in ("anne", "bruno", "chloe", "emile", "fanny"))
O1, O2, P1 = ID + "org/mairie", ID + "org/agence", ID + "policy/plan-velo"

# Four documents.  D1 quotes Anne (twice) and Bruno, D2 Bruno and Chloé, D3 Émile alone: the
# co-quotation network is the path Anne–Bruno–Chloé, with Émile on his own.  Anne and Bruno hold
# roles at the mairie (Bruno's is stated in D1 and D2), Bruno at the agence; Émile belongs to the
# agence (org:memberOf only).  Anne speaks about the plan and supports it (stated directly and
# as a kg:PolicyTie: one kind of tie); Chloé criticises it; Fanny supports it but is never
# quoted, so she is no speaker.
GRAPH = """
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix kg: <https://w3id.org/kgraph/ns#> .
@base <https://w3id.org/kgraph/id/> .

<graph/d1> {
  <doc/d1> a schema:NewsArticle .
  <person/anne> a schema:Person ; schema:name "Anne Arnaud" .
  <person/bruno> a schema:Person ; schema:name "Bruno Blanc" .
  <org/mairie> a org:Organization ; schema:name "Mairie de Lyon" .
  <policy/plan-velo> a kg:Policy ; schema:name "plan Vélo" .
  <membership/anne-maire> a org:Membership ; org:member <person/anne> ;
      org:organization <org/mairie> ; prov:wasDerivedFrom <doc/d1> .
  <membership/bruno-adjoint> a org:Membership ; org:member <person/bruno> ;
      org:organization <org/mairie> ; prov:wasDerivedFrom <doc/d1> .
  <doc/d1/quote/1> a schema:Quotation ; schema:spokenByCharacter <person/anne> ;
      schema:isPartOf <doc/d1> ; schema:about <policy/plan-velo> .
  <doc/d1/quote/2> a schema:Quotation ; schema:spokenByCharacter <person/anne> ;
      schema:isPartOf <doc/d1> .
  <doc/d1/quote/3> a schema:Quotation ; schema:spokenByCharacter <person/bruno> ;
      schema:isPartOf <doc/d1> .
  <person/anne> kg:supported <policy/plan-velo> .
  <doc/d1/tie/1> a kg:PolicyTie ; kg:agent <person/anne> ; kg:policy <policy/plan-velo> ;
      kg:tie kg:supported .
}
<graph/d2> {
  <doc/d2> a schema:NewsArticle .
  <person/chloe> a schema:Person ; schema:name "Chloé Caron" .
  <org/agence> a org:Organization ; schema:name "Agence des mobilités" .
  <membership/bruno-adjoint> prov:wasDerivedFrom <doc/d2> .
  <membership/bruno-agence> a org:Membership ; org:member <person/bruno> ;
      org:organization <org/agence> ; prov:wasDerivedFrom <doc/d2> .
  <doc/d2/quote/1> a schema:Quotation ; schema:spokenByCharacter <person/bruno> ;
      schema:isPartOf <doc/d2> .
  <doc/d2/quote/2> a schema:Quotation ; schema:spokenByCharacter <person/chloe> ;
      schema:isPartOf <doc/d2> .
  <doc/d2/tie/1> a kg:PolicyTie ; kg:agent <person/chloe> ; kg:policy <policy/plan-velo> ;
      kg:tie kg:criticised .
}
<graph/d3> {
  <doc/d3> a schema:NewsArticle .
  <person/emile> a schema:Person ; schema:name "Émile Espinasse" ; org:memberOf <org/agence> .
  <doc/d3/quote/1> a schema:Quotation ; schema:spokenByCharacter <person/emile> ;
      schema:isPartOf <doc/d3> .
}
<graph/d4> {
  <person/fanny> a schema:Person ; schema:name "Fanny Faure" ;
      kg:supported <policy/plan-velo> .
}
"""


def load_store(path: Path) -> Path:
    store = Store(path)
    dataset = Dataset()
    dataset.parse(data=GRAPH, format="trig")
    for graph in dataset.graphs():
        if len(graph) and isinstance(graph.identifier, URIRef):
            store.replace_graph(str(graph.identifier), graph)
    store.flush()
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_store(tmp_path_factory.mktemp("analytics") / "store")


@pytest.fixture(scope="module")
def analysis(store_path: Path) -> analyze.Analysis:
    return analyze.analyze(Store(store_path, read_only=True, create=False))


def by_iri(analysis: analyze.Analysis, projection: str) -> dict[str, analyze.Position]:
    return {p.iri: p for p in analysis.positions[projection]}


# ---- projections --------------------------------------------------------------------------------


def test_most_quoted_people(analysis: analyze.Analysis) -> None:
    rows = [(s.name, s.quotes, s.documents) for s in analysis.speakers]
    assert rows == [
        ("Bruno Blanc", 2, 2),
        ("Anne Arnaud", 2, 1),
        ("Chloé Caron", 1, 1),
        ("Émile Espinasse", 1, 1),
    ]  # Fanny is never quoted


def test_speaker_organisation_projection(analysis: analyze.Analysis) -> None:
    g = analysis.networks["speaker-organisation"]
    assert set(g) == {A, B, C, E, O1, O2}  # every speaker, even Chloé who holds no role
    weights = {frozenset((u, v)): w for u, v, w in g.edges(data="weight")}
    assert weights == {
        frozenset((A, O1)): 1,
        frozenset((B, O1)): 2,  # the role is stated in two documents
        frozenset((B, O2)): 1,
        frozenset((E, O2)): 1,  # org:memberOf only
    }
    assert {n: d["bipartite"] for n, d in g.nodes(data=True)} == {
        A: 0,
        B: 0,
        C: 0,
        E: 0,
        O1: 1,
        O2: 1,
    }
    assert nx.is_bipartite(g)


def test_speaker_policy_projection(analysis: analyze.Analysis) -> None:
    g = analysis.networks["speaker-policy"]
    assert set(g) == {A, B, C, E, P1}  # not Fanny: she is tied to the plan but never quoted
    weights = {frozenset((u, v)): w for u, v, w in g.edges(data="weight")}
    # Anne: one quote about the plan + one kind of tie (stated twice); Chloé: one tie
    assert weights == {frozenset((A, P1)): 2, frozenset((C, P1)): 1}
    assert g.nodes[P1]["name"] == "plan Vélo" and g.nodes[P1]["kind"] == "policy"


def test_co_quotation_projection(analysis: analyze.Analysis) -> None:
    g = analysis.networks["co-quotation"]
    assert set(g) == {A, B, C, E}
    assert {frozenset(e) for e in g.edges()} == {frozenset((A, B)), frozenset((B, C))}
    assert all(w == 1 for _, _, w in g.edges(data="weight"))


# ---- measures, by hand -------------------------------------------------------------------------


def test_co_quotation_measures(analysis: analyze.Analysis) -> None:
    p = by_iri(analysis, "co-quotation")
    assert [p[n].degree for n in (A, B, C, E)] == [1, 2, 1, 0]
    # degree centrality = degree / (n - 1), n = 4
    assert p[B].degree_centrality == pytest.approx(2 / 3)
    assert p[A].degree_centrality == pytest.approx(1 / 3) and p[E].degree_centrality == 0
    # betweenness: of the 3 pairs of other nodes, only Anne–Chloé goes through Bruno
    assert p[B].betweenness == pytest.approx(1 / 3)
    assert p[A].betweenness == p[C].betweenness == p[E].betweenness == 0
    # PageRank, d = 0.85, Émile dangling (spreads evenly): E = 0.15/4 / (1 - 0.85/4) = 1/21;
    # A = 0.0375 + 0.85 (B/2 + E/4) and B = 0.0375 + 0.85 (2A + E/4) give A and B below
    assert p[E].pagerank == pytest.approx(1 / 21, abs=1e-5)
    assert p[A].pagerank == pytest.approx(0.244530, abs=1e-5) == p[C].pagerank
    assert p[B].pagerank == pytest.approx(0.463320, abs=1e-5)
    assert sum(x.pagerank for x in p.values()) == pytest.approx(1.0)
    # a path of three is best left whole (modularity 0 > -0.125 for any split); Émile alone
    assert p[A].community == p[B].community == p[C].community == 1
    assert p[E].community == 2
    assert [x.iri for x in analysis.positions["co-quotation"]][0] == B  # sorted by PageRank


def test_speaker_organisation_measures(analysis: analyze.Analysis) -> None:
    # the path Anne – Mairie – Bruno – Agence – Émile, and Chloé alone: n = 6, 10 pairs of others
    p = by_iri(analysis, "speaker-organisation")
    assert [p[n].degree for n in (A, O1, B, O2, E, C)] == [1, 2, 2, 2, 1, 0]
    assert p[B].betweenness == pytest.approx(4 / 10)  # {Anne, Mairie} x {Agence, Émile}
    assert p[O1].betweenness == pytest.approx(3 / 10)  # {Anne} x {Bruno, Agence, Émile}
    assert p[O2].betweenness == pytest.approx(3 / 10)
    assert p[A].betweenness == p[E].betweenness == p[C].betweenness == 0
    assert p[O1].degree_centrality == pytest.approx(2 / 5)
    assert p[C].community != p[A].community  # on his own


def test_speaker_policy_measures(analysis: analyze.Analysis) -> None:
    p = by_iri(analysis, "speaker-policy")
    assert p[P1].degree == 2 and p[P1].kind == "policy"
    # n = 5: of the 6 pairs of other nodes, only Anne–Chloé goes through the plan
    assert p[P1].betweenness == pytest.approx(1 / 6)
    # Anne's heavier edge (2 vs 1) gives her more PageRank than Chloé
    assert p[A].pagerank > p[C].pagerank > p[B].pagerank == pytest.approx(p[E].pagerank)


def test_measures_are_the_same_on_every_run(store_path: Path, analysis: analyze.Analysis) -> None:
    again = analyze.analyze(Store(store_path, read_only=True, create=False))
    assert again.positions == analysis.positions


def test_empty_store_gives_empty_projections(tmp_path: Path) -> None:
    result = analyze.analyze(Store(tmp_path / "empty"))
    assert result.speakers == []
    assert all(g.number_of_nodes() == 0 for g in result.networks.values())
    assert all(p == [] for p in result.positions.values())
    assert "(0 rows)" in analyze.format_tables(result)


# ---- RDF written back -------------------------------------------------------------------------


def test_write_back_can_be_queried_and_replaces_the_previous_run(tmp_path: Path) -> None:
    store = Store(load_store(tmp_path / "store"))
    before = set(store.graphs())
    graph_iri = analyze.write_back(store, analyze.analyze(store))
    assert str(graph_iri) == ID + "analytics/graph"
    assert set(store.graphs()) == before | {str(graph_iri)}
    size = len(store)

    rows = run_query(
        store,
        """
        SELECT ?name ?rank ?degree ?community WHERE {
          ?position kg:projection ?projection ; kg:positionOf ?person ; kg:pageRank ?rank ;
                    kg:degree ?degree ; kg:inCommunity ?community .
          ?projection a kg:NetworkProjection ; rdfs:label "co-quotation"@en .
          ?person schema:name ?name .
        } ORDER BY DESC(?rank)
        """,
    ).values()
    names = [r["name"] for r in rows]  # Anne and Chloé tie: their order is not asserted
    assert names[0] == "Bruno Blanc" and names[-1] == "Émile Espinasse"
    assert set(names[1:3]) == {"Anne Arnaud", "Chloé Caron"}
    assert float(rows[0]["rank"]) == pytest.approx(0.463320, abs=1e-5)
    assert rows[0]["degree"] == "2"
    assert rows[0]["community"] == ID + "analytics/co-quotation/community/1"
    count = run_query(store, f"SELECT ?n WHERE {{ <{B}> kg:quoteCount ?n }}").values()
    assert count == [{"n": "2"}]

    analyze.write_back(store, analyze.analyze(store))  # a second run replaces, never adds
    assert len(store) == size
    # the analytics do not leak into what the projections read
    assert analyze.analyze(store).positions == analyze.analyze(store).positions


def test_rdf_uses_only_declared_terms(analysis: analyze.Analysis) -> None:
    g = analyze.to_rdf(analysis)
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(str(KG))}
    assert used <= {URIRef(str(KG) + name) for name in KG.__annotations__}
    assert KG.AnalyticsRun in used and KG.NetworkPosition in used


# ---- exports ----------------------------------------------------------------------------------


def test_gexf_and_graphml_round_trip(analysis: analyze.Analysis, tmp_path: Path) -> None:
    gexf = analyze.write_gexf(analysis, tmp_path / "net.gexf")
    graphml = analyze.write_graphml(analysis, tmp_path / "sub" / "net.graphml")
    for g in (nx.read_gexf(gexf), nx.read_graphml(graphml)):
        assert g.number_of_nodes() == 7  # four speakers, two organisations, one plan
        projections = sorted(d["projection"] for _, _, d in g.edges(data=True))
        assert (
            projections
            == ["co-quotation"] * 2 + ["speaker-organisation"] * 4 + ["speaker-policy"] * 2
        )
    bruno = nx.read_graphml(graphml).nodes[B]
    assert bruno["label"] == "Bruno Blanc" and bruno["kind"] == "person"
    assert bruno["quotes"] == 2
    assert bruno["pagerank_co_quotation"] == pytest.approx(0.463320, abs=1e-5)
    assert bruno["community_co_quotation"] == 1


def test_csv_files(analysis: analyze.Analysis, tmp_path: Path) -> None:
    written = analyze.write_csv(analysis, tmp_path / "csv")
    assert [p.name for p in written] == [
        "speaker-organisation.csv",
        "speaker-policy.csv",
        "co-quotation.csv",
        "most-quoted.csv",
    ]
    rows = list(csv.DictReader(io.StringIO(written[2].read_text(encoding="utf-8"))))
    assert [r["name"] for r in rows][0] == "Bruno Blanc"
    assert float(rows[0]["betweenness"]) == pytest.approx(1 / 3)
    quoted = list(csv.DictReader(io.StringIO(written[3].read_text(encoding="utf-8"))))
    assert quoted[0] == {"iri": B, "name": "Bruno Blanc", "quotes": "2", "documents": "2"}


# ---- the command ------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_command_table(store_path: Path) -> None:
    result = run("analyze", "--store", str(store_path), "--top", "2")
    assert result.exit_code == 0, result.output
    assert "co-quotation: 4 nodes, 2 edges, 2 communities" in result.output
    assert "Bruno Blanc" in result.output and "0.463" in result.output
    assert "Most quoted people" in result.output


def test_command_csv_and_json_and_files(store_path: Path, tmp_path: Path) -> None:
    result = run(
        "analyze",
        "--store",
        str(store_path),
        "--format",
        "csv",
        "--out",
        str(tmp_path / "csv"),
        "--gexf",
        str(tmp_path / "n.gexf"),
        "--graphml",
        str(tmp_path / "n.graphml"),
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 6 + 5 + 4 and {r["projection"] for r in rows} == set(analyze.PROJECTIONS)
    for name in ("csv/co-quotation.csv", "csv/most-quoted.csv", "n.gexf", "n.graphml"):
        assert (tmp_path / name).is_file(), name
    data = json.loads(run("analyze", "--store", str(store_path), "--format", "json").stdout)
    assert data["projections"]["co-quotation"]["edges"] == 2
    assert data["speakers"][0]["name"] == "Bruno Blanc"


def test_command_write_back(tmp_path: Path) -> None:
    store = load_store(tmp_path / "store")
    result = run("analyze", "--store", str(store), "--write-back", "--format", "json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)  # the note about the store goes to stderr
    query = run(
        "query",
        "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:NetworkPosition }",
        "--store",
        str(store),
        "--format",
        "csv",
    )
    assert query.stdout.splitlines() == ["n", str(6 + 5 + 4)]


def test_command_without_a_store_is_one_clear_line(tmp_path: Path) -> None:
    result = run("analyze", "--store", str(tmp_path / "nothing"))
    assert result.exit_code == 1
    assert "no kgraph store" in result.output and "Traceback" not in result.output


# ---- from French text, through the whole pipeline ---------------------------------------------

TEXTS = {
    "a.txt": "Lyon, le 3 mars 2025\nLa métropole lance le plan Vélo\n"
    "La maire de Lyon, Claire Fontaine, a déclaré : « Nous tiendrons parole. »\n"
    "Le préfet du Rhône, Marc Petit, a affirmé : « L’État sera présent. »\n",
    "b.txt": "Lyon, le 4 mars 2025\nLes travaux commencent\n"
    "Jeanne Roux, directrice de l’agence, a déclaré : « Tout est prêt. »\n"
    "Marc Petit, préfet du Rhône, a ajouté : « Les travaux commencent lundi. »\n",
    "c.txt": "Grenoble, le 5 mars 2025\nUne école rénovée\n"
    "« Les élèves reviennent en septembre », a annoncé Paul Girard, adjoint au maire.\n",
}


def test_co_quotation_from_press_releases(tmp_path: Path, nlp: object) -> None:
    from kgraph.build import build

    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = build([folder], tmp_path / "out", validate_output=False, visualize=False)
    assert not result.failures
    analysis = analyze.analyze(Store(tmp_path / "out" / "store", read_only=True, create=False))
    names = {p.iri: p.name for p in analysis.positions["co-quotation"]}
    p = {names[iri]: pos for iri, pos in by_iri(analysis, "co-quotation").items()}
    assert set(p) == {"Claire Fontaine", "Marc Petit", "Jeanne Roux", "Paul Girard"}
    # Claire – Marc (a.txt), Marc – Jeanne (b.txt), Paul alone (c.txt): the same shape as above
    assert p["Marc Petit"].degree == 2 and p["Paul Girard"].degree == 0
    assert p["Marc Petit"].betweenness == pytest.approx(1 / 3)
    assert p["Marc Petit"].pagerank == pytest.approx(0.463320, abs=1e-5)
    assert p["Paul Girard"].pagerank == pytest.approx(1 / 21, abs=1e-5)
    assert analysis.speakers[0].name == "Marc Petit" and analysis.speakers[0].quotes == 2


def test_help_has_an_example_and_the_readme_documents_the_command() -> None:
    result = run("analyze", "--help")
    assert result.exit_code == 0 and "Example" in result.output
    for flag in ("--write-back", "--gexf", "--graphml", "--format", "--out"):
        assert flag in result.output
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "kgraph analyze" in readme and "--graphml" in readme
