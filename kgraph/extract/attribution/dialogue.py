"""Dialogue: answers to a quoted question, questions put to someone by name, the answers
under a "Trois questions à X" header, and the headline of a question-and-answer interview."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...slugs import fold
from ..entities import DocEntities, PersonEntity, QuoteMention
from ..text import norm, paragraph_start
from .words import asks


class DialogueRules:
    _VOCATIVE = re.compile(
        r"^(?:Et\s+)?(?:Madame|Monsieur|Mme|M\.|Maître|Me)\s+((?:[A-ZÉÈ][\w'’-]+\s*){1,3}),"
    )

    def _answer(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """A quote that answers the question quoted just before it is not the asker's. Court
        and interview reporting alternate: ``« Sur quelle base ? », relance la présidente.
        « Sur mon expérience. »`` — the one who answered her last question; ``« Qui a pris
        cette décision ? » La réponse tombe : « C'est moi. »`` — with an answer word
        (``data/answer_cues.txt``), the person named last before the question who is not the
        asker. A question alone proves nothing: speakers ask themselves questions."""
        if previous is None:
            return None
        if not asks(previous):
            return self._question_again(doc, ents, quote, previous)
        between = self._text[previous.close_at + 1 : quote.open_at]
        if between.count("\n") > 2 or len(between.split()) > 12 or "?" in between:
            return None
        asker = previous.speaker
        span = doc.char_span(previous.close_at + 1, quote.open_at, alignment_mode="expand")
        if span is not None and any(ents.owner(t.i) not in (None, asker) for t in span):
            return None  # someone named between: the other rules read it
        earlier = [q for q in ents.quotes if q.close_at < previous.open_at][-2:]
        answerer = None
        if (
            len(earlier) == 2
            and asker
            and earlier[0].speaker == asker
            and asks(earlier[0])
            and earlier[1].speaker
            and earlier[1].speaker[0] == "person"
            and earlier[1].speaker != asker
        ):
            answerer = earlier[1].speaker  # question, answer, question: the same one answers
        if answerer:
            return answerer, None, None, "answer", 0.7
        words = {norm(w) for w in re.findall(r"\w+", between)}
        if not words & self.lex.answer_cues:
            # "« Vous aviez bu combien ? », interroge la présidente. « Quatre bières. »": the
            # court questions the one on trial
            if asker and asker[0] == "person" and self._presides(ents.people[asker[1]]):
                for noun in ("prévenu", "prévenue", "accusé", "accusée"):
                    defendant = self._defendant(doc, ents, noun, previous.open_at)
                    if defendant is not None and ("person", defendant.key) != asker:
                        return ("person", defendant.key), None, None, "answer", 0.6
                questioned = earlier[-1].speaker if earlier else None
                if questioned and questioned[0] == "person" and questioned != asker:
                    # "« … », a-t-il expliqué. Le président l'interroge : « … ? » « Je sais. »":
                    # the one who spoke before the court's question answers it
                    return questioned, None, None, "answer", 0.6
            return None
        best = self._last_named(ents, previous.open_at, but=asker)
        if best is None:
            return None
        return ("person", best), None, None, "answer", 0.6

    @staticmethod
    def _presides(person: PersonEntity) -> bool:
        """Whether a person's title makes them the one who questions in a courtroom."""
        for role in person.roles:
            head = role.head.split()[0]
            if head in {"juge", "magistrat", "magistrate"}:
                return True
            words = set(norm(role.title).split()[1:])
            if head in {"président", "présidente"} and (
                not words or words & {"tribunal", "cour", "chambre", "audience"}
            ):
                return True  # "le président du tribunal", not "président de l'Union des …"
        return False

    def _addressed(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        """ "« Madame Morvan, combien de ces logements … ? » « Un tiers, au minimum », a répondu
        l'élue de la majorité": the answer to a question put to someone by name is theirs, when
        no other name is given for it (a title or a pronoun may be)."""
        if previous is None or not asks(previous):
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
        if not asks(quote) or previous.speaker is None:
            return None
        earlier = [q for q in ents.quotes if q.close_at < previous.open_at][-1:]
        if (
            not earlier
            or not asks(earlier[0])
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

    def _interview_headline(self, ents: DocEntities) -> None:
        """ "Biodéchets : « On ne demande pas aux gens … »" over a question-and-answer interview
        whose answers, printed without quote marks, hold those words: the headline quotes the
        interviewee, the person the introduction names last before the first question."""
        text = self._text
        first_line_end = text.find("\n")
        weak = ("next-sentence", "continuation", "subject-after", "previous-paragraph")
        headlines = [
            q
            for q in ents.quotes
            if 0 <= q.close_at < first_line_end
            and (q.speaker is None or q.attribution in weak)
            and q.attribution != "unnamed"
        ]
        if not headlines:
            return
        question = self._first_question(text, first_line_end)
        if question is None:
            return
        introduction = paragraph_start(text, len(text[:question].rstrip()) - 1)
        people = [
            (m, key)
            for m, key in ents.mentions_in_order("person")
            if introduction <= m.start < question and key not in self._byline_keys
        ]
        if not people:
            return
        quoted = [(q.open_at, q.close_at) for q in ents.quotes]
        body = text[question:].casefold()  # the headline capitalises what the answer does not
        for quote in headlines:
            words = quote.text.strip(" \u00a0\u202f.…!?").casefold()
            at = body.find(words)
            if len(words.split()) < 4 or at < 0:
                continue
            at += question
            if any(start <= at <= end for start, end in quoted):
                continue  # a quote in the body: the repeated-quote rule's case
            quote.speaker, quote.cue, quote.cue_start = ("person", people[-1][1]), None, None
            quote.attribution, quote.confidence = "interview", 0.8

    @staticmethod
    def _first_question(text: str, after: int) -> int | None:
        """Start of the first paragraph after ``after`` that is one unquoted question line
        followed by an unquoted paragraph (an answer), or None if the text has none."""
        offset = after
        for line in text[after:].split("\n"):
            stripped = line.strip()
            if (
                stripped.endswith("?")
                and len(stripped.split()) <= 40
                and not any(mark in stripped for mark in '«“"')
                and offset > after + 1
            ):
                rest = text[offset + len(line) :].lstrip()
                if rest and rest[0] not in '«“"':
                    return offset
            offset += len(line) + 1
        return None
