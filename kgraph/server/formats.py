"""Content negotiation and result serialisation for the SPARQL endpoint.

Results are written here rather than with pyoxigraph's ``QuerySolutions.serialize`` because the
endpoint must stop at ``--max-results`` rows and say so; pyoxigraph serialises a whole iterator or
nothing.  The writers follow the W3C SPARQL 1.1 result formats (JSON, XML, CSV, TSV); the tests
parse their output back with pyoxigraph's own parser and with SPARQLWrapper.  Graphs (CONSTRUCT,
DESCRIBE, the service description) are serialised by pyoxigraph.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..namespace import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    name: str  # kgraph's short name, the first of ``keys``
    media_type: str  # what the response's Content-Type says
    aliases: tuple[str, ...] = ()  # other media types a client may ask for
    keys: tuple[str, ...] = ()  # values of the ``format`` parameter that ask for it

    def answers(self, wanted: str) -> bool:
        return wanted in (self.name, *self.keys, self.media_type, *self.aliases)


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",), ("srj",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ("srx",)),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
BOOLEAN_FORMATS = RESULT_FORMATS[:2]  # CSV and TSV have no form for an ASK answer
# keys include the names SPARQLWrapper sends in its ``format`` parameter (xml means RDF/XML there)
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("application/x-turtle",), ("ttl", "n3")),
    Format("ntriples", "application/n-triples", ("text/plain",), ("nt", "n-triples")),
    Format("jsonld", "application/ld+json", ("application/json",), ("json-ld", "json")),
    Format(
        "rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ("rdf+xml", "rdf", "xml")
    ),
)
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """``Accept`` as (media range, q, position), best first; an absent header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0, 0)]
    ranges = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    return sorted(ranges, key=lambda r: (-r[1], r[2]))


def _matches(media_range: str, media_type: str) -> int:
    """How specifically a range matches a type: 3 exact, 2 ``type/*``, 1 ``*/*``, 0 not at all."""
    if media_range == media_type:
        return 3
    if media_range == "*/*":
        return 1
    if media_range.endswith("/*") and media_type.startswith(media_range[:-1]):
        return 2
    return 0


def choose(
    offers: Sequence[Format], accept: str | None, requested: Sequence[str] = ()
) -> Format | None:
    """The format to answer in, or None (HTTP 406).

    ``requested`` are the values of the ``format`` parameter (short names or media types); the
    first one that fits this kind of result wins over ``Accept``, so that a link in a page can ask
    for CSV.  Values that do not fit are ignored, as clients such as SPARQLWrapper send several.
    Among ``Accept``'s ranges the highest q wins, then the most specific match, then the client's
    order; ``*/*`` gets the first offer, the default.
    """
    for value in requested:
        wanted = value.split(";")[0].strip().lower()
        for offer in offers:
            if wanted and offer.answers(wanted):
                return offer
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for media_range, q, position in parse_accept(accept):
        if q <= 0:
            continue
        for rank, offer in enumerate(offers):
            # an alias answers only when named: text/* means text/csv, not text/xml
            specificity = _matches(media_range, offer.media_type)
            if media_range in offer.aliases:
                specificity = 3
            if not specificity:
                continue
            key = (q, specificity, -position, -rank)
            if best is None or key > best:
                best, chosen = key, offer
    if chosen is not None and _refused(chosen, accept):
        return None
    return chosen


def _refused(offer: Format, accept: str | None) -> bool:
    """True when the client listed the chosen type explicitly with q=0."""
    return any(
        q <= 0 and media in (offer.media_type, *offer.aliases)
        for media, q, _ in parse_accept(accept)
    )


# -- SELECT / ASK -------------------------------------------------------------------------------
def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    entry = {"type": "literal", "value": term.value}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        entry["datatype"] = term.datatype.value
    return entry


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = (("subject", term.subject), ("predicate", term.predicate), ("object", term.object))
        return "<triple>" + "".join(f"<{n}>{_xml_term(t)}</{n}>" for n, t in parts) + "</triple>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def write_solutions(fmt: Format, variables: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """A SELECT table in one of :data:`RESULT_FORMATS`; ``None`` cells are unbound."""
    if fmt.name == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in rows
        ]
        document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    if fmt.name == "xml":
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
        ]
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            ]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode("utf-8")
    if fmt.name == "csv":  # RFC 4180: CRLF line ends, plain values
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_value(t) for t in row])
        return buffer.getvalue().encode("utf-8")
    if (
        fmt.name == "tsv"
    ):  # terms in N-Triples syntax, which pyoxigraph's str() gives (tabs escaped)
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"not a result format: {fmt.name}")


def write_boolean(fmt: Format, value: bool) -> bytes:
    if fmt.name == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt.name == "xml":
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/'
            f'sparql-results#"><head/><boolean>{"true" if value else "false"}</boolean></sparql>\n'
        ).encode()
    raise ValueError(f"an ASK answer cannot be written as {fmt.name}")


def write_graph(
    fmt: Format, triples: Iterable, extra_prefixes: dict[str, str] | None = None
) -> bytes:
    """Triples in one of :data:`GRAPH_FORMATS`, Turtle with kgraph's prefix map."""
    rdf_format = _RDF_FORMATS[fmt.name]
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()} | (extra_prefixes or {})
        return ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    return ox.serialize(triples, format=rdf_format) or b""


def content_type(fmt: Format) -> str:
    """The Content-Type header: every format kgraph writes is UTF-8."""
    return f"{fmt.media_type}; charset=utf-8"
