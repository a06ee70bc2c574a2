"""The entities file: corrections a researcher makes to the graph, kept beside the corpus.

Extraction cannot know that "Mme Marchand" in one release is the Sophie Marchand of another, that
"la région" in a region's own releases is the Région Centre-Val de Loire, or which Wikidata item a
person is.  A researcher can, and writes it once in ``entities.csv`` in the corpus folder; every
build applies it, so the correction survives re-extraction instead of being patched into the store.

One rule per line, ``#`` lines are comments::

    action,type,name,value,scope
    publisher,document,cvl-*,Région Centre-Val de Loire,
    canonical,organisation,la région,Région Centre-Val de Loire,publisher=Région Centre-Val de Loire
    merge,person,Marchand,Sophie Marchand,agglo-*
    rename,person,Julien Lefèvre,Julien Lefebvre,
    sameas,organisation,Région Centre-Val de Loire,https://www.wikidata.org/entity/Q...,

``scope`` limits a rule to some documents: empty for all, a glob on the document id (``cvl-*``), or
``publisher=NAME`` for the documents a ``publisher`` rule gives to NAME.  Names are compared
accent- and case-folded, without a leading article ("la région" = "Région").
"""

from __future__ import annotations

import csv
import fnmatch
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .slugs import fold

FILE_NAME = "entities.csv"
HEADER = ("action", "type", "name", "value", "scope")
# the entity types each action accepts: a typo in a type must fail, not silently match nothing
ACTIONS: dict[str, tuple[str, ...]] = {
    "publisher": ("document",),  # documents matching the glob NAME are published by VALUE
    "canonical": ("organisation",),  # a generic form NAME stands for the organisation VALUE
    "merge": ("person", "organisation", "policy"),  # NAME is the same entity as VALUE
    "rename": ("person", "organisation", "policy"),  # NAME is really called VALUE
    "sameas": ("person", "organisation", "policy"),  # NAME owl:sameAs the IRI VALUE
}
_ARTICLES = ("la ", "le ", "les ", "l'", "l’")


def name_key(text: str) -> str:
    """The form names are compared in: folded, without a leading article."""
    folded = fold(text)
    for article in _ARTICLES:
        if folded.startswith(article):
            return folded[len(article) :].strip()
    return folded


@dataclass(frozen=True)
class EntityRule:
    action: str
    type: str
    name: str
    value: str
    scope: str = ""
    line: int = 0

    def in_scope(self, doc_key: str, publisher: str | None) -> bool:
        """Does the rule apply to this document?"""
        if not self.scope:
            return True
        if self.scope.startswith("publisher="):
            wanted = self.scope.split("=", 1)[1]
            return publisher is not None and name_key(publisher) == name_key(wanted)
        return fnmatch.fnmatchcase(doc_key, self.scope)

    def matches(self, *names: str) -> bool:
        """Does NAME designate an entity known by any of ``names`` (or by its IRI)?"""
        target = name_key(self.name)
        return any(n and (name_key(n) == target or n == self.name) for n in names)


@dataclass(frozen=True)
class EntitiesFile:
    rules: tuple[EntityRule, ...] = ()
    source: str = ""

    def publisher_of(self, doc_key: str) -> str | None:
        """The publisher the file gives this document (the last matching rule wins)."""
        found = None
        for rule in self.rules:
            if rule.action == "publisher" and fnmatch.fnmatchcase(doc_key, rule.name):
                found = rule.value
        return found

    def for_document(
        self, action: str, type_: str, doc_key: str, publisher: str | None
    ) -> list[EntityRule]:
        return [
            r
            for r in self.rules
            if r.action == action and r.type == type_ and r.in_scope(doc_key, publisher)
        ]


def parse_entities(text: str, source: str = FILE_NAME) -> EntitiesFile:
    """Parse the CSV text; a malformed line raises :class:`ConfigError` naming ``source:line``."""
    rules = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = next(csv.reader([line]))  # one rule per line, so errors can name the line
        cells = [c.strip() for c in row] + [""] * (len(HEADER) - len(row))
        if tuple(c.lower() for c in cells[: len(HEADER)]) == HEADER:
            continue
        if len(row) > len(HEADER):
            raise ConfigError(
                f"{source}:{number}: {len(row)} columns, expected {', '.join(HEADER)}"
            )
        action, type_, name, value, scope = (cells[0].lower(), cells[1].lower(), *cells[2:5])
        if action not in ACTIONS:
            raise ConfigError(
                f"{source}:{number}: unknown action {action!r}; "
                f"expected one of {', '.join(ACTIONS)}"
            )
        if type_ not in ACTIONS[action]:
            raise ConfigError(
                f"{source}:{number}: {action} applies to {' or '.join(ACTIONS[action])}, "
                f"not {type_!r}"
            )
        if not name or not value:
            raise ConfigError(f"{source}:{number}: {action} needs a name and a value")
        if action == "sameas" and not value.startswith(("http://", "https://")):
            raise ConfigError(
                f"{source}:{number}: sameas needs an IRI (http… or https…), got {value!r}"
            )
        rules.append(EntityRule(action, type_, name, value, scope, number))
    return EntitiesFile(tuple(rules), source)


def read_entities(path: str | Path) -> EntitiesFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the entities file ({exc})") from exc
    return parse_entities(text, str(path))


def find_entities_file(paths) -> Path | None:
    """The ``entities.csv`` of the corpus: in the first folder given (or the folder of the first
    file given) that has one."""
    for raw in paths:
        folder = Path(raw) if Path(raw).is_dir() else Path(raw).parent
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return candidate
    return None
