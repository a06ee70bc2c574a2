"""The CLI through its entry point: each command, its help, and bad input without tracebacks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE

from kgraph.cli import main

COMMANDS = ["build", "extract", "query", "visualize", "evaluate"]


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def assert_clean_error(result, *fragments):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"kgraph {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert re.search(rf"kgraph {command}\b", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_extract_json_single_file_is_an_object(nlp):
    result = run("extract", str(SAMPLE))
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["document"]["date"] == "2025-03-14T14:15"
    text = SAMPLE.read_text(encoding="utf-8")
    for quote in report["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    for person in report["people"]:
        for mention in person["mentions"]:
            assert text[mention["start"] : mention["end"]] in person["name"] or person[
                "name"
            ].endswith(text[mention["start"] : mention["end"]])


def test_extract_jsonl_one_line_per_file_in_order(tmp_path, nlp):
    other = tmp_path / "autre.txt"
    other.write_text(
        "Paris, le 2 mai 2025\nUn titre\n« Nous avançons », a déclaré Marc Petit.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "vide.txt"
    empty.write_text("", encoding="utf-8")
    result = run("extract", str(other), str(empty), str(SAMPLE), "--format", "jsonl")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(line["document"]["path"]).name for line in lines] == [
        "autre.txt",
        "vide.txt",
        SAMPLE.name,
    ]
    assert "empty document" in lines[1]["error"]
    assert lines[0]["quotes"][0]["speaker"] == "Marc Petit"


def test_extract_all_bad_exits_non_zero(tmp_path):
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    assert_clean_error(run("extract", str(bad)), "bin.txt", "binary")


def test_build_then_query_then_visualize(tmp_path, nlp):
    out = tmp_path / "out"
    result = run("build", str(SAMPLE.parent), "--out", str(out))
    assert result.exit_code == 0, result.output
    for name in (
        "documents",
        "people",
        "organisations",
        "roles",
        "quotes",
        "policies",
        "triples",
        "SHACL",
    ):
        assert name in result.output
    assert "conforms" in result.output
    for produced in ("graph.ttl", "graph.trig", "graph.html", "store", "extractions"):
        assert (out / produced).exists()
    store = str(out / "store")
    table = run(
        "query",
        "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name",
        "--store",
        store,
    )
    assert (
        table.exit_code == 0
        and "Fabrice Pannekoucke" in table.output
        and "(3 rows)" in table.output
    )
    csv_out = run(
        "query",
        "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name",
        "--store",
        store,
        "--format",
        "csv",
    )
    assert csv_out.output.splitlines() == [
        "name",
        "Fabrice Pannekoucke",
        "Laurent Wauquiez",
        "Stéphanie Pernod",
    ]
    js = json.loads(
        run(
            "query",
            "SELECT ?n WHERE { ?p schema:name ?n } LIMIT 1",
            "--store",
            store,
            "--format",
            "json",
        ).output
    )
    assert js["head"]["vars"] == ["n"] and len(js["results"]["bindings"]) == 1
    ask = run("query", "ASK { ?q a schema:Quotation }", "--store", store)
    assert ask.output.strip() == "yes"
    construct = tmp_path / "people.rq"
    construct.write_text(
        "CONSTRUCT { ?p a schema:Person ; schema:name ?n } WHERE { ?p a schema:Person ; "
        "schema:name ?n }",
        encoding="utf-8",
    )
    turtle = run("query", str(construct), "--store", store)
    assert "schema:Person" in turtle.output
    html = tmp_path / "people.html"
    drawn = run("visualize", "--store", store, "--query", str(construct), "--out", str(html))
    assert drawn.exit_code == 0 and html.exists()
    assert "Laurent Wauquiez" in html.read_text(encoding="utf-8")


def test_second_build_adds_and_rebuild_replaces(tmp_path, nlp):
    out = tmp_path / "out"
    first = tmp_path / "a"
    first.mkdir()
    shutil.copy(SAMPLE, first / SAMPLE.name)
    assert run("build", str(first), "--out", str(out), "--no-html", "--no-validate").exit_code == 0
    second = tmp_path / "b"
    second.mkdir()
    doc = second / "communique-ville.txt"
    doc.write_text(
        "Lyon, le 2 mai 2025\nLa ville investit\nLa maire, Claire Fontaine, a déclaré : "
        "« Nous rénoverons toutes les écoles de la ville. »\n",
        encoding="utf-8",
    )
    assert run("build", str(second), "--out", str(out), "--no-html", "--no-validate").exit_code == 0
    store = str(out / "store")
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:NewsArticle }"
    assert run("query", count, "--store", store, "--format", "csv").output.splitlines()[1] == "2"
    # the document changes: its facts are replaced, not added to
    doc.write_text(
        "Lyon, le 2 mai 2025\nLa ville investit\nLa maire, Claire Fontaine, a déclaré : "
        "« Nous rénoverons les crèches avant les écoles. »\n",
        encoding="utf-8",
    )
    assert run("build", str(second), "--out", str(out), "--no-html", "--no-validate").exit_code == 0
    texts = run(
        "query",
        "SELECT ?t WHERE { ?q schema:text ?t ; schema:spokenByCharacter/schema:name "
        "'Claire Fontaine' }",
        "--store",
        store,
        "--format",
        "csv",
    ).output.splitlines()[1:]
    assert texts == ["Nous rénoverons les crèches avant les écoles."]


def test_build_skips_bad_documents_and_keeps_the_others(tmp_path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\xff\x00\xfe")
    (folder / "latin1.txt").write_bytes(
        "Le 2 mai 2025\nÉté\n« Nous irons à la mer, c'est décidé », a déclaré Hélène Roy.\n".encode(
            "cp1252"
        )
    )
    (folder / "unbalanced.txt").write_text(
        "Titre\nIl a dit « jamais sans ma fille et puis « encore.\n"
    )
    out = tmp_path / "out"
    result = run("build", str(folder), "--out", str(out), "--no-html")
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert "Traceback" not in result.output
    reports = sorted(p.name for p in (out / "extractions").iterdir())
    assert reports == ["latin1.json", SAMPLE.stem + ".json", "unbalanced.json"]
    assert not [p for p in out.rglob("*.tmp*")]
    assert "Hélène Roy" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_build_fails_cleanly_on_an_empty_folder(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_clean_error(run("build", str(empty), "--out", str(tmp_path / "out")), "no documents")


def test_invalid_sparql_is_one_clear_error(built_sample):
    result = run("query", "SELECT ?x WHERE { ?x ", "--store", str(built_sample / "store"))
    assert_clean_error(result, "invalid SPARQL")


def test_a_folder_that_is_not_a_store_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    assert_clean_error(run("query", "ASK {}", "--store", str(tmp_path)), "not a kgraph store")
    assert (tmp_path / "notes.txt").read_text() == "hello"


def test_build_refuses_to_write_into_a_foreign_folder(tmp_path):
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "store" / "precious.txt").write_text("keep me")
    assert_clean_error(run("build", str(SAMPLE), "--out", str(out)), "not a kgraph store")
    assert (out / "store" / "precious.txt").read_text() == "keep me"


def test_query_without_store(tmp_path):
    assert_clean_error(run("query", "ASK {}", "--store", str(tmp_path / "none")), "no kgraph store")


def test_a_query_with_its_own_from_clause_chooses_its_dataset(built_sample):
    store = str(built_sample / "store")
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
    everything = run("query", count.format(""), "--store", store, "--format", "csv")
    nothing = run(
        "query",
        count.format("FROM <https://w3id.org/kgraph/id/graph/none>"),
        "--store",
        store,
        "--format",
        "csv",
    )
    assert int(everything.output.splitlines()[1]) > 0
    assert nothing.output.splitlines()[1] == "0"


def test_evaluate_scores_a_gold_folder(tmp_path, nlp):
    gold = tmp_path / "gold"
    gold.mkdir()
    text = (
        "Paris, le 2 mai 2025\nLa ville investit\n"
        "« Nous rénoverons les écoles », a déclaré Marc Petit.\n"
    )
    (gold / "one.txt").write_text(text, encoding="utf-8")
    (gold / "one.gold.json").write_text(
        json.dumps(
            {
                "document": {"title": "La ville investit", "date": "2025-05-02"},
                "quotes": [{"text": "Nous rénoverons les écoles", "speaker": "Marc Petit"}],
                "people": [{"name": "Marc Petit", "roles": []}],
                "organisations": [],
                "policies": [],
            }
        ),
        encoding="utf-8",
    )
    table = run("evaluate", str(gold), "--no-errors")
    assert table.exit_code == 0 and "quotes" in table.output
    scores = json.loads(run("evaluate", str(gold), "--format", "json").output)
    totals = scores["kgraph"]["totals"]
    assert totals["quotes"]["f1"] == 1.0
    assert totals["speakers"]["accuracy"] == 1.0
