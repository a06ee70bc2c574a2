"""Typed records passed between stages: text -> spaCy Doc -> these records -> RDF.

Offsets are Python ``str`` indices into the decoded source text, before any normalisation, so that
``text[start:end]`` is exactly the words of the mention or quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """A decoded source document and the metadata read from its header."""

    key: str  # stable slug of the file stem, used to mint the document IRI
    path: str
    text: str
    title: str | None = None
    date: str | None = None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    language: str = "fr"
    is_press_release: bool = False
    encoding: str = "utf-8"
    sha256: str = ""


@dataclass(frozen=True)
class Role:
    """A title a person holds, as written ("président de la région")."""

    title: str
    head: str  # the role noun in its dictionary (masculine) form: "président"
    start: int
    end: int
    organisation: str | None = None  # key of an Organisation record
    former: bool = False
    rule: str = ""


@dataclass(frozen=True)
class Person:
    key: str  # stable slug of the normalised full name
    name: str
    mentions: tuple[Mention, ...]
    alt_labels: tuple[str, ...] = ()
    gender: str | None = None  # "f" / "m" only where the text's grammar says it
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    mentions: tuple[Mention, ...]
    alt_labels: tuple[str, ...] = ()
    kind: str | None = None  # "territory", "company", … from organisation_heads.tsv


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None = None  # key of a Person or Organisation record
    speaker_kind: str | None = None  # "person" | "organisation"
    cue: str | None = None
    cue_start: int | None = None
    capacity: Role | None = None  # the role in which the speaker spoke
    about: tuple[str, ...] = ()  # policy keys the quote is about
    rule: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class PolicyTie:
    agent: str  # key of a Person or Organisation
    agent_kind: str  # "person" | "organisation"
    tie: str  # "initiated", "supported", "implemented", "committedTo", "criticised"
    start: int  # offsets of the words that state the tie
    end: int
    rule: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class Policy:
    key: str
    name: str
    kind: str
    mentions: tuple[Mention, ...]
    alt_labels: tuple[str, ...] = ()
    ties: tuple[PolicyTie, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """Everything kgraph extracted from one document."""

    document: Document
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    policies: tuple[Policy, ...] = ()
    warnings: tuple[str, ...] = field(default=())
