"""The store's default graph is the merge of its named graphs (kgraph/store.py): exactly their
distinct triples after every build, removal, replacement and analysis write-back; an empty default
graph (so Oxigraph's union) whenever a write could not follow it; and the same answers as the union
gave, through ``run_query`` and through ``kgraph serve``.

Each check compares the default graph with the named graphs read from the same opened view, so a
merge that kept a removed document's triple, missed a new one, or repeated one would fail."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from conftest import ROOT
from serving import kgraph_server, wait_until

from kgraph.analyze import analyze, write_back
from kgraph.build import build
from kgraph.export import remove_document
from kgraph.query import catalogue, run_query
from kgraph.store import DEFAULT_WRITES_GRAPH, MARKER, Store

CORPUS = ROOT / "tests" / "fixtures" / "catalogue"
GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def triples(store: Store) -> tuple[set, Counter]:
    """(the default graph's triples, each named-graph triple with the number of graphs holding
    it), from one view."""
    default, named = set(), Counter()
    for q in store.ox.quads_for_pattern(None, None, None, None):
        triple = (q.subject, q.predicate, q.object)
        if isinstance(q.graph_name, ox.DefaultGraph):
            default.add(triple)
        else:
            named[triple] += 1
    return default, named


def assert_merged(path: Path) -> Counter:
    store = Store(path, read_only=True, create=False)
    default, named = triples(store)
    assert named, "the store has documents"
    missing, extra = set(named) - default, default - set(named)
    assert not missing and not extra, (
        f"default graph != union of named graphs: {len(missing)} missing "
        f"(e.g. {sorted(map(str, missing))[:2]}), {len(extra)} extra "
        f"(e.g. {sorted(map(str, extra))[:2]})"
    )
    assert store.uses_merge() and not store.merge_is_stale()
    return named


def rows(store: Store, sparql: str) -> list[tuple]:
    result = run_query(store, sparql)
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result.rows)


def stale_copy(path: Path, tmp_path: Path) -> Path:
    """A copy of the store whose merge was dropped, as an interrupted endpoint update leaves it:
    queried through Oxigraph's union, as before the merge existed."""
    copy = Path(shutil.copytree(path, tmp_path / "stale"))
    raw = ox.Store(str(copy / "oxigraph"))
    raw.update("DROP DEFAULT")
    raw.flush()
    del raw
    return copy


@pytest.fixture(scope="module")
def out(tmp_path_factory, nlp) -> Path:
    folder = tmp_path_factory.mktemp("dg")
    corpus = Path(shutil.copytree(CORPUS, folder / "corpus"))
    result = build([corpus], folder / "out", validate_output=False, visualize=False)
    assert not result.failures and len(result.documents) >= 4
    return folder / "out"


def test_after_a_build_the_default_graph_is_the_set_union(out):
    named = assert_merged(out / "store")
    # shared descriptions exist (what the union repeated and the merge keeps once)
    assert max(named.values()) > 1


def test_replacing_and_removing_documents_and_analysis_keep_it(out, tmp_path):
    work = Path(shutil.copytree(out, tmp_path / "out"))
    corpus = Path(shutil.copytree(CORPUS, tmp_path / "corpus"))
    # replace: a document rewritten names someone new and drops a sentence
    doc = sorted(corpus.glob("*.txt"))[0]
    text = doc.read_text(encoding="utf-8")
    doc.write_text(
        text.rsplit("\n", 2)[0] + "\n« Nous tiendrons parole », a affirmé Lucie Tessier.\n",
        encoding="utf-8",
    )
    before = triples(Store(work / "store", read_only=True, create=False))[0]
    build([doc], work, validate_output=False, visualize=False)
    after = assert_merged(work / "store")
    assert set(after) != before, "the replaced document changed the graph"
    # remove a document: what only it said leaves the merge, what others say stays
    other = sorted(corpus.glob("*.txt"))[1]
    remove_document(work, str(other))
    assert_merged(work / "store")
    # the analysis graph is a named graph like the others: its triples are in the merge too
    store = Store(work / "store")
    graph = write_back(store, analyze(store))
    del store
    assert_merged(work / "store")
    store = Store(work / "store", read_only=True, create=False)
    assert list(store.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))


def test_catalogue_answers_are_the_same_as_on_the_union(out, tmp_path):
    """Every catalogue query gives the same rows on the merge as on the union it replaces (the
    union as Oxigraph builds it, on a copy whose merge is dropped)."""
    merged = Store(out / "store", read_only=True, create=False)
    union = Store(stale_copy(out / "store", tmp_path), read_only=True, create=False)
    assert merged.uses_merge() and not union.uses_merge()
    for name, entry in catalogue().items():
        got, want = rows(merged, entry.text), rows(union, entry.text)
        assert got == want, f"{name}: {len(got)} rows on the merge, {len(want)} on the union"


