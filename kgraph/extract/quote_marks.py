"""Find the spans between quote marks in raw text, before any linguistic analysis.

Works on characters so that offsets are exact and so that broken typography is recovered rather than
crashing: a quote over several paragraphs (each reopened with «), nested marks (only the outermost
span is kept), a closing mark whose opening was lost in copying (the quote then starts at the
paragraph or after the last colon), and an opening mark never closed (the quote ends with its
paragraph).  Which candidates are real quotations is decided later, with the parse (``quotes.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACES = " \t\u00a0\u202f\u2009\u2007\r"
_PARAGRAPH_GAP = re.compile(r"\n\s*")


@dataclass(frozen=True)
class MarkedSpan:
    open_at: int  # index of the opening mark (or where the quote is taken to start if it was lost)
    close_at: int  # index of the closing mark (or the paragraph end if it was never closed)
    start: int  # the words: text[start:end], trimmed of spaces
    end: int
    kind: str  # the opening mark
    recovered: str | None = None  # "lost-opening" | "unclosed" when the typography was broken
    paragraphs: int = 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in SPACES + "\n":
        start += 1
    while end > start and text[end - 1] in SPACES + "\n":
        end -= 1
    return start, end


def _paragraph_end(text: str, i: int) -> int:
    nl = text.find("\n", i)
    return len(text) if nl < 0 else nl


def _paragraph_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _scan_pair(
    text: str, opening: str, closing: str, max_paragraphs: int, recover_lost: bool = True
) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == closing and closing != opening:
            if not recover_lost:
                i += 1
                continue
            # a closing mark with nothing open: the opening mark was lost
            para = _paragraph_start(text, i)
            colon = text.rfind(": ", para, i)
            start = colon + 2 if colon >= 0 else para
            s, e = _trim(text, start, i)
            if len(text[s:e].split()) >= 3:
                spans.append(MarkedSpan(start, i, s, e, opening, recovered="lost-opening"))
            i += 1
            continue
        if ch != opening:
            i += 1
            continue
        start, depth, j, paragraphs = i, 1, i + 1, 1
        end_at = None
        recovered = None
        while j < n:
            c = text[j]
            if c == opening and opening != closing:
                depth += 1
            elif c == closing:
                depth -= 1
                if depth == 0:
                    end_at = j
                    break
            elif c == "\n":
                gap = _PARAGRAPH_GAP.match(text, j)
                after = gap.end() if gap else j + 1
                if after < n and text[after] == opening:
                    # the next paragraph reopens the quote: one quote over several paragraphs
                    paragraphs += 1
                    if paragraphs > max_paragraphs:
                        break
                    j = after + 1
                    continue
                next_close = text.find(closing, j)
                next_open = text.find(opening, j)
                if (
                    next_close >= 0
                    and (next_open < 0 or next_close < next_open)
                    and text.count("\n\n", j, next_close) + text.count("\n", j, next_close)
                    <= max_paragraphs
                ):
                    paragraphs += text.count("\n", j, next_close)
                    j = next_close
                    depth = 1
                    continue
                end_at = j
                recovered = "unclosed"
                break
            j += 1
        if end_at is None:
            end_at = _paragraph_end(text, i)
            recovered = "unclosed"
        s, e = _trim(text, i + 1, end_at)
        if e > s:
            spans.append(MarkedSpan(start, end_at, s, e, opening, recovered, paragraphs))
        i = end_at + 1
    return spans


def _scan_straight(text: str, mark: str) -> list[MarkedSpan]:
    """Straight quotes carry no direction: pair them in order within each paragraph."""
    spans: list[MarkedSpan] = []
    offset = 0
    for paragraph in text.split("\n"):
        positions = [offset + k for k, c in enumerate(paragraph) if c == mark]
        for a, b in zip(positions[0::2], positions[1::2], strict=False):
            s, e = _trim(text, a + 1, b)
            if e > s:
                spans.append(MarkedSpan(a, b, s, e, mark))
        offset += len(paragraph) + 1
    return spans


def find_marked_spans(
    text: str, pairs: tuple[tuple[str, str], ...], *, max_paragraphs: int = 12
) -> list[MarkedSpan]:
    """All outermost quote-mark spans in ``text``, in order."""
    found: list[MarkedSpan] = []
    openers = {o for o, _ in pairs}
    for opening, closing in pairs:
        if opening not in text:
            # without its opening mark a pair can only be a lost opening; "“" closes „…“ but
            # opens “…”, so a closing mark that also opens another pair is never taken as lost
            if closing not in text or closing in openers:
                continue
        if opening == closing:
            found.extend(_scan_straight(text, opening))
        else:
            found.extend(
                _scan_pair(
                    text, opening, closing, max_paragraphs, recover_lost=closing not in openers
                )
            )
    # keep the outermost span where spans nest or overlap; a proper pair beats a recovered one
    found.sort(key=lambda s: (s.recovered is not None, s.open_at, -s.close_at))
    kept: list[MarkedSpan] = []
    for span in found:
        if any(k.open_at <= span.open_at and span.close_at <= k.close_at for k in kept):
            continue
        if any(span.open_at < k.close_at and k.open_at < span.close_at for k in kept):
            if span.recovered is not None:
                continue
            kept = [
                k for k in kept if not (span.open_at <= k.open_at and k.close_at <= span.close_at)
            ]
            if any(span.open_at < k.close_at and k.open_at < span.close_at for k in kept):
                continue
        kept.append(span)
    return sorted(kept, key=lambda s: s.open_at)
