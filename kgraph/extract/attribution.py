"""``kgraph_attribution``: who speaks each quote, with the cue verb and the capacity they speak in.

The rules try, in order, the places French press writing puts a speaker (each is tested in
``tests/extract/test_attribution.py``):

1. ``incise``  — right after the quote: ``« … », a déclaré X`` / ``a-t-il ajouté`` / ``estime-t-elle``
   / ``« … », selon X``; also an incise inside a quote that was split (``« A, dit-il. B »``);
2. ``colon``   — the clause before a colon that opens the quote: ``X affirme : « … »``, ``Pour X : « … »``;
3. ``according`` — ``selon X, « … »``, ``d'après X``;
4. ``governing-verb`` — a reporting verb of the same sentence: ``X a assuré que « … »``,
   ``assurant que « … »`` (the participle's subject is its clause's subject);
5. ``next-sentence`` — the sentence after the quote names the speaker with a reporting verb;
6. ``continuation`` — a quote that follows another with nothing but an incise or a paragraph break
   between them keeps its speaker.
Otherwise the speaker is ``None``: the text does not say, and kgraph does not guess.

A speaker phrase resolves to a person mention, an organisation (``le syndicat``), a title held by a
person in the text (``a conclu le maire de Lyon``), or a pronoun (``il``/``elle``), resolved to the
most recent earlier person of that gender, a common heuristic in quotation attribution (e.g. the
speaker-pronoun rule of Pareti's attribution work and of the Gender Gap Tracker).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..lexicon import Lexicon, lexicon
from .entities import DocEntities, PersonEntity, QuoteMention, RoleMention, get_entities, register_extensions
from .text import norm

_PRONOUNS = {"il": "m", "elle": "f"}
_ADVERBS = {"encore", "aussi", "ainsi", "alors", "également", "enfin", "plus", "pour", "sa", "son", "part",
            "de", "t-il", "ensuite", "d'ailleurs", "déjà", "même", "simplement", "sobrement"}
_STOP = {".", ";", "!", "?", "\n"}
_PROPOS = {"propos", "déclaration", "mots", "paroles", "réaction", "message"}


class Attributor:
    def __init__(self, lex: Lexicon, incise_window: int = 14):
        self.lex = lex
        self.window = incise_window

    def __call__(self, doc: Doc) -> Doc:
        ents = get_entities(doc)
        previous: QuoteMention | None = None
        for quote in ents.quotes:
            for rule in (self._incise, self._colon, self._according, self._governing_verb,
                         self._next_sentence, self._continuation):
                found = rule(doc, ents, quote, previous)
                if found:
                    quote.speaker, quote.cue, quote.cue_start, quote.attribution, quote.confidence = found
                    break
            previous = quote
        for quote, span in zip(ents.quotes, doc.spans["quotes"]):
            span._.speaker = quote.speaker[1] if quote.speaker else None
            span._.speaker_kind = quote.speaker[0] if quote.speaker else None
            span._.cue = quote.cue
            span._.rule = quote.attribution
            span._.confidence = quote.confidence
        return doc

    # -- speaker phrases -----------------------------------------------------------------------
    def _is_speech_verb(self, token: Token) -> bool:
        return token.lemma_.lower() in self.lex.speech_verbs and token.pos_ in ("VERB", "AUX", "NOUN", "ADJ")

    def _resolve(self, doc: Doc, ents: DocEntities, start: int, end: int, before_char: int
                 ) -> tuple[str, str] | None:
        """The entity a speaker phrase doc[start:end] refers to."""
        for k in range(start, min(end, len(doc))):
            owner = ents.owner(k)
            if owner and owner[0] in ("person", "organisation"):
                return owner
            text = norm(doc[k].text).lstrip("-").removeprefix("t-")
            if text in _PRONOUNS and (doc[k].pos_ == "PRON" or doc[k].text.startswith("-")):
                person = self._pronoun(ents, _PRONOUNS[text], before_char)
                return ("person", person.key) if person else None
            if doc[k].text in _STOP or doc[k].text == ",":
                break
            head = self.lex.role_head_at([norm(t.text) for t in doc[k: k + 5]])
            if head:
                person = self._title_holder(doc, ents, head.lemma, k, before_char)
                return ("person", person.key) if person else None
        return None

    def _pronoun(self, ents: DocEntities, gender: str, before_char: int) -> PersonEntity | None:
        """The most recent person mentioned before ``before_char`` whose gender agrees; a person of
        unknown gender only when nobody of that gender was mentioned."""
        best_known, best_unknown = None, None
        for mention, key in ents.mentions_in_order("person"):
            if mention.start >= before_char:
                break
            person = ents.people[key]
            if person.gender == gender:
                best_known = person
            elif person.gender is None:
                best_unknown = person
        return best_known or best_unknown

    def _title_holder(self, doc: Doc, ents: DocEntities, head: str, k: int, before_char: int
                      ) -> PersonEntity | None:
        words = " ".join(norm(t.text) for t in doc[k: k + 8])
        holders = []
        for person in ents.people.values():
            for role in person.roles:
                if role.head == head:
                    first = min(m.start for m in person.mentions) if person.mentions else 0
                    overlap = sum(1 for w in norm(role.title).split() if w in words.split())
                    holders.append((overlap, first < before_char, person))
        if not holders:
            return None
        holders.sort(key=lambda h: (h[0], h[1]), reverse=True)
        return holders[0][2]

    def _sentence_tokens(self, doc: Doc, char: int) -> list[Token]:
        span = doc.char_span(char, min(len(doc.text), char + 1), alignment_mode="expand")
        return list(span[0].sent) if span is not None else []

    # -- rules ---------------------------------------------------------------------------------
    def _incise(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        if quote.incise:
            start, stop = quote.incise
            verb = next((t for t in doc[start:stop] if self._is_speech_verb(t)), None)
            speaker = self._resolve(doc, ents, (verb.i + 1) if verb else start, stop, quote.open_at)
            if speaker is None and verb is not None:
                speaker = self._resolve(doc, ents, start, stop, quote.open_at)
            if speaker:
                return speaker, verb.text if verb else None, verb.idx if verb else None, "incise", 1.0
        after = doc.char_span(quote.close_at, min(len(doc.text), quote.close_at + 1), alignment_mode="expand")
        if after is None:
            return None
        i = after.end
        tokens = []
        while i < len(doc) and len(tokens) < self.window:
            t = doc[i]
            if t.text in _STOP or (t.is_space and "\n" in t.text) or t.text in {"«", "“"}:
                break
            tokens.append(t)
            i += 1
        # the incise starts right after the closing mark, after an optional comma
        while tokens and tokens[0].text in {",", "»", "”", "!", "?", "…"}:
            tokens.pop(0)
        if not tokens:
            return None
        # "« … », selon X."
        lowered = [norm(t.text) for t in tokens]
        for cue in self.lex.attribution_cues:
            if tuple(lowered[: len(cue)]) == cue and cue[0] != "pour":
                speaker = self._resolve(doc, ents, tokens[len(cue) - 1].i + 1, tokens[-1].i + 1, quote.open_at)
                if speaker:
                    return speaker, tokens[0].text, tokens[0].idx, "incise-according", 0.95
        for n, t in enumerate(tokens[:5]):
            if self._is_speech_verb(t):
                # the subject: an inverted pronoun glued to the verb or its auxiliary, else a phrase after it
                speaker = self._resolve(doc, ents, t.i + 1, tokens[-1].i + 1, quote.open_at)
                if speaker is None:
                    speaker = self._resolve(doc, ents, tokens[0].i, t.i, quote.open_at)
                if speaker:
                    return speaker, t.text, t.idx, "incise", 1.0
                return None
            if t.pos_ not in ("AUX", "ADV", "PRON", "ADP", "DET") and norm(t.text) not in _ADVERBS and not t.text.startswith("-"):
                # "« … », X a déclaré" (subject before the verb)
                if n == 0 and ents.owner(t.i):
                    for u in tokens[1:8]:
                        if self._is_speech_verb(u):
                            return ents.owner(t.i), u.text, u.idx, "incise", 0.95
                break
        return None

    def _colon(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        k = quote.open_at - 1
        while k >= 0 and doc.text[k] in " \t\u00a0\u202f\n\r":
            k -= 1
        if k < 0 or doc.text[k] != ":":
            return None
        colon = doc.char_span(k, k + 1, alignment_mode="expand")
        if colon is None:
            return None
        clause = []
        i = colon.start - 1
        while i >= 0 and doc[i].text not in {".", "!", "?", ";", "»", "”"} and not (doc[i].is_space and "\n" in doc[i].text):
            clause.insert(0, doc[i])
            i -= 1
        if not clause:
            return None
        verbs = [t for t in clause if self._is_speech_verb(t)]
        for verb in verbs:
            speaker = self._subject(doc, ents, verb, clause, quote)
            if speaker:
                return speaker, verb.text, verb.idx, "colon", 1.0
        # "Pour X :", "Réaction de X :" — a person named in the clause
        mentions = [ents.owner(t.i) for t in clause if ents.owner(t.i) and ents.owner(t.i)[0] in ("person", "organisation")]
        people = [m for m in mentions if m[0] == "person"]
        if people:
            return people[0], None, None, "colon", 0.85
        if mentions:
            return mentions[0], None, None, "colon", 0.8
        if verbs and previous is not None and previous.speaker:
            # "Et d'ajouter :" — no subject: the speaker of the quote before
            return previous.speaker, verbs[0].text, verbs[0].idx, "colon-continuation", 0.8
        if verbs:
            speaker = self._resolve(doc, ents, clause[0].i, verbs[0].i, quote.open_at)
            if speaker:
                return speaker, verbs[0].text, verbs[0].idx, "colon", 0.9
        return None

    def _subject(self, doc: Doc, ents: DocEntities, verb: Token, clause: list[Token], quote: QuoteMention):
        """The subject of a reporting verb: its nsubj (or its governing clause's, for a participle),
        else the nearest person mentioned before the verb in the clause."""
        heads = [verb]
        if verb.dep_ in ("advcl", "acl", "xcomp", "conj") or "Part" in verb.morph.get("VerbForm"):
            heads.append(verb.head)
        for head in heads:
            for child in head.children:
                if child.dep_.startswith("nsubj") or child.dep_ == "expl:subj":
                    speaker = self._resolve(doc, ents, child.left_edge.i, child.right_edge.i + 1, quote.open_at)
                    if speaker is None:
                        speaker = self._resolve(doc, ents, child.i, child.i + 1, quote.open_at)
                    if speaker:
                        return speaker
        before = [t for t in clause if t.i < verb.i]
        for t in reversed(before):
            owner = ents.owner(t.i)
            if owner and owner[0] in ("person", "organisation"):
                return owner
        for t in reversed(before):
            if norm(t.text) in _PRONOUNS and t.pos_ == "PRON":
                return self._resolve(doc, ents, t.i, t.i + 1, quote.open_at)
        after = [t for t in clause if t.i > verb.i]
        if after:  # inverted subject: "Ainsi l'affirme X :"
            return self._resolve(doc, ents, after[0].i, after[-1].i + 1, quote.open_at)
        return None

    def _according(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        sent = self._sentence_tokens(doc, quote.open_at)
        before = [t for t in sent if t.idx < quote.open_at]
        lowered = [norm(t.text) for t in before]
        for n in range(len(before)):
            for cue in self.lex.attribution_cues:
                if tuple(lowered[n: n + len(cue)]) != cue:
                    continue
                rest = before[n + len(cue):]
                if cue[0] == "pour" and not any(t.text in {",", ":"} for t in rest):
                    continue
                if rest:
                    speaker = self._resolve(doc, ents, rest[0].i, rest[-1].i + 1, quote.open_at)
                    if speaker and (cue[0] != "pour" or speaker[0] == "person"):
                        return speaker, before[n].text, before[n].idx, "according", 0.95
        return None

    def _governing_verb(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        sent = self._sentence_tokens(doc, quote.open_at)
        before = [t for t in sent if t.idx < quote.open_at]
        verbs = [t for t in before if self._is_speech_verb(t) and t.pos_ in ("VERB", "AUX")]
        if not verbs:
            return None
        verb = verbs[-1]
        speaker = self._subject(doc, ents, verb, before, quote)
        if speaker:
            return speaker, verb.text, verb.idx, "governing-verb", 0.9
        return None

    def _next_sentence(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        end = doc.char_span(quote.close_at, min(len(doc.text), quote.close_at + 1), alignment_mode="expand")
        if end is None:
            return None
        sent = end[0].sent
        if sent.end >= len(doc):
            return None
        nxt = doc[sent.end].sent
        tokens = [t for t in nxt if not t.is_space]
        if not tokens or any(t.text in {"«", "“"} for t in tokens) or len(tokens) > 30:
            return None
        verbs = [t for t in tokens if self._is_speech_verb(t) or norm(t.text) in _PROPOS]
        if not verbs:
            return None
        verb = verbs[0]
        if verb.pos_ in ("VERB", "AUX"):
            speaker = self._subject(doc, ents, verb, tokens, quote)
        else:
            speaker = self._resolve(doc, ents, verb.i + 1, tokens[-1].i + 1, quote.open_at)
        if speaker is None:
            speaker = next((ents.owner(t.i) for t in tokens if ents.owner(t.i) and ents.owner(t.i)[0] == "person"), None)
        if speaker:
            return speaker, verb.text, verb.idx, "next-sentence", 0.75
        return None

    def _continuation(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        if previous is None or previous.speaker is None:
            return None
        between = doc.text[previous.close_at + 1: quote.open_at]
        span = doc.char_span(previous.close_at + 1, quote.open_at, alignment_mode="contract")
        if span is not None and any(ents.owner(t.i) for t in span):
            return None
        if len(between.split()) <= 8 and between.count("\n") <= 2:
            return previous.speaker, None, None, "continuation", 0.8
        return None


def speaking_capacity(doc: Doc, ents: DocEntities, quote: QuoteMention) -> RoleMention | None:
    """The role in which a person speaks: the title written next to their name in the attribution
    sentence, else their only role in the document, else the last one stated before the quote."""
    if not quote.speaker or quote.speaker[0] != "person":
        return None
    person = ents.people[quote.speaker[1]]
    if not person.roles:
        return None
    if len(person.roles) == 1:
        return person.roles[0]
    window_start = max(0, (quote.cue_start or quote.open_at) - 300)
    window_end = (quote.cue_start or quote.close_at) + 300
    near = [r for r in person.roles if window_start <= r.start <= window_end]
    if near:
        anchor = quote.cue_start or quote.open_at
        return min(near, key=lambda r: abs(r.start - anchor))
    before = [r for r in person.roles if r.start < quote.open_at]
    return before[-1] if before else person.roles[0]


@Language.factory(
    "kgraph_attribution",
    assigns=["doc.spans", "doc._.kg"],
    requires=["doc._.kg", "token.dep", "token.lemma"],
    default_config={"incise_window": 14},
)
def make_attribution(nlp: Language, name: str, incise_window: int) -> Attributor:
    register_extensions()
    return Attributor(lexicon(), incise_window=incise_window)
