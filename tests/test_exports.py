"""Exports read back by independent parsers, and the corpus kept in step: re-extracting a changed
document replaces exactly its named graph; removing one takes its facts and lone entities away.

Independent tools: Debian's ``rapper`` (Raptor 2, C) parses Turtle, TriG, N-Quads and the ontology;
Oxigraph's JSON-LD parser (Rust) reads the JSON-LD that rdflib (Python) wrote.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import ROOT

from kgraph.cli import main
from kgraph.export import FORMATS, export, jsonld_context
from kgraph.query import run_query
from kgraph.store import Store

CORPUS = ROOT / "tests" / "fixtures" / "catalogue"
BASE = "https://w3id.org/kgraph/id/"
RAPPER = shutil.which("rapper")
RAPPER_SYNTAX = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ontology": "turtle"}
needs_rapper = pytest.mark.skipif(
    RAPPER is None, reason="Debian's raptor2-utils (rapper) is not installed; .ci/run installs it"
)


@pytest.fixture(scope="module")
def out(tmp_path_factory, nlp) -> Path:
    from kgraph.build import build

    target = tmp_path_factory.mktemp("exports-out")
    assert not build([CORPUS], target, visualize=False, validate_output=False).failures
    return target


@pytest.fixture(scope="module")
def store(out) -> Store:
    return Store(out / "store", read_only=True, create=False)


def store_quads(store: Store) -> set[str]:
    return {str(q) for q in ox.parse(input=store.dump("nquads"), format=ox.RdfFormat.N_QUADS)}


def rapper(data: bytes, syntax: str, tmp_path: Path) -> list[str]:
    """Parse with rapper; its N-Triples/N-Quads output, one statement a line."""
    source = tmp_path / f"export.{syntax}"
    source.write_bytes(data)
    out = "nquads" if syntax in ("trig", "nquads") else "ntriples"
    done = subprocess.run(
        [RAPPER, "-q", "-i", syntax, "-o", out, str(source), "https://example.org/base"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line.strip()]


@needs_rapper
@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads"])
def test_rapper_reads_every_graph_export(fmt, store, tmp_path):
    statements = rapper(export(store, fmt), RAPPER_SYNTAX[fmt], tmp_path)
    # rapper's output read back through Oxigraph's parser, so escapes compare as values
    back = list(ox.parse(input="\n".join(statements).encode(), format=ox.RdfFormat.N_QUADS))
    parsed = {str(q) for q in back}
    quads = list(ox.parse(input=store.dump("nquads"), format=ox.RdfFormat.N_QUADS))
    if fmt == "turtle":  # graphs merged: the distinct triples
        assert parsed == {str(ox.Quad(q.subject, q.predicate, q.object)) for q in quads}
    else:
        assert parsed == {str(q) for q in quads}
        assert len({q.graph_name for q in back}) == 5, "one named graph per document"


@needs_rapper
def test_rapper_reads_the_ontology(tmp_path):
    statements = rapper(export(None, "ontology"), "turtle", tmp_path)
    assert any("https://w3id.org/kgraph/ns#Policy" in s for s in statements)
    assert len(statements) > 100


def test_jsonld_reads_back_to_the_same_quads(store):
    data = export(store, "jsonld")
    document = json.loads(data)
    assert document["@context"] == jsonld_context(), "compacted with ontology/context.jsonld"
    parsed = {str(q) for q in ox.parse(input=data, format=ox.RdfFormat.JSON_LD)}
    assert parsed == store_quads(store)
    text = data.decode("utf-8")
    assert '"spokenBy"' in text and '"name": "Laurent Dupont"' in text, (
        "the context's terms are used"
    )


def test_the_context_file_expands_its_terms():
    """Every term of the context is a prefix or names a property in one of kgraph's vocabularies."""
    context = jsonld_context()
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    assert {"schema", "org", "prov", "dct", "oa", "skos", "kg", "owl"} <= set(prefixes)
    for term, definition in context.items():
        iri = definition if isinstance(definition, str) else definition["@id"]
        prefix = iri.split(":", 1)[0]
        assert prefix in prefixes or iri.startswith("http"), f"{term}: unknown prefix {prefix}"


