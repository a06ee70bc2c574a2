"""Extraction records -> RDF, following the model in RDF-MODEL.md (a contract with researchers).

Each document's facts go into one named graph (``IriMinter.graph``), so that re-extracting a
document replaces exactly its facts.  Every quote, membership and policy tie gets a Web Annotation
whose target points at the exact characters it came from (``oa:TextPositionSelector`` and
``oa:TextQuoteSelector``), and is ``prov:wasGeneratedBy`` the ``kg:ExtractionRun`` that made it.
All IRIs are derived from names and document keys (``kgraph.iris``), so the same input gives the
same graph on every run; only the run's timestamp changes, and tests pin it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from . import __version__
from .iris import IriMinter
from .namespace import KG, OA, ORG, bind_prefixes
from .types import Document, Extraction, Role

CONTEXT_CHARS = 32  # length of oa:prefix / oa:suffix


@dataclass(frozen=True)
class RunInfo:
    """What the kg:ExtractionRun records: kgraph's version, the spaCy model and when it ran."""

    model_name: str
    model_version: str
    spacy_version: str
    started_at: datetime
    kgraph_version: str = __version__

    @classmethod
    def now(cls, model_name: str, model_version: str, spacy_version: str) -> RunInfo:
        return cls(
            model_name,
            model_version,
            spacy_version,
            datetime.now(timezone.utc).replace(microsecond=0),
        )


def _date_literal(date: str) -> Literal:
    if "T" in date:
        return Literal(f"{date}:00" if len(date) == 16 else date, datatype=XSD.dateTime)
    return Literal(date, datatype=XSD.date)


