"""``kgraph_quotes``: which quote-mark spans are direct quotations, split where an incise cuts them.

Quote marks in French press text also frame titles of works, names of programmes and events, scare
quotes and terms being defined.  Following the length-and-cue heuristics of rule-based quotation
extractors (textacy's ``direct_quotations``; Sarmiento et al.'s *Gender Gap Tracker*, 2020), a span is
a quotation when:
- it is not right after a noun or verb that announces a title or a name (``data/work_cues.txt``) and
  is not the name of a policy already found;
- it is long enough to be speech (five words or more), or shorter but introduced by a colon or
  governed by a reporting verb (``data/speech_verbs.txt``) in its sentence; a single word needs a colon.
A quote cut by an incise (``« A, dit-il. B »``) becomes two quotes that share the incise's speaker.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, lexicon
from .entities import DocEntities, QuoteMention, get_entities, register_extensions
from .quote_marks import MarkedSpan, find_marked_spans
from .text import norm

MARKS = set("«»“”„‹›\"")


class QuoteFinder:
    def __init__(self, lex: Lexicon, min_words: int = 5, max_paragraphs: int = 12):
        self.lex = lex
        self.min_words = min_words
        self.max_paragraphs = max_paragraphs

    def __call__(self, doc: Doc) -> Doc:
        ents = get_entities(doc)
        quotes: list[QuoteMention] = []
        for marked in find_marked_spans(doc.text, self.lex.quote_pairs, max_paragraphs=self.max_paragraphs):
            span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
            if span is None or not self._is_quotation(doc, ents, marked, span):
                continue
            quotes.extend(self._split_on_incise(doc, marked, span))
        ents.quotes = quotes
        doc.spans["quotes"] = [doc.char_span(q.start, q.end, alignment_mode="expand") for q in quotes]
        return doc

    # -- is it speech? -------------------------------------------------------------------------
    def _is_quotation(self, doc: Doc, ents: DocEntities, marked: MarkedSpan, span: Span) -> bool:
        words = [t for t in span if t.is_alpha or t.like_num]
        if not words:
            return False
        if any(ents.owner(t.i) and ents.owner(t.i)[0] == "policy" for t in span):
            return False  # the name of a programme, already a policy
        before = self._tokens_before(doc, marked.open_at, 3)
        if before and norm(before[-1].text) in self.lex.work_cues:
            return False
        if before and before[-1].pos_ == "DET" and len(before) > 1 and norm(before[-2].text) in self.lex.work_cues:
            return False
        if len(before) >= 2 and norm(before[-1].text) in {"de", "d'", "du"} and norm(before[-2].text) in self.lex.work_cues:
            return False
        colon = self._colon_before(doc, marked.open_at)
        if len(words) >= self.min_words:
            return not self._looks_like_title(span, words, colon, marked)
        if len(words) == 1:
            return colon and span[-1].is_punct
        if colon:
            return True
        return self._reporting_verb_governs(doc, span)

    @staticmethod
    def _looks_like_title(span: Span, words, colon: bool, marked: MarkedSpan) -> bool:
        """Every word capitalised and no sentence punctuation: a title, not speech."""
        if colon:
            return False
        content = [t for t in words if len(t.text) > 3]
        return bool(content) and all(t.text[0].isupper() for t in content) and not any(
            t.text in {".", "!", "?", ","} for t in span)

    @staticmethod
    def _tokens_before(doc: Doc, char: int, n: int) -> list:
        span = doc.char_span(max(0, char - 80), char, alignment_mode="contract")
        if span is None:
            return []
        return [t for t in span if not t.is_space and t.text not in MARKS][-n:]

    @staticmethod
    def _colon_before(doc: Doc, char: int) -> bool:
        k = char - 1
        while k >= 0 and doc.text[k] in " \t\u00a0\u202f\n\r":
            k -= 1
        return k >= 0 and doc.text[k] == ":"

    def _reporting_verb_governs(self, doc: Doc, span: Span) -> bool:
        sent = span[0].sent
        for token in sent:
            if span.start <= token.i < span.end:
                continue
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.lex.speech_verbs:
                return True
        return False

    # -- incises -------------------------------------------------------------------------------
    def _split_on_incise(self, doc: Doc, marked: MarkedSpan, span: Span) -> list[QuoteMention]:
        """« A, dit-il. B »: the incise is a comma, a reporting verb with its subject (an inverted
        pronoun or a name), and a comma or full stop before the quote goes on."""
        for token in span:
            if token.text != "," or token.i + 1 >= span.end:
                continue
            verb = self._incise_verb(doc, token.i + 1, span.end)
            if verb is None:
                continue
            stop = verb
            while stop < span.end and doc[stop].text not in {",", ".", ";"}:
                stop += 1
            if stop >= span.end - 1 or stop - token.i > 12:
                continue
            first_end = doc[token.i].idx
            second_start = doc[stop + 1].idx
            while second_start < marked.end and doc.text[second_start] in " \u00a0\u202f\n":
                second_start += 1
            pieces = [(marked.start, first_end), (second_start, marked.end)]
            out = []
            for start, end in pieces:
                while end > start and doc.text[end - 1] in " \u00a0\u202f":
                    end -= 1
                piece = doc.char_span(start, end, alignment_mode="expand")
                if piece is None or end <= start:
                    continue
                out.append(QuoteMention(start, end, piece.start, piece.end, marked.open_at, marked.close_at,
                                        rule="marks+incise", recovered=marked.recovered,
                                        incise=(token.i + 1, stop)))
            if len(out) == 2:
                return out
        return [QuoteMention(marked.start, marked.end, span.start, span.end, marked.open_at, marked.close_at,
                             recovered=marked.recovered)]

    def _incise_verb(self, doc: Doc, i: int, limit: int) -> int | None:
        """Index of the reporting verb of an incise starting at ``i`` ("dit-il", "a ajouté X")."""
        k = i
        while k < limit and k < i + 3 and (doc[k].pos_ == "AUX" or doc[k].text.startswith("-t")):
            k += 1
        if k >= limit or doc[k].lemma_.lower() not in self.lex.speech_verbs or doc[k].pos_ not in ("VERB", "AUX"):
            return None
        nxt = doc[k + 1] if k + 1 < limit else None
        prev = doc[k - 1] if k > i else None
        if nxt is not None and nxt.text.lower().lstrip("-t").lstrip("-") in {"il", "elle", "ils", "elles", "on"} and nxt.text.startswith("-"):
            return k
        if prev is not None and prev.text.startswith("-"):
            return k
        if nxt is not None and (nxt.pos_ in ("PROPN", "DET") or nxt.text in {"M.", "Mme"}):
            return k
        return None


@Language.factory(
    "kgraph_quotes",
    assigns=["doc.spans", "doc._.kg"],
    requires=["token.pos", "token.lemma", "token.sent_start"],
    default_config={"min_words": 5, "max_paragraphs": 12},
)
def make_quotes(nlp: Language, name: str, min_words: int, max_paragraphs: int) -> QuoteFinder:
    register_extensions()
    return QuoteFinder(lexicon(), min_words=min_words, max_paragraphs=max_paragraphs)
