"""Entities across documents: the resolution rule on hand-made records (no model, deterministic),
the entities file's actions one by one, and the rule's result on the catalogue corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL

from kgraph.entities_file import EntitiesFile, find_entities_file, parse_entities
from kgraph.errors import ConfigError
from kgraph.iris import IriMinter
from kgraph.query import run_query
from kgraph.resolve import EntityIndex, Resolver, is_specific, resolve_all
from kgraph.store import Store
from kgraph.types import (
    Document,
    Extraction,
    Mention,
    Organisation,
    Person,
    Policy,
    PolicyTie,
    Quote,
    Role,
)

CORPUS = ROOT / "tests" / "fixtures" / "catalogue"
IRI = IriMinter()


# -- hand-made records -----------------------------------------------------------------------------
def role(head: str, title: str | None = None, organisation: str | None = None) -> Role:
    return Role(title=title or head, head=head, start=0, end=1, organisation=organisation)


def person(name: str, *, gender: str | None = None, roles: tuple[Role, ...] = (), alt=()) -> Person:
    from kgraph.slugs import slugify

    return Person(slugify(name), name, (Mention(0, len(name), name),), tuple(alt), gender, roles)


def org(name: str, alt=()) -> Organisation:
    from kgraph.slugs import slugify

    return Organisation(slugify(name), name, (Mention(0, len(name), name),), tuple(alt))


def doc(key: str, *people: Person, orgs=(), policies=(), quotes=()) -> Extraction:
    return Extraction(
        Document(key=key, path=f"{key}.txt", text="x" * 50, date="2025-01-01"),
        people=people,
        organisations=tuple(orgs),
        policies=tuple(policies),
        quotes=tuple(quotes),
    )


def keys(extraction: Extraction) -> list[str]:
    return sorted(p.key for p in extraction.people)


def resolve(*extractions: Extraction, rules: EntitiesFile | None = None) -> list[Extraction]:
    return [
        r.extraction for r in resolve_all(list(extractions), Resolver(EntityIndex(), rules, IRI))
    ]


LAURENT = person(
    "Laurent Dupont",
    gender="m",
    roles=(role("président", "président de la région", "region"),),
    alt=("Dupont",),
)
REGION = org("Région", alt=("la région",))


@pytest.mark.parametrize(
    ("later", "expected_key", "why"),
    [
        (
            person("Dupont", gender="m", roles=(role("président"),)),
            "laurent-dupont",
            "a surname with the same role noun joins the full name",
        ),
        (
            person("Dupont", roles=(role("président", "président de la région", "region"),)),
            "laurent-dupont",
            "same role noun and same organisation",
        ),
        (person("Dupont", gender="m"), "dupont", "a surname alone, nothing saying they are one"),
        (
            person("Dupont", gender="f", roles=(role("président"),)),
            "dupont",
            "a grammatical gender that contradicts",
        ),
        (person("Dupont", roles=(role("maire"),)), "dupont", "another role noun"),
        (
            person("Dupont", roles=(role("président", "président de l'agence", "agence"),)),
            "dupont",
            "the same noun in another organisation",
        ),
        (
            person("Marc Dupont", gender="m", roles=(role("président"),)),
            "marc-dupont",
            "another first name is another person, whatever the role",
        ),
        (person("Laurent Dupont"), "laurent-dupont", "the same full name"),
        (person("LAURENT DUPONT"), "laurent-dupont", "case and accents are folded"),
    ],
)
def test_person_rule(later, expected_key, why):
    first, second = resolve(doc("a", LAURENT, orgs=(REGION,)), doc("b", later, orgs=(REGION,)))
    assert keys(second) == [expected_key], why


def test_joined_person_keeps_the_known_name_and_gains_the_form():
    _, second = resolve(doc("a", LAURENT), doc("b", person("Dupont", roles=(role("président"),))))
    (joined,) = second.people
    assert joined.name == "Laurent Dupont", "one IRI never carries two schema:name"
    assert "Dupont" in joined.alt_labels


def test_two_candidates_with_the_role_stay_apart():
    """Two known Duponts who are both présidents: the surname cannot choose, so it stays alone."""
    marc = person("Marc Dupont", roles=(role("président"),))
    _, _, third = resolve(
        doc("a", LAURENT), doc("b", marc), doc("c", person("Dupont", roles=(role("président"),)))
    )
    assert keys(third) == ["dupont"]


def test_resolution_does_not_depend_on_document_order():
    surname = doc("a-first", person("Dupont", roles=(role("président"),)))
    full = doc("z-last", LAURENT)
    forward = resolve(surname, full)
    backward = resolve(full, surname)
    assert keys(forward[0]) == keys(backward[1]) == ["laurent-dupont"]


def test_quotes_ties_and_capacities_follow_the_new_keys():
    dupont = person("Dupont", roles=(role("président"),))
    quote = Quote("Nous tiendrons parole", 0, 10, "dupont", "person", capacity=dupont.roles[0])
    policy = Policy(
        "plan-vert",
        "plan Vert",
        "plan",
        (Mention(0, 5, "plan Vert"),),
        ties=(PolicyTie("dupont", "person", "initiated", 0, 5),),
    )
    _, second = resolve(doc("a", LAURENT), doc("b", dupont, quotes=(quote,), policies=(policy,)))
    assert second.quotes[0].speaker == "laurent-dupont"
    assert second.policies[0].ties[0].agent == "laurent-dupont"


def test_policy_and_organisation_names_are_the_known_ones():
    plan_a = Policy("plan-velo", "plan Vélo", "plan", (Mention(0, 5, "plan Vélo"),))
    plan_b = Policy("plan-velo", "Plan Vélo", "plan", (Mention(0, 5, "Plan Vélo"),))
    agglo = org("Communauté d'agglomération Agglopolys", alt=("Agglopolys", "la communauté"))
    short = org("Agglopolys")
    first, second = resolve(
        doc("a", policies=(plan_a,), orgs=(agglo,)), doc("b", policies=(plan_b,), orgs=(short,))
    )
    assert second.policies[0].name == "plan Vélo", "sentence-initial capital does not rename it"
    assert [o.key for o in second.organisations] == [agglo.key], "a specific short form joins"


def test_a_generic_form_never_joins_across_documents():
    cci = org("CCI du Loiret", alt=("région",))
    _, second = resolve(doc("a", orgs=(cci,)), doc("b", orgs=(org("Région"),)))
    assert [o.key for o in second.organisations] == ["region"]
    assert not is_specific("la région") and not is_specific("agence régionale")
    assert (
        is_specific("Agglopolys") and is_specific("l’Agence Régionale") and is_specific("plan 2030")
    )


# -- the entities file -----------------------------------------------------------------------------
def rules(text: str) -> EntitiesFile:
    return parse_entities("action,type,name,value,scope\n" + text, "entities.csv")


def test_merge_two_nodes():
    sophie = person("Sophie Marchand", gender="f", roles=(role("président"),))
    marchand = person("Marchand", gender="f")  # no role: the rule alone would keep her apart
    assert keys(resolve(doc("a", sophie), doc("agglo-1", marchand))[1]) == ["marchand"]
    merged = resolve(
        doc("a", sophie),
        doc("agglo-1", marchand),
        rules=rules("merge,person,Marchand,Sophie Marchand,agglo-*"),
    )[1]
    assert keys(merged) == ["sophie-marchand"] and merged.people[0].name == "Sophie Marchand"
    elsewhere = resolve(
        doc("a", sophie),
        doc("other", marchand),
        rules=rules("merge,person,Marchand,Sophie Marchand,agglo-*"),
    )[1]
    assert keys(elsewhere) == ["marchand"], "the scope limits the merge to matching documents"


def test_merge_by_iri():
    merged = resolve(
        doc("a", person("J. Martin")),
        rules=rules(f"merge,person,{IRI.person('j-martin')},Jean Martin,"),
    )[0]
    assert keys(merged) == ["jean-martin"]


def test_rename():
    (renamed,) = resolve(
        doc("a", person("Julien Lefèvre")),
        rules=rules("rename,person,Julien Lefèvre,Julien Lefebvre,"),
    )
    assert [(p.key, p.name, p.alt_labels) for p in renamed.people] == [
        ("julien-lefebvre", "Julien Lefebvre", ("Julien Lefèvre",))
    ]


def test_canonical_name_of_a_generic_form_per_publisher():
    text = (
        "publisher,document,cvl-*,Région Centre-Val de Loire,\n"
        "canonical,organisation,la région,Région Centre-Val de Loire,"
        "publisher=Région Centre-Val de Loire\n"
    )
    sophie = person("Sophie Marchand", roles=(role("président", "présidente de la région"),))
    generic = org("Région", alt=("la région",))
    (own,) = resolve(doc("cvl-2025", sophie, orgs=(generic,)), rules=rules(text))
    assert [(o.key, o.name) for o in own.organisations] == [
        ("region-centre-val-de-loire", "Région Centre-Val de Loire")
    ]
    assert own.people[0].roles[0].organisation == "region-centre-val-de-loire", (
        "a title naming the generic form gets the canonical organisation"
    )
    (other,) = resolve(doc("ccir-2025", sophie, orgs=(generic,)), rules=rules(text))
    assert [o.key for o in other.organisations] == ["region"], "another publisher's « la région »"
    assert other.people[0].roles[0].organisation is None


def test_publisher_and_same_as_are_added_to_the_document_graph():
    text = (
        "publisher,document,cvl-*,Région Centre-Val de Loire,\n"
        "sameas,person,Claire Moreau,https://www.wikidata.org/entity/Q0000001,\n"
    )
    resolver = Resolver(EntityIndex(), rules(text), IRI)
    same_as = (
        IRI.person("claire-moreau"),
        OWL.sameAs,
        URIRef("https://www.wikidata.org/entity/Q0000001"),
    )
    resolution = resolver.resolve(doc("cvl-1", person("Claire Moreau")))
    assert same_as in resolution.triples
    assert (
        IRI.document("cvl-1"),
        DCTERMS.publisher,
        IRI.organisation("region-centre-val-de-loire"),
    ) in resolution.triples
    elsewhere = resolver.resolve(doc("x", person("Claire Moreau")))
    assert elsewhere.triples == (same_as,), "no publisher for a document no rule names"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("fusion,person,A,B,", "unknown action 'fusion'"),
        ("merge,document,A,B,", "merge applies to person or organisation or policy"),
        ("sameas,person,A,Q42,", "sameas needs an IRI"),
        ("rename,person,A,,", "needs a name and a value"),
        ("merge,person,A,B,,extra", "6 columns"),
    ],
)
def test_a_malformed_line_is_named(line, message):
    with pytest.raises(ConfigError) as error:
        rules("# a comment\n" + line)
    assert "entities.csv:3" in str(error.value) and message in str(error.value)


def test_the_entities_file_is_found_beside_the_corpus(tmp_path):
    assert find_entities_file([CORPUS]) == CORPUS / "entities.csv"
    assert find_entities_file([CORPUS / "agglo-2025-04-02-bus.txt"]) == CORPUS / "entities.csv"
    assert find_entities_file([tmp_path]) is None
    assert (ROOT / "data" / "entities.csv").exists(), "the demo corpus documents the format"
    parse_entities((ROOT / "data" / "entities.csv").read_text(encoding="utf-8"))


# -- the catalogue corpus, built -------------------------------------------------------------------
@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp) -> Store:
    from kgraph.build import build

    out = tmp_path_factory.mktemp("resolve-out")
    result = build([CORPUS], out, visualize=False, validate_output=False)
    assert not result.failures
    return Store(out / "store", read_only=True, create=False)


def select(store: Store, sparql: str) -> list[dict[str, str | None]]:
    return run_query(store, sparql).values()


def test_one_iri_per_person_across_documents(store):
    rows = select(
        store,
        """SELECT DISTINCT ?p ?doc WHERE { ?doc schema:mentions ?p .
                            ?p a schema:Person ; schema:name "Laurent Dupont" }""",
    )
    assert {r["p"] for r in rows} == {str(IRI.person("laurent-dupont"))}
    assert {Path(r["doc"]).name for r in rows} == {
        "cvl-2023-06-12-plan-velo",
        "ccir-2024-02-20-charte-industrie",
    }
    alt = select(store, f"SELECT ?a WHERE {{ <{IRI.person('laurent-dupont')}> skos:altLabel ?a }}")
    assert {r["a"] for r in alt} == {"Dupont"}


def test_namesakes_stay_apart(store):
    rows = select(
        store,
        """SELECT DISTINCT ?name WHERE { ?p a schema:Person ; schema:name ?name .
                            FILTER(STRENDS(?name, "Dupont")) } ORDER BY ?name""",
    )
    assert [r["name"] for r in rows] == ["Dupont", "Laurent Dupont", "Marc Dupont"]


def test_a_role_stated_in_two_documents_is_one_membership_with_two_dates(store):
    rows = select(
        store,
        """SELECT DISTINCT ?m ?date WHERE { ?m org:member/schema:name "Claire Moreau" ;
                            org:memberDuring/time:inside/time:inXSDDate ?date } ORDER BY ?date""",
    )
    assert len({r["m"] for r in rows}) == 1
    assert [r["date"] for r in rows] == ["2023-06-12", "2025-03-10"]


def test_build_conforms_with_shared_entities(tmp_path, nlp):
    """Entities shared by documents must not break the SHACL shapes (one name, one source per
    annotation target …)."""
    from kgraph.build import build

    result = build([CORPUS], tmp_path / "out", visualize=False)
    assert result.conforms, f"{result.violations} violation(s)"
