"""What the endpoint needs to know about a query before Oxigraph runs it.

pyoxigraph does not expose its parsed algebra, and Oxigraph *does* follow ``SERVICE`` clauses over
HTTP (a server-side request forgery risk on a shared endpoint), so the text is normalised the way a
SPARQL lexer sees it and then scanned for keywords:

1. ``\\uXXXX``/``\\UXXXXXXXX`` escapes are decoded first, because SPARQL 1.1 (§19.2) decodes them
   anywhere in the query before parsing: ``\\u0053ERVICE`` *is* ``SERVICE``;
2. comments, string literals and IRIs are blanked, since a keyword inside them is data;
3. a keyword counts only as a whole token: not ``?service``, ``ex:service``, ``_:service``.

The scan errs on the side of refusing: a local name such as ``ex:a.service`` is taken for the
keyword (dots end triples too), which costs a rare false refusal and never lets a clause through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# Order matters: long strings before short ones; IRIs only where '<' cannot be a comparison,
# i.e. an IRIREF has no spaces, quotes or braces inside (SPARQL's IRIREF production).
_SKIPPED = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*",
    re.DOTALL,
)


def _keyword(word: str) -> re.Pattern[str]:
    # not part of a variable, prefixed name, blank node label or longer word
    return re.compile(rf"(?<![\w:?$\-]){word}(?![\w:\-])", re.IGNORECASE)


_SERVICE = _keyword("SERVICE")
_FROM = _keyword("FROM")


def normalise(sparql: str) -> str:
    """The query as the grammar sees it, with comments, strings and IRIs blanked out."""
    decoded = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return _SKIPPED.sub(lambda m: " " if m.group(0).startswith("#") else '""', decoded)


@dataclass(frozen=True)
class QueryShape:
    """The facts about a query the endpoint acts on."""

    uses_service: bool  # a SERVICE clause: federated query to another host
    has_dataset: bool  # FROM / FROM NAMED: the query names its own dataset


def inspect(sparql: str) -> QueryShape:
    text = normalise(sparql)
    return QueryShape(
        uses_service=bool(_SERVICE.search(text)),
        has_dataset=bool(_FROM.search(text)),
    )