def test_graph_from_and_from_named_read_the_named_graphs_as_before(out, tmp_path):
    merged = Store(out / "store", read_only=True, create=False)
    union = Store(stale_copy(out / "store", tmp_path), read_only=True, create=False)
    assert rows(merged, GRAPHS) == rows(union, GRAPHS)
    first = merged.graphs()[0]
    size = len(list(merged.ox.quads_for_pattern(None, None, None, ox.NamedNode(first))))
    for sparql in (
        f"SELECT * FROM <{first}> WHERE {{ ?s ?p ?o }}",
        f"SELECT ?s ?p ?o FROM NAMED <{first}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ):
        assert len(rows(merged, sparql)) == size
        assert rows(merged, sparql) == rows(union, sparql)
    # without FROM the default graph holds each distinct triple once, the union once per graph
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    default, named = triples(merged)
    assert rows(merged, count) == [(str(ox.Literal(str(len(default)), datatype=XSD_INT)),)]
    assert rows(union, count) == [(str(ox.Literal(str(sum(named.values())), datatype=XSD_INT)),)]


XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

INTERRUPTED_UPDATE = textwrap.dedent("""
    import os, signal, sys
    from kgraph.store import Store
    store = Store(sys.argv[1])
    store.update('INSERT DATA { GRAPH <https://example.org/g> '
                 '{ <https://example.org/x> <https://schema.org/name> "X" } }')
    os.kill(os.getpid(), signal.SIGKILL)  # before anything merges again
""")


def test_an_interrupted_update_leaves_a_stale_merge_that_queries_do_not_use(out, tmp_path):
    path = Path(shutil.copytree(out / "store", tmp_path / "store"))
    killed = subprocess.run([sys.executable, "-c", INTERRUPTED_UPDATE, str(path)])
    assert killed.returncode == -signal.SIGKILL
    store = Store(path, read_only=True, create=False)
    assert store.merge_is_stale() and not store.uses_merge()
    assert not list(store.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    ask = "ASK { <https://example.org/x> schema:name 'X' }"
    assert run_query(store, ask).boolean is True  # answered from the union meanwhile
    people = "SELECT ?p ?n WHERE { ?p a schema:Person ; schema:name ?n }"
    merged = rows(Store(out / "store", read_only=True, create=False), people)
    # the union repeats a person once per graph describing them; the merge once
    assert set(rows(store, people)) == set(merged) and len(merged) == len(set(merged))
    del store
    Store(path)  # the next writer merges again
    assert_merged(path)
    assert run_query(Store(path, read_only=True, create=False), ask).boolean is True


def test_a_build_killed_mid_way_leaves_a_merge_matching_its_documents(tmp_path, nlp):
    """Each document's graph and its share of the merge are one transaction: whatever the kill
    leaves, the default graph is exactly the union of the documents written."""
    corpus = Path(shutil.copytree(CORPUS, tmp_path / "corpus"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kgraph.cli", "build", str(corpus), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--no-validate", "--no-html"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    reports, deadline = out / "extractions", time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if reports.is_dir() and sum(1 for _ in reports.glob("*.json")) >= 2:
            break
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    store = Store(out / "store", read_only=True, create=False)
    default, named = triples(store)
    assert default == set(named)
    assert store.uses_merge() == bool(named)


def test_a_format_1_store_is_read_as_before_and_converted_by_its_next_writer(out, tmp_path):
    path = Path(shutil.copytree(out / "store", tmp_path / "store"))
    raw = ox.Store(str(path / "oxigraph"))
    raw.update(
        'DROP DEFAULT ; INSERT DATA { <https://example.org/y> <https://schema.org/name> "Y" }'
    )
    raw.flush()
    del raw
    marker = path / MARKER
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "format": 1}))
    legacy = Store(path, read_only=True, create=False)
    assert not legacy.uses_merge()  # a format-1 default graph is not a merge: the union
    ask = "ASK { <https://example.org/y> schema:name 'Y' }"
    assert run_query(legacy, ask).boolean is True
    del legacy
    Store(path)
    assert json.loads(marker.read_text())["format"] == 2
    named = assert_merged(path)
    assert (
        ox.NamedNode("https://example.org/y"),
        ox.NamedNode("https://schema.org/name"),
        ox.Literal("Y"),
    ) in named
    assert DEFAULT_WRITES_GRAPH in Store(path, read_only=True, create=False).graphs()
    assert run_query(Store(path, read_only=True, create=False), ask).boolean is True


def test_the_endpoint_answers_as_run_query_and_merges_after_its_updates(out, tmp_path):
    path = Path(shutil.copytree(out / "store", tmp_path / "store"))
    people = "SELECT ?p ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?p ?n"
    found = run_query(Store(path, read_only=True, create=False), people).values()
    expected = sorted((r["p"], r["n"]) for r in found)
    with kgraph_server(path, "--quiet", "--write-token", "tok", "--workers", "1") as server:
        response = server.query(people, accept="application/sparql-results+json")
        got = sorted(
            (b["p"]["value"], b["n"]["value"]) for b in response.json()["results"]["bindings"]
        )
        assert got == expected and got
        assert len(got) == len(set(got)), "one row per person and name, not one per graph"
        update = (
            'INSERT DATA { <https://example.org/z> schema:name "Z" . '
            'GRAPH <https://example.org/g> { <https://example.org/w> schema:name "W" } }'
        )
        written = requests.post(
            server.sparql,
            data=update.encode(),
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": "Bearer tok",
            },
            timeout=30,
        )
        assert written.status_code == 204, written.text
        for name in ("Z", "W"):  # answered at once (the union), then from the new merge
            assert server.query(f"ASK {{ ?x schema:name '{name}' }}").json()["boolean"]
        wait_until(
            lambda: not Store(path, read_only=True, create=False).merge_is_stale(),
            timeout=30,
            what="the merge after the update",
        )
        for name in ("Z", "W"):
            assert server.query(f"ASK {{ ?x schema:name '{name}' }}").json()["boolean"]
    assert_merged(path)
    graphs = Store(path, read_only=True, create=False).graphs()
    assert DEFAULT_WRITES_GRAPH in graphs and "https://example.org/g" in graphs
