"""``kgraph push`` against a real Oxigraph server (the ``oxigraph`` package from PyPI) and against
``kgraph serve`` itself, both started by the tests on 127.0.0.1.  The remote dataset is read back
whole and compared quad for quad with the local store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from conftest import ROOT
from serving import free_port, kgraph_server, oxigraph_server

from kgraph.cli import main
from kgraph.push import PushError, make_auth, push
from kgraph.store import Store

FOREIGN = "http://example.org/not-kgraph"


def local_quads(store: Path) -> set:
    """The store's named graphs (its default graph, the merge of them, is not pushed)."""
    quads = Store(store, read_only=True, create=False).ox.quads_for_pattern(None, None, None)
    return {q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}


def remote_quads(base: str) -> set:
    response = requests.get(base + "/store", headers={"Accept": "application/n-quads"}, timeout=60)
    response.raise_for_status()
    return set(ox.parse(response.content, format=ox.RdfFormat.N_QUADS))


def without_foreign(quads: set) -> set:
    return {q for q in quads if q.graph_name != ox.NamedNode(FOREIGN)}


@pytest.fixture
def store(built_sample, tmp_path) -> Path:
    return Path(shutil.copytree(built_sample / "store", tmp_path / "store"))


@pytest.fixture
def oxigraph(tmp_path):
    with oxigraph_server(tmp_path / "remote") as url:
        # data the remote store already holds, which a push must leave alone
        requests.post(
            url + "/update",
            timeout=30,
            data={
                "update": f"INSERT DATA {{ GRAPH <{FOREIGN}> {{ <{FOREIGN}#a> <{FOREIGN}#b> 1 }} }}"
            },
        ).raise_for_status()
        yield url


def test_push_by_update_copies_every_graph_and_twice_changes_nothing(store, oxigraph):
    expected = local_quads(store)
    assert expected
    result = push(Store(store, read_only=True, create=False), endpoint=oxigraph + "/update")
    assert result.graphs == len(Store(store, read_only=True, create=False).graphs())
    assert result.triples == len(expected)
    first = remote_quads(oxigraph)
    assert without_foreign(first) == expected
    assert len(first - expected) == 1  # the foreign triple is still there
    push(Store(store, read_only=True, create=False), endpoint=oxigraph + "/update")
    assert remote_quads(oxigraph) == first


def test_a_re_extracted_document_replaces_its_graph(store, oxigraph):
    push(Store(store, read_only=True, create=False), endpoint=oxigraph + "/update")
    writer = Store(store)
    graph = writer.graphs()[0]
    # "re-extraction": the document now says one thing less and one thing new
    dropped = next(iter(writer.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))))
    writer.ox.remove(dropped)
    added = ox.Quad(
        ox.NamedNode(graph + "#new"),
        ox.NamedNode("https://schema.org/name"),
        ox.Literal("nouveau", language="fr"),
        ox.NamedNode(graph),
    )
    writer.ox.add(added)
    writer.flush()
    del writer
    push(Store(store, read_only=True, create=False), endpoint=oxigraph + "/update")
    remote = remote_quads(oxigraph)
    assert without_foreign(remote) == local_quads(store)
    assert added in remote and dropped not in remote


def test_push_by_graph_store_protocol(store, oxigraph):
    result = push(Store(store, read_only=True, create=False), graph_store=oxigraph + "/store")
    assert result.method == "graph-store"
    assert without_foreign(remote_quads(oxigraph)) == local_quads(store)
    push(Store(store, read_only=True, create=False), graph_store=oxigraph + "/store")
    assert without_foreign(remote_quads(oxigraph)) == local_quads(store)


def test_push_command(store, oxigraph):
    result = CliRunner().invoke(
        main, ["push", "--store", str(store), "--endpoint", oxigraph + "/update"]
    )
    assert result.exit_code == 0, result.output
    assert "graphs" in result.output and "pushed to" in result.output
    assert without_foreign(remote_quads(oxigraph)) == local_quads(store)


def test_unreachable_store_is_a_clear_error(store):
    url = f"http://127.0.0.1:{free_port()}/update"  # nothing listens there
    result = CliRunner().invoke(main, ["push", "--store", str(store), "--endpoint", url])
    assert result.exit_code == 1
    assert "cannot reach the store" in result.output and "Traceback" not in result.output


def test_push_into_kgraph_serve_needs_its_token(store, tmp_path):
    target = tmp_path / "target"
    Store(target)  # an empty kgraph store to serve
    with kgraph_server(target, "--quiet", "--write-token", "t0k", "--workers", "1") as server:
        source = Store(store, read_only=True, create=False)
        with pytest.raises(PushError, match="403"):
            push(source, endpoint=server.sparql)
        push(source, endpoint=server.sparql, auth=make_auth(token="t0k"))
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        response = server.query(count)
        assert response.status_code == 200, (response.status_code, response.text, server.stderr())
        answer = response.json()["results"]["bindings"][0]["n"]["value"]
        assert int(answer) == len(local_quads(store))


def test_push_has_help_with_an_example_and_is_in_the_readme():
    result = CliRunner().invoke(main, ["push", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "kgraph push" in result.output
    assert "kgraph push" in (ROOT / "README.md").read_text(encoding="utf-8")


# -- Virtuoso: the documented script, run where Virtuoso is installed ---------------------------
VIRTUOSO = shutil.which("virtuoso-t") or (
    "/usr/bin/virtuoso-t" if os.access("/usr/bin/virtuoso-t", os.X_OK) else None
)


@pytest.mark.skipif(
    VIRTUOSO is None,
    reason="Virtuoso is not installed "
    "(apt-get install virtuoso-opensource); scripts/virtuoso-push.sh documents it",
)
def test_virtuoso_script_pushes_and_counts(store, tmp_path):
    script = ROOT / "scripts" / "virtuoso-push.sh"
    env = {
        **os.environ,
        "KGRAPH": str(Path(sys.executable).with_name("kgraph")),
        "VIRTUOSO_DIR": str(tmp_path / "virtuoso"),
    }
    run = subprocess.run(
        ["bash", str(script), str(store)], env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout + run.stderr
    expected = len(local_quads(store))
    assert f"virtuoso holds {expected} kgraph triples" in run.stdout, run.stdout + run.stderr
