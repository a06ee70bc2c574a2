"""Where a fact comes from: its document, its sentence with the words marked, the rule and the run.

A researcher who publishes "X said Y as président de Z" must be able to show the words.  Everything
comes from the store: the fact's Web Annotation (document, ``oa:TextPositionSelector``,
``oa:TextQuoteSelector``), ``kg:rule`` / ``kg:confidence``, the ``kg:ExtractionRun``, and the text
itself, stored as the document's ``schema:articleBody`` because the offsets index the text *as it
was extracted*: a source file edited or moved since would show the wrong words.  Each document's
graph is read on its own, so a membership stated in several documents gives one source per document.
Stores built before the text was kept fall back to the selector's prefix, words and suffix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import KgraphError
from .query import run_query
from .store import Store

SENTENCE_END = ".!?…"
CLOSING_MARKS = "»”\"'’"
_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')


@dataclass(frozen=True)
class Run:
    iri: str
    label: str | None = None
    kgraph_version: str | None = None
    model: str | None = None
    model_version: str | None = None
    started_at: str | None = None


@dataclass(frozen=True)
class Source:
    """One place the fact is stated: a document, the characters, the rule that read them."""

    document: str
    start: int
    end: int
    exact: str
    sentence: str  # the sentence around the words (or the selector's prefix + words + suffix)
    offset: int  # where the words start inside ``sentence``
    title: str | None = None
    date: str | None = None
    file: str | None = None
    rule: str | None = None
    confidence: float | None = None
    run: Run | None = None
    from_text: bool = True  # False when the store had no text and the selector's context is shown


@dataclass(frozen=True)
class Explanation:
    fact: str
    kinds: tuple[str, ...]
    summary: str
    sources: tuple[Source, ...] = field(default=())


def explain(store: Store, iri: str) -> Explanation:
    """The provenance of the fact ``iri`` (a quote, membership or policy tie, or an annotation)."""
    iri = iri.strip().strip("<>")
    if not iri or _BAD_IRI.search(iri):
        raise KgraphError(f"{iri!r} is not an IRI")
    body = _one(store, f"SELECT ?b WHERE {{ <{iri}> oa:hasBody ?b }}")
    fact = body or iri
    rows = run_query(
        store,
        f"""
        SELECT DISTINCT ?g ?doc ?start ?end ?exact ?prefix ?suffix ?run WHERE {{ GRAPH ?g {{
          ?a oa:hasBody <{fact}> ; oa:hasTarget ?t .
          ?t oa:hasSource ?doc ; oa:hasSelector ?p, ?q .
          ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?q a oa:TextQuoteSelector ; oa:exact ?exact .
          OPTIONAL {{ ?q oa:prefix ?prefix }} OPTIONAL {{ ?q oa:suffix ?suffix }}
          OPTIONAL {{ ?a prov:wasGeneratedBy ?run }} }} }}
        ORDER BY ?doc ?start""",
    ).values()
    if not rows:
        raise KgraphError(
            f"<{fact}> has no annotation in the store: kgraph explain takes the IRI of a "
            "quote, a membership or a policy tie (kgraph query --name quotes lists quotes)"
        )
    kinds = tuple(
        sorted(
            r["k"]
            for r in run_query(store, f"SELECT DISTINCT ?k WHERE {{ <{fact}> a ?k }}").values()
        )
    )
    return Explanation(
        fact, kinds, _summary(store, fact), tuple(_source(store, fact, r) for r in rows)
    )


def _one(store: Store, sparql: str) -> str | None:
    rows = run_query(store, sparql).values()
    return next(iter(rows[0].values())) if rows else None


def _source(store: Store, fact: str, row: dict[str, str | None]) -> Source:
    graph, doc = row["g"], row["doc"]
    info = run_query(
        store,
        f"""
        SELECT ?title ?date ?file ?text ?rule ?confidence WHERE {{ GRAPH <{graph}> {{
          OPTIONAL {{ <{doc}> dct:title ?title }} OPTIONAL {{ <{doc}> dct:issued ?date }}
          OPTIONAL {{ <{doc}> dct:source ?file }} OPTIONAL {{ <{doc}> schema:articleBody ?text }}
          OPTIONAL {{ <{fact}> kg:rule ?rule }}
          OPTIONAL {{ <{fact}> kg:confidence ?confidence }} }} }}
        LIMIT 1""",
    ).values()
    meta = info[0] if info else {}
    start, end, exact = int(row["start"] or 0), int(row["end"] or 0), row["exact"] or ""
    text = meta.get("text")
    if text is not None and text[start:end] == exact:
        sentence_start, sentence_end = sentence_bounds(text, start, end)
        sentence, offset, from_text = (
            text[sentence_start:sentence_end],
            start - sentence_start,
            True,
        )
    else:  # no text kept, or a text that does not match its selector: show what the selector holds
        prefix = row["prefix"] or ""
        sentence, offset, from_text = prefix + exact + (row["suffix"] or ""), len(prefix), False
    confidence = meta.get("confidence")
    return Source(
        document=doc or "",
        start=start,
        end=end,
        exact=exact,
        sentence=sentence,
        offset=offset,
        title=meta.get("title"),
        date=meta.get("date"),
        file=meta.get("file"),
        rule=meta.get("rule"),
        confidence=float(confidence) if confidence else None,
        run=_run(store, graph, row["run"]) if row["run"] else None,
        from_text=from_text,
    )


def _run(store: Store, graph: str, run: str) -> Run:
    rows = run_query(
        store,
        f"""
        SELECT ?label ?version ?model ?modelVersion ?started WHERE {{ GRAPH <{graph}> {{
          OPTIONAL {{ <{run}> rdfs:label ?label }} OPTIONAL {{ <{run}> kg:kgraphVersion ?version }}
          OPTIONAL {{ <{run}> kg:modelName ?model }}
          OPTIONAL {{ <{run}> kg:modelVersion ?modelVersion }}
          OPTIONAL {{ <{run}> prov:startedAtTime ?started }} }} }} LIMIT 1""",
    ).values()
    r = rows[0] if rows else {}
    return Run(
        run,
        r.get("label"),
        r.get("version"),
        r.get("model"),
        r.get("modelVersion"),
        r.get("started"),
    )


def _summary(store: Store, fact: str) -> str:
    """One line saying what the fact is, in the graph's own words."""
    rows = run_query(
        store,
        f"""
        SELECT ?what ?who ?words WHERE {{
          {{ <{fact}> a schema:Quotation ; schema:text ?words . BIND("quote" AS ?what)
             OPTIONAL {{ <{fact}> schema:spokenByCharacter/schema:name ?who }} }}
          UNION {{ <{fact}> a org:Membership ; kg:title ?words ; org:member/schema:name ?who .
                   BIND("role" AS ?what) }}
          UNION {{ <{fact}> a kg:PolicyTie ; kg:agent/schema:name ?who ; kg:tie ?tie ;
                          kg:policy/schema:name ?policy .
                   BIND(CONCAT(STRAFTER(STR(?tie), "#"), " ", ?policy) AS ?words)
                   BIND("tie" AS ?what) }}
        }} LIMIT 1""",
    ).values()
    if not rows:
        return ""
    r = rows[0]
    who = r["who"] or "(speaker not named)"
    if r["what"] == "quote":
        return f"{who}: « {r['words']} »"
    if r["what"] == "role":
        return f"{who}, {r['words']}"
    return f"{who} {r['words']}"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from after the previous sentence end or line break
    to the next one.  A stop followed by a closing quote mark does not end the sentence
    ("… travail. », a déclaré X." is one sentence), so a quote is shown with its attribution."""
    begin = start
    while begin > 0:
        c = text[begin - 1]
        if c == "\n" or (
            c in SENTENCE_END
            and begin < len(text)
            and text[begin].isspace()
            and not _closing_follows(text, begin)
            and not _abbreviation_before(text, begin - 1)
        ):
            break
        begin -= 1
    while begin < start and text[begin].isspace():
        begin += 1
    stop = end
    while stop < len(text):
        c = text[stop]
        if c == "\n":
            break
        if (
            c in SENTENCE_END
            and (stop + 1 == len(text) or text[stop + 1].isspace())
            and not _closing_follows(text, stop + 1)
            and not _abbreviation_before(text, stop)
        ):
            stop += 1
            break
        stop += 1
    return begin, stop


def _abbreviation_before(text: str, dot: int) -> bool:
    """Is the stop at ``dot`` that of "M." or an initial ("J. Martin"), not a sentence's end?"""
    from .lexicon import lexicon

    if text[dot] != ".":
        return False
    word = text[:dot].rsplit(None, 1)[-1] if text[:dot].strip() else ""
    word = word.lstrip("«(\"'’“")
    return (len(word) == 1 and word.isupper()) or f"{word}." in lexicon().honorifics