class GraphBuilder:
    """Writes one document's facts into its named graph of a Dataset."""

    def __init__(self, extraction: Extraction, run: RunInfo, minter: IriMinter | None = None):
        self.x = extraction
        self.run_info = run
        self.iri = minter or IriMinter()
        self.doc: Document = extraction.document
        self.doc_iri = self.iri.document(self.doc.key)
        self.run = self.iri.run(
            self.doc.key, f"{run.kgraph_version}|{run.model_name}|{run.model_version}"
        )
        self.people = {p.key: p for p in extraction.people}
        self.orgs = {o.key: o for o in extraction.organisations}

    def build(self, dataset: Dataset | None = None) -> Dataset:
        dataset = dataset if dataset is not None else Dataset()
        bind_prefixes(dataset)
        self.g = dataset.graph(self.iri.graph(self.doc.key))
        self._document()
        self._run()
        for person in self.x.people:
            self._person(person)
        for org in self.x.organisations:
            self._organisation(org)
        for person in self.x.people:
            for role in person.roles:
                self._membership(person.key, role)
        for policy in self.x.policies:
            self._policy(policy)
        for quote in self.x.quotes:
            self._quote(quote)
        return dataset

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    # -- document and run ----------------------------------------------------------------------
    def _document(self) -> None:
        d, doc = self.doc_iri, self.doc
        self.add(d, RDF.type, SDO.NewsArticle)
        if doc.is_press_release:
            self.add(d, RDF.type, KG.PressRelease)
        if doc.title:
            self.add(d, DCTERMS.title, Literal(doc.title, lang="fr"))
        if doc.date:
            self.add(d, DCTERMS.issued, _date_literal(doc.date))
        self.add(d, DCTERMS.language, Literal(doc.language))
        self.add(d, DCTERMS.source, Literal(doc.path.rsplit("/", 1)[-1]))
        self.add(d, DCTERMS.identifier, Literal(doc.key))
        # the text the offsets index, so a fact can be shown in its sentence after the file moved
        # or changed (``kgraph explain``); schema:articleBody is schema.org's body of an Article
        self.add(d, SDO.articleBody, Literal(doc.text))

    def _run(self) -> None:
        r, info = self.run, self.run_info
        self.add(r, RDF.type, KG.ExtractionRun)
        self.add(r, RDF.type, PROV.Activity)
        self.add(r, PROV.used, self.doc_iri)
        self.add(r, KG.kgraphVersion, Literal(info.kgraph_version))
        self.add(r, KG.modelName, Literal(info.model_name))
        self.add(r, KG.modelVersion, Literal(info.model_version))
        self.add(r, PROV.startedAtTime, Literal(info.started_at.isoformat(), datatype=XSD.dateTime))
        self.add(
            r,
            RDFS.label,
            Literal(
                f"kgraph {info.kgraph_version} with {info.model_name} "
                f"{info.model_version} (spaCy {info.spacy_version})"
            ),
        )

    # -- entities ------------------------------------------------------------------------------
    def _person(self, person) -> None:
        p = self.iri.person(person.key)
        self.add(p, RDF.type, SDO.Person)
        self.add(p, SDO.name, Literal(person.name))
        for label in person.alt_labels:
            self.add(p, SKOS.altLabel, Literal(label))
        if person.gender:
            self.add(p, KG.gender, Literal(person.gender))
        self.add(self.doc_iri, SDO.mentions, p)

    def _organisation(self, org) -> None:
        o = self.iri.organisation(org.key)
        self.add(o, RDF.type, ORG.Organization)
        self.add(o, SDO.name, Literal(org.name))
        for label in org.alt_labels:
            self.add(o, SKOS.altLabel, Literal(label))
        self.add(self.doc_iri, SDO.mentions, o)

    def _membership(self, person_key: str, role: Role) -> URIRef:
        m = self.iri.membership(person_key, role.title)
        person = self.iri.person(person_key)
        role_iri = self.iri.role(role.head)
        self.add(m, RDF.type, ORG.Membership)
        self.add(m, ORG.member, person)
        self.add(m, ORG.role, role_iri)
        self.add(role_iri, RDF.type, ORG.Role)
        self.add(role_iri, RDFS.label, Literal(role.head, lang="fr"))
        self.add(m, KG.title, Literal(role.title, lang="fr"))
        if role.organisation and role.organisation in self.orgs:
            org = self.iri.organisation(role.organisation)
            self.add(m, ORG.organization, org)
            self.add(person, ORG.memberOf, org)
        if role.former:
            self.add(m, KG.former, Literal(True))
        self.add(m, PROV.wasDerivedFrom, self.doc_iri)
        self.add(m, PROV.wasGeneratedBy, self.run)
        if self.doc.date:
            interval = self.iri.interval(m, self.doc.key)
            instant = URIRef(f"{interval}#instant")
            self.add(m, ORG.memberDuring, interval)
            self.add(interval, RDF.type, TIME.Interval)
            self.add(interval, TIME.inside, instant)
            self.add(instant, RDF.type, TIME.Instant)
            # the day is what dates a role; a time without a zone is not an xsd:dateTimeStamp
            self.add(instant, TIME.inXSDDate, Literal(self.doc.date[:10], datatype=XSD.date))
        self._annotate(m, role.start, role.end, role.rule or "role", 1.0)
        return m

    def _policy(self, policy) -> None:
        p = self.iri.policy(policy.key)
        self.add(p, RDF.type, KG.Policy)
        self.add(p, SDO.name, Literal(policy.name))
        self.add(p, SKOS.prefLabel, Literal(policy.name, lang="fr"))
        self.add(p, KG.policyKind, Literal(policy.kind))
        for label in policy.alt_labels:
            self.add(p, SKOS.altLabel, Literal(label))
        self.add(self.doc_iri, SDO.mentions, p)
        for tie in policy.ties:
            agent = self.iri.agent(tie.agent_kind, tie.agent)
            prop = KG[tie.tie]
            self.add(agent, prop, p)
            t = self.iri.tie(self.doc.key, policy.key, tie.agent, tie.tie)
            self.add(t, RDF.type, KG.PolicyTie)
            self.add(t, KG.agent, agent)
            self.add(t, KG.policy, p)
            self.add(t, KG.tie, prop)
            self.add(t, PROV.wasDerivedFrom, self.doc_iri)
            self.add(t, PROV.wasGeneratedBy, self.run)
            self._annotate(t, tie.start, tie.end, tie.rule, tie.confidence)

    def _quote(self, quote) -> None:
        q = self.iri.quote(self.doc.key, quote.start, quote.end)
        self.add(q, RDF.type, SDO.Quotation)
        self.add(q, SDO.text, Literal(quote.text, lang="fr"))
        self.add(q, SDO.isPartOf, self.doc_iri)
        if quote.speaker:
            self.add(q, SDO.spokenByCharacter, self.iri.agent(quote.speaker_kind, quote.speaker))
        if quote.cue:
            self.add(q, KG.cue, Literal(quote.cue, lang="fr"))
        if quote.capacity is not None and quote.speaker_kind == "person":
            self.add(
                q, KG.speakerCapacity, self.iri.membership(quote.speaker, quote.capacity.title)
            )
        for policy_key in quote.about:
            self.add(q, SDO.about, self.iri.policy(policy_key))
        self.add(q, PROV.wasGeneratedBy, self.run)
        self._annotate(q, quote.start, quote.end, quote.rule, quote.confidence)

    # -- provenance ----------------------------------------------------------------------------
    def _annotate(self, fact: URIRef, start: int, end: int, rule: str, confidence: float) -> None:
        """One annotation per fact and document: a membership stated in several documents has one
        annotation (and selectors) per document, so merged graphs never mix their offsets."""
        text = self.doc.text
        a = self.iri.annotation(fact, self.doc.key)
        target = URIRef(f"{a}-target")
        position = URIRef(f"{a}-position")
        exact = URIRef(f"{a}-quote-selector")
        self.add(a, RDF.type, OA.Annotation)
        self.add(a, OA.hasBody, fact)
        self.add(a, OA.hasTarget, target)
        self.add(a, OA.motivatedBy, OA.identifying)
        self.add(a, PROV.wasGeneratedBy, self.run)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.doc_iri)
        self.add(target, OA.hasSelector, position)
        self.add(target, OA.hasSelector, exact)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(start, datatype=XSD.integer))
        self.add(position, OA.end, Literal(end, datatype=XSD.integer))
        self.add(exact, RDF.type, OA.TextQuoteSelector)
        self.add(exact, OA.exact, Literal(text[start:end]))
        self.add(exact, OA.prefix, Literal(text[max(0, start - CONTEXT_CHARS) : start]))
        self.add(exact, OA.suffix, Literal(text[end : end + CONTEXT_CHARS]))
        if rule:
            self.add(fact, KG.rule, Literal(rule))
        if confidence < 1.0:
            self.add(
                fact,
                KG.confidence,
                Literal(Decimal(str(round(confidence, 3))), datatype=XSD.decimal),
            )


def extraction_to_dataset(
    extraction: Extraction,
    run: RunInfo,
    *,
    minter: IriMinter | None = None,
    dataset: Dataset | None = None,
) -> Dataset:
    """The named graph of one document, in a (new or given) Dataset."""
    return GraphBuilder(extraction, run, minter).build(dataset)


def document_graph(
    extraction: Extraction, run: RunInfo, *, minter: IriMinter | None = None
) -> Graph:
    """The document's facts as a plain Graph (its named graph's content)."""
    minter = minter or IriMinter()
    ds = extraction_to_dataset(extraction, run, minter=minter)
    g = Graph()
    bind_prefixes(g)
    for triple in ds.graph(minter.graph(extraction.document.key)):
        g.add(triple)
    return g
