"""kgraph.viz without a browser: the projection of the sample graph and the page written from it."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery

from kgraph import viz
from kgraph.namespace import sparql_prefixes

FIXTURE = Path(__file__).parent / "fixtures" / "sample_graph.trig"
ID = "https://w3id.org/kgraph/id/"
CLAIRE, MARC = ID + "person-claire-fontaine", ID + "person-marc-delorme"
ROCHE = ID + "person-julien-roche"
REGION, AGENCE = ID + "org-region-val-d-ardiere", ID + "org-agence-regionale-des-mobilites"
Q1, Q2, PLAN = ID + "quote-q1", ID + "quote-q2", ID + "policy-plan-velo-2030"
DOC = ID + "doc-cp-2024-03-12-plan-velo"
XSS_TEXT = (
    "Nos pistes seront prêtes en juin <script>alert(1)</script> et le site aussi "
    "<img src=x onerror=alert(2)> & c'est promis."
)


def load_fixture(**kwargs: object) -> Dataset:
    dataset = Dataset(**kwargs)  # type: ignore[arg-type]
    dataset.parse(FIXTURE, format="trig")
    return dataset


@pytest.fixture(scope="module")
def network() -> nx.MultiDiGraph:
    return viz.project(load_fixture())


@pytest.fixture(scope="module")
def page(network: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = viz.render_html(network, tmp_path_factory.mktemp("page") / "fixture.html")
    return out.read_text(encoding="utf-8")


def page_data(html: str) -> dict:
    """The JSON block the page's scripts read."""
    pattern = r'<script id="kgraph-data" type="application/json">(.*?)</script>'
    match = re.search(pattern, html, re.S)
    assert match, "the page has no kgraph-data block"
    return json.loads(match.group(1))


def big_network(documents: int = 160) -> nx.MultiDiGraph:
    """~1500 nodes shaped like real output: per document, people, roles, quotes, an organisation."""
    g = nx.MultiDiGraph()

    def node(node_id: str, kind: str) -> str:
        g.add_node(node_id, kind=kind, label=node_id, details={"iri": node_id})
        return node_id

    people = [node(f"person-{i}", "person") for i in range(200)]
    policies = [node(f"policy-{i}", "policy") for i in range(30)]
    for d in range(documents):
        doc = node(f"doc-{d}", "document")
        org = node(f"org-{d}", "organisation")
        for k in range(2):
            person = people[(d * 7 + k * 13) % len(people)]
            role = node(f"role-{d}-{k}", "role")
            g.add_edge(person, role, key="holds", relation="holds", label="occupe")
            g.add_edge(role, org, key="within", relation="within", label="au sein de")
            for j in range(2):
                quote = node(f"quote-{d}-{k}-{j}", "quote")
                g.add_edge(person, quote, key="said", relation="said", label="a dit")
                g.add_edge(quote, doc, key="in", relation="in", label="dans")
        g.add_edge(
            org,
            policies[d % len(policies)],
            key="supported",
            relation="supported",
            label="soutient",
        )
    return g


# ---- the projection ---------------------------------------------------------------------------


def test_nodes_per_kind(network: nx.MultiDiGraph) -> None:
    kinds = Counter(kind for _, kind in network.nodes(data="kind"))
    assert kinds == {
        "person": 3,
        "organisation": 2,
        "role": 2,
        "quote": 2,
        "policy": 1,
        "document": 1,
    }


def test_edges_carry_plain_french_labels(network: nx.MultiDiGraph) -> None:
    labels = Counter(label for _, _, label in network.edges(data="label"))
    assert labels == {
        "a dit": 2,
        "dans": 2,
        "occupe": 2,
        "au sein de": 2,
        "à propos de": 1,
        "a initié": 1,
        "soutient": 1,
        "met en œuvre": 1,
        "critique": 1,
    }
    edges = {(u, v, d["label"]) for u, v, d in network.edges(data=True)}
    assert {
        (CLAIRE, Q1, "a dit"),
        (MARC, Q2, "a dit"),
        (Q1, DOC, "dans"),
        (Q1, PLAN, "à propos de"),
        (REGION, PLAN, "a initié"),
        (AGENCE, PLAN, "met en œuvre"),
        (CLAIRE, PLAN, "soutient"),
        (ROCHE, PLAN, "critique"),  # stated only as a qualified kg:PolicyTie
    } <= edges


