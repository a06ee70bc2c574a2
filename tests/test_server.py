"""``kgraph serve`` through real clients: SPARQLWrapper and plain HTTP, against a server the tests
start on 127.0.0.1 (see ``serving.py``).  What each test expects is computed from the store itself
with pyoxigraph, so a server that returned the wrong rows, or all of them, would fail."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from conftest import ROOT
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from serving import kgraph_server, wait_until
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from kgraph.cli import main
from kgraph.errors import StoreError
from kgraph.namespace import PREFIXES
from kgraph.server import formats
from kgraph.server.sparql_text import inspect
from kgraph.store import Store

PREFIX_MAP = {p: str(ns) for p, ns in PREFIXES.items()}
PEOPLE = "SELECT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
PEOPLE_GRAPH = (
    "CONSTRUCT { ?p a schema:Person ; schema:name ?name } "
    "WHERE { ?p a schema:Person ; schema:name ?name }"
)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def direct(store: Path, sparql: str, **kwargs):
    """The same query straight on pyoxigraph (read-only: allowed beside a running server)."""
    kwargs.setdefault("use_default_graph_as_union", True)
    return Store(store, read_only=True, create=False).ox.query(
        sparql, prefixes=PREFIX_MAP, **kwargs
    )


def rows_of(store: Path, sparql: str, **kwargs) -> list[tuple]:
    result = direct(store, sparql, **kwargs)
    return [tuple(s[v] for v in result.variables) for s in result]


@pytest.fixture(scope="module")
def store(built_sample) -> Path:
    return built_sample / "store"


@pytest.fixture
def store_copy(store, tmp_path) -> Path:
    """A store of one's own, for tests that write."""
    return Path(shutil.copytree(store, tmp_path / "store"))


@pytest.fixture(scope="module")
def server(store):
    with kgraph_server(store, "--quiet", "--workers", "2") as running:
        yield running


@pytest.fixture(scope="module")
def people(store) -> list[tuple]:
    rows = rows_of(store, PEOPLE)
    assert len(rows) >= 2, "the sample should name several people"
    return rows


# -- the query text: SERVICE and FROM, found the way a SPARQL lexer finds them -------------------
@pytest.mark.parametrize(
    ("sparql", "service"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
        ("select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }", True),
        ("SELECT * WHERE { ?s ?p ?o .SERVICE ?endpoint { ?s ?p ?o } }", True),
        ("SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
        ("SELECT * WHERE {\n# a comment\nSERVICE <http://x/> {}}", True),
        ("SELECT * WHERE { ?s ?p 'SERVICE <http://x/> {}' }", False),
        ('SELECT * WHERE { ?s ?p """multi\nSERVICE <http://x/> {}""" }', False),
        ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> {}", False),
        ("SELECT ?service WHERE { ?service a <http://x/SERVICE> }", False),
        ("PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:service ?o }", False),
        ("SELECT * WHERE { ?a ?b ?c FILTER(?a<?b) SERVICE <http://x/> {} FILTER(?c>?a) }", True),
    ],
)
def test_service_clauses_are_found_only_where_they_are(sparql, service):
    assert inspect(sparql).uses_service is service


@pytest.mark.parametrize(
    ("sparql", "dataset"),
    [
        ("SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }", True),
        ("SELECT * from named <http://x/g> WHERE { GRAPH ?g { ?s ?p ?o } }", True),
        ("SELECT * WHERE { ?s ?p 'from' . ?s <http://x/from> ?from }", False),
    ],
)
def test_dataset_clauses_are_found(sparql, dataset):
    assert inspect(sparql).has_dataset is dataset


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "json"),
        ("*/*", "json"),
        ("text/csv", "csv"),
        ("text/csv;q=0.5, application/sparql-results+xml", "xml"),
        ("text/*", "csv"),
        ("application/json", "json"),
        ("image/png", None),
        ("application/sparql-results+json;q=0, text/tab-separated-values;q=0.1", "tsv"),
    ],
)
def test_accept_header_picks_the_result_format(accept, expected):
    chosen = formats.choose(formats.RESULT_FORMATS, accept)
    assert (chosen.name if chosen else None) == expected


# -- the endpoint through SPARQLWrapper --------------------------------------------------------
def test_sparqlwrapper_select_gets_the_stores_rows(server, people):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(PEOPLE)
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]
    assert [(b["p"]["value"], b["name"]["value"]) for b in bindings] == [
        (p.value, n.value) for p, n in people
    ]


def test_sparqlwrapper_get_and_xml(server, people):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(PEOPLE)
    client.setReturnFormat(XML)
    client.setMethod("GET")
    document = client.queryAndConvert()  # a DOM
    names = [n.firstChild.data for n in document.getElementsByTagName("literal")]
    assert names == [n.value for _, n in people]