def _closing_follows(text: str, i: int) -> bool:
    while i < len(text) and text[i] in " \u00a0\u202f":
        i += 1
    return i < len(text) and text[i] in CLOSING_MARKS


def mark(sentence: str, offset: int, length: int, *, ansi: bool) -> str:
    """The sentence with the fact's words highlighted: reverse video on a terminal, >>> <<< else."""
    before, words, after = (
        sentence[:offset],
        sentence[offset : offset + length],
        sentence[offset + length :],
    )
    if ansi:
        return f"{before}\x1b[1;7m{words}\x1b[0m{after}"
    return f"{before}>>>{words}<<<{after}"


def format_explanation(explanation: Explanation, *, ansi: bool = False) -> str:
    """The explanation as text a person reads."""
    lines = [f"fact        {explanation.fact}"]
    if explanation.kinds:
        lines.append(f"            a {', '.join(_short(k) for k in explanation.kinds)}")
    if explanation.summary:
        lines.append(f"            {explanation.summary}")
    total = len(explanation.sources)
    for n, s in enumerate(explanation.sources, start=1):
        lines.append(f"source {n} of {total}")
        lines.append(f"  document  {s.document}")
        described = ", ".join(
            x for x in (s.title and f"« {s.title} »", s.date, s.file and f"file {s.file}") if x
        )
        if described:
            lines.append(f"            {described}")
        label = "sentence" if s.from_text else "context "
        sentence = " ".join(mark(s.sentence, s.offset, s.end - s.start, ansi=ansi).split("\n"))
        lines.append(f"  {label}  {sentence}")
        lines.append(f"  characters {s.start}–{s.end} of the document's text")
        lines.append(f"  rule      {s.rule or '(not recorded)'}")
        confidence = "1 (the rule is certain)" if s.confidence is None else f"{s.confidence:g}"
        lines.append(f"  confidence {confidence}")
        if s.run is not None:
            lines.append(f"  run       {s.run.label or s.run.iri}")
            lines.append(f"            started {s.run.started_at or '(unknown)'}; {s.run.iri}")
    return "\n".join(lines)


def _short(iri: str) -> str:
    from .namespace import PREFIXES

    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    return iri