def test_a_tie_stated_twice_is_one_edge(network: nx.MultiDiGraph) -> None:
    # the region's tie is both a direct triple and a kg:PolicyTie
    assert network.number_of_edges(REGION, PLAN) == 1


def test_a_person_in_several_named_graphs_appears_once(network: nx.MultiDiGraph) -> None:
    claires = [n for n, label in network.nodes(data="label") if label == "Claire Fontaine"]
    assert claires == [CLAIRE]
    # alt labels from both named graphs end up on the one node
    assert network.nodes[CLAIRE]["details"]["alt_labels"] == ["Fontaine", "Mme Fontaine"]


def test_details_say_what_a_reader_asks(network: nx.MultiDiGraph) -> None:
    claire = network.nodes[CLAIRE]
    assert claire["kind"] == "person"
    assert claire["details"]["roles"] == [
        "présidente de la région — Région Val-d'Ardière (2024-03-12)"
    ]
    assert claire["details"]["quotes"] == 1
    assert network.nodes[ROCHE]["details"]["quotes"] == 0

    quote = network.nodes[Q2]["details"]
    assert quote["text"] == XSS_TEXT  # the full words, untouched
    assert quote["speaker"] == "Marc Delorme"
    assert quote["cue"] == "précise"
    assert quote["date"] == "2024-03-12"
    assert quote["document"] == "La région lance le plan Vélo 2030"
    assert quote["source"] == "cp-2024-03-12-plan-velo.txt"
    assert network.nodes[Q1]["details"]["about"] == ["plan Vélo 2030"]

    role = network.nodes[ID + "membership-claire-fontaine-region"]
    assert role["label"] == "présidente de la région"
    assert role["details"]["role"] == "président"

    assert network.nodes[PLAN]["details"]["ties"] == [
        "Agence régionale des mobilités — met en œuvre",
        "Claire Fontaine — soutient",
        "Julien Roche — critique",
        "Région Val-d'Ardière — a initié",
    ]
    assert network.nodes[DOC]["details"]["quotes"] == 2


