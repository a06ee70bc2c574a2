"""The vocabulary kgraph publishes, declared once.

``KG`` mirrors ``ontology/kgraph.ttl`` term for term (a test checks that the two agree); ``_fail =
True``
makes a misspelt term an error at import time instead of a silent new IRI.  ``PREFIXES`` is the one
prefix map used for parsing, serialising, querying and display.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

DEFAULT_BASE = "https://w3id.org/kgraph/id/"


class KG(DefinedNamespace):
    """kgraph's own terms, used only where schema.org, ORG, PROV-O, DC or Web Annotation have
    none."""

    _NS = Namespace("https://w3id.org/kgraph/ns#")
    _fail = True

    # classes
    PressRelease: URIRef  # a press release (subclass of schema:NewsArticle)
    Policy: URIRef  # a named plan, programme, scheme, law or fund (subclass of skos:Concept)
    PolicyTie: URIRef  # the qualified form of a tie between an agent and a policy
    ExtractionRun: URIRef  # one run of kgraph over one document (subclass of prov:Activity)

    # properties
    title: URIRef  # the title as written ("président de la région")
    cue: URIRef  # the speech verb as written ("affirme")
    speakerCapacity: URIRef  # the membership in which the speaker spoke
    initiated: URIRef  # agent -> policy: set up under the agent's impetus
    supported: URIRef  # agent -> policy: backed, supported
    implemented: URIRef  # agent -> policy: put in place, runs it
    committedTo: URIRef  # agent -> policy or sector: engagement in it
    criticised: URIRef  # agent -> policy: opposes it
    tiedTo: URIRef  # agent -> policy: any tie (super-property of the above)
    agent: URIRef  # PolicyTie -> the person or organisation
    policy: URIRef  # PolicyTie -> the policy
    tie: URIRef  # PolicyTie -> the property that names the tie (kg:initiated, ...)
    former: URIRef  # true on a membership stated as past ("l'ancien ministre")
    policyKind: URIRef  # the cue noun that names the kind of policy ("plan", "loi", "fonds")
    rule: URIRef  # the extraction rule that produced a fact
    confidence: URIRef  # 0..1, where the rule is less than certain
    gender: URIRef  # "f" / "m", only where the text's grammar says it
    kgraphVersion: URIRef
    modelName: URIRef
    modelVersion: URIRef

    # network analytics (kgraph analyze), only in the <base>analytics/graph named graph
    NetworkProjection: URIRef  # a network drawn from the graph for analysis
    NetworkPosition: URIRef  # where one entity stands in one projection
    Community: URIRef  # a Louvain community of one projection
    AnalyticsRun: URIRef  # one run of kgraph analyze (subclass of prov:Activity)
    projection: URIRef  # position or community -> its projection
    positionOf: URIRef  # position -> the entity
    inCommunity: URIRef  # position -> its community
    degree: URIRef  # number of neighbours
    degreeCentrality: URIRef  # degree / (nodes - 1)
    betweenness: URIRef  # normalised betweenness centrality
    pageRank: URIRef  # PageRank, damping 0.85
    quoteCount: URIRef  # quotes attributed to a person


PREFIXES: dict[str, Namespace] = {
    "schema": Namespace(str(SDO)),
    "org": Namespace("http://www.w3.org/ns/org#"),
    "prov": Namespace(str(PROV)),
    "dct": Namespace(str(DCTERMS)),
    "oa": Namespace("http://www.w3.org/ns/oa#"),
    "skos": Namespace(str(SKOS)),
    "foaf": Namespace(str(FOAF)),
    "time": Namespace(str(TIME)),
    "kg": Namespace(str(KG._NS)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "owl": Namespace(str(OWL)),
}

ORG = PREFIXES["org"]
OA = PREFIXES["oa"]


def sparql_prefixes() -> str:
    """The prefix map as a SPARQL prologue, prepended to every query kgraph runs."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def bind_prefixes(graph) -> None:
    """Bind the one prefix map on an rdflib graph or dataset."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
