"""The document-level registry of entities that the extraction components fill in turn.

One :class:`DocEntities` lives on ``doc._.kg``.  Components add mentions and facts to it; nothing
here knows about rules.  It is converted to frozen records (``kgraph.types``) at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..slugs import fold, slugify


@dataclass
class EntityMention:
    start: int  # character offsets into doc.text
    end: int
    start_token: int
    end_token: int  # exclusive
    text: str
    generic: bool = False  # "la région": a short form, not a name


@dataclass
class RoleMention:
    title: str
    head: str
    start: int
    end: int
    start_token: int
    end_token: int
    gender: str | None = None
    former: bool = False
    organisation: str | None = None
    rule: str = ""


@dataclass
class PersonEntity:
    key: str
    name: str
    mentions: list[EntityMention] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    gender: str | None = None
    gender_from_name: bool = False  # a guess from the first name, overridden by grammar
    roles: list[RoleMention] = field(default_factory=list)

    @property
    def name_words(self) -> list[str]:
        return self.name.split()


@dataclass
class OrgEntity:
    key: str
    name: str
    kind: str | None = None
    mentions: list[EntityMention] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)  # generic head nouns it answers to ("agence")
    acronym: str | None = None


@dataclass
class PolicyTieMention:
    agent_kind: str
    agent: str
    tie: str
    start: int
    end: int
    rule: str
    confidence: float = 1.0


@dataclass
class PolicyEntity:
    key: str
    name: str
    kind: str
    mentions: list[EntityMention] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    ties: list[PolicyTieMention] = field(default_factory=list)


@dataclass
class QuoteMention:
    start: int  # exact character offsets of the words, without marks
    end: int
    start_token: int
    end_token: int
    open_at: int  # the opening mark (or where the quote was taken to start)
    close_at: int
    rule: str = "marks"
    recovered: str | None = None
    speaker: tuple[str, str] | None = None  # ("person" | "organisation", key)
    cue: str | None = None
    cue_start: int | None = None
    attribution: str = ""  # the attribution rule that chose the speaker
    confidence: float = 1.0
    incise: tuple[int, int] | None = None  # token range of an incise that split this quote
    about: list[str] = field(default_factory=list)
    pronoun: str | None = None
    text: str = ""


@dataclass
class DocEntities:
    people: dict[str, PersonEntity] = field(default_factory=dict)
    organisations: dict[str, OrgEntity] = field(default_factory=dict)
    policies: dict[str, PolicyEntity] = field(default_factory=dict)
    unattached_roles: list[RoleMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    unnamed_subjects: list[tuple[int, str]] = field(default_factory=list)  # (char, "unnamed:f")
    # token index -> ("person" | "organisation" | "policy", key)
    token_owner: dict[int, tuple[str, str]] = field(default_factory=dict)

    def owner(self, token_index: int) -> tuple[str, str] | None:
        return self.token_owner.get(token_index)

    def claim(self, kind: str, key: str, mention: EntityMention) -> None:
        for i in range(mention.start_token, mention.end_token):
            self.token_owner[i] = (kind, key)

    def add_person_mention(self, name: str, mention: EntityMention) -> PersonEntity:
        key = slugify(name)
        person = self.people.get(key)
        if person is None:
            person = self.people[key] = PersonEntity(key=key, name=name)
        person.mentions.append(mention)
        if mention.text not in person.forms:
            person.forms.append(mention.text)
        self.claim("person", key, mention)
        return person

    def add_org_mention(
        self, name: str, mention: EntityMention, *, kind: str | None = None
    ) -> OrgEntity:
        key = self.find_org_key(name) or slugify(name)
        org = self.organisations.get(key)
        if org is None:
            org = self.organisations[key] = OrgEntity(key=key, name=name, kind=kind)
        if kind and not org.kind:
            org.kind = kind
        if not any(m.start == mention.start and m.end == mention.end for m in org.mentions):
            org.mentions.append(mention)
        if mention.text not in org.forms:
            org.forms.append(mention.text)
        self.claim("organisation", key, mention)
        return org

    def find_org_key(self, name: str) -> str | None:
        """An existing organisation whose name, acronym or form is ``name`` (accents/case
        folded)."""
        folded = fold(name)
        for org in self.organisations.values():
            if fold(org.name) == folded or (org.acronym and org.acronym == name):
                return org.key
            if any(fold(f) == folded for f in org.forms):
                return org.key
        return None

    def person_at(self, token_index: int) -> PersonEntity | None:
        owner = self.token_owner.get(token_index)
        if owner and owner[0] == "person":
            return self.people[owner[1]]
        return None

    def mentions_in_order(self, kind: str = "person") -> list[tuple[EntityMention, str]]:
        table = {"person": self.people, "organisation": self.organisations}[kind]
        out = [(m, key) for key, ent in table.items() for m in ent.mentions]
        return sorted(out, key=lambda pair: pair[0].start)


def get_entities(doc: Doc) -> DocEntities:
    """The registry on ``doc._.kg``, created on first use."""
    if doc._.kg is None:
        doc._.kg = DocEntities()
    return doc._.kg


def register_extensions() -> None:
    """Declare the Doc/Span attributes the components write (idempotent)."""
    from spacy.tokens import Span

    if not Doc.has_extension("kg"):
        Doc.set_extension("kg", default=None)
    for name in ("speaker", "speaker_kind", "cue", "cue_start", "rule", "capacity", "about"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Span.has_extension("confidence"):
        Span.set_extension("confidence", default=1.0)
