"""``kgraph_quotes``: which quote-mark spans are direct quotations, split where an incise cuts them.

Quote marks in French press text also frame titles of works, names of programmes and events, scare
quotes and terms being defined.  Following the length-and-cue heuristics of rule-based quotation
extractors (textacy's ``direct_quotations``; Sarmiento et al.'s *Gender Gap Tracker*, 2020), a span
is
a quotation when:
- it is not right after a noun or verb that announces a title or a name (``data/work_cues.txt``) and
  is not the name of a policy already found;
- it is long enough to be speech (five words or more), or shorter but introduced by a colon or
  governed by a reporting verb (``data/speech_verbs.txt``) in its sentence; a single word needs a
  colon.
A quote cut by an incise (``« A, dit-il. B »``) becomes two quotes that share the incise's speaker.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, lexicon
from .entities import DocEntities, QuoteMention, get_entities, register_extensions
from .quote_marks import MarkedSpan, find_marked_spans
from .text import doc_text, is_speech_verb, norm

MARKS = set('«»“”„‹›"')
_PUBLISHED = {
    "publié",
    "publiée",
    "publiés",
    "publiées",
    "paru",
    "parue",
    "sorti",
    "sortie",
    "diffusé",
    "diffusée",
    "édité",
    "éditée",
    "remis",
    "remise",
    "rendu",
    "rendue",
}
_OBJECT_CLITICS = {
    "se",
    "s'",
    "lui",
    "leur",
    "l'",
    "nous",
    "vous",
    "en",
    "y",
    "le",
    "la",
    "les",
    "ne",
    "n'",
}


class QuoteFinder:
    def __init__(self, lex: Lexicon, min_words: int = 5, max_paragraphs: int = 12):
        self.lex = lex
        self.min_words = min_words
        self.max_paragraphs = max_paragraphs

    def __call__(self, doc: Doc) -> Doc:
        ents = get_entities(doc)
        quotes: list[QuoteMention] = []
        for marked in find_marked_spans(
            doc_text(doc), self.lex.quote_pairs, max_paragraphs=self.max_paragraphs
        ):
            span = doc.char_span(marked.start, marked.end, alignment_mode="expand")
            if span is None or not self._is_quotation(doc, ents, marked, span):
                continue
            quotes.extend(self._split_on_incise(doc, ents, marked, span))
        for quote in quotes:
            quote.text = doc_text(doc)[quote.start : quote.end]
        ents.quotes = quotes
        doc.spans["quotes"] = [
            doc.char_span(q.start, q.end, alignment_mode="expand") for q in quotes
        ]
        return doc

    # -- is it speech? -------------------------------------------------------------------------
    def _is_quotation(self, doc: Doc, ents: DocEntities, marked: MarkedSpan, span: Span) -> bool:
        inner = doc_text(doc)[marked.start : marked.end]
        n_words = len([w for w in inner.split() if any(c.isalnum() for c in w)])
        if n_words == 0:
            return False
        policy_tokens = sum(1 for t in span if ents.owner(t.i) and ents.owner(t.i)[0] == "policy")
        other_words = [
            t
            for t in span
            if not t.is_punct and not (ents.owner(t.i) and ents.owner(t.i)[0] == "policy")
        ]
        if policy_tokens and policy_tokens >= 0.8 * len(span) and not other_words:
            # the name of a programme, already a policy — not "« un plan de sauvegarde de
            # l'emploi ambitieux »", a name in someone's words
            return False
        before = self._tokens_before(doc, marked.open_at, 3)
        starts_upper = inner[:1].isupper()
        if starts_upper and self._after_work_cue(before):
            return False  # le rapport « Renouveler les générations », baptisé « Cap Avenir »
        if self._followed_by_work_noun(doc, marked.close_at):
            return False  # « Les Mains du Nord », une exposition …
        if self._defines_a_term(doc, before, marked.close_at):
            return False  # ce que les professionnels appellent la « transition ambulatoire »
        colon = self._colon_before(doc, marked.open_at)
        exclaims = inner.rstrip().endswith(("?", "!", "?»", "!»"))
        if n_words >= 2 and self._looks_like_title(span, list(span), colon, marked):
            return False
        said = n_words >= 8 and inner.rstrip(" \u00a0\u202f")[-1:] in ".…"  # slogans exclaim
        if (
            colon
            and not said
            and any(
                norm(t.text) in self.lex.work_cues
                for t in self._tokens_before(doc, marked.open_at, 4)
            )
        ):
            # "un slogan revenait en boucle : « … »" — but "a détaillé le projet : « La cour
            # n'est pas goudronnée. Chaque classe … »" is a sentence said, ended by its stop
            return False
        if n_words >= self.min_words:
            return True
        if n_words >= 2 and starts_upper and self._stands_as_sentence(doc, marked, inner):
            return True  # "Le prévenu baisse les yeux. « Je regrette. »"
        if n_words >= 3 and not starts_upper and not self._bare_term(span, n_words):
            # a lower-case fragment of three words or more is someone's words ("tout en
            # excluant de « revenir en arrière »"); titles and names start with a capital, and a
            # bare noun phrase ("îlots de chaleur urbains") is a term being named
            return True
        if n_words <= 2:
            # one or two words are scare quotes or a term, unless they stand as a sentence of their
            # own: introduced by a colon, or capitalised and followed by an incise ("« Jamais »,
            # a-t-il répondu")
            return (colon and inner.rstrip()[-1:] in ".!?…") or (
                starts_upper and self._incise_follows(doc, marked.close_at)
            )
        if colon or exclaims:
            return True
        return (
            self._reporting_verb_close(doc, span, before)
            or self._incise_follows(doc, marked.close_at)
            or self._according_before(doc, marked.open_at)
        )

    def _apposition_at(self, doc: Doc, k: int) -> bool:
        """A title or description right after the speaker's name in an incise."""
        words = [norm(t.text) for t in doc[k : k + 5]]
        while words and words[0] in self.lex.role_modifiers:
            words.pop(0)
        return self.lex.role_head_at(words) is not None

    @staticmethod
    def _bare_term(span: Span, n_words: int) -> bool:
        words = [t for t in span if not t.is_punct and not t.is_space]
        return (
            n_words <= 5
            and bool(words)
            and words[0].pos_ == "NOUN"
            and not any(t.pos_ in ("VERB", "AUX") for t in words)
        )

    @staticmethod
    def _stands_as_sentence(doc: Doc, marked: MarkedSpan, inner: str) -> bool:
        """Words that end with their own full stop, question or exclamation mark, right after
        another sentence has ended: a sentence said, however short — not a term in a sentence."""
        if inner.rstrip()[-1:] not in ".!?…":
            return False
        k = marked.open_at - 1
        text = doc_text(doc)
        while k >= 0 and text[k] in " \t\u00a0\u202f":
            k -= 1
        return k < 0 or text[k] in ".!?…\n"

    def _according_before(self, doc: Doc, char: int) -> bool:
        """ "Selon X, « … »", "d'après X, « … »": attributed words, however short."""
        words = [norm(t.text) for t in self._tokens_before(doc, char, 12)]
        return any(
            tuple(words[k : k + len(cue)]) == cue
            for cue in self.lex.attribution_cues
            if cue[0] != "pour"
            for k in range(len(words))
        )

    def _after_work_cue(self, before: list) -> bool:
        if not before:
            return False
        last = norm(before[-1].text)
        if last in self.lex.work_cues:
            return True
        if (
            before[-1].pos_ == "DET"
            and len(before) > 1
            and norm(before[-2].text) in self.lex.work_cues
        ):
            return True
        return (
            len(before) >= 2
            and last in {"de", "d'", "du"}
            and norm(before[-2].text) in self.lex.work_cues
        )

    def _followed_by_work_noun(self, doc: Doc, close_at: int) -> bool:
        after = doc.char_span(
            close_at + 1, min(len(doc_text(doc)), close_at + 40), alignment_mode="contract"
        )
        if after is None:
            return False
        words = [t for t in after if not t.is_space][:3]
        if len(words) >= 3 and words[0].text == "," and words[1].pos_ == "DET":
            return (
                norm(words[2].text) in self.lex.work_cues
                or words[2].lemma_.lower() in self.lex.work_cues
            )
        # « Baromètre 2025 », publié en octobre: a title
        return len(words) >= 2 and words[0].text == "," and norm(words[1].text) in _PUBLISHED

    @staticmethod
    def _defines_a_term(doc: Doc, before: list, close_at: int) -> bool:
        """Scare quotes around a term being defined or named: "ce qu'on appelle la « X »",
        "la « X », c'est-à-dire …"."""
        if any(
            t.lemma_.lower() in {"appeler", "nommer", "baptiser", "surnommer", "qualifier"}
            and t.i >= (before[0].i if before else 0)
            # "a appelé au « respect de la liberté de circulation »": a call, not a name
            and not (t.i + 1 < len(doc) and norm(doc[t.i + 1].text) in {"à", "au", "aux"})
            for t in before[-2:]
        ):
            return True
        tail = doc_text(doc)[close_at + 1 : close_at + 24].lstrip(" ,\u00a0\u202f")
        return tail.startswith(("c'est-à-dire", "c’est-à-dire", "soit ", "autrement dit"))

    def _reporting_verb_close(self, doc: Doc, span: Span, before: list) -> bool:
        """A short fragment is speech when a reporting verb governs it from close by:
        "juge l'enveloppe « bienvenue mais insuffisante »", "assurant que « … »"."""
        window = [
            t for t in doc[max(0, span.start - 6) : span.start] if not t.is_punct or t.text == ","
        ]
        return any(is_speech_verb(token, self.lex) for token in window)

    def _incise_follows(self, doc: Doc, close_at: int) -> bool:
        after = doc.char_span(
            close_at + 1, min(len(doc_text(doc)), close_at + 40), alignment_mode="contract"
        )
        if after is None:
            return False
        words = [t for t in after if not t.is_space and t.text != ","][:4]
        if words and norm(words[0].text) in {"qui", "que", "qu'", "dont"}:
            return False  # « Agir pour les aidants », qui doit être présentée: a relative clause
        return any(is_speech_verb(t, self.lex) for t in words) or any(
            t.text.startswith("-") and norm(t.text).lstrip("-t") in {"il", "elle"} for t in words
        )

    @staticmethod
    def _looks_like_title(span: Span, words, colon: bool, marked: MarkedSpan) -> bool:
        """Every long word capitalised and no sentence punctuation: a title, not speech."""
        if colon:
            return False
        content = [t for t in words if t.is_alpha and len(t.text) > 3]
        return (
            bool(content)
            and all(t.text[0].isupper() for t in content)
            and not any(t.text in {".", "!", "?", ","} for t in span)
        )

    @staticmethod
    def _tokens_before(doc: Doc, char: int, n: int) -> list:
        """The last ``n`` words before ``char`` in the same paragraph."""
        start = max(doc_text(doc).rfind("\n", 0, char) + 1, char - 80)
        span = doc.char_span(start, char, alignment_mode="contract")
        if span is None:
            return []
        return [t for t in span if not t.is_space and t.text not in MARKS][-n:]

    @staticmethod
    def _colon_before(doc: Doc, char: int) -> bool:
        k = char - 1
        while k >= 0 and doc_text(doc)[k] in " \t\u00a0\u202f\n\r":
            k -= 1
        return k >= 0 and doc_text(doc)[k] == ":"

    # -- incises -------------------------------------------------------------------------------
    def _split_on_incise(
        self, doc: Doc, ents: DocEntities, marked: MarkedSpan, span: Span
    ) -> list[QuoteMention]:
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
            if stop + 1 < span.end and doc[stop].text == "," and self._apposition_at(doc, stop + 1):
                # "… , a expliqué X, député (PS) de Haute-Garonne. Mais …": the incise runs to
                # the end of the speaker's apposition
                end_of_incise = stop + 1
                while end_of_incise < span.end and doc[end_of_incise].text not in {".", ";"}:
                    end_of_incise += 1
                if end_of_incise < span.end - 1 and end_of_incise - token.i <= 25:
                    stop = end_of_incise
            elif stop + 1 < span.end and doc[stop].text == ",":
                # "… , tranche son président, Jacques Peyrat. Sur un cours d'eau …": the name in
                # apposition after the title belongs to the incise
                owner = ents.owner(stop + 1)
                after = stop + 1
                while after < span.end and owner is not None and ents.owner(after) == owner:
                    after += 1
                if (
                    owner is not None
                    and owner[0] == "person"
                    and after < span.end - 1
                    and doc[after].text in {".", ";"}
                ):
                    stop = after
            if stop >= span.end - 1 or stop - token.i > 25:
                continue
            first_end = doc[token.i].idx
            second_start = doc[stop + 1].idx
            while second_start < marked.end and doc_text(doc)[second_start] in " \u00a0\u202f\n":
                second_start += 1
            pieces = [(marked.start, first_end), (second_start, marked.end)]
            out = []
            for start, end in pieces:
                while end > start and doc_text(doc)[end - 1] in " \u00a0\u202f":
                    end -= 1
                piece = doc.char_span(start, end, alignment_mode="expand")
                if piece is None or end <= start:
                    continue
                out.append(
                    QuoteMention(
                        start,
                        end,
                        piece.start,
                        piece.end,
                        marked.open_at,
                        marked.close_at,
                        rule="marks+incise",
                        recovered=marked.recovered,
                        incise=(token.i + 1, stop),
                    )
                )
            if len(out) == 2:
                return out
        return [
            QuoteMention(
                marked.start,
                marked.end,
                span.start,
                span.end,
                marked.open_at,
                marked.close_at,
                recovered=marked.recovered,
            )
        ]

    def _incise_verb(self, doc: Doc, i: int, limit: int) -> int | None:
        """Index of the reporting verb of an incise starting at ``i`` ("dit-il", "a ajouté X")."""
        k = i
        while (
            k < limit
            and k < i + 4
            and (
                doc[k].pos_ == "AUX"
                or doc[k].text.startswith("-")
                or norm(doc[k].text) in _OBJECT_CLITICS
            )
        ):
            k += 1  # "a-t-elle lancé", "s'indigne": auxiliaries and clitics before the verb
        if k >= limit or not is_speech_verb(doc[k], self.lex):
            return None
        nxt = doc[k + 1] if k + 1 < limit else None
        prev = doc[k - 1] if k > i else None
        for t in doc[k + 1 : min(limit, k + 3)]:  # "explique-t-il", "dit-elle"
            if t.text.startswith("-") and norm(t.text).split("-")[-1] in {
                "il",
                "elle",
                "ils",
                "elles",
                "on",
            }:
                return k
        if prev is not None and prev.text.startswith("-"):
            return k
        if nxt is not None and (
            nxt.pos_ in ("PROPN", "DET") or nxt.text in {"M.", "Mme"} or nxt.is_title
        ):
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
