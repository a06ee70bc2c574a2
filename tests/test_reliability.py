"""A build killed with SIGKILL leaves a store that opens and holds each document entirely or not at
all; the next build finishes the job.  Readers opening the store while a build writes see only
whole documents.

Why it holds: a document's graph is dropped and re-inserted in one SPARQL Update, which Oxigraph
applies as one RocksDB write batch, logged before it is applied.  These tests kill real ``kgraph
build`` processes at points spread over their writing phase, and read from a second process while
a writer replaces graphs as fast as it can.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from generated import assert_same_graphs, named_graphs, pin_run_time, write_corpus
from rdflib import Dataset, URIRef

from kgraph.build import build
from kgraph.store import Store

KILLS = 3
DOCUMENTS = 20
_STARTED = re.compile(rb'(<http://www.w3.org/ns/prov#startedAtTime> )"[^"]*"')


def _dump(out: Path) -> bytes:
    """The store's N-Quads with run times pinned (each build records when it ran)."""
    nquads = Store(out / "store", read_only=True, create=False).dump("nquads")
    return _STARTED.sub(rb'\1"2026-01-01T00:00:00+00:00"', nquads)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, DOCUMENTS, seed=5)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory, nlp):
    """An uninterrupted single-process build: {graph IRI: graph} and its N-Quads."""
    out = tmp_path_factory.mktemp("reference")
    with pytest.MonkeyPatch.context() as monkeypatch:
        pin_run_time(monkeypatch)
        result = build([corpus], out, validate_output=False, visualize=False)
    assert len(result.documents) == DOCUMENTS and not result.failures
    return _dump(out)


def _build_command(corpus: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kgraph.cli",
        "build",
        str(corpus),
        "--out",
        str(out),
        "--no-validate",
        "--no-html",
    ]


def _check_whole(out: Path, expected: dict) -> int:
    """Every document graph in the store equals the reference's; returns how many there are."""
    present = named_graphs(_dump(out))
    for name, graph in present.items():
        assert name in expected, f"unexpected graph <{name}>"
        assert_same_graphs_one(name, graph, expected[name])
    return len(present)


def assert_same_graphs_one(name, graph, expected_graph) -> None:
    got = set(graph)
    want = set(expected_graph)
    assert got == want, (
        f"<{name}> is partial: {len(want - got)} triples missing, {len(got - want)} extra"
    )


def test_a_build_killed_at_any_moment_leaves_whole_documents(corpus, reference, tmp_path):
    expected = named_graphs(reference)
    out = tmp_path / "out"
    rng = random.Random(2026)
    seen = []
    for _ in range(KILLS):
        # kill once the build has written k documents' reports: each report is written just before
        # its graph, so this lands inside the writing phase, where a kill can hurt
        k = rng.randint(1, DOCUMENTS - 1)
        process = subprocess.Popen(
            _build_command(corpus, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        reports = out / "extractions"
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if reports.is_dir() and sum(1 for _ in reports.glob("*.json")) >= k:
                time.sleep(rng.random() * 0.05)
                break
            time.sleep(0.002)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        seen.append(_check_whole(out, expected))  # the store opens, and holds whole documents
    assert any(0 < n < DOCUMENTS for n in seen), f"no kill landed mid-build: {seen}"
    finished = subprocess.run(_build_command(corpus, out), capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert_same_graphs(_dump(out), reference)


WRITER = """
import sys, time
from pathlib import Path
from kgraph.store import Store
store = Store(sys.argv[1])
shards = sorted(Path(sys.argv[2]).glob("*.nq"))
end = time.monotonic() + float(sys.argv[3])
rounds = 0
while time.monotonic() < end:
    for shard in shards:
        store.replace_graph_from_file(shard.read_text().split(" ")[-2][1:-1], shard)
    rounds += 1
print(rounds)
"""


def test_readers_see_whole_documents_while_a_build_writes(reference, tmp_path):
    """A second process replaces every document's graph in a loop (what a build does to each
    document); this one opens the store read-only again and again, as ``kgraph query`` and
    ``kgraph serve`` do, and must only ever see whole documents."""
    expected = named_graphs(reference)
    sizes = {name: len(graph) for name, graph in expected.items()}
    shards = tmp_path / "shards"
    shards.mkdir()
    for i, (name, graph) in enumerate(expected.items()):
        shard = Dataset()
        shard.graph(URIRef(name)).__iadd__(graph)
        shard.serialize(shards / f"{i:03d}.nq", format="nquads", encoding="utf-8")
    store_dir = tmp_path / "store"
    Store(store_dir)  # create it, then let the writer process own it
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_dir), str(shards), "10"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    cli = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kgraph.cli",
            "query",
            "--store",
            str(store_dir),
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "--format",
            "csv",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    reads, most = 0, 0
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    while writer.poll() is None:
        store = Store(store_dir, read_only=True, create=False)
        counts = {str(row["g"].value): int(row["n"].value) for row in store.ox.query(query)}
        del store
        for name, n in counts.items():
            assert n == sizes[name], f"read {n} triples of <{name}>, which has {sizes[name]}"
        # a replaced graph is never seen missing: dropping and re-inserting is one transaction
        assert len(counts) >= most, f"{most} graphs were there, now {len(counts)}"
        most = len(counts)
        reads += 1
    out, err = writer.communicate()
    assert writer.returncode == 0, err[-2000:]
    assert int(out) >= 2 and reads >= 5, (out, reads)  # both really ran side by side
    # `kgraph query` run during the writes saw a prefix of the writer's order, whole: the default
    # graph (the store's merge) then holds the distinct triples of the first i documents
    cli_out, cli_err = cli.communicate(timeout=60)
    graphs = [set(graph) for graph in expected.values()]
    prefix_sums = {len(set().union(*graphs[:i])) for i in range(len(graphs) + 1)}
    assert cli.returncode == 0, cli_err[-2000:]
    assert int(cli_out.split()[-1]) in prefix_sums
