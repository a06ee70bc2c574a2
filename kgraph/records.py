"""A processed spaCy ``Doc`` -> frozen :class:`kgraph.types.Extraction` records.

This is the one place that reads the components' working state (``doc._.kg``); later stages (RDF,
reports) see only the typed records.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .extract.attribution import speaking_capacity
from .extract.entities import DocEntities, RoleMention
from .types import (
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


def _role(r: RoleMention) -> Role:
    return Role(
        title=r.title,
        head=r.head,
        start=r.start,
        end=r.end,
        organisation=r.organisation,
        former=r.former,
        rule=r.rule,
    )


def _mentions(items) -> tuple[Mention, ...]:
    seen = {}
    for m in items:
        seen.setdefault((m.start, m.end), Mention(m.start, m.end, m.text))
    return tuple(sorted(seen.values(), key=lambda m: m.start))


def to_extraction(document: Document, doc: Doc) -> Extraction:
    ents: DocEntities = doc._.kg
    people = tuple(
        Person(
            key=p.key,
            name=p.name,
            mentions=_mentions(p.mentions),
            alt_labels=tuple(
                f for f in dict.fromkeys(" ".join(f.split()) for f in p.forms) if f != p.name
            ),
            gender=p.gender,
            roles=tuple(_role(r) for r in p.roles),
        )
        for p in sorted(
            ents.people.values(), key=lambda p: min((m.start for m in p.mentions), default=0)
        )
    )
    organisations = tuple(
        Organisation(
            key=o.key,
            name=o.name,
            mentions=_mentions(o.mentions),
            alt_labels=tuple(
                f for f in dict.fromkeys(" ".join(f.split()) for f in o.forms) if f != o.name
            ),
            kind=o.kind,
        )
        for o in sorted(
            ents.organisations.values(), key=lambda o: min((m.start for m in o.mentions), default=0)
        )
    )
    policies = tuple(
        Policy(
            key=p.key,
            name=p.name,
            kind=p.kind,
            mentions=_mentions(p.mentions),
            alt_labels=tuple(
                f for f in dict.fromkeys(" ".join(f.split()) for f in p.forms) if f != p.name
            ),
            ties=tuple(
                PolicyTie(t.agent, t.agent_kind, t.tie, t.start, t.end, t.rule, t.confidence)
                for t in p.ties
            ),
        )
        for p in sorted(
            ents.policies.values(), key=lambda p: min((m.start for m in p.mentions), default=0)
        )
    )
    quotes = []
    for q in ents.quotes:
        capacity = speaking_capacity(doc, ents, q)
        about = tuple(
            dict.fromkeys(
                key
                for key, p in ents.policies.items()
                for m in p.mentions
                if q.start <= m.start < q.end
            )
        )
        quotes.append(
            Quote(
                text=document.text[q.start : q.end],
                start=q.start,
                end=q.end,
                speaker=q.speaker[1] if q.speaker else None,
                speaker_kind=q.speaker[0] if q.speaker else None,
                cue=q.cue,
                cue_start=q.cue_start,
                capacity=_role(capacity) if capacity else None,
                about=about,
                rule=f"{q.rule}/{q.attribution or 'unattributed'}",
                confidence=q.confidence * (0.7 if q.recovered else 1.0),
            )
        )
    return Extraction(
        document=document,
        people=people,
        organisations=organisations,
        quotes=tuple(quotes),
        policies=policies,
    )