def test_export_through_the_cli(out, tmp_path):
    for fmt in FORMATS:
        target = tmp_path / f"graph-{fmt}"
        result = CliRunner().invoke(
            main, ["export", "--format", fmt, "--store", str(out / "store"), "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000
    assert CliRunner().invoke(main, ["export", "--format", "xml"]).exit_code != 0


# -- re-extraction and removal ---------------------------------------------------------------------
def graphs(store: Store) -> dict[str, set[str]]:
    """Each named graph's quads, by graph IRI."""
    out: dict[str, set[str]] = {}
    for q in ox.parse(input=store.dump("nquads"), format=ox.RdfFormat.N_QUADS):
        out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def _no_run_time(quads: set[str]) -> set[str]:
    """The run's start time changes at every build; everything else must not."""
    return {q for q in quads if "startedAtTime" not in q}


@pytest.fixture
def own_copy(out, tmp_path) -> Path:
    """A copy of the corpus and of the built output, for tests that change them."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    target = tmp_path / "out"
    shutil.copytree(out, target)
    return target


def test_re_extracting_a_changed_document_replaces_exactly_its_graph(own_copy, nlp):
    from kgraph.build import build

    corpus = own_copy.parent / "corpus"
    before = graphs(Store(own_copy / "store", read_only=True, create=False))
    changed = corpus / "tours-2024-11-05-velorue.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace(
            "« Nos clients viennent encore en voiture », regrette",
            "« Nos clients viennent encore en voiture, et ils le disent », regrette",
        ),
        encoding="utf-8",
    )
    result = build([changed], own_copy, visualize=False, validate_output=False)
    assert not result.failures
    after = graphs(Store(own_copy / "store", read_only=True, create=False))
    tours = f"{BASE}graph/tours-2024-11-05-velorue"
    assert set(after) == set(before)
    for graph in before:
        if graph != tours:
            assert _no_run_time(after[graph]) == _no_run_time(before[graph]), f"{graph} changed"
    assert after[tours] != before[tours]
    st = Store(own_copy / "store", read_only=True, create=False)
    texts = [
        r["t"]
        for r in run_query(
            st,
            """SELECT ?t WHERE { ?q a schema:Quotation ;
             schema:spokenByCharacter/schema:name "Julien Lefebvre" ; schema:text ?t }""",
        ).values()
    ]
    assert texts == ["Nos clients viennent encore en voiture, et ils le disent"], (
        "the old quote is gone, the new one in; the entities file (rename) still applied"
    )


def test_remove_a_document_and_its_lone_entities(own_copy):
    st = Store(own_copy / "store", read_only=True, create=False)
    names = {
        r["n"] for r in run_query(st, "SELECT DISTINCT ?n WHERE { ?e schema:name ?n }").values()
    }
    assert {"Thomas Girard", "Communauté d’agglomération Agglopolys", "Sophie Marchand"} <= names
    del st
    result = CliRunner().invoke(main, ["remove", "agglo-2025-04-02-bus", "--out", str(own_copy)])
    assert result.exit_code == 0, result.output
    assert f"removed {BASE}doc/agglo-2025-04-02-bus (graph and extraction report)" in result.output
    assert not (own_copy / "extractions" / "agglo-2025-04-02-bus.json").exists()
    st = Store(own_copy / "store", read_only=True, create=False)
    assert f"{BASE}graph/agglo-2025-04-02-bus" not in st.graphs() and len(st.graphs()) == 4
    names = {
        r["n"] for r in run_query(st, "SELECT DISTINCT ?n WHERE { ?e schema:name ?n }").values()
    }
    assert "Thomas Girard" not in names and "Communauté d’agglomération Agglopolys" not in names
    assert "Dupont" not in names, "the baker only that release mentioned"
    assert "Sophie Marchand" in names, "mentioned by another document, she stays"
    alt = run_query(
        st, f"SELECT ?a WHERE {{ <{BASE}person/sophie-marchand> skos:altLabel ?a }}"
    ).values()
    assert alt == [], "the form only the removed release used goes with it"
    assert "agglo-2025-04-02-bus" not in (own_copy / "graph.trig").read_text(encoding="utf-8")
    assert Counter(
        r["n"]
        for r in run_query(st, "SELECT (COUNT(*) AS ?n) WHERE { ?q a schema:Quotation }").values()
    ) == Counter({"8": 1})


@pytest.mark.parametrize("how", ["path", "iri"])
def test_remove_by_path_or_iri(own_copy, how):
    path = own_copy.parent / "corpus" / "ccir-2024-02-20-charte-industrie.txt"
    name = str(path) if how == "path" else f"{BASE}doc/ccir-2024-02-20-charte-industrie"
    result = CliRunner().invoke(main, ["remove", name, "--out", str(own_copy)])
    assert result.exit_code == 0, result.output
    st = Store(own_copy / "store", read_only=True, create=False)
    assert f"{BASE}graph/ccir-2024-02-20-charte-industrie" not in st.graphs()
    # Laurent Dupont is still there: the 2023 release names him too
    assert run_query(st, 'ASK { ?p schema:name "Laurent Dupont" }').boolean


def test_removing_an_unknown_document_says_so(own_copy):
    result = CliRunner().invoke(main, ["remove", "no-such-release", "--out", str(own_copy)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "no document with id 'no-such-release'" in result.output
    assert len(Store(own_copy / "store", read_only=True, create=False).graphs()) == 5
