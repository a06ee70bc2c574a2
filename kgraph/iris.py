"""Minting instance IRIs: stable slugs under one configurable base, never counters or random ids."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from .namespace import DEFAULT_BASE
from .slugs import short_hash, slugify


@dataclass(frozen=True)
class IriMinter:
    base: str = DEFAULT_BASE

    def document(self, key: str) -> URIRef:
        return URIRef(f"{self.base}doc/{key}")

    def graph(self, key: str) -> URIRef:
        """The named graph holding one document's facts."""
        return URIRef(f"{self.base}graph/{key}")

    def run(self, doc_key: str, fingerprint: str) -> URIRef:
        return URIRef(f"{self.base}run/{doc_key}-{short_hash(fingerprint)}")

    def person(self, key: str) -> URIRef:
        return URIRef(f"{self.base}person/{key}")

    def organisation(self, key: str) -> URIRef:
        return URIRef(f"{self.base}org/{key}")

    def policy(self, key: str) -> URIRef:
        return URIRef(f"{self.base}policy/{key}")

    def agent(self, kind: str, key: str) -> URIRef:
        return self.person(key) if kind == "person" else self.organisation(key)

    def role(self, head: str) -> URIRef:
        return URIRef(f"{self.base}role/{slugify(head)}")

    def membership(self, person_key: str, title: str) -> URIRef:
        return URIRef(f"{self.base}membership/{person_key}--{slugify(title)}")

    def quote(self, doc_key: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.base}doc/{doc_key}/quote/{start}-{end}")

    def tie(self, doc_key: str, policy_key: str, agent_key: str, tie: str) -> URIRef:
        return URIRef(f"{self.base}doc/{doc_key}/tie/{policy_key}--{agent_key}--{slugify(tie)}")

    def annotation(self, fact: URIRef, doc_key: str) -> URIRef:
        return URIRef(f"{fact}#annotation-{doc_key}")

    def interval(self, membership: URIRef, doc_key: str) -> URIRef:
        return URIRef(f"{membership}/during/{doc_key}")