def test_sparqlwrapper_construct_as_turtle_is_the_stores_graph(server, store):
    client = SPARQLWrapper(server.sparql)
    client.setQuery(PEOPLE_GRAPH)
    client.setReturnFormat(TURTLE)
    graph = Graph()
    graph.parse(data=client.queryAndConvert(), format="turtle")
    expected = Graph()
    expected.parse(
        data=ox.serialize(direct(store, PEOPLE_GRAPH), format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    assert len(graph) > 0 and isomorphic(graph, expected)


def test_sparqlwrapper_ask(server):
    client = SPARQLWrapper(server.sparql)
    client.setReturnFormat(JSON)
    client.setQuery("ASK { ?q a schema:Quotation }")
    assert client.queryAndConvert()["boolean"] is True
    client.setQuery("ASK { ?q a schema:NoSuchClass }")
    assert client.queryAndConvert()["boolean"] is False


# -- content negotiation, checked by parsing each answer back ------------------------------------
@pytest.mark.parametrize(
    ("accept", "media", "parse_as"),
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            ox.QueryResultsFormat.JSON,
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            ox.QueryResultsFormat.XML,
        ),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
    ],
)
def test_select_in_every_result_format(server, people, accept, media, parse_as):
    response = server.query(PEOPLE, accept=accept)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].split(";")[0] == media
    if (
        parse_as == ox.QueryResultsFormat.CSV
    ):  # lossy (lexical forms only): pyoxigraph won't parse it
        table = list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))
        assert table == [["p", "name"]] + [[p.value, n.value] for p, n in people]
        assert response.content.count(b"\r\n") == len(people) + 1  # RFC 4180 line ends
        return
    parsed = ox.parse_query_results(response.content, format=parse_as)
    assert [tuple(s[v] for v in parsed.variables) for s in parsed] == people


def test_tsv_and_json_keep_language_and_datatype(server, store):
    sparql = (
        "SELECT ?text ?start WHERE { ?q a schema:Quotation ; schema:text ?text . "
        "?a oa:hasBody ?q ; oa:hasTarget/oa:hasSelector/oa:start ?start }"
    )
    expected = sorted(rows_of(store, sparql), key=str)
    assert expected and expected[0][0].language == "fr"
    for parse_as, accept in (
        (ox.QueryResultsFormat.TSV, "text/tab-separated-values"),
        (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
        (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    ):
        parsed = ox.parse_query_results(
            server.query(sparql, accept=accept).content, format=parse_as
        )
        assert sorted((tuple(s[v] for v in parsed.variables) for s in parsed), key=str) == expected


@pytest.mark.parametrize(
    ("accept", "media", "parse_as"),
    [
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
        (None, "text/turtle", ox.RdfFormat.TURTLE),
    ],
)
def test_construct_in_every_graph_format(server, store, accept, media, parse_as):
    response = server.query(PEOPLE_GRAPH, accept=accept)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].split(";")[0] == media
    got = {q.triple for q in ox.parse(response.content, format=parse_as)}
    assert got == set(direct(store, PEOPLE_GRAPH)) and got


def test_format_parameter_wins_over_accept(server):
    response = server.query(
        PEOPLE, accept="application/sparql-results+json", method="GET", format="csv"
    )
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.text.startswith("p,name\r\n")


def test_unacceptable_format_is_406(server):
    response = server.query(PEOPLE, accept="image/png")
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    assert server.query("ASK {}", accept="text/csv").status_code == 406  # an ASK has no CSV form


def test_sparql_query_body_and_get(server, people):
    response = requests.post(
        server.sparql,
        data=PEOPLE.encode(),
        timeout=30,
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert response.status_code == 200
    assert len(response.text.strip().splitlines()) == len(people) + 1
    assert server.query(PEOPLE, method="GET", accept="text/csv").text == response.text


def test_bad_requests_get_clear_errors(server):
    bad = server.query("SELECT ?x WHERE { ?x ?y }")
    assert bad.status_code == 400 and "invalid SPARQL" in bad.text
    wrong_type = requests.post(
        server.sparql, data="x", headers={"Content-Type": "text/plain"}, timeout=10
    )
    assert wrong_type.status_code == 415
    assert requests.get(server.url + "nothing", timeout=10).status_code == 404
    assert (
        requests.get(server.sparql, params={"update": "CLEAR ALL"}, timeout=10).status_code == 405
    )
    two = requests.get(server.sparql, params=[("query", "ASK {}"), ("query", "ASK {}")], timeout=10)
    assert two.status_code == 400


# -- datasets ------------------------------------------------------------------------------------
def test_default_graph_is_the_union_unless_a_dataset_is_given(server, store):
    graphs = Store(store, read_only=True, create=False).graphs()
    assert graphs
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def n(**params) -> int:
        response = server.query(count, accept="application/sparql-results+json", **params)
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    union = int(rows_of(store, count)[0][0].value)
    in_first = int(
        rows_of(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graphs[0]}> {{ ?s ?p ?o }} }}")[
            0
        ][0].value
    )
    assert n() == union > 0
    assert n(**{"default-graph-uri": graphs[0]}) == in_first > 0
    assert n(**{"default-graph-uri": "http://example.org/no-such-graph"}) == 0
    # a FROM in the query is its dataset: the union is not forced on it
    assert n_from(server, "http://example.org/no-such-graph") == 0
    assert n_from(server, graphs[0]) == in_first