@pytest.mark.parametrize("flavour", ["dataset", "union-dataset", "graph"])
def test_projects_any_graph_over_the_union(flavour: str) -> None:
    expected = viz.project(load_fixture())
    if flavour == "dataset":
        graph: Graph = load_fixture()
    elif flavour == "union-dataset":
        graph = load_fixture(default_union=True)
    else:
        graph = Graph()
        for s, p, o, _ in load_fixture().quads():
            graph.add((s, p, o))
    got = viz.project(graph)
    assert dict(got.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(got.edges(keys=True)) == sorted(expected.edges(keys=True))


def test_projection_leaves_the_dataset_as_it_was() -> None:
    dataset = load_fixture()
    viz.project(dataset)
    assert dataset.default_union is False


@pytest.mark.parametrize("query", sorted(viz.QUERY_DIR.glob("*.rq")), ids=lambda p: p.stem)
def test_each_query_says_what_it_selects_and_parses(query: Path) -> None:
    text = query.read_text(encoding="utf-8")
    assert text.startswith("# "), "each query starts with a comment saying what it selects"
    prepareQuery(sparql_prefixes() + text)


# ---- the page ---------------------------------------------------------------------------------


class _References(HTMLParser):
    """Collects every tag and URL-valued attribute of a page."""

    URL_ATTRS = {"src", "href", "srcset", "data", "poster", "action", "formaction", "xlink:href"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.links: list[dict[str, str | None]] = []
        self.csp = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.URL_ATTRS and value is not None:
                self.urls.append((tag, name, value))
        if tag == "script":
            self.scripts.append(dict(attrs))
        if tag == "link":
            self.links.append(dict(attrs))
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy":
            self.csp = dict(attrs).get("content") or ""


def test_page_references_nothing_remote(page: str) -> None:
    refs = _References()
    refs.feed(page)
    remote = [u for u in refs.urls if re.match(r"\s*(https?:)?//", u[2], re.I)]
    assert remote == []
    assert all("src" not in attrs for attrs in refs.scripts), "every script is inline"
    assert all((attrs.get("href") or "").startswith("data:") for attrs in refs.links)
    # stylesheets and fonts: no remote url(...) and no @import anywhere in the inlined CSS
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page, re.I)
    assert "@import" not in page
    assert not re.search(r"cdnjs|jsdelivr|unpkg|googleapis|bootstrap", page, re.I)
    # the vis-network build itself is in the page, not linked
    assert "vis-network" in page and len(page) > 400_000
    # and the Content-Security-Policy would block any fetch that slipped in
    assert "default-src 'none'" in refs.csp


def test_document_text_is_only_escaped_json(page: str) -> None:
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "onerror=alert(2)>" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    assert "\\u003cimg src=x onerror=alert(2)\\u003e \\u0026 c'est promis" in page
    refs = _References()
    refs.feed(page)
    assert len(refs.scripts) == 3  # the data block, vis-network, the page's own script
    details = {row[0]: row[2] for row in page_data(page)["info"][Q2]["details"]}
    assert details["text"] == XSS_TEXT  # and it decodes back to the exact words


def test_title_is_escaped(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = viz.render_html(network, tmp_path / "t.html", title="<b>Tom & Jerry</b>").read_text()
    assert "<b>Tom" not in html
    assert "<title>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</title>" in html


def test_page_has_legend_search_and_a_toggle_per_kind(page: str) -> None:
    assert 'id="search"' in page and 'id="details"' in page and 'id="legend"' in page
    toggles = re.findall(r'class="kind-toggle" data-kind="([a-z]+)"', page)
    assert toggles == list(viz.KINDS)
    data = page_data(page)
    assert [k["count"] for k in data["kinds"]] == [3, 2, 2, 2, 1, 1]
    by_id = {n["id"]: n for n in data["nodes"]}
    assert {(by_id[i]["shape"], by_id[i]["color"]) for i in (CLAIRE, MARC, ROCHE)} == {
        (viz.KINDS["person"].shape, viz.KINDS["person"].color)
    }
    styles = {(s.shape, s.color) for s in viz.KINDS.values()}
    assert len(styles) == len(viz.KINDS), "each kind has its own colour and shape"


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = viz.render_html(viz.project(load_fixture()), tmp_path / "a.html").read_bytes()
    second = viz.render_html(viz.project(load_fixture()), tmp_path / "b.html").read_bytes()
    assert first == second


def test_small_network_lets_the_browser_lay_it_out(page: str) -> None:
    data = page_data(page)
    assert data["options"]["physics"]["enabled"] is True
    assert all("x" not in n for n in data["nodes"])


def test_physics_off_and_layout_precomputed_above_threshold(tmp_path: Path) -> None:
    big = big_network()
    assert 1450 <= big.number_of_nodes() <= 1550
    html = viz.render_html(big, tmp_path / "big.html").read_text(encoding="utf-8")
    data = page_data(html)
    assert data["options"]["physics"]["enabled"] is False
    assert len(data["nodes"]) == big.number_of_nodes()
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])
    again = viz.render_html(big, tmp_path / "again.html").read_text(encoding="utf-8")
    assert again == html  # the seeded layout gives the same page


