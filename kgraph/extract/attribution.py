"""``kgraph_attribution``: who speaks each quote, with the cue verb and the capacity they speak in.

The rules try, in order, the places French press writing puts a speaker (each is tested in
``tests/extract/test_attribution.py``):

1. ``incise``  — right after the quote: ``« … », a déclaré X`` / ``a-t-il ajouté`` / ``estime-t-
elle``
   / ``« … », selon X``; also an incise inside a quote that was split (``« A, dit-il. B »``);
2. ``colon``   — the clause before a colon that opens the quote: ``X affirme : « … »``, ``Pour X :
« … »``;
3. ``according`` — ``selon X, « … »``, ``d'après X``;
4. ``governing-verb`` — a reporting verb of the same sentence: ``X a assuré que « … »``,
   ``assurant que « … »`` (the participle's subject is its clause's subject);
5. ``answer`` — dialogue: the answer to a question quoted just before (put to someone by name,
   or after "La réponse tombe :"), a question asked again, answers under "Trois questions à X";
6. ``next-sentence`` — the sentence after the quote names the speaker with a reporting verb or
   noun ("C'est la question que pose X", "La phrase est de X");
7. ``previous-subject`` / ``previous-paragraph`` — the person the sentence or paragraph before
   the quote is about, when it ends on them ("Le prévenu hausse les épaules. « … »");
8. ``continuation`` — a quote that follows another with nothing but an incise or a paragraph break
   between them keeps its speaker.
Otherwise the speaker is ``None``: the text does not say, and kgraph does not guess.

A speaker phrase resolves to a person mention, an organisation (``le syndicat``), a title held by a
person in the text (``a conclu le maire de Lyon``), or a pronoun (``il``/``elle``), resolved to the
most recent earlier person of that gender, a common heuristic in quotation attribution (e.g. the
speaker-pronoun rule of Pareti's attribution work and of the Gender Gap Tracker).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..lexicon import Lexicon, lexicon
from ..slugs import fold
from .entities import (
    DocEntities,
    EntityMention,
    PersonEntity,
    QuoteMention,
    RoleMention,
    get_entities,
    register_extensions,
)
from .text import (
    doc_text,
    is_capitalised,
    is_speech_verb,
    norm,
    paragraph_start,
    token_offsets,
)

_PRONOUNS = {"il": "m", "elle": "f"}
_DEMONSTRATIVES = {"celui": "m", "celle": "f"}
_CLITICS = {
    "-il",
    "-elle",
    "-t-il",
    "-t-elle",
    "-ils",
    "-elles",
    "-on",
    "-t-on",
    "-t-ils",
    "-t-elles",
}
_INDEFINITE = {"un", "une", "des", "plusieurs", "certains", "certaines", "quelques"}
_RELATIVE = {"qui", "que", "qu'", "dont", "où", "lequel", "laquelle"}
UNNAMED = ("unnamed", "")  # the text says who speaks without naming them: no other rule may guess
_UNNAMED_PERSON = object()  # a pronoun's antecedent that the text does not name
_ADVERBS = {
    "encore",
    "aussi",
    "ainsi",
    "alors",
    "également",
    "enfin",
    "plus",
    "pour",
    "sa",
    "son",
    "part",
    "de",
    "t-il",
    "ensuite",
    "d'ailleurs",
    "déjà",
    "même",
    "simplement",
    "sobrement",
}
_STOP = {".", ";", "!", "?", "\n"}
# an unnamed "porte-parole de X" speaks for X
_SPOKESPEOPLE = {"porte-parole", "représentant", "représentante", "communiqué", "message"}
_PROPOS = {"propos", "déclaration", "mots", "paroles", "réaction", "message"}


class Attributor:
    def __init__(self, lex: Lexicon, incise_window: int = 24):
        self.lex = lex
        self.window = incise_window
        # per-document state, set at the start of __call__
        self._text = ""
        self._byline_keys: set[str] = set()
        self._subject_starts: set[int] = set()
        self._descriptions: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        ents = get_entities(doc)
        ents.unnamed_subjects = self._unnamed_subjects(doc)
        self._text = doc_text(doc)
        self._byline_keys = self._bylines(doc, ents)
        self._subject_starts = self._subject_mentions(doc, ents)
        self._descriptions = {}
        self._descriptions = self._bind_descriptions(doc, ents)
        # "la rectrice a, elle, défendu …": a description can be a sentence's subject too
        token_at, _ = token_offsets(doc)
        self._subject_starts |= {
            char
            for char in self._descriptions
            if char in token_at and doc[token_at[char]].dep_.startswith("nsubj")
        }
        previous: QuoteMention | None = None
        for quote in ents.quotes:
            for rule in (
                self._addressed,
                self._incise,
                self._colon,
                self._according,
                self._governing_verb,
                self._sentence_end_incise,
                self._answer,
                self._interview_answer,
                self._previous_subject_in_paragraph,
                self._next_sentence,
                self._subject_after,
                self._continuation,
                self._previous_paragraph,
                self._previous_subject,
                self._nearest_person,
            ):
                found = rule(doc, ents, quote, previous)
                if found:
                    (
                        quote.speaker,
                        quote.cue,
                        quote.cue_start,
                        quote.attribution,
                        quote.confidence,
                    ) = found
                    if quote.speaker == UNNAMED:
                        quote.speaker = None
                        quote.attribution = "unnamed"
                    break
            previous = quote
        self._repeated(ents)
        for quote, span in zip(ents.quotes, doc.spans["quotes"], strict=True):
            span._.speaker = quote.speaker[1] if quote.speaker else None
            span._.speaker_kind = quote.speaker[0] if quote.speaker else None
            span._.cue = quote.cue
            span._.rule = quote.attribution
            span._.confidence = quote.confidence
        return doc

    @staticmethod
    def _subject_mentions(doc: Doc, ents: DocEntities) -> set[int]:
        """Start offsets of person mentions (names or titles) that are a sentence's subject."""
        starts = set()
        spans = [(m.start, m.start_token, m.end_token) for m, _ in ents.mentions_in_order("person")]
        for person in ents.people.values():
            spans.extend((r.start, r.start_token, r.end_token) for r in person.roles)
        for start, a, b in spans:
            for t in doc[a:b]:
                head = t.head if t.dep_ in ("flat:name", "appos", "nmod") else t
                if t.dep_.startswith("nsubj") or head.dep_.startswith("nsubj"):
                    starts.add(start)
                    break
        return starts

    _DEFINITE = {"le", "la", "l'", "du", "au"}

    def _description_at(self, doc: Doc, ents: DocEntities, k: int) -> tuple[str, str | None] | None:
        """A definite description of a person at token ``k`` ("l'accusé", "la réalisatrice"):
        the noun that names it (a role's lemma or a person noun) and its gender, if any."""
        j = k - 1
        while j > 0 and doc[j].pos_ == "ADJ" and not ents.owner(j):
            j -= 1  # "la nouvelle maire"
        if k == 0 or norm(doc[j].text) not in self._DEFINITE or ents.owner(k):
            return None
        word = norm(doc[k].text)
        if k > 0 and f"{norm(doc[k - 1].text)} {word}" in self.lex.age_nouns:
            word = f"{norm(doc[k - 1].text)} {word}"  # "le jeune homme"
        if word in self.lex.person_nouns or word in self.lex.age_nouns:
            return word, self._det_gender(doc, k) or _morph_gender(doc[k])
        head = self.lex.role_head_at([norm(t.text) for t in doc[k : k + 5]])
        if head is None:
            return None
        end = k + len(head.words)
        if (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            or (end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].pos_ == "PROPN")
        ):
            return None  # a title before a name: the roles component attaches it
        return head.lemma, head.gender or self._det_gender(doc, k)

    def _bind_descriptions(self, doc: Doc, ents: DocEntities) -> dict[int, str]:
        """Definite descriptions read in text order, each bound to the person it refers back
        to: a description repeated later in the text ("l'accusé" … "l'accusé") keeps the person
        its first use referred to, however far from the name (a definite description repeated
        in a text refers to the same individual)."""
        inside = [(q.start, q.end) for q in ents.quotes]
        titled = {  # a title attached to a name already says whom it describes
            k: person.key
            for person in ents.people.values()
            for r in person.roles
            for k in range(r.start_token, r.end_token)
        }
        bound: dict[int, str] = {}
        latest: dict[tuple[str, str | None], str] = {}
        for token in doc:
            if any(a <= token.idx < b for a, b in inside):
                continue
            kin = self._kin(doc, ents, token)
            if kin is not None:
                bound[token.idx] = kin.key
                continue
            found = self._description_at(doc, ents, token.i)
            if found is None:
                continue
            if token.i in titled:
                bound[token.idx] = titled[token.i]
                continue
            if found[0] not in self.lex.person_nouns:
                holder = self._title_holder(doc, ents, found[0], token.i, token.idx)
                if holder is not None:  # "La ministre l'écoute": the minister the text names
                    bound[token.idx] = holder.key
                    continue
            noun, gender = found
            # "l'élue normande" and "l'élue écologiste" are two people: an adjective after the
            # noun is part of the description that repeats
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            qualifier = norm(nxt.text) if nxt is not None and nxt.pos_ == "ADJ" else ""
            noun = f"{noun} {qualifier}".strip()
            person = None
            if found[0] in self.lex.person_nouns or (noun, gender) not in latest:
                person = self._nearby_person(ents, gender, token.idx, doc=doc, paragraphs=2)
            if person is None and (noun, gender) in latest:
                # the same description again, far from any name: the same person ("le
                # quinquagénaire" is not "la quinquagénaire"); a title with someone named close
                # by ("l'élue normande" … "l'élue écologiste") is that person's
                bound[token.idx] = latest[noun, gender]
                continue
            if person is None:
                person = self._named_after(ents, gender, token.idx, inside)
            if found[0] in self.lex.age_nouns:
                aged_person = self._of_age(doc, ents, found[0], gender, token.idx)
                if aged_person is not None:
                    bound[token.idx] = latest[noun, gender] = aged_person.key
                    continue
            defendant = self._defendant(doc, ents, found[0], token.idx)
            if defendant is not None:  # "le prévenu": the one the report says is on trial
                bound[token.idx] = latest[noun, gender] = defendant.key
                continue
            aged = any(
                norm(doc[m].text) == "de" and doc[m + 1].like_num and norm(doc[m + 2].text) == "ans"
                for m in range(token.i + 1, min(len(doc) - 2, token.i + 5))
            )
            if (
                found[0] in self.lex.person_nouns
                and (person is None or person.roles)
                and not (aged and person is not None)  # "le défenseur de 31 ans": new facts
            ):
                # "L'accusé" is not the prosecutor just named: a description that is no title
                # goes to the one untitled person, if there is one
                person = self._only_untitled(ents, gender, token.idx) or person
            if person is None and gender:
                # "la cheffe d'entreprise" in a text that has named one woman: her
                named = [
                    p
                    for p in ents.people.values()
                    if p.gender == gender
                    and p.key not in self._byline_keys
                    and any(m.start < token.idx for m in p.mentions)
                ]
                person = named[0] if len(named) == 1 else None
            if person is not None:
                bound[token.idx] = latest[noun, gender] = person.key
        return bound

    def _kin(self, doc: Doc, ents: DocEntities, token: Token) -> PersonEntity | None:
        """ "Martine et Gérard Rolland … raconte Martine Rolland. Son mari, lui, avoue …": kin
        named by a possessive (``data/kin_nouns.tsv``) is, of the people who share the surname
        of the person named last, the one of the kin's gender who is not that person."""
        gender = self.lex.kin_nouns.get(norm(token.text))
        if gender is None or token.i == 0 or norm(doc[token.i - 1].text) not in {"son", "sa"}:
            return None
        last = self._last_named(ents, token.idx)
        if last is None:
            return None
        surname = fold(ents.people[last].name).split()[-1]
        family = [
            p
            for p in ents.people.values()
            if p.key != last
            and len(p.name.split()) > 1
            and fold(p.name).split()[-1] == surname
            and p.gender in (gender, None)
            and any(m.start < token.idx for m in p.mentions)
        ]
        return family[0] if len(family) == 1 else None

    @staticmethod
    def _stated_age(doc: Doc, person: PersonEntity) -> int | None:
        """ "Loïc, 27 ans," / "X (54 ans)": the age the text gives with a mention."""
        for m in person.mentions:
            k = m.end_token
            if k + 2 < len(doc) and doc[k].text in ",(" and doc[k + 1].like_num:
                if norm(doc[k + 2].text) == "ans" and doc[k + 1].text.isdigit():
                    return int(doc[k + 1].text)
        return None

    def _of_age(
        self, doc: Doc, ents: DocEntities, noun: str, gender: str | None, char: int
    ) -> PersonEntity | None:
        """ "Le quinquagénaire" / "le jeune homme" between René Muller and "son fils Loïc, 27
        ans": of the people of that gender named in the last two paragraphs, the one whose age
        fits; when ages are given for all but one and none fits, the one whose age is not
        given."""
        youngest, oldest = self.lex.age_nouns[noun]
        since = paragraph_start(self._text, char, back=1)
        near = [
            p
            for p in ents.people.values()
            if p.key not in self._byline_keys
            and (gender is None or p.gender in (gender, None))
            and any(since <= m.start < char for m in p.mentions)
        ]
        ages = {p.key: self._stated_age(doc, p) for p in near}
        fits = [p for p in near if ages[p.key] is not None and youngest <= ages[p.key] <= oldest]
        if len(fits) == 1:
            return fits[0]
        same = [p for p in near if gender is None or p.gender == gender]
        unknown = [p for p in same if ages[p.key] is None]
        if not fits and len(unknown) == 1 and len(same) > 1:
            return unknown[0]
        return None

    def _defendant(self, doc: Doc, ents: DocEntities, noun: str, char: int) -> PersonEntity | None:
        """ "Poursuivi pour blessures involontaires, X, 61 ans, …" … "Le prévenu a reconnu":
        the first person named, before the description, in a sentence that says they are on
        trial (``data/defendant_cues.tsv``)."""
        cues = [c for c, nouns in self.lex.defendant_cues.items() if noun in nouns]
        if not cues:
            return None
        for mention, key in ents.mentions_in_order("person"):
            if mention.start >= char:
                return None
            sent = doc[mention.start_token].sent
            words = [norm(t.text) for t in sent]
            if (
                any(tuple(words[n : n + len(c)]) == c for c in cues for n in range(len(words)))
                and key not in self._byline_keys
            ):
                return ents.people[key]
        return None

    def _only_untitled(
        self, ents: DocEntities, gender: str | None, char: int
    ) -> PersonEntity | None:
        """ "Le prévenu baisse les yeux": a description that is not a title ("l'accusé", "le
        quinquagénaire") stands for someone the text has not given a title — when only one
        person of that gender named before has none."""
        untitled = [
            p
            for p in ents.people.values()
            if not p.roles
            and p.key not in self._byline_keys
            and any(m.start < char for m in p.mentions)
            and (gender is None or p.gender in (gender, None))
        ]
        return untitled[0] if len(untitled) == 1 else None

    def _named_after(
        self, ents: DocEntities, gender: str | None, char: int, inside: list[tuple[int, int]]
    ) -> PersonEntity | None:
        """A description that comes before any name ("sourit la directrice du festival, installée
        en terrasse. Armelle Le Goff …") announces the next person named in its paragraph or
        the next sentence, if their gender agrees."""
        end = self._text.find("\n", char)
        end = len(self._text) if end < 0 else end
        end = min(end, char + 300)
        for mention, key in ents.mentions_in_order("person"):
            if mention.start <= char or any(a <= mention.start < b for a, b in inside):
                continue
            if mention.start >= end:
                return None
            person = ents.people[key]
            if key in self._byline_keys or (gender and person.gender and person.gender != gender):
                return None
            return person
        return None

    def _unnamed_subjects(self, doc: Doc) -> list[tuple[int, str]]:
        """Unnamed people who act as sentence subjects ("Une mère … a pu échanger", "un ancien
        commercial … a décrit"): an indefinite determiner and a noun for a person."""
        out = []
        for token in doc:
            if not token.dep_.startswith("nsubj") or token.pos_ != "NOUN":
                continue
            det = next((c for c in token.children if c.dep_ == "det"), None)
            if det is None or norm(det.text) not in {"un", "une"}:
                continue
            word = norm(token.text)
            if (
                word in self.lex.person_nouns
                or word in self.lex.unnamed_speakers
                or self.lex.role_head_at([word]) is not None
            ):
                out.append((token.idx, "unnamed:f" if norm(det.text) == "une" else "unnamed:m"))
        return out

    # -- speaker phrases -----------------------------------------------------------------------
    def _is_speech_verb(self, token: Token) -> bool:
        return is_speech_verb(token, self.lex)

    @staticmethod
    def _inverted_clitic(token: Token) -> bool:
        return norm(token.text) in _CLITICS

    def _phrase_end(self, doc: Doc, start: int, end: int) -> int:
        """Cut a speaker phrase before a relative clause, a new verb or the end of the sentence."""
        k = start
        while k < min(end, len(doc)):
            t = doc[k]
            if t.text in _STOP or (t.is_space and "\n" in t.text) or norm(t.text) in _RELATIVE:
                break
            if (
                k > start
                and t.pos_ in ("VERB", "AUX")
                and not t.text.startswith("-")
                and t.dep_ not in ("amod", "acl")
                and doc[k - 1].pos_ != "DET"  # "l'accusé" tagged as a verb is still a noun
            ):
                break
            k += 1
        return k

    def _resolve(
        self, doc: Doc, ents: DocEntities, start: int, end: int, before_char: int
    ) -> tuple[str, str] | None:
        """The entity a speaker phrase doc[start:end] refers to: a person or organisation
        mentioned in it (a person wins over the organisation of their title), else a subject
        pronoun, else a title held by someone in the text; an indefinite phrase ("un habitant",
        "une source proche du dossier") names nobody and returns ``UNNAMED``."""
        end = self._phrase_end(doc, start, end)
        owners = [ents.owner(k) for k in range(start, end)]
        people = [o for o in owners[: self._complement_at(doc, ents, start, end) - start]]
        people = [o for o in people if o and o[0] == "person"]
        k = start
        while k < end and (doc[k].is_punct or doc[k].pos_ in ("ADV", "ADP") and not ents.owner(k)):
            k += 1
        if (
            people
            and k + 1 < end
            and norm(doc[k].text) in {"un", "une"}
            and not ents.owner(k + 1)
            and (
                norm(doc[k + 1].text) in self.lex.person_nouns
                or norm(doc[k + 1].text) in self.lex.unnamed_speakers
            )
        ):
            return UNNAMED  # "un habitant de Montanou": the name is a complement, not the speaker
        if people:
            return people[0]
        k = start
        while k < end and (doc[k].is_punct or doc[k].pos_ in ("ADV", "ADP") and not ents.owner(k)):
            k += 1
        if k < end:
            word = norm(doc[k].text)
            if (
                word in _INDEFINITE
                and k + 1 < end
                and doc[k + 1].pos_ in ("NOUN", "ADJ")
                and (norm(doc[k + 1].text) not in self.lex.document_nouns)
            ):
                if norm(doc[k + 1].text) in _SPOKESPEOPLE:
                    # "a dit un porte-parole de Darmel": the organisation speaks through them
                    orgs = [o for o in owners if o and o[0] == "organisation"]
                    if orgs:
                        return orgs[0]
                return UNNAMED
            head = doc[k + 1] if doc[k].pos_ == "DET" and k + 1 < end else doc[k]
            if norm(head.text) in self.lex.unnamed_speakers and not ents.owner(head.i):
                if head.idx in self._descriptions and word in self._DEFINITE:
                    # "explique la mère de famille" just after Karine Vabre was named: her
                    return ("person", self._descriptions[head.idx])
                return UNNAMED
        orgs = [o for o in owners if o and o[0] == "organisation"]
        for k in range(start, end):
            if ents.owner(k) and ents.owner(k)[0] == "organisation":
                continue  # "l'Association des maires ruraux": a name, not a title
            text = norm(doc[k].text).lstrip("-").removeprefix("t-")
            if text in _DEMONSTRATIVES and k == start:
                # "Celle qui dirige le festival depuis 2017 …": the person just named
                person = self._pronoun(ents, _DEMONSTRATIVES[text], before_char)
                if isinstance(person, PersonEntity):
                    return ("person", person.key)
            if text in _PRONOUNS and (doc[k].pos_ == "PRON" or doc[k].text.startswith("-")):
                # the antecedent comes before the pronoun ("Il rend hommage au jeune homme :")
                person = self._pronoun(ents, _PRONOUNS[text], min(before_char, doc[k].idx))
                if person is _UNNAMED_PERSON:
                    return UNNAMED
                return ("person", person.key) if person else None
            if doc[k].idx in self._descriptions and norm(doc[k].text) in self.lex.kin_nouns:
                return ("person", self._descriptions[doc[k].idx])  # "Son mari, lui, avoue"
            two_words = k > start + 1 and (
                f"{norm(doc[k - 1].text)} {norm(doc[k].text)}" in self.lex.age_nouns
            )  # "le jeune homme"
            if two_words and doc[k].idx in self._descriptions:
                return ("person", self._descriptions[doc[k].idx])
            if (
                norm(doc[k].text) in self.lex.person_nouns
                and k > start
                and (doc[k - 1].pos_ == "DET" or norm(doc[k - 1].text) in {"du", "au"})
            ):
                if doc[k].idx in self._descriptions:
                    return ("person", self._descriptions[doc[k].idx])
                person = self._nearby_person(
                    ents, self._det_gender(doc, k), before_char, doc=doc, paragraphs=2
                )
                return ("person", person.key) if person else UNNAMED
            head = self.lex.role_head_at([norm(t.text) for t in doc[k : k + 5]])
            if head and k > 0 and norm(doc[k - 1].text) in {"son", "sa", "leur"}:
                # "L'APVF plaide … Son président avait dénoncé": the president of the organisation
                # just named, if the text names them; else someone it does not name
                owner = self._possessor(doc, ents, k)
                if owner is not None:
                    heads = {head.lemma} | self.lex.role_synonyms.get(head.lemma, frozenset())
                    roles = [
                        (p, r) for p in ents.people.values() for r in p.roles if r.head in heads
                    ]
                    ours = {p.key for p, r in roles if r.organisation == owner[1]}
                    if len(ours) == 1:
                        return ("person", ours.pop())
                    if roles and all(r.organisation not in (None, owner[1]) for _, r in roles):
                        return UNNAMED  # every president named is another organisation's
            if head:
                person = self._title_holder(doc, ents, head.lemma, k, before_char)
                if person is not None and self._last(person, before_char) < paragraph_start(
                    self._text, before_char, back=1
                ):
                    # the holder was last seen paragraphs ago; someone named in this paragraph
                    # with no title of their own is who "le défenseur central" now describes
                    near = self._nearby_person(
                        ents, head.gender or self._det_gender(doc, k), before_char, doc=doc
                    )
                    if near is not None and not near.roles:
                        person = near
                if person is None:
                    demonstrative = k > 0 and norm(doc[k - 1].text) in {"ce", "cet", "cette"}
                    person = self._nearby_person(
                        ents,
                        head.gender or self._det_gender(doc, k),
                        before_char,
                        window=400 if demonstrative else 0,
                        doc=doc,
                    )
                if person:
                    return ("person", person.key)
                if doc[k].idx in self._descriptions:
                    return ("person", self._descriptions[doc[k].idx])
                return UNNAMED  # "a précisé la directrice": someone the text does not name here
        if orgs:
            return orgs[0]
        return None

    def _possessor(self, doc: Doc, ents: DocEntities, k: int):
        """The organisation a possessive before token ``k`` refers to: the last one named in the
        same paragraph before it, when no person was named after it."""
        start = paragraph_start(self._text, doc[k].idx)
        for j in range(k - 2, -1, -1):
            if doc[j].idx < start:
                return None
            owner = ents.owner(j)
            if owner and owner[0] == "person":
                return None
            if owner and owner[0] == "organisation":
                return owner
        return None

    _COMPLEMENT_PREPOSITIONS = {"à", "au", "aux", "devant", "auprès", "avec", "face"}

    def _complement_at(self, doc: Doc, ents: DocEntities, start: int, end: int) -> int:
        """Where a speaker phrase that starts with a title turns to someone else: "glisse la
        ministre à la principale, Sylvie Raynaud" — the person after "à" is spoken to.  A phrase
        that opens with the complement ("a déclaré à l'AFP le porte-parole …") is read past it."""
        k = start
        if k < end and norm(doc[k].text) in self._COMPLEMENT_PREPOSITIONS:
            k += 1  # skip "à l'AFP", "au Monde"
            while k < end and (doc[k].pos_ in ("DET", "PROPN") or ents.owner(k)):
                k += 1
        while k < end and doc[k].pos_ in ("DET", "ADV", "PUNCT"):
            k += 1
        if k >= end or ents.owner(k) or self.lex.role_head_at([norm(doc[k].text)]) is None:
            return end
        for j in range(k + 1, end):
            if norm(doc[j].text) in self._COMPLEMENT_PREPOSITIONS:
                return j
        return end

    @staticmethod
    def _det_gender(doc: Doc, k: int) -> str | None:
        j = k - 1
        while j > 0 and doc[j].pos_ == "ADJ":  # "la nouvelle maire", "l'ancien ministre"
            j -= 1
        det = norm(doc[j].text) if j >= 0 and k > 0 else ""
        if det in {"la", "cette", "une"}:
            return "f"
        if det in {"le", "ce", "cet", "un"}:
            return "m"
        if j < k - 1:  # "l'ancien cadre", "l'ancienne": the adjective agrees
            return _morph_gender(doc[k - 1])
        return None

    def _nearby_person(
        self,
        ents: DocEntities,
        gender: str | None,
        before_char: int,
        window: int = 0,
        doc: Doc | None = None,
        paragraphs: int = 1,
    ) -> PersonEntity | None:
        """A title with no holder in the text ("cette conseillère", "l'ancien chef du
        gouvernement") refers back to the person just mentioned: for a demonstrative, anyone of
        that gender within ``window`` characters; for a definite title, only within the same
        paragraph (a café's "patron" three paragraphs later is someone else)."""
        if gender:
            person = self._pronoun(ents, gender, before_char)
        else:  # "l'édile", "l'accusé": any gender, the most recent person
            person = self._pronoun(ents, "m", before_char)
            other = self._pronoun(ents, "f", before_char)
            if isinstance(other, PersonEntity) and (
                not isinstance(person, PersonEntity)
                or self._last(other, before_char) > self._last(person, before_char)
            ):
                person = other
        if person is None or person is _UNNAMED_PERSON:
            return None
        last = self._last(person, before_char)
        if window:
            return person if before_char - last <= window else None
        if doc is None:
            return person
        return (
            person if last >= paragraph_start(doc_text(doc), before_char, paragraphs - 1) else None
        )

    @staticmethod
    def _last(person: PersonEntity, before_char: int) -> int:
        starts = [m.start for m in person.mentions if m.start < before_char]
        starts += [r.start for r in person.roles if r.start < before_char]
        return max(starts, default=-1)

    def _pronoun(self, ents: DocEntities, gender: str, before_char: int) -> PersonEntity | None:
        """The most recent person mentioned before ``before_char`` — by name or by a title they
        hold ("la préfète") — who can be ``il``/``elle``: someone known to be of that gender,
        unless a person of unknown gender was mentioned much more recently.  Names inside quotes
        do not count (they are what someone said), and an unnamed person introduced as the
        subject of a sentence ("Une mère … a pu échanger") can be the antecedent, which then
        names nobody."""
        mentions = [(m.start, key) for m, key in ents.mentions_in_order("person")]
        for person in ents.people.values():
            mentions.extend((r.start, person.key) for r in person.roles)
        for role in ents.unattached_roles:
            holders = [
                p
                for p in ents.people.values()
                if any(r.head == role.head for r in p.roles)
                and not (role.gender and p.gender and role.gender != p.gender)
            ]
            if len(holders) == 1:
                mentions.append((role.start, holders[0].key))
        mentions.extend((start, g_key) for start, g_key in ents.unnamed_subjects)
        # "L'élu d'opposition … Interrogé, il botte en touche": a description bound to someone
        mentions.extend((char, key) for char, key in self._descriptions.items())
        inside = [(q.start, q.end) for q in ents.quotes]
        paragraph = paragraph_start(self._text, before_char) - 1
        known, unknown, subject = None, None, None
        for start, key in sorted(mentions):
            if start >= before_char:
                break
            if any(a <= start < b for a, b in inside) or key in self._byline_keys:
                continue
            if key.startswith("unnamed:"):
                if key == f"unnamed:{gender}":
                    known = (start, None)
                continue
            person = ents.people[key]
            if person.gender == gender and self._authored_by(start) and known is not None:
                continue  # "d'après le roman de Louise Arnal": an author, not who is spoken of
            if person.gender == gender:
                known = (start, person)
                if start in self._subject_starts and start > paragraph:
                    subject = (start, person)
            elif person.gender is None:
                unknown = (start, person)
        if subject is not None and known is not None and known[1] is not None:
            # prefer the subject of a recent sentence over a name in a subordinate clause
            # (the subject-first preference of centering theory, Grosz, Joshi & Weinstein 1995)
            known = subject
        if known and unknown and unknown[0] - known[0] > 300:
            return unknown[1]
        if known:
            return known[1] if known[1] is not None else _UNNAMED_PERSON
        return unknown[1] if unknown else None

    def _authored_by(self, char: int) -> bool:
        """A name right after "le roman de", "un film de": the author of a work (the nouns of
        ``data/work_cues.txt``)."""
        before = self._text[max(0, char - 40) : char].replace("’", "'").lower().split()
        return (
            len(before) >= 2
            and before[-1] in {"de", "d'"}
            and norm(before[-2]) in self.lex.work_cues
        )

    def _title_holder(
        self, doc: Doc, ents: DocEntities, head: str, k: int, before_char: int
    ) -> PersonEntity | None:
        words = " ".join(norm(t.text) for t in doc[k : k + 8])
        heads = {head} | self.lex.role_synonyms.get(head, frozenset())
        gender = self._det_gender(doc, k) if k > 0 else None
        own = self.lex.role_head_at([norm(t.text) for t in doc[k : k + 5]])
        gender = gender or (own.gender if own else None)  # "l'avocat" is a man
        after = k + (len(own.words) if own else 1)
        qualifier = norm(doc[after].text) if after < len(doc) and doc[after].pos_ == "ADJ" else None
        # "la députée de la Sarthe" is not the deputy of the Var: the names in a complement
        named: set[str] = set()
        for t in doc[after : after + 6]:
            if t.is_punct or t.pos_ in ("VERB", "AUX"):
                break
            if is_capitalised(t) and t.pos_ == "PROPN":
                named.add(fold(t.text))
        holders = []
        for person in ents.people.values():
            if gender and person.gender and person.gender != gender:
                continue  # "a assuré le ministre": not the (woman) minister
            for role in person.roles:
                if (
                    qualifier
                    and len(norm(role.title).split()) > 1
                    and qualifier not in norm(role.title)
                ):
                    continue  # "l'élue écologiste" is not "l'élue normande"
                theirs = {
                    part
                    for w in role.title.split()[1:]
                    if w[:1].isupper()
                    for part in re.split(r"[-'’]", fold(w))
                    if part
                }
                if named and theirs and not named & theirs:
                    continue
                if role.head in heads:
                    first = min(m.start for m in person.mentions) if person.mentions else 0
                    overlap = sum(
                        1 for w in norm(role.title).split() if len(w) > 3 and w in words.split()
                    )  # content words only: "de", "la" say nothing of who holds the title
                    holders.append(
                        (overlap, first < before_char, self._last(person, before_char), person)
                    )
        if not holders:
            return None
        # the title's own words first, then someone already named, then the most recent
        holders.sort(key=lambda h: (h[0], h[1], h[2]), reverse=True)
        return holders[0][3]

    def _clause_before(
        self, doc: Doc, char: int, limit: int = 60, *, through_quotes: bool = False
    ) -> list[Token]:
        """The tokens before ``char`` back to the last full stop, closing quote mark or paragraph
        break.  Read from the tokens, not from the parser's sentences, which are sometimes cut
        inside an apposition or glued across a quote."""
        span = doc.char_span(char, min(len(doc_text(doc)), char + 1), alignment_mode="expand")
        if span is None:
            return []
        out: list[Token] = []
        k = span.start - 1
        while k >= 0 and len(out) < limit:
            t = doc[k]
            if t.text in {".", "!", "?", "…"} or (t.is_space and "\n" in t.text):
                break
            if t.text in {"»", "”"} and not through_quotes:
                break
            out.insert(0, t)
            k -= 1
        return out

    def _repeated(self, ents: DocEntities) -> None:
        """A headline or subheading that repeats words quoted elsewhere has the same speaker —
        also when a weak rule (continuation) had given it the speaker of the quote before it."""

        def words(q: QuoteMention) -> str:
            return " ".join("".join(c if c.isalnum() else " " for c in q.text.casefold()).split())

        for quote in ents.quotes:
            weak = quote.attribution in (
                "continuation",
                "subject-after",
                "previous-paragraph",
                "nearest-person",
            ) and self._alone_on_its_line(quote)
            # a headline lends a person's words to their organisation ("« … », promet la
            # région"): the body, where the person says them, is more precise
            line_end = self._text.find("\n", quote.close_at)
            line = self._text[
                paragraph_start(self._text, quote.open_at) : line_end if line_end >= 0 else None
            ].rstrip()
            headline = quote.open_at < 600 and not line.endswith((".", ":"))
            weak = weak or (
                headline and quote.speaker is not None and quote.speaker[0] == "organisation"
            )
            if (quote.speaker is not None and not weak) or quote.attribution == "unnamed":
                continue
            mine = words(quote)
            if len(mine.split()) < 3:
                continue
            for other in ents.quotes:
                if other is quote or other.speaker is None or other.attribution == "repeated-quote":
                    continue
                if weak and quote.speaker is not None and other.speaker[0] != "person":
                    continue  # only a person's words take a headline from its organisation
                theirs = words(other)
                shared = len(set(mine.split()) & set(theirs.split())) / len(set(mine.split()))
                # a subheading may paraphrase ("Où est passé l’argent ?" / "… cet argent ?")
                if mine in theirs or theirs in mine or (shared >= 0.75 and len(mine.split()) <= 8):
                    quote.speaker, quote.cue, quote.cue_start = other.speaker, None, None
                    quote.attribution, quote.confidence = "repeated-quote", 0.8
                    break

    def _alone_on_its_line_start(self, quote: QuoteMention) -> bool:
        start = self._text.rfind("\n", 0, quote.open_at) + 1
        return not self._text[start : quote.open_at].strip()

    def _intertitle(self, quote: QuoteMention) -> bool:
        """A quote alone on its line with no full stop: a heading that repeats words said
        below it."""
        return self._alone_on_its_line(quote) and quote.text.rstrip()[-1:] not in ".!?…"

    def _alone_on_its_line(self, quote: QuoteMention) -> bool:
        start = self._text.rfind("\n", 0, quote.open_at) + 1
        end = self._text.find("\n", quote.close_at)
        end = len(self._text) if end < 0 else end
        return not self._text[start : quote.open_at].strip() and not self._text[
            quote.close_at + 1 : end
        ].strip(" .:\u00a0\u202f")

    # -- rules ---------------------------------------------------------------------------------
    def _incise(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        if quote.incise:
            start, stop = quote.incise
            found = self._incise_subject(doc, ents, list(doc[start:stop]), quote)
            if found:
                return found
        after = doc.char_span(
            quote.close_at, min(len(doc_text(doc)), quote.close_at + 1), alignment_mode="expand"
        )
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
        if len(tokens) > 1 and tokens[0].text == ":" and self._alone_on_its_line_start(quote):
            # a headline: "« J'ai filmé le silence » : Kim-Ly Truong, l'estuaire en héritage"
            owner = ents.owner(tokens[1].i)
            if owner and owner[0] == "person":
                return owner, None, None, "headline-name", 0.7
        # the incise starts right after the closing mark, after an optional comma
        while tokens and tokens[0].text in {",", "»", "”", "!", "?", "…", '"'}:
            tokens.pop(0)
        if not tokens:
            return None
        if (
            quote.text.rstrip()[-1:] in ".!?…"
            and self._text[quote.close_at + 1 : tokens[0].idx].strip() == ""
            and tokens[0].text[:1].isupper()
        ):
            # "« … Ce ne sera pas une réforme de plus. » Sylvie Raynaud sourit poliment.": the
            # quote ended its sentence; a new one starts, it is no incise
            return None
        lowered = [norm(t.text) for t in tokens]
        for cue in self.lex.attribution_cues:  # "« … », selon X."
            if tuple(lowered[: len(cue)]) == cue and cue[0] != "pour":
                rest = tokens[len(cue) :]
                if [norm(t.text) for t in rest[:3]] in (
                    ["la", "même", "source"],
                    ["les", "mêmes", "sources"],
                ):  # "« … », selon la même source": whoever was just quoted
                    speaker = self._antecedent_speaker(doc, ents, quote, previous)
                    if speaker:
                        return speaker, tokens[0].text, tokens[0].idx, "incise-according", 0.85
                if rest and norm(rest[0].text) in {"lui", "elle"}:  # "« … », selon lui."
                    gender = "m" if norm(rest[0].text) == "lui" else "f"
                    person = self._pronoun(ents, gender, quote.open_at)
                    if isinstance(person, PersonEntity):
                        return (
                            ("person", person.key),
                            tokens[0].text,
                            tokens[0].idx,
                            "incise-according",
                            0.9,
                        )
                speaker = self._resolve(
                    doc, ents, tokens[len(cue) - 1].i + 1, tokens[-1].i + 1, quote.open_at
                )
                if speaker:
                    return speaker, tokens[0].text, tokens[0].idx, "incise-according", 0.95
        return self._incise_subject(doc, ents, tokens, quote)

    def _same_speaker(
        self, doc: Doc, ents: DocEntities, quote: QuoteMention, gender: str
    ) -> PersonEntity | None:
        """ "« … » « Le plus dur, ce sont les anciens », ajoute-t-il": a pronoun incise on a
        quote that follows another in its paragraph, with no one named between, is the speaker
        of that quote when the gender agrees."""
        before = [q for q in ents.quotes if q.close_at < quote.open_at]
        if not before or before[-1].speaker is None or before[-1].speaker[0] != "person":
            return None
        previous = before[-1]
        if previous.close_at < paragraph_start(self._text, quote.open_at):
            return None
        between = doc.char_span(previous.close_at + 1, quote.open_at, alignment_mode="expand")
        if between is not None and (
            len(between) > 25
            or any(ents.owner(t.i) for t in between)
            or re.search(r"\w.*[.!?…]", between.text)  # a sentence about someone else
        ):
            return None
        person = ents.people.get(previous.speaker[1])
        if person is None or person.gender not in (gender, None):
            return None
        return person

    def _incise_subject(
        self, doc: Doc, ents: DocEntities, tokens: list[Token], quote: QuoteMention
    ):
        """An incise is a verb with an inverted subject: a clitic (``a-t-il ajouté``,
        ``se souvient-elle``) or a phrase after the verb (``a déclaré X``, ``sourit un habitant``).
        Inversion right after a quote marks reported speech whatever the verb, so any verb counts
        here; a reporting verb may also come after its subject (``« … », X a-t-il …``)."""
        head = tokens[:6]
        verb = next(
            (
                t
                for t in head
                if t.pos_ in ("VERB", "AUX")
                and not t.text.startswith("-")
                and t.dep_ != "aux:tense"
                and t.dep_ != "aux:pass"
            ),
            None,
        )
        speech = next((t for t in head if self._is_speech_verb(t)), None)
        verb = speech or verb
        clitic = next((t for t in head if self._inverted_clitic(t)), None)
        if clitic is not None:
            pronoun = norm(clitic.text).split("-")[-1]
            if pronoun not in _PRONOUNS:  # "indique-t-on", "disent-ils": nobody named
                cue = verb or clitic
                place = self._speaking_place(doc, ents, tokens[tokens.index(clitic) + 1 :])
                if pronoun == "on" and place:  # "assure-t-on à la préfecture"
                    return place, cue.text, cue.idx, "incise-pronoun", 0.85
                return UNNAMED, cue.text, cue.idx, "incise-pronoun", 0.8
            cue = verb or clitic
            organisation = self._organisation_antecedent(doc, ents, quote, _PRONOUNS[pronoun])
            if organisation:  # "La préfecture conteste ce chiffre. « … », fait-elle valoir."
                return organisation, cue.text, cue.idx, "incise-pronoun", 0.85
            person = self._same_speaker(doc, ents, quote, _PRONOUNS[pronoun])
            if person is None:
                person = self._pronoun(ents, _PRONOUNS[pronoun], quote.open_at)
            if person is _UNNAMED_PERSON:
                person = None
            return (
                (("person", person.key) if person else UNNAMED),
                cue.text,
                cue.idx,
                "incise-pronoun",
                0.9,
            )
        if verb is None:
            return None
        # only adverbs, auxiliaries and object clitics may stand between the quote and the verb
        for t in tokens[: tokens.index(verb)]:
            if (
                t.pos_ not in ("AUX", "ADV", "PRON", "PART", "SCONJ")
                and norm(t.text) not in _ADVERBS
                and t.text != ","
            ):
                owner = ents.owner(t.i)
                if owner and owner[0] in ("person", "organisation") and speech is not None:
                    return owner, speech.text, speech.idx, "incise-subject-first", 0.9
                return None
        after = verb.i + 1
        while (
            after < len(doc) and doc[after].pos_ in ("VERB", "AUX") and doc[after].i < tokens[-1].i
        ):
            after += 1  # "a fait valoir X", "a tenu à rappeler X"
        speaker = self._resolve(doc, ents, after, tokens[-1].i + 1, quote.open_at)
        if (
            speaker is None
            and after < len(doc)
            and doc[after].pos_ == "PROPN"
            and doc[after].text[:1].isupper()
        ):
            speaker = self._name_after_verb(doc, ents, after)
        if speaker is None:
            return None
        if speech is None and speaker == UNNAMED:
            return UNNAMED, verb.text, verb.idx, "incise", 0.8
        return speaker, verb.text, verb.idx, "incise", 1.0 if speech is not None else 0.85

    @staticmethod
    def _name_after_verb(doc: Doc, ents: DocEntities, start: int):
        """Register a name the entity recogniser missed, found as the inverted subject of an
        incise ("« … », sourit Fatima, 64 ans")."""
        end = start
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].text[:1].isupper()
            and end - start < 4
        ):
            end += 1
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        person = ents.add_person_mention(
            doc_text(doc)[s:e], EntityMention(s, e, start, end, doc_text(doc)[s:e])
        )
        return ("person", person.key)

    def _colon(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        k = quote.open_at - 1
        while k >= 0 and doc_text(doc)[k] in " \t\u00a0\u202f\n\r":
            k -= 1
        if k < 0 or doc_text(doc)[k] != ":":
            return None
        colon = doc.char_span(k, k + 1, alignment_mode="expand")
        if colon is None:
            return None
        # through quotes: "a salué un dispositif « attendu » : « … »"
        clause = self._clause_before(doc, colon[0].idx, through_quotes=True)
        if not clause:
            return None
        verbs = [t for t in clause if self._is_speech_verb(t) and not self._adjunct_participle(t)]
        for verb in verbs:
            speaker = self._subject(doc, ents, verb, clause, quote)
            if speaker:
                return speaker, verb.text, verb.idx, "colon", 1.0
        for verb in verbs:
            # "Élouan Rivière complète : « … »" — a name right before the verb, opening the
            # clause, even where the parser lost the subject
            owner = ents.owner(verb.i - 1) if verb.i > 0 else None
            if owner and owner[0] == "person":
                start = verb.i - 1
                while start > clause[0].i and ents.owner(start - 1) == owner:
                    start -= 1
                if start == clause[0].i:
                    return owner, verb.text, verb.idx, "colon", 0.9
        # "Pour X :", "Réaction de X :", "le sénateur s'est voulu confiant :" — whoever the clause
        # names, a title resolved to its holder, or an unnamed speaker ("Un habitant résume :")
        speaker = self._resolve(doc, ents, clause[0].i, clause[-1].i + 1, quote.open_at)
        if speaker is None or speaker == UNNAMED:
            for t in (
                clause
            ):  # the phrase reader stops at verbs; a name later in the clause still counts
                owner = ents.owner(t.i)
                if owner and owner[0] == "person":
                    speaker = owner
                    break
        if speaker is not None and not (speaker == UNNAMED and verbs):
            return speaker, None, None, "colon", 0.85
        if speaker == UNNAMED:
            return UNNAMED, verbs[0].text, verbs[0].idx, "colon", 0.85
        if verbs and clause[0].i > 0:
            # "Et de conclure :" — no subject: the subject of the sentence before, if it names
            # someone
            speaker = self._sentence_subject(
                doc, ents, self._clause_before(doc, doc[clause[0].i - 1].idx, limit=40), quote
            )
            if speaker is None:
                speaker = self._resolve_subject_of(doc, ents, doc[clause[0].i - 1].sent, quote)
            if speaker and speaker != UNNAMED:
                return speaker, verbs[0].text, verbs[0].idx, "colon-previous-subject", 0.8
        if verbs and previous is not None and previous.speaker:
            # "Et d'ajouter :" — no subject: the speaker of the quote before
            return previous.speaker, verbs[0].text, verbs[0].idx, "colon-continuation", 0.8
        if verbs:
            speaker = self._resolve(doc, ents, clause[0].i, verbs[0].i, quote.open_at)
            if speaker:
                return speaker, verbs[0].text, verbs[0].idx, "colon", 0.9
        if (
            previous is not None
            and previous.speaker
            and previous.close_at >= paragraph_start(self._text, quote.open_at)
            and not any(t.dep_.startswith("nsubj") for t in clause)
        ):
            # "Avant de monter sur une chaise pour un premier discours : « … »": a clause with no
            # subject after the speaker's words in the same paragraph goes on with them
            return previous.speaker, None, None, "colon-continuation", 0.75
        return None

    @staticmethod
    def _several(ents: DocEntities, subject: Token) -> bool:
        """A subject made of several named speakers joined by "et" ("la CFDT, la CGT et FO")."""
        named = {ents.owner(t.i) for t in subject.subtree if ents.owner(t.i)}
        named = {o for o in named if o[0] in ("person", "organisation")}
        joined = any(c.dep_ == "conj" for c in subject.children) and any(
            norm(t.text) == "et" for t in subject.subtree
        )
        return joined and len(named) >= 2

    @staticmethod
    def _in_indefinite_complement(doc: Doc, t: Token) -> bool:
        """Whether ``t`` completes an indefinite noun phrase: "un ancien commercial de la
        société", "une habitante de Montanou"."""
        k = t.i - 1
        steps = 0
        while k >= 0 and steps < 6 and doc[k].pos_ in ("DET", "ADP", "ADJ", "NOUN", "PROPN"):
            if norm(doc[k].text) in {"un", "une"} and doc[k + 1].pos_ in ("NOUN", "ADJ"):
                return True
            k -= 1
            steps += 1
        return False

    def _resolve_subject_of(self, doc: Doc, ents: DocEntities, sent, quote: QuoteMention):
        root = sent.root
        for child in root.children:
            if child.dep_.startswith("nsubj"):
                return self._resolve(
                    doc, ents, child.left_edge.i, child.right_edge.i + 1, quote.open_at
                )
        return None

    def _speaking_place(self, doc: Doc, ents: DocEntities, tokens: list[Token]):
        """The organisation an impersonal "on" speaks for, named as a place: "à la préfecture",
        "au ministère du Travail", "chez Renault", "du côté de la direction"."""
        for n, t in enumerate(tokens):
            word = norm(t.text)
            if word in {"à", "au", "chez", "côté"} or (
                word == "du" and n + 1 < len(tokens) and norm(tokens[n + 1].text) == "côté"
            ):
                for u in tokens[n + 1 : n + 6]:
                    owner = ents.owner(u.i)
                    if owner and owner[0] == "organisation":
                        return owner
                    if owner or u.text in {",", "."}:
                        break
        return None

    @staticmethod
    def _adjunct_participle(token: Token) -> bool:
        """ "Interrogé sur la suite, le sénateur …": a past participle with no auxiliary opening
        the clause describes its subject; it does not report speech."""
        morph = token.morph
        return (
            "Part" in morph.get("VerbForm")
            and "Past" in morph.get("Tense")
            and not any(c.dep_.startswith("aux") for c in token.children)
            and (token.i == 0 or token.doc[token.i - 1].is_punct or token.doc[token.i - 1].is_space)
        )

    @staticmethod
    def _quoted(ents: DocEntities, token: Token) -> bool:
        return any(q.start <= token.idx < q.end for q in ents.quotes)

    def _subject(
        self, doc: Doc, ents: DocEntities, verb: Token, clause: list[Token], quote: QuoteMention
    ):
        """The subject of a reporting verb: its nsubj (or its governing clause's, for a participle),
        else the nearest person mentioned before the verb in the clause."""
        heads = [verb]
        if (
            verb.dep_ in ("advcl", "acl", "xcomp", "conj") or "Part" in verb.morph.get("VerbForm")
        ) and not self._quoted(ents, verb.head):
            heads.append(verb.head)  # (not a verb of the quote the parser hung it on)
        before_verb = [t for t in clause if t.i < verb.i]
        named_before = {
            ents.owner(t.i)
            for t in before_verb
            if ents.owner(t.i) and ents.owner(t.i)[0] in ("person", "organisation")
        }
        if (
            "Plur" in verb.morph.get("Number")
            and len(named_before) >= 2
            and any(norm(t.text) == "et" for t in before_verb)
        ):
            return UNNAMED  # "la CFDT, la CGT, FO et la CFTC dénoncent": no single speaker
        # the parser sometimes glues sentences across a quote: a subject in another paragraph
        # is not this verb's
        paragraph = paragraph_start(self._text, verb.idx)
        for head in heads:
            subjects = [c for c in head.children if c.dep_.startswith("nsubj") and ents.owner(c.i)]
            if len(subjects) >= 2 and "Plur" in head.morph.get("Number"):
                return UNNAMED  # "la CGT et la CFTC dénoncent": several speakers, none alone
            # "une institutrice glisse-t-elle": the noun, not the clitic that doubles it
            children = sorted(head.children, key=lambda c: c.text.startswith("-"))
            for child in children:
                if (
                    child.idx < paragraph
                    or "\n" in self._text[verb.idx : child.idx]
                    or self._quoted(ents, child)
                ):
                    continue
                if child.dep_.startswith("nsubj") and "Rel" in child.morph.get("PronType"):
                    # "X, président de Y, qui dit …": the relative's antecedent speaks
                    antecedent = head.head if head.dep_ == "acl:relcl" else None
                    if antecedent is not None:
                        speaker = self._resolve(
                            doc, ents, antecedent.left_edge.i, antecedent.i + 1, quote.open_at
                        )
                        if speaker:
                            return speaker
                    continue
                if child.dep_.startswith("nsubj") and norm(child.text) == "on":
                    # "Du côté de la direction, on indique que …", "Au ministère, on assure …"
                    place = self._speaking_place(doc, ents, clause)
                    if place:
                        return place
                if child.dep_.startswith("nsubj") and self._several(ents, child):
                    return UNNAMED  # "la CFDT, la CGT et FO dénoncent": no single speaker
                if child.dep_.startswith("nsubj") or child.dep_ == "expl:subj":
                    speaker = self._resolve(
                        doc, ents, child.left_edge.i, child.right_edge.i + 1, quote.open_at
                    )
                    if speaker is None:
                        speaker = self._resolve(doc, ents, child.i, child.i + 1, quote.open_at)
                    if speaker:
                        return speaker
        before = [t for t in clause if t.i < verb.i]
        # a person named before the verb wins over the organisation of their title; what is in
        # brackets ("l'intersyndicale (CGT, CFDT)") is a gloss, not the subject
        depth, bracketed = 0, set()
        for t in before:
            depth += t.text == "("
            if depth:
                bracketed.add(t.i)
            depth -= t.text == ")" and depth > 0
        for kind in ("person", "organisation"):
            for t in reversed(before):
                if t.i in bracketed:
                    continue
                owner = ents.owner(t.i)
                if owner and owner[0] == kind:
                    if self._in_indefinite_complement(doc, t):
                        return UNNAMED  # "un habitant de Montanou … disait": nobody named
                    return owner
        if before and self._resolve(doc, ents, before[0].i, verb.i, quote.open_at) == UNNAMED:
            return UNNAMED  # "une institutrice glisse-t-elle": someone the text does not name
        for t in before[:-1]:
            nxt = doc[t.i + 1]
            if norm(t.text) in {"un", "une"} and (
                norm(nxt.text) in self.lex.unnamed_speakers
                or norm(nxt.text) in self.lex.person_nouns
            ):
                return UNNAMED  # "À la sortie, un habitant de Montanou se disait soulagé"
        for t in reversed(before):
            if norm(t.text) in _PRONOUNS and t.pos_ == "PRON":
                return self._resolve(doc, ents, t.i, t.i + 1, quote.open_at)
        if any(c.dep_.startswith("nsubj") for h in heads for c in h.children):
            return None  # the subject is there but names nobody we know
        after = [t for t in clause if t.i > verb.i]
        if after:  # inverted subject: "Ainsi l'affirme X :"
            return self._resolve(doc, ents, after[0].i, after[-1].i + 1, quote.open_at)
        return None

    def _according(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        before = self._clause_before(doc, quote.open_at)
        lowered = [norm(t.text) for t in before]
        for n in range(len(before)):
            for cue in self.lex.attribution_cues:
                if tuple(lowered[n : n + len(cue)]) != cue:
                    continue
                rest = before[n + len(cue) :]
                if cue == ("selon",) and [norm(t.text) for t in rest[:3]] in (
                    ["la", "même", "source"],
                    ["les", "mêmes", "sources"],
                ):
                    # "selon la même source": whoever was just quoted
                    speaker = self._antecedent_speaker(doc, ents, quote, previous)
                    if speaker:
                        return speaker, before[n].text, before[n].idx, "according", 0.85
                    continue
                if ("l'" in cue[1:] and cue[-1] == "croire") or {"ses", "son", "sa"} & set(cue):
                    # "À l'en croire, « … »", "À ses yeux, …": the person just quoted
                    speaker = self._antecedent_speaker(doc, ents, quote, previous)
                    if speaker:
                        return speaker, before[n].text, before[n].idx, "according", 0.85
                    continue
                if (
                    cue == ("selon",)
                    and rest
                    and norm(rest[0].text) in {"laquelle", "lequel", "lesquels", "lesquelles"}
                    and n > 0
                ):
                    # "confirme l'agence régionale de santé, selon laquelle « … »"
                    speaker = self._relative_antecedent(doc, ents, before[:n], quote)
                    if speaker:
                        return speaker, before[n].text, before[n].idx, "according", 0.9
                    continue
                if cue == ("pour",) and rest and norm(rest[0].text) == "qui" and n > 0:
                    # "un argument balayé par la procureure, pour qui « … »"
                    k = n - 1
                    while k >= 0 and before[k].text == ",":
                        k -= 1
                    phrase_start = k
                    while phrase_start > 0 and before[phrase_start - 1].text not in {",", ":"}:
                        phrase_start -= 1
                    speaker = self._relative_antecedent(
                        doc, ents, before[phrase_start : k + 1], quote
                    )
                    if speaker:
                        return speaker, before[n].text, before[n].idx, "according", 0.9
                    continue
                if cue[0] == "pour" and not any(t.text in {",", ":"} for t in rest):
                    continue
                if rest and norm(rest[0].text) in {"lui", "elle"}:  # "selon lui, « … »"
                    gender = "m" if norm(rest[0].text) == "lui" else "f"
                    subject_org = self._organisation_subject(ents, before[:n], gender)
                    if subject_org:  # "le ministère renvoie au plan, qui prévoit selon lui « … »"
                        return subject_org, before[n].text, before[n].idx, "according", 0.85
                    person = self._pronoun(
                        ents, "m" if norm(rest[0].text) == "lui" else "f", quote.open_at
                    )
                    if person is _UNNAMED_PERSON:
                        return UNNAMED, before[n].text, before[n].idx, "according", 0.9
                    if person is not None:
                        return (
                            ("person", person.key),
                            before[n].text,
                            before[n].idx,
                            "according",
                            0.9,
                        )
                if rest:
                    speaker = self._resolve(doc, ents, rest[0].i, rest[-1].i + 1, quote.open_at)
                    if speaker and (cue[0] != "pour" or speaker[0] == "person"):
                        return speaker, before[n].text, before[n].idx, "according", 0.95
        return None

    def _antecedent_speaker(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """Whom "l'" / "lui" refers to when no gender helps: the speaker of the quote just before,
        if it is in the same or the previous paragraph, else the person named last."""
        if (
            previous is not None
            and previous.speaker
            and previous.close_at >= paragraph_start(self._text, quote.open_at, back=1)
        ):
            return previous.speaker
        person = self._nearby_person(ents, None, quote.open_at, doc=doc, paragraphs=2)
        return ("person", person.key) if person else None

    def _relative_antecedent(
        self, doc: Doc, ents: DocEntities, phrase: list[Token], quote: QuoteMention
    ):
        """The person or organisation a noun phrase before "pour qui" names: the last one, as
        in "balayé par la procureure, pour qui"."""
        for t in reversed(phrase):
            owner = ents.owner(t.i)
            if owner and owner[0] in ("person", "organisation"):
                return owner
        for t in reversed(phrase):
            if self._description_at(doc, ents, t.i) is not None or (
                norm(t.text) in self.lex.person_nouns
            ):
                speaker = self._resolve(doc, ents, t.i - 1, t.i + 1, quote.open_at)
                return speaker if speaker != UNNAMED else None
        return None

    def _governing_verb(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        before = self._clause_before(doc, quote.open_at)
        verbs = [t for t in before if self._is_speech_verb(t)]
        if not verbs:
            return None
        verb = verbs[-1]
        inside = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if inside is not None and len(inside):
            # "Elle a rappelé que le plan, qui prévoit …, et qu'elle n'entendait pas « … »": the
            # verb the quote depends on, not the last one written before it
            ancestors = set()
            for t in inside:
                ancestors |= {a.i for a in t.ancestors}
            governing = [t for t in verbs if t.i in ancestors]
            if governing:
                verb = governing[-1]
            elif any(
                ents.owner(t.i) and ents.owner(t.i)[0] == "person"
                for t in before
                if t.i > verb.i and t.dep_.startswith("nsubj")
            ):
                # "X l'emporte, Sophie Ardouin refuse de « … »": a new subject after the
                # verb, which the quote does not depend on, speaks for herself
                return None
        participle = "Part" in verb.morph.get("VerbForm") and (
            "Past" in verb.morph.get("Tense") or not verb.morph.get("Tense")
        )
        if participle or (  # "une somme jugée « … » par …", tagged as an adjective
            verb.pos_ == "ADJ" and norm(verb.text).endswith(("é", "ée", "és", "ées"))
        ):
            # passive: "une somme jugée « dérisoire » par l'association"
            agent = self._passive_agent(doc, ents, quote)
            if agent:
                return agent, verb.text, verb.idx, "governing-verb-passive", 0.85
        speaker = self._subject(doc, ents, verb, before, quote)
        if speaker:
            return speaker, verb.text, verb.idx, "governing-verb", 0.9
        return None

    def _passive_agent(self, doc: Doc, ents: DocEntities, quote: QuoteMention):
        after = doc.char_span(
            quote.close_at, min(len(doc_text(doc)), quote.close_at + 1), alignment_mode="expand"
        )
        if after is None:
            return None
        k = after.end
        while k < len(doc) and doc[k].text in {",", " "}:
            k += 1
        if k < len(doc) and norm(doc[k].text) == "par":
            speaker = self._resolve(doc, ents, k + 1, min(len(doc), k + 10), quote.open_at)
            return speaker if speaker and speaker != UNNAMED else None
        return None

    def _next_sentence(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """``« … »`` then ``Le constat est celui de X`` / ``C'est ce qu'a expliqué X``: the words
        that follow the closing mark, up to the next full stop, name the speaker.  Not across a
        paragraph break when the quote goes on from an attributed quote of its own paragraph:
        the next paragraph then starts with someone else."""
        paragraph_end = self._text.find("\n", quote.close_at)
        if (
            previous is not None
            and previous.speaker
            and paragraph_end >= 0
            and not self._text[quote.close_at + 1 : paragraph_end].strip(' .\u00a0\u202f»”"')
            and (
                previous.close_at >= paragraph_start(self._text, quote.open_at)
                # an interview: quote paragraphs back to back, the first one attributed (not
                # an intertitle, which has no full stop)
                or quote.text.rstrip()[-1:] in ".!?…"
                and self._only_an_incise_between(previous, quote)
            )
        ):
            return None
        k = self._after_mark(doc, quote)
        if k is None:
            return None
        tokens: list[Token] = []
        while k < len(doc) and len(tokens) < 40:
            t = doc[k]
            if t.text in {"«", "“"}:
                # "« A. » X a, lui, dénoncé « B »": the next sentence may quote its speaker
                # again, after the verb that names them
                if "\n" not in self._text[quote.close_at : t.idx] and any(
                    self._is_speech_verb(u) for u in tokens
                ):
                    break  # (within the quote's own paragraph)
                return None
            if t.text in {".", "!", "?"} and tokens:
                break
            if not t.is_space and t.text not in {".", "»"}:
                tokens.append(t)
            k += 1
        if not tokens:
            return None
        lowered = [norm(t.text) for t in tokens]
        verbs = [t for t in tokens if self._is_speech_verb(t)]
        # "Visiblement agacé, le maire a rappelé": a participle describing the subject comes last
        verbs.sort(
            key=lambda t: (
                "Part" in t.morph.get("VerbForm")
                and not any(c.dep_.startswith("aux") for c in t.children)
                and t.i + 1 < len(doc)
                and doc[t.i + 1].text == ","
            )
        )
        cue = verbs[0] if verbs else None
        if cue is None:
            for n in range(len(tokens)):
                if any(tuple(lowered[n : n + len(p)]) == p for p in self.lex.speech_nouns):
                    cue = tokens[n]
                    break
        if cue is None:
            return None
        speaker = None
        # "Visiblement agacé, le maire a rappelé …": the verb whose subject the text names
        for verb in verbs or [cue]:
            if verb.pos_ in ("VERB", "AUX"):
                speaker = self._subject(doc, ents, verb, tokens, quote)
                if speaker and speaker != UNNAMED:
                    cue = verb
                    break
        if speaker is None or speaker == UNNAMED:
            speaker = next(
                (
                    ents.owner(t.i)
                    for t in tokens
                    if ents.owner(t.i) and ents.owner(t.i)[0] == "person"
                ),
                None,
            )
        if speaker and speaker[1] in self._byline_keys:
            return None
        if speaker:
            return speaker, cue.text, cue.idx, "next-sentence", 0.75
        return None

    def _only_an_incise_between(self, previous: QuoteMention, quote: QuoteMention) -> bool:
        """Nothing but paragraph breaks between two quotes, or the first one's own incise
        (« … », reconnaît la directrice, Claire Fabre.)."""
        between = self._text[previous.close_at + 1 : quote.open_at]
        if not between.strip(' \n.\u00a0\u202f»”"'):
            return True
        sentences = [t for t in re.split(r"[.!?…]+", between) if t.strip(" \n,\u00a0\u202f")]
        return (
            len(sentences) == 1
            and between.lstrip(' \u00a0\u202f»”"').startswith(",")
            and (previous.attribution or "").startswith("incise")
        )

    def _subject_after(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        """``« J'ai pensé à mes petits-enfants. » Gurvan Kerloc'h, ancien officier, a quitté
        l'hôpital …``: a quote that opens its paragraph and is followed, in the same paragraph,
        by a sentence whose subject is a named person — that person said it (a weaker rule)."""
        line_start = doc_text(doc).rfind("\n", 0, quote.open_at) + 1
        if doc_text(doc)[line_start : quote.open_at].strip():
            return None
        after = doc.char_span(
            quote.close_at, min(len(doc_text(doc)), quote.close_at + 1), alignment_mode="expand"
        )
        if after is None:
            return None
        k = after.end
        newline = False
        while k < len(doc) and (
            doc[k].is_punct and doc[k].text not in {"«", "“"} or doc[k].is_space
        ):
            # a line break or a dash before the name: a signature ("» — Paul Martin, maire")
            newline = newline or "\n" in doc[k].text or doc[k].text in {"—", "–"}
            if newline and doc[k].is_space and doc[k].text.count("\n") > 1:
                return None  # a blank line: the next paragraph is about something else
            k += 1
        if k >= len(doc):
            return None
        owner = ents.owner(k)
        if not owner or owner[0] != "person" or owner[1] in self._byline_keys:
            return None
        if newline:
            # a signature line under the quote: "Marie Dupont, présidente de …" (no verb)
            line_end = doc_text(doc).find("\n", doc[k].idx)
            line = doc_text(doc)[doc[k].idx : len(doc_text(doc)) if line_end < 0 else line_end]
            line_span = doc.char_span(doc[k].idx, doc[k].idx + len(line), alignment_mode="contract")
            if (
                line_span is not None
                and len(line) < 160
                and not any(t.pos_ in ("VERB", "AUX") for t in line_span)
            ):
                return owner, None, None, "signature", 0.8
            return None
        if any(t.dep_.startswith("nsubj") for t in doc[k : k + 4]):
            return owner, None, None, "subject-after", 0.6
        # the parser loses its way after a quote: a name opening the sentence, then its
        # appositions, then a verb ("» Aurélie Castanier, 38 ans, mère de …, a installé …")
        j = k
        while j < len(doc) and doc[j].text not in {".", "!", "?", "«", "“"} and j - k < 40:
            if doc[j].pos_ in ("VERB", "AUX") and ents.owner(j) is None and doc[j - 1].text != "(":
                return owner, None, None, "subject-after", 0.6
            j += 1
        return None

    def _sentence_before(self, doc: Doc, quote: QuoteMention, ends: str) -> list[Token]:
        """The sentence just before the quote in its paragraph, if one ends there (with one of
        ``ends``): "Le prévenu baisse les yeux. « … »"."""
        start = paragraph_start(self._text, quote.open_at)
        lead = self._text[start : quote.open_at].rstrip(" \t\u00a0\u202f")
        if not lead or lead[-1] not in ends:
            return []
        span = doc.char_span(start, start + len(lead), alignment_mode="contract")
        if span is None or not len(span):
            return []
        return self._clause_before(doc, span[-1].idx, limit=40, through_quotes=True)

    def _organisation_antecedent(self, doc: Doc, ents: DocEntities, quote: QuoteMention, gender):
        """An organisation as the antecedent of "il"/"elle": the subject of the sentence just
        before the quote, in its paragraph, is an organisation whose noun has that gender ("La
        préfecture du Nord conteste ce chiffre. « … », fait-elle valoir") and no person was
        named since."""
        return self._organisation_subject(ents, self._sentence_before(doc, quote, ".!?…:"), gender)

    @staticmethod
    def _organisation_subject(ents: DocEntities, clause: list[Token], gender: str):
        """The organisation that is the subject in ``clause``, if its noun has ``gender`` and no
        person is named there."""
        if any(ents.owner(t.i) and ents.owner(t.i)[0] == "person" for t in clause):
            return None
        wanted = {"m": "Masc", "f": "Fem"}[gender]
        inside = range(clause[0].i, clause[-1].i + 1) if clause else range(0)
        for t in clause:
            owner = ents.owner(t.i)
            if (
                t.dep_.startswith("nsubj")
                and (t.head.i not in inside or t.head.dep_ == "ROOT")  # the clause's subject
                and owner
                and owner[0] == "organisation"
                and t.morph.get("Gender") == [wanted]
            ):
                return owner
        return None

    def _after_mark(self, doc: Doc, quote: QuoteMention) -> int | None:
        """The index of the first token after the quote's closing mark."""
        mark = doc.char_span(
            quote.close_at, min(len(self._text), quote.close_at + 1), alignment_mode="expand"
        )
        return None if mark is None else mark.end

    def _sentence_end_incise(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        """ "Le feu a été « maîtrisé vers 6 h 30 » par les pompiers, a précisé la préfecture.":
        the words quoted inside a sentence that ends on an incise are the incise subject's."""
        if quote.text.rstrip()[-1:] in ".!?…":
            return None  # a sentence of its own: what follows is another one
        k = self._after_mark(doc, quote)
        if k is None:
            return None
        tokens: list[Token] = []
        while k < len(doc) and len(tokens) < 40:
            t = doc[k]
            if t.text in _STOP or (t.is_space and "\n" in t.text) or t.text in {"«", "“"}:
                break
            tokens.append(t)
            k += 1
        commas = [n for n, t in enumerate(tokens) if t.text == ","]
        if not commas or commas[-1] == 0:
            return None  # right after the mark: the incise rule's
        incise = tokens[commas[-1] + 1 :]
        head = [t for t in tokens[: commas[-1]] if self._is_speech_verb(t)]
        if head or not incise:
            return None
        j = 0
        if norm(incise[0].text) in {"a", "ont", "avait", "avaient"}:
            j = 1
        if j >= len(incise) or not self._is_speech_verb(incise[j]):
            return None
        if any(norm(t.text) in {"que", "qu'"} for t in incise[j + 1 : j + 2]):
            return None
        return self._incise_subject(doc, ents, incise, quote)

    def _answer(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """A quote that answers the question quoted just before it is not the asker's. Court
        and interview reporting alternate: ``« Sur quelle base ? », relance la présidente.
        « Sur mon expérience. »`` — the one who answered her last question; ``« Qui a pris
        cette décision ? » La réponse tombe : « C'est moi. »`` — with an answer word
        (``data/answer_cues.txt``), the person named last before the question who is not the
        asker. A question alone proves nothing: speakers ask themselves questions."""
        if previous is None:
            return None
        if not _asks(previous):
            return self._question_again(doc, ents, quote, previous)
        between = self._text[previous.close_at + 1 : quote.open_at]
        if between.count("\n") > 2 or len(between.split()) > 12 or "?" in between:
            return None
        span = doc.char_span(previous.close_at + 1, quote.open_at, alignment_mode="expand")
        if span is not None and any(ents.owner(t.i) for t in span):
            return None  # someone named between: the other rules read it
        asker = previous.speaker
        earlier = [q for q in ents.quotes if q.close_at < previous.open_at][-2:]
        answerer = None
        if (
            len(earlier) == 2
            and asker
            and earlier[0].speaker == asker
            and _asks(earlier[0])
            and earlier[1].speaker
            and earlier[1].speaker[0] == "person"
            and earlier[1].speaker != asker
        ):
            answerer = earlier[1].speaker  # question, answer, question: the same one answers
        if answerer:
            return answerer, None, None, "answer", 0.7
        words = {norm(w) for w in re.findall(r"\w+", between)}
        if not words & self.lex.answer_cues:
            return None
        best = self._last_named(ents, previous.open_at, but=asker)
        if best is None:
            return None
        return ("person", best), None, None, "answer", 0.6

    _VOCATIVE = re.compile(
        r"^(?:Et\s+)?(?:Madame|Monsieur|Mme|M\.|Maître|Me)\s+((?:[A-ZÉÈ][\w'’-]+\s*){1,3}),"
    )

    def _addressed(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """ "« Madame Morvan, combien de ces logements … ? » « Un tiers, au minimum », a répondu
        l'élue de la majorité": the answer to a question put to someone by name is theirs, when
        no other name is given for it (a title or a pronoun may be)."""
        if previous is None or not _asks(previous):
            return None
        called = self._VOCATIVE.match(previous.text.strip())
        if called is None:
            return None
        between = doc.char_span(previous.close_at + 1, quote.open_at, alignment_mode="expand")
        after = doc.char_span(
            quote.close_at + 1,
            min(len(self._text), quote.close_at + 120),
            alignment_mode="contract",
        )
        for span in (between, after):
            if span is not None and any(
                ents.owner(t.i) and ents.owner(t.i)[0] == "person"
                for t in span
                if "\n" not in self._text[quote.close_at : t.idx]
            ):
                return None
        surname = fold(called.group(1).strip()).split()
        people = [
            p
            for p in ents.people.values()
            if fold(p.name).split()[-len(surname) :] == surname
            and ("person", p.key) != previous.speaker
        ]
        if len(people) != 1:
            return None
        return ("person", people[0].key), None, None, "answer", 0.8

    def _interview_answer(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        """ "Trois questions à Sékou Diarra, entraîneur du club" then question lines and quoted
        answers: a quote that opens its paragraph right after an unquoted question line answers
        it, and the interviewee is the person the header names (``data/interview_cues.txt``)."""
        start = paragraph_start(self._text, quote.open_at)
        if self._text[start : quote.open_at].strip():
            return None
        lines = [line for line in self._text[:start].split("\n") if line.strip()]
        if not lines or not lines[-1].rstrip().endswith("?") or "«" in lines[-1]:
            return None
        offset = 0
        header = None
        for line in self._text[:start].split("\n"):
            lowered = line.lower()
            if len(line.split()) <= 25 and any(cue in lowered for cue in self.lex.interview_cues):
                header = (offset, offset + len(line))
            offset += len(line) + 1
        if header is None:
            return None
        for mention, key in ents.mentions_in_order("person"):
            if header[0] <= mention.start < header[1] and key not in self._byline_keys:
                return ("person", key), None, None, "interview", 0.8
        return None

    def _question_again(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """ "« Vous aviez bu ? » demande la présidente. « Quatre bières. » … « Et pourquoi
        avoir conduit ? »": a question after the answer to a question is the asker's again."""
        if not _asks(quote) or previous.speaker is None:
            return None
        earlier = [q for q in ents.quotes if q.close_at < previous.open_at][-1:]
        if (
            not earlier
            or not _asks(earlier[0])
            or earlier[0].speaker is None
            or earlier[0].speaker[0] != "person"
            or earlier[0].speaker == previous.speaker
        ):
            return None
        between = self._text[previous.close_at + 1 : quote.open_at]
        if between.count("\n") > 2 or len(between.split()) > 40 or "?" in between:
            return None
        span = doc.char_span(previous.close_at + 1, quote.open_at, alignment_mode="expand")
        if span is not None and any(ents.owner(t.i) for t in span):
            return None
        return earlier[0].speaker, None, None, "answer", 0.6

    def _previous_subject_in_paragraph(self, doc, ents, quote: QuoteMention, previous):
        """The previous-subject rule, tried before the next sentence when the quote follows a
        sentence about a named person in its own paragraph ("Yannick Le Berre, 54 ans, fait ses
        comptes. « … »"): the next paragraph is about someone else."""
        if previous is not None and previous.close_at >= paragraph_start(self._text, quote.open_at):
            return None  # a quote before it in the paragraph: the other rules know better
        found = self._previous_subject(doc, ents, quote, previous)
        if found and found[0][0] == "person":
            return found
        return None

    def _previous_paragraph(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """ "Devant la presse, le directeur général, Olivier Van Acker, a justifié la décision
        par la chute des commandes." then a paragraph that opens with a quote: a paragraph
        whose last sentence has a named person speak (a speech verb with them as subject), and
        no quote of its own, hands its words to the quote that opens the next one."""
        start = paragraph_start(self._text, quote.open_at)
        if self._text[start : quote.open_at].strip() or start < 2:
            return None
        if self._intertitle(quote):
            return None  # an intertitle: the words of someone quoted below it
        lead = self._text[:start].rstrip()
        if not lead or lead[-1] not in ".!":
            return None
        prior = paragraph_start(self._text, len(lead) - 1)
        if previous is not None and previous.close_at >= prior:
            return None  # a quote of its own: the continuation rule reads it
        stop = doc.char_span(len(lead) - 1, len(lead), alignment_mode="expand")
        if stop is None:
            return None
        sentence = self._clause_before(doc, stop[0].idx, limit=40, through_quotes=True)
        verbs = [t for t in sentence if self._is_speech_verb(t) and not self._adjunct_participle(t)]
        for verb in verbs:
            speaker = self._subject(doc, ents, verb, sentence, quote)
            if speaker and speaker != UNNAMED and speaker[0] == "person":
                return speaker, None, None, "previous-paragraph", 0.65
        return None

    def _previous_subject(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        """``Le prévenu baisse les yeux. « Je sais. Je regrette. »``: a quote that follows, in the
        same paragraph, a sentence about someone — its subject, a name, a description or a
        pronoun — is theirs (reportage puts the speaker's gesture before the words)."""
        sentence = self._sentence_before(doc, quote, ".!?…")
        speaker = self._sentence_subject(doc, ents, sentence, quote)
        lead = self._text[: quote.open_at].rstrip(" \t\u00a0\u202f")
        if speaker is None and sentence and lead.endswith("?") and sentence[0].i > 1:
            # "Elle a dormi sur place. Pourquoi tenir aussi longtemps ? « … »": the reporter's
            # question is put to the subject of the sentence before it
            stop = doc[sentence[0].i - 1]
            if stop.text in {".", "!"} and stop.idx > paragraph_start(self._text, quote.open_at):
                before = self._clause_before(doc, stop.idx, limit=40, through_quotes=True)
                speaker = self._sentence_subject(doc, ents, before, quote)
                if speaker and speaker[0] != "person":
                    speaker = None  # "L'État en prend un tiers. Le reste ? « … »"
        if speaker and speaker != UNNAMED:
            return speaker, None, None, "previous-subject", 0.7
        return None

    def _sentence_subject(self, doc: Doc, ents: DocEntities, sentence: list[Token], quote):
        """Whom the subject of a sentence (read from punctuation, not the parser's sentences)
        refers to: a name, a description, a title or a pronoun."""
        while sentence and (sentence[0].is_punct or sentence[0].is_space):
            sentence = sentence[1:]  # "« … » Le prévenu hausse les épaules": the mark before
        if not sentence:
            return None
        inside = range(sentence[0].i, sentence[-1].i + 1)
        roots = [t for t in sentence if t.head == t or t.head.i not in inside]
        root = next((t for t in roots if t.pos_ in ("VERB", "AUX")), roots[0] if roots else None)
        opener = next((t for t in sentence if not t.is_punct and not t.is_space), None)
        if (
            opener is not None
            and ents.owner(opener.i)
            and ents.owner(opener.i)[0] == "person"
            and any(t.pos_ in ("VERB", "AUX") and t.i > opener.i for t in sentence)
        ):
            # "Yannick Le Berre, 54 ans, patron pêcheur, fait ses comptes": a name opens the
            # sentence and a verb follows, whatever the parser made of it
            return ents.owner(opener.i)
        verbal_root = root is not None and root.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
        for child in root.children if verbal_root else ():
            if child.dep_.startswith("nsubj") and child.i in inside:
                return self._resolve(
                    doc,
                    ents,
                    max(child.left_edge.i, sentence[0].i),
                    child.right_edge.i + 1,
                    quote.open_at,
                )
        if sentence[0].pos_ == "DET" and len(sentence) > 2:
            # "Le septuagénaire hausse les épaules", parsed with no subject (or with "hésite"
            # as a proper noun): the noun phrase that opens the sentence
            speaker = self._resolve(doc, ents, sentence[0].i, sentence[0].i + 2, quote.open_at)
            if speaker and speaker[0] == "person":
                return speaker
        return None

    def _nearest_person(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        """Last resort, marked with a low confidence: no rule found a speaker, and the quote's
        paragraph (or the one before) names a person before it — the most recent one."""
        since = paragraph_start(doc_text(doc), quote.open_at, back=0)
        best = self._last_named(ents, quote.open_at, since=since)
        if best is None:
            return None
        return ("person", best), None, None, "nearest-person", 0.5

    def _last_named(self, ents: DocEntities, before: int, since: int = 0, but=None) -> str | None:
        """The person named last before ``before`` (from ``since``), outside quotes and
        bylines, other than ``but``."""
        best = None
        for mention, key in ents.mentions_in_order("person"):
            if mention.start >= before:
                break
            if mention.start < since or key in self._byline_keys or ("person", key) == but:
                continue
            if any(q.start <= mention.start < q.end for q in ents.quotes):
                continue
            best = key
        return best

    @staticmethod
    def _bylines(doc: Doc, ents: DocEntities) -> set[str]:
        """People named in a byline ("Par Claire Dubois") at the top: the journalists."""
        head = doc_text(doc)[:700]
        keys = set()
        # "Par Claire Dubois", "Publié le 3 juin | Par Laure Schmitt, avec Mehdi Bouaziz",
        # "Propos recueillis par Marion Keraudren — 11 avril"
        byline = r"(?:^\s*|[|—–·•]\s*|recueillis\s+)[Pp]ar\s+([^|—–·•\n]+)"
        spans = [(m.start(1), m.end(1)) for m in re.finditer(byline, head, flags=re.M)]
        # "Jérôme Kessler" alone on a line, over "Le 09/04/2025 à 19:20" or "Publié le …"
        for m in re.finditer(
            r"^([^\W\d][^\n,.:;!?«»]{3,40})\n(?=(?:Le|Publié|Mis à jour)\b.*\d)", head, flags=re.M
        ):
            if len(m.group(1).split()) <= 4:
                spans.append((m.start(1), m.end(1)))
        for a, b in spans:
            for mention, key in ents.mentions_in_order("person"):
                if a <= mention.start < b:
                    keys.add(key)
        return keys

    def _continuation(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """A quote that follows another one, with nothing between them but the previous quote's
        own incise (``« … », raconte X, déléguée CFDT.``) and a paragraph break, keeps its speaker:
        interviews run on over several paragraphs without naming the speaker again."""
        if previous is None or previous.speaker is None:
            return None
        if self._intertitle(quote):
            return None  # an intertitle repeats words said below it, not the quote above
        between = doc_text(doc)[previous.close_at + 1 : quote.open_at]
        if between.count("\n") > 3 or "«" in between or "“" in between:
            return None
        span = doc.char_span(previous.close_at + 1, quote.open_at, alignment_mode="contract")
        if span is not None:
            for t in span:
                owner = ents.owner(t.i)
                if owner and owner[0] == "person" and owner != previous.speaker:
                    return None
        # a question put to the speaker ("Et pourquoi ne pas avoir donné l'alerte ?") does not
        # change who answers
        between_told = re.sub(r"[^.!?…\n]*\?", " ", between) if "?" in between else between
        sentences = [s for s in re.split(r"[.!?…]+", between_told) if s.strip(" \n,\u00a0\u202f")]
        if len(sentences) > 1 or len(between.split()) > 30:
            return None
        same_sentence_ends = (
            len(sentences) == 1
            and previous.attribution in ("governing-verb", "colon")
            and "\n" not in between
        )  # "le prévenu a reconnu « … » mais contesté toute intention. « J'ai été débordé. »"
        if (
            sentences
            and not same_sentence_ends
            and previous.attribution
            not in (
                "incise",
                "incise-pronoun",
                "incise-according",
                "incise-subject-first",
            )
        ):
            return None  # the words between are not the previous quote's incise
        return previous.speaker, None, None, "continuation", 0.8


def _asks(quote: QuoteMention) -> bool:
    """The quoted words end on a question mark (spaces and closing marks aside)."""
    return quote.text.rstrip(' \u00a0\u202f»”"').endswith("?")


def _morph_gender(token: Token) -> str | None:
    """The grammatical gender spaCy reads on a noun ("l'accusée" -> f), for "l'" that says none."""
    gender = token.morph.get("Gender")
    return {"Masc": "m", "Fem": "f"}.get(gender[0]) if gender else None


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
    default_config={"incise_window": 24},
)
def make_attribution(nlp: Language, name: str, incise_window: int) -> Attributor:
    register_extensions()
    return Attributor(lexicon(), incise_window=incise_window)