def n_from(server, graph: str) -> int:
    response = server.query(
        f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}",
        accept="application/sparql-results+json",
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_named_graph_uri_limits_graph_patterns(server, store):
    graphs = Store(store, read_only=True, create=False).graphs()
    sparql = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    everything = server.query(sparql).json()["results"]["bindings"]
    assert sorted(b["g"]["value"] for b in everything) == graphs
    only = server.query(sparql, **{"named-graph-uri": graphs[0]}).json()["results"]["bindings"]
    assert [b["g"]["value"] for b in only] == [graphs[0]]
    none = server.query(sparql, **{"named-graph-uri": "http://example.org/none"}).json()
    assert none["results"]["bindings"] == []


# -- the service description and the page's helpers ----------------------------------------------
def test_service_description(server):
    response = requests.get(server.sparql, headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoints = list(graph.objects(None, URIRef(sd + "endpoint")))
    assert endpoints == [URIRef(server.sparql)]
    languages = set(graph.objects(None, URIRef(sd + "supportedLanguage")))
    assert languages == {URIRef(sd + "SPARQL11Query")}  # read-only: no Update
    assert URIRef(sd + "UnionDefaultGraph") in set(graph.objects(None, URIRef(sd + "feature")))
    browser = requests.get(
        server.sparql, headers={"Accept": "text/html,*/*;q=0.8"}, timeout=10, allow_redirects=False
    )
    assert browser.status_code == 303 and browser.headers["Location"] == "/"


def test_page_and_its_scripts_are_served_by_kgraph(server):
    page = requests.get(server.url, timeout=10)
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    sources = [line.split('"')[1] for line in page.text.splitlines() if "<script src=" in line]
    assert "/static/vis-network.min.js" in sources and "/static/app.js" in sources
    for source in sources:
        assert source.startswith("/static/")
        assert requests.get(server.url + source.lstrip("/"), timeout=10).status_code == 200
    assert "http://" not in page.text and "https://" not in page.text
    assert requests.get(server.url + "static/../pyproject.toml", timeout=10).status_code == 404
    catalogue = requests.get(server.url + "catalogue", timeout=10).json()
    assert catalogue["prefixes"]["schema"] == "https://schema.org/"
    from kgraph.query import catalogue as shipped

    assert [q["name"] for q in catalogue["queries"]] == list(shipped())


# -- limits: SERVICE, time, size -----------------------------------------------------------------
def test_service_is_refused(server):
    for sparql in (
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ):
        response = server.query(sparql)
        assert response.status_code == 403, response.text
        assert "SERVICE" in response.text
    # the word as data is fine
    assert server.query("SELECT * WHERE { ?s ?p 'SERVICE <http://x/> {}' }").status_code == 200


def test_service_can_be_allowed(store):
    with kgraph_server(store, "--quiet", "--allow-service", "--workers", "2") as server:
        # a federated query to this very endpoint: one worker asks, the other answers
        sparql = (
            f"SELECT ?name WHERE {{ SERVICE <{server.sparql}> "
            "{ ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name } }"
        )
        response = server.query(sparql, accept="text/csv")
        assert response.status_code == 200, response.text
        assert len(response.text.strip().splitlines()) > 1


def test_slow_query_is_stopped_and_the_server_recovers(store):
    with kgraph_server(store, "--quiet", "--timeout", "1", "--workers", "1") as server:
        response = server.query(SLOW)
        assert response.status_code == 503
        assert "time limit of 1 s" in response.text
        # its worker was killed and replaced: queries are answered again
        wait_until(
            lambda: server.query("ASK { ?s ?p ?o }").status_code == 200,
            timeout=60,
            what="a new worker",
        )
        assert server.query("ASK { ?s ?p ?o }").json()["boolean"] is True


def test_result_size_is_capped_and_says_so(store, people):
    with kgraph_server(store, "--quiet", "--max-results", "2", "--workers", "1") as server:
        response = server.query(PEOPLE, accept="application/sparql-results+json")
        assert response.status_code == 200
        assert len(response.json()["results"]["bindings"]) == 2 < len(people)
        assert response.headers["X-SPARQL-MaxRows"] == "2"
        small = server.query(PEOPLE + " LIMIT 1")
        assert "X-SPARQL-MaxRows" not in small.headers


# -- writing ---------------------------------------------------------------------------------------
INSERT = 'INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/x> schema:name "X" } }'
ASK_X = "ASK { <https://example.org/x> schema:name 'X' }"


def test_update_is_refused_without_a_write_token(server):
    form = requests.post(server.sparql, data={"update": INSERT}, timeout=10)
    assert form.status_code == 403 and "read-only" in form.text
    body = requests.post(
        server.sparql,
        data=INSERT.encode(),
        timeout=10,
        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer anything"},
    )
    assert body.status_code == 403
    assert server.query(ASK_X).json()["boolean"] is False


def test_update_needs_the_token_and_is_then_seen_by_queries(store_copy):
    with kgraph_server(
        store_copy, "--quiet", "--write-token", "s3cret", "--workers", "2"
    ) as server:
        client = SPARQLWrapper(server.sparql)
        client.setMethod(POST)
        client.setQuery(INSERT)
        with pytest.raises(Exception, match="403"):
            client.query()  # no token
        client.addCustomHttpHeader("Authorization", "Bearer wrong")
        with pytest.raises(Exception, match="403"):
            client.query()
        assert server.query(ASK_X).json()["boolean"] is False
        client.addCustomHttpHeader("Authorization", "Bearer s3cret")
        client.query()
        # read-your-writes: every worker sees it at once, not after a refresh
        for _ in range(4):
            assert server.query(ASK_X).json()["boolean"] is True
        description = requests.get(server.sparql, headers={"Accept": "text/turtle"}, timeout=10)
        assert "SPARQL11Update" in description.text
        # the server holds the store read-write: another writer is refused, clearly
        with pytest.raises(StoreError, match="cannot open"):
            Store(store_copy)
    assert direct(store_copy, ASK_X)  # written to disk, there after the server stopped


WRITER = textwrap.dedent("""
    import sys
    from kgraph.store import Store
    store = Store(sys.argv[1])
    for i in range(int(sys.argv[2])):
        g = f"https://example.org/written/{i}"
        store.ox.update(f'DROP SILENT GRAPH <{g}> ; INSERT DATA {{ GRAPH <{g}> '
                        f'{{ <{g}#it> <https://schema.org/name> "doc {i}" }} }}')
    store.flush()
    print("done", flush=True)
    sys.stdin.readline()  # keep the store open read-write until the test says so
""")


WRITES = 300


def test_queries_are_served_while_another_process_writes(store_copy):
    with kgraph_server(store_copy, "--quiet", "--refresh", "0.2", "--workers", "2") as server:
        before = len(
            server.query("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }").json()["results"]["bindings"]
        )
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store_copy), str(WRITES)],
            stdout=subprocess.PIPE,
            stdin=subprocess.PIPE,
            text=True,
        )
        try:
            statuses = []
            while writer.poll() is None and not _ready(writer):
                statuses.append(server.query(PEOPLE).status_code)
            assert statuses and set(statuses) == {200}, statuses  # answered during the writes
            count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

            def graphs() -> int:
                response = server.query(count)
                assert response.status_code == 200, response.text
                return int(response.json()["results"]["bindings"][0]["n"]["value"])

            # the writer still holds the store open read-write, and the server catches up
            wait_until(lambda: graphs() == before + WRITES, timeout=60, what="the written graphs")
        finally:
            writer.stdin.close()
            writer.wait(30)
        assert writer.returncode == 0


def _ready(process: subprocess.Popen) -> bool:
    import select

    readable, _, _ = select.select([process.stdout], [], [], 0)
    return bool(readable) and process.stdout.readline().strip() == "done"


# -- the command ----------------------------------------------------------------------------------
def test_serve_has_help_with_an_example_and_is_in_the_readme():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "kgraph serve" in result.output
    assert "kgraph serve" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_serve_refuses_a_missing_store(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kgraph.cli",
            "serve",
            "--store",
            str(tmp_path / "none"),
            "--port",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "no kgraph store here" in result.stderr and "Traceback" not in result.stderr


def test_health_reports_workers(server):
    assert json.loads(requests.get(server.url + "health", timeout=10).text)["workers"] == 2