@pytest.mark.parametrize("threshold", [1000, -1])
def test_an_empty_graph_still_gives_a_page(threshold: int, tmp_path: Path) -> None:
    empty = viz.project(Graph())
    assert empty.number_of_nodes() == 0
    out = viz.render_html(empty, tmp_path / "empty.html", physics_threshold=threshold)
    assert page_data(out.read_text())["nodes"] == []


def test_threshold_is_a_parameter(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = viz.render_html(network, tmp_path / "p.html", physics_threshold=5).read_text()
    assert page_data(html)["options"]["physics"]["enabled"] is False


def test_atomic_write_leaves_no_temp_file(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = viz.render_html(network, tmp_path / "sub" / "net.html")
    assert out == tmp_path / "sub" / "net.html"
    assert os.listdir(out.parent) == ["net.html"]
    assert out.stat().st_mode & 0o444 == 0o444


def test_failed_write_keeps_the_old_page(
    network: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "net.html"
    out.write_text("old page")

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(viz.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        viz.render_html(network, out)
    assert out.read_text() == "old page"
    assert os.listdir(tmp_path) == ["net.html"]


def test_layout_without_scipy_falls_back_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_scipy(*args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'scipy'")

    monkeypatch.setattr(viz, "_spectral_start", no_scipy)
    monkeypatch.setattr(viz, "_LARGE_COMPONENT", 10)  # the fixture's component takes that path
    with pytest.warns(RuntimeWarning, match="SciPy is missing"):
        out = viz.render_html(big_network(20), tmp_path / "p.html", physics_threshold=10)
    nodes = page_data(out.read_text())["nodes"]
    assert all("x" in n for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)


def two_cliques(size: int) -> nx.Graph:
    """Two cliques of ``size`` nodes joined by one edge: a layout must keep them apart."""
    g = nx.Graph()
    for side in "ab":
        members = [f"{side}{i}" for i in range(size)]
        g.add_edges_from((u, v) for i, u in enumerate(members) for v in members[i + 1 :])
    g.add_edge("a0", "b0")
    return g


def test_force_layout_keeps_clusters_apart_and_is_stable() -> None:
    g = two_cliques(300)
    pos = viz._force_layout(g)
    assert pos == viz._force_layout(g)
    assert all(-1.0 <= c <= 1.0 for xy in pos.values() for c in xy)

    def centre(side: str) -> tuple[float, float]:
        points = [xy for node, xy in pos.items() if node.startswith(side)]
        return (
            sum(x for x, _ in points) / len(points),
            sum(y for _, y in points) / len(points),
        )

    (ax, ay), (bx, by) = centre("a"), centre("b")
    gap = ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5
    spread = max(((x - ax) ** 2 + (y - ay) ** 2) ** 0.5 for n, (x, y) in pos.items() if n[0] == "a")
    assert gap > spread, "each clique should sit in its own region"


def test_large_components_use_the_numpy_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = viz._force_layout

    def spy(component: nx.Graph, iterations: int | None = None) -> dict:
        calls.append(component.number_of_nodes())
        return real(component, iterations=5)

    monkeypatch.setattr(viz, "_force_layout", spy)
    g = nx.MultiDiGraph()
    nx.add_path(g, range(viz._LARGE_COMPONENT + 10))  # one component, just over the bar
    g.add_edge("x", "y")  # and a small one
    positions = viz._layout(g)
    assert calls == [viz._LARGE_COMPONENT + 10]
    assert len(positions) == g.number_of_nodes()


# ---- the panel's link to the source file -------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "sources", "expected"),
    [
        ("cp.txt", None, None),  # not known where it is: no dead link
        ("cp.txt", "DATA", "../data/cp.txt"),  # one folder
        ("cp.txt", {"cp.txt": "DATA/sub/cp.txt"}, "../data/sub/cp.txt"),  # the build's reports
        ("autre.txt", {"cp.txt": "DATA/cp.txt"}, None),  # unknown: no dead link
        ("été 2024 #1?.txt", "DATA", "../data/%C3%A9t%C3%A9%202024%20%231%3F.txt"),
        ("javascript:alert(1)", "DATA", "../data/javascript%3Aalert%281%29"),  # never a script
        ("https://example.org/cp?id=3", "DATA", "https://example.org/cp?id=3"),
    ],
)
def test_source_href(source: str, sources: object, expected: str | None, tmp_path: Path) -> None:
    page_dir = tmp_path / "out"
    data_dir = tmp_path / "data"

    def here(value: object) -> object:
        if isinstance(value, str):
            return value.replace("DATA", str(data_dir))
        if isinstance(value, dict):
            return {k: here(v) for k, v in value.items()}
        return value

    assert viz.source_href(source, page_dir, here(sources)) == expected  # type: ignore[arg-type]


def test_page_links_each_quote_to_its_source_file(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "cp-2024-03-12-plan-velo.txt").write_text("texte", encoding="utf-8")
    out = viz.render_html(network, tmp_path / "out" / "graph.html", sources=data_dir)
    info = page_data(out.read_text(encoding="utf-8"))["info"]
    for node in (Q1, Q2, DOC):
        href = info[node]["links"]["source"]
        assert href == "../data/cp-2024-03-12-plan-velo.txt"
        assert (out.parent / href).resolve().read_text(encoding="utf-8") == "texte"
    assert "links" not in info[CLAIRE]


def test_sources_from_reports_keeps_files_that_exist(tmp_path: Path) -> None:
    reports = tmp_path / "extractions"
    reports.mkdir()
    kept = tmp_path / "data" / "a.txt"
    kept.parent.mkdir()
    kept.write_text("a", encoding="utf-8")
    for name, path in (("a", kept), ("b", tmp_path / "gone" / "b.txt")):
        report = {"document": {"path": str(path)}, "quotes": []}
        (reports / f"{name}.json").write_text(json.dumps(report), encoding="utf-8")
    (reports / "broken.json").write_text("{", encoding="utf-8")
    assert viz.sources_from_reports(reports) == {"a.txt": kept}


# ---- dates, filters and focus -----------------------------------------------------------------

LATER = """
@prefix schema: <https://schema.org/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kg: <https://w3id.org/kgraph/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://w3id.org/kgraph/id/> .
id:graph-doc-later {
    id:doc-later a schema:NewsArticle ; dct:title "Le plan Vélo en débat"@fr ;
        dct:issued "2025-06-01T10:00:00"^^xsd:dateTime ; dct:source "later.txt" .
    id:quote-q3 a schema:Quotation ; schema:text "Ce plan arrive trop tard."@fr ;
        schema:spokenByCharacter id:person-julien-roche ; schema:isPartOf id:doc-later ;
        schema:about id:policy-plan-velo-2030 .
    id:tie-roche-criticised-plan prov:wasDerivedFrom id:doc-later .
}
"""
Q3, LATER_DOC = ID + "quote-q3", ID + "doc-later"


@pytest.fixture(scope="module")
def two_documents() -> nx.MultiDiGraph:
    """The fixture plus a second document, a year later, where Julien Roche criticises the plan."""
    dataset = load_fixture()
    dataset.parse(data=LATER, format="trig")
    return viz.project(dataset)


def test_each_node_carries_the_dates_it_is_attested_on(two_documents: nx.MultiDiGraph) -> None:
    dates = dict(two_documents.nodes(data="dates"))
    assert dates[DOC] == ["2024-03-12"] and dates[LATER_DOC] == ["2025-06-01"]
    assert dates[Q1] == ["2024-03-12"] and dates[Q3] == ["2025-06-01"]
    assert dates[ID + "membership-claire-fontaine-region"] == ["2024-03-12"]
    assert dates[CLAIRE] == ["2024-03-12"]  # her role and her quote
    assert dates[ROCHE] == ["2025-06-01"]  # his quote and his dated tie
    assert dates[PLAN] == ["2024-03-12", "2025-06-01"]
    assert dates[REGION] == ["2024-03-12"]  # the role held within it


def test_organisation_and_policy_scopes(two_documents: nx.MultiDiGraph) -> None:
    scopes = viz._scopes(two_documents)
    assert set(scopes["organisation"]) == {REGION, AGENCE}
    region = set(scopes["organisation"][REGION])
    assert region == {
        REGION,
        ID + "membership-claire-fontaine-region",
        CLAIRE,
        Q1,
        DOC,
        PLAN,
    }
    assert MARC not in region and Q2 not in region
    plan = set(scopes["policy"][PLAN])
    assert {PLAN, REGION, AGENCE, CLAIRE, ROCHE, Q1, Q3, DOC, LATER_DOC} <= plan
    assert Q2 not in plan  # Marc's quote is not about the plan
    assert ID + "membership-claire-fontaine-region" in plan


def test_page_offers_the_filters(two_documents: nx.MultiDiGraph, tmp_path: Path) -> None:
    html = viz.render_html(two_documents, tmp_path / "f.html").read_text(encoding="utf-8")
    options = re.findall(r'<option value="([^"]+)">([^<]+)</option>', html)
    assert (REGION, "Région Val-d&#39;Ardière") in options
    assert (PLAN, "plan Vélo 2030") in options
    assert 'min="2024-03-12" max="2025-06-01"' in html
    assert 'id="hide-quotes"' in html
    data = page_data(html)
    assert data["info"][Q3]["dates"] == ["2025-06-01"]
    assert data["scopes"]["policy"][PLAN] == sorted(data["scopes"]["policy"][PLAN])


def test_find_node_by_iri_name_or_part_of_a_name(network: nx.MultiDiGraph) -> None:
    assert viz.find_node(network, CLAIRE) == CLAIRE
    assert viz.find_node(network, "claire FONTAINE") == CLAIRE
    assert viz.find_node(network, "Mme Fontaine") == CLAIRE  # another name met in the text
    assert viz.find_node(network, "region val-d'ardiere") == REGION  # accents ignored
    assert viz.find_node(network, "Delorme") == MARC  # part of one name only
    with pytest.raises(viz.FocusError, match="no entity named 'Nobody'"):
        viz.find_node(network, "Nobody")
    with pytest.raises(viz.FocusError, match=r"fits \d+ entities \(.*Région Val-d'Ardière"):
        viz.find_node(network, "région")  # part of the region's name, the agency's, a title…


def test_find_node_never_picks_among_equal_names() -> None:
    g = nx.MultiDiGraph()
    g.add_node("p1", kind="person", label="Jean Martin", details={})
    g.add_node("p2", kind="person", label="Jean Martin", details={})
    with pytest.raises(viz.FocusError, match="p1.*p2"):
        viz.find_node(g, "Jean Martin")


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        (0, {MARC}),
        (1, {MARC, Q2, ID + "membership-marc-delorme-agence"}),
        (2, {MARC, Q2, ID + "membership-marc-delorme-agence", DOC, AGENCE}),
    ],
)
def test_focus_keeps_what_is_within_depth(
    network: nx.MultiDiGraph, depth: int, expected: set[str]
) -> None:
    sub = viz.focus(network, "Marc Delorme", depth)
    assert set(sub) == expected
    assert sub.graph["focus"] == MARC
    assert network.graph.get("focus") is None  # the whole network is left as it was
    for u, v in sub.edges():
        assert network.has_edge(u, v)


def test_focus_page_opens_on_the_entity(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = viz.render_html(viz.focus(network, "Claire Fontaine", 1), tmp_path / "c.html")
    data = page_data(page.read_text(encoding="utf-8"))
    assert data["focus"] == CLAIRE
    assert page_data(viz.render_html(network, tmp_path / "all.html").read_text())["focus"] is None
    with pytest.raises(viz.FocusError, match="depth"):
        viz.focus(network, "Claire Fontaine", -1)


# ---- the command ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kgraph store holding the fixture's named graphs (no spaCy needed)."""
    from kgraph.store import Store

    path = tmp_path_factory.mktemp("out") / "store"
    store = Store(path)
    dataset = load_fixture()
    dataset.parse(data=LATER, format="trig")
    for graph in dataset.graphs():
        if len(graph) and isinstance(graph.identifier, URIRef):
            store.replace_graph(str(graph.identifier), graph)
    store.flush()
    del store
    return path


def run_cli(*args: str) -> Result:
    from kgraph.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_visualize_focus_from_the_command_line(fixture_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "marc.html"
    result = run_cli(
        "visualize",
        "--store",
        str(fixture_store),
        "--focus",
        "Marc Delorme",
        "--depth",
        "1",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["focus"] == MARC
    assert {n["id"] for n in data["nodes"]} == {MARC, Q2, ID + "membership-marc-delorme-agence"}


def test_visualize_focus_on_an_unknown_name_is_one_clear_line(
    fixture_store: Path, tmp_path: Path
) -> None:
    result = run_cli(
        "visualize",
        "--store",
        str(fixture_store),
        "--focus",
        "Nobody",
        "--out",
        str(tmp_path / "x.html"),
    )
    assert result.exit_code == 1
    assert "no entity named 'Nobody'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_visualize_draws_a_construct_query(fixture_store: Path, tmp_path: Path) -> None:
    query = tmp_path / "speakers.rq"
    query.write_text(
        "CONSTRUCT { ?q a schema:Quotation ; schema:text ?t ; schema:spokenByCharacter ?p .\n"
        "            ?p a schema:Person ; schema:name ?n }\n"
        "WHERE { ?q schema:spokenByCharacter ?p ; schema:text ?t . ?p schema:name ?n }",
        encoding="utf-8",
    )
    out = tmp_path / "speakers.html"
    result = run_cli(
        "visualize", "--store", str(fixture_store), "--query", str(query), "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    kinds = Counter(i["kind"] for i in data["info"].values())
    assert kinds == {"person": 3, "quote": 3}  # only what the query returned
    assert len(data["edges"]) == 3
    select = tmp_path / "select.rq"
    select.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    refused = run_cli("visualize", "--store", str(fixture_store), "--query", str(select))
    assert refused.exit_code == 1 and "CONSTRUCT" in refused.output


def test_readme_shows_the_screenshot_of_the_sample() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "](docs/network.png)" in readme
    png = (root / "docs" / "network.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000


def test_visualize_links_sources_found_in_the_build_reports(tmp_path: Path) -> None:
    from kgraph.store import Store

    out = tmp_path / "out"
    store = Store(out / "store")
    dataset = load_fixture()
    for graph in dataset.graphs():
        if len(graph) and isinstance(graph.identifier, URIRef):
            store.replace_graph(str(graph.identifier), graph)
    store.flush()
    del store
    source = tmp_path / "data" / "cp-2024-03-12-plan-velo.txt"
    source.parent.mkdir()
    source.write_text("Le communiqué.", encoding="utf-8")
    (out / "extractions").mkdir()
    report = {"document": {"id": DOC, "path": str(source)}, "quotes": []}
    (out / "extractions" / "cp.json").write_text(json.dumps(report), encoding="utf-8")
    page = out / "graph.html"
    result = run_cli("visualize", "--store", str(out / "store"), "--out", str(page))
    assert result.exit_code == 0, result.output
    info = page_data(page.read_text(encoding="utf-8"))["info"]
    assert info[Q1]["links"]["source"] == "../data/cp-2024-03-12-plan-velo.txt"
    # --sources wins over the reports
    other = tmp_path / "elsewhere"
    result = run_cli(
        "visualize", "--store", str(out / "store"), "--out", str(page), "--sources", str(other)
    )
    info = page_data(page.read_text(encoding="utf-8"))["info"]
    assert info[Q1]["links"]["source"] == "../elsewhere/cp-2024-03-12-plan-velo.txt"
