"""Mentions -> entities across documents: one IRI per person, organisation and policy in the corpus.

Extraction groups the forms of a name inside one document ("Laurent Dupont", "M. Dupont"); this step
maps a document's entity keys onto the entities already known (in the store, or earlier in the same
build), before the document's RDF is made.  The rule is deterministic and conservative, because a
false merge silently mixes two people's words while a missed one is visible and fixable in the
entities file:

* A **full name** is its own key: the same folded full name is the same person in every document;
  "Marc Dupont" and "Laurent Dupont" stay two people.
* A **surname alone** ("Dupont", "M. Dupont", "le président Dupont") joins a known person whose full
  name ends with it only if something says they are one: the document gives the person a role with
  the same role noun (``président``) as one the known person holds, with no conflicting
  organisation, and no conflicting grammatical gender; and exactly one known person qualifies.
  Otherwise it stays a node of its own.
* An **organisation or policy** keeps its key; a name met before as another entity's alternative
  label (a specific one, not a generic "la région") joins that entity.
* The **entities file** (``kgraph.entities_file``) comes first: merges, renames and canonical
  names of generic forms, per publisher; ``sameas`` links are added to the graph.

A resolved entity is written with the name it already has in the store, so one IRI never carries two
``schema:name``; the forms met in this document become ``skos:altLabel``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SDO

from .entities_file import EntitiesFile, EntityRule, name_key
from .iris import IriMinter
from .namespace import ORG
from .slugs import fold, slugify
from .types import Extraction, Organisation, Person, Policy, Role


@dataclass
class KnownPerson:
    key: str
    name: str
    gender: str | None = None
    roles: set[tuple[str, str | None]] = field(default_factory=set)  # (role noun, organisation key)


@dataclass
class EntityIndex:
    """The entities known so far: names, genders, roles, alternative labels, by key."""

    people: dict[str, KnownPerson] = field(default_factory=dict)
    org_names: dict[str, str] = field(default_factory=dict)
    org_labels: dict[str, set[str]] = field(default_factory=dict)  # name_key(label) -> org keys
    policy_names: dict[str, str] = field(default_factory=dict)
    policy_labels: dict[str, set[str]] = field(default_factory=dict)
    # last word of a full name -> keys: a surname is compared with its namesakes only, not everyone
    surnames: dict[str, set[str]] = field(default_factory=dict)

    def known_person(self, key: str, name: str) -> KnownPerson:
        """The person under ``key``, registered on first sight."""
        if key not in self.people:
            self.people[key] = KnownPerson(key, name)
            words = _words(name)
            if len(words) > 1:
                self.surnames.setdefault(words[-1], set()).add(key)
        return self.people[key]

    @classmethod
    def from_store(cls, store, minter: IriMinter) -> EntityIndex:
        """Read what the store knows (the union of its documents' graphs)."""
        from .query import run_query

        index = cls()
        person_base, org_base, policy_base = (
            str(minter.person("")),
            str(minter.organisation("")),
            str(minter.policy("")),
        )

        def key(iri: str, base: str) -> str | None:
            return iri[len(base) :] if iri.startswith(base) else None

        for row in run_query(
            store,
            """SELECT ?p ?name ?gender WHERE { ?p a schema:Person ;
                schema:name ?name . OPTIONAL { ?p kg:gender ?gender } }""",
        ).values():
            k = key(row["p"], person_base)
            if k:
                person = index.known_person(k, row["name"])
                person.gender = person.gender or row["gender"]
        for row in run_query(
            store,
            """SELECT ?p ?head ?org WHERE { ?m a org:Membership ;
                org:member ?p ; org:role/rdfs:label ?head . OPTIONAL { ?m org:organization ?org } }
                """,
        ).values():
            k = key(row["p"], person_base)
            if k in index.people:
                index.people[k].roles.add((fold(row["head"]), key(row["org"] or "", org_base)))
        for cls_, base, names, labels in (
            ("org:Organization", org_base, index.org_names, index.org_labels),
            ("kg:Policy", policy_base, index.policy_names, index.policy_labels),
        ):
            for row in run_query(
                store,
                f"""SELECT ?e ?name ?alt WHERE {{ ?e a {cls_} ; schema:name ?name .
                    OPTIONAL {{ ?e skos:altLabel ?alt }} }}""",
            ).values():
                k = key(row["e"], base)
                if k:
                    names.setdefault(k, row["name"])
                    for label in (row["name"], row["alt"]):
                        if label and is_specific(label):
                            labels.setdefault(name_key(label), set()).add(k)
        return index

    def add(self, extraction: Extraction) -> None:
        """Register a resolved document's entities, so later documents of a build can join them."""
        for p in extraction.people:
            person = self.known_person(p.key, p.name)
            person.gender = person.gender or p.gender
            person.roles.update((fold(r.head), r.organisation) for r in p.roles)
        for entities, names, labels in (
            (extraction.organisations, self.org_names, self.org_labels),
            (extraction.policies, self.policy_names, self.policy_labels),
        ):
            for e in entities:
                names.setdefault(e.key, e.name)
                for label in (e.name, *e.alt_labels):
                    if is_specific(label):
                        labels.setdefault(name_key(label), set()).add(e.key)


def _words(name: str) -> list[str]:
    return fold(name).replace("-", " ").split()


def is_specific(label: str) -> bool:
    """A name that designates one entity ("Agglopolys"), not a generic form ("la région"): it has
    a capital or a digit once a leading article is dropped."""
    words = label.split(maxsplit=1)
    if words and words[0].lower() in ("la", "le", "les"):
        label = words[1] if len(words) > 1 else ""
    elif label[:2].lower() in ("l'", "l’"):
        label = label[2:]
    return any(c.isupper() or c.isdigit() for c in label)


@dataclass(frozen=True)
class Resolution:
    """A document's extraction with corpus-wide keys, and the triples the entities file adds."""

    extraction: Extraction
    triples: tuple[tuple[URIRef, URIRef, object], ...] = ()


class Resolver:
    def __init__(
        self,
        index: EntityIndex | None = None,
        rules: EntitiesFile | None = None,
        minter: IriMinter | None = None,
    ):
        self.index = index or EntityIndex()
        self.rules = rules or EntitiesFile()
        self.iri = minter or IriMinter()

    def resolve(self, x: Extraction) -> Resolution:
        doc_key = x.document.key
        publisher = self.rules.publisher_of(doc_key)
        orgs, org_map = self._organisations(x, doc_key, publisher)
        people, person_map = self._people(x, doc_key, publisher, org_map)
        policies, policy_map = self._policies(x, doc_key, publisher, person_map, org_map)

        def agent(kind: str | None, key: str | None) -> str | None:
            if key is None:
                return None
            return (person_map if kind == "person" else org_map).get(key, key)

        quotes = tuple(
            replace(
                q,
                speaker=agent(q.speaker_kind, q.speaker),
                capacity=_remap_role(q.capacity, org_map) if q.capacity else None,
                about=tuple(dict.fromkeys(policy_map.get(k, k) for k in q.about)),
            )
            for q in x.quotes
        )
        people, orgs = _with_canonical_orgs(people, orgs, self.rules, doc_key, publisher)
        resolved = replace(x, people=people, organisations=orgs, quotes=quotes, policies=policies)
        triples = list(self._same_as(resolved, doc_key, publisher))
        if publisher:
            org = self.iri.organisation(slugify(publisher))
            triples += [
                (self.iri.document(doc_key), DCTERMS.publisher, org),
                (org, RDF.type, ORG.Organization),
                (org, SDO.name, Literal(publisher)),
            ]
        return Resolution(resolved, tuple(triples))

    # -- each kind -----------------------------------------------------------------------------
    def _edits(self, kind: str, doc_key: str, publisher: str | None) -> list[EntityRule]:
        return self.rules.for_document("merge", kind, doc_key, publisher) + self.rules.for_document(
            "rename", kind, doc_key, publisher
        )

    def _organisations(self, x: Extraction, doc_key: str, publisher: str | None):
        canon = self.rules.for_document("canonical", "organisation", doc_key, publisher)
        edits = self._edits("organisation", doc_key, publisher)
        targets: dict[str, tuple[str, str]] = {}
        for o in x.organisations:
            names = (o.name, *o.alt_labels, str(self.iri.organisation(o.key)))
            rule = next((r for r in [*canon, *edits] if r.matches(*names)), None)
            if rule is not None:
                targets[o.key] = (slugify(rule.value), rule.value)
                continue
            known = self._known(
                o.key, o.name, o.alt_labels, self.index.org_names, self.index.org_labels
            )
            targets[o.key] = known or (o.key, o.name)
        merged = _merge_entities(x.organisations, targets, _merge_org)
        return merged, {k: v[0] for k, v in targets.items()}

    def _policies(self, x: Extraction, doc_key: str, publisher: str | None, person_map, org_map):
        edits = self._edits("policy", doc_key, publisher)
        targets: dict[str, tuple[str, str]] = {}
        for p in x.policies:
            rule = next(
                (r for r in edits if r.matches(p.name, *p.alt_labels, str(self.iri.policy(p.key)))),
                None,
            )
            if rule is not None:
                targets[p.key] = (slugify(rule.value), rule.value)
                continue
            known = self._known(
                p.key, p.name, p.alt_labels, self.index.policy_names, self.index.policy_labels
            )
            targets[p.key] = known or (p.key, p.name)
        ties = {
            p.key: tuple(
                replace(
                    t,
                    agent=(person_map if t.agent_kind == "person" else org_map).get(
                        t.agent, t.agent
                    ),
                )
                for t in p.ties
            )
            for p in x.policies
        }
        policies = tuple(replace(p, ties=ties[p.key]) for p in x.policies)
        return _merge_entities(policies, targets, _merge_policy), {
            k: v[0] for k, v in targets.items()
        }

    def _people(self, x: Extraction, doc_key: str, publisher: str | None, org_map: dict[str, str]):
        edits = self._edits("person", doc_key, publisher)
        targets: dict[str, tuple[str, str]] = {}
        for p in x.people:
            rule = next(
                (r for r in edits if r.matches(p.name, *p.alt_labels, str(self.iri.person(p.key)))),
                None,
            )
            if rule is not None:
                key = slugify(rule.value)
                known = self.index.people.get(key)
                # a merge joins an entity under the name it already has; a rename gives the name
                name = known.name if known and rule.action == "merge" else rule.value
                targets[p.key] = (key, name)
                continue
            targets[p.key] = self._person_target(p, org_map)
        people = tuple(
            replace(p, roles=tuple(_remap_role(r, org_map) for r in p.roles)) for p in x.people
        )
        return _merge_entities(people, targets, _merge_person), {
            k: v[0] for k, v in targets.items()
        }

    def _person_target(self, p: Person, org_map: dict[str, str]) -> tuple[str, str]:
        known = self.index.people.get(p.key)
        words = name_key(p.name).replace("-", " ").split()
        if len(words) != 1:
            return (known.key, known.name) if known else (p.key, p.name)
        roles = {
            (fold(r.head), org_map.get(r.organisation, r.organisation) if r.organisation else None)
            for r in p.roles
        }
        candidates = []
        for key in sorted(self.index.surnames.get(words[0], ())):
            person = self.index.people[key]
            if p.gender and person.gender and p.gender != person.gender:
                continue
            if any(_same_role(mine, theirs) for mine in roles for theirs in person.roles):
                candidates.append(person)
        if len(candidates) == 1:
            return candidates[0].key, candidates[0].name
        return (known.key, known.name) if known else (p.key, p.name)

    @staticmethod
    def _known(
        key: str,
        name: str,
        alt_labels: Iterable[str],
        names: dict[str, str],
        labels: dict[str, set[str]],
    ) -> tuple[str, str] | None:
        if key in names:
            return key, names[key]
        for label in (name, *alt_labels):
            if not is_specific(label):
                continue
            found = labels.get(name_key(label), set())
            if len(found) == 1:
                other = next(iter(found))
                return other, names.get(other, name)
        return None

    def _same_as(self, x: Extraction, doc_key: str, publisher: str | None):
        for kind, entities, mint in (
            ("person", x.people, self.iri.person),
            ("organisation", x.organisations, self.iri.organisation),
            ("policy", x.policies, self.iri.policy),
        ):
            for rule in self.rules.for_document("sameas", kind, doc_key, publisher):
                for e in entities:
                    if rule.matches(e.name, *e.alt_labels, str(mint(e.key))):
                        yield mint(e.key), OWL.sameAs, URIRef(rule.value)


def _same_role(mine: tuple[str, str | None], theirs: tuple[str, str | None]) -> bool:
    """Same role noun, and not two different organisations."""
    return mine[0] == theirs[0] and (mine[1] is None or theirs[1] is None or mine[1] == theirs[1])


def _remap_role(role: Role, org_map: dict[str, str]) -> Role:
    if role.organisation and role.organisation in org_map:
        return replace(role, organisation=org_map[role.organisation])
    return role


def _alt_labels(name: str, *groups: Iterable[str]) -> tuple[str, ...]:
    labels = dict.fromkeys(label for group in groups for label in group)
    return tuple(label for label in labels if label != name)


def _merge_entities(entities, targets: dict[str, tuple[str, str]], merge):
    """Give each entity its target key and name; entities that land on one key become one."""
    out: dict[str, object] = {}
    for e in entities:
        key, name = targets[e.key]
        moved = replace(e, key=key, name=name, alt_labels=_alt_labels(name, [e.name], e.alt_labels))
        out[key] = merge(out[key], moved) if key in out else moved
    return tuple(out.values())


def _merge_person(a: Person, b: Person) -> Person:
    return replace(
        a,
        mentions=tuple(sorted({*a.mentions, *b.mentions}, key=lambda m: m.start)),
        alt_labels=_alt_labels(a.name, a.alt_labels, b.alt_labels),
        gender=a.gender or b.gender,
        roles=tuple(dict.fromkeys((*a.roles, *b.roles))),
    )


def _merge_org(a: Organisation, b: Organisation) -> Organisation:
    return replace(
        a,
        mentions=tuple(sorted({*a.mentions, *b.mentions}, key=lambda m: m.start)),
        alt_labels=_alt_labels(a.name, a.alt_labels, b.alt_labels),
        kind=a.kind or b.kind,
    )


def _merge_policy(a: Policy, b: Policy) -> Policy:
    return replace(
        a,
        mentions=tuple(sorted({*a.mentions, *b.mentions}, key=lambda m: m.start)),
        alt_labels=_alt_labels(a.name, a.alt_labels, b.alt_labels),
        ties=tuple(dict.fromkeys((*a.ties, *b.ties))),
    )


def _with_canonical_orgs(
    people: tuple[Person, ...],
    orgs: tuple[Organisation, ...],
    rules: EntitiesFile,
    doc_key: str,
    publisher: str | None,
):
    """A role written with a generic form and no organisation ("présidente de la région") gets the
    organisation a ``canonical`` rule names for this document's publisher."""
    canon = rules.for_document("canonical", "organisation", doc_key, publisher)
    if not canon:
        return people, orgs
    by_key = {o.key: o for o in orgs}
    out = []
    for person in people:
        roles = []
        for role in person.roles:
            rule = (
                None
                if role.organisation
                else next((r for r in canon if _title_names(role.title, r.name)), None)
            )
            if rule is not None:
                key = slugify(rule.value)
                known = by_key.get(key)
                labels = _alt_labels(rule.value, known.alt_labels if known else (), [rule.name])
                by_key[key] = Organisation(
                    key,
                    rule.value,
                    known.mentions if known else (),
                    labels,
                    known.kind if known else None,
                )
                role = replace(role, organisation=key)
            roles.append(role)
        out.append(replace(person, roles=tuple(roles)))
    return tuple(out), tuple(by_key.values())


def _title_names(title: str, form: str) -> bool:
    """Does a title end with the generic form ("présidente de la Région" ends with "la région")?"""
    folded, wanted = fold(title), name_key(form)
    return folded.endswith(" " + wanted) or folded.endswith("'" + wanted)


def resolve_all(extractions: list[Extraction], resolver: Resolver) -> list[Resolution]:
    """Resolve a batch so that the result does not depend on the order of its documents: every
    full name of the batch is known before any surname alone is matched."""
    for x in extractions:
        first = resolver.resolve(x)
        resolver.index.add(
            replace(
                first.extraction,
                people=tuple(
                    p for p in first.extraction.people if len(name_key(p.name).split()) > 1
                ),
            )
        )
    out = []
    for x in extractions:
        resolution = resolver.resolve(x)
        resolver.index.add(resolution.extraction)
        out.append(resolution)
    return out
