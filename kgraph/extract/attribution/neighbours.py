"""Speakers from the sentences around the quote: the next sentence names them, the sentence or
paragraph before is about them, or the quote continues the one before."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..entities import DocEntities, PersonEntity, QuoteMention
from ..text import doc_text, norm, paragraph_start
from .words import UNNAMED


class NeighbourRules:
    def _added_to(self, doc: Doc, ents: DocEntities) -> None:
        """``« Je n'ai pas regardé les poteaux. » L'auteur du coup de pied, 21 ans, avait du
        mal à réaliser. « Le coach m'a dit de respirer », a ajouté le jeune ouvreur.``: a quote
        left without a speaker (or with only the nearest person) is said by whoever "adds" the
        next quote of its paragraph (``data/addition_cues.txt``)."""
        for quote, following in zip(ents.quotes, ents.quotes[1:], strict=False):
            if quote.attribution == "unnamed" or (
                quote.speaker is not None and quote.attribution != "nearest-person"
            ):
                continue
            if (
                following.speaker is None
                or following.speaker[0] != "person"
                or paragraph_start(self._text, following.open_at)
                != paragraph_start(self._text, quote.open_at)
            ):
                continue
            k = self._after_mark(doc, following)
            incise = [t for t in doc[k : k + 4] if not t.is_punct] if k is not None else []
            if any(t.lemma_ in self.lex.addition_cues for t in incise[:3]):
                quote.speaker, quote.cue, quote.cue_start = following.speaker, None, None
                quote.attribution, quote.confidence = "added-to", 0.7

    def _repeated(self, ents: DocEntities) -> None:
        """A headline or subheading that repeats words quoted elsewhere has the same speaker —
        also when a weak rule (continuation) had given it the speaker of the quote before it."""

        def words(q: QuoteMention) -> str:
            return " ".join("".join(c if c.isalnum() else " " for c in q.text.casefold()).split())

        guesses = ("continuation", "subject-after", "previous-paragraph", "nearest-person")
        for quote in ents.quotes:
            weak = quote.attribution in guesses and self._alone_on_its_line(quote)
            # a headline lends a person's words to their organisation ("« … », promet la
            # région"): the body, where the person says them, is more precise
            line_end = self._text.find("\n", quote.close_at)
            line = self._text[
                paragraph_start(self._text, quote.open_at) : line_end if line_end >= 0 else None
            ].rstrip()
            headline = quote.open_at < 600 and not line.endswith((".", ":"))
            weak = weak or (
                headline
                and quote.speaker is not None
                and (
                    quote.speaker[0] == "organisation"
                    # the sentence after a headline is the article's first: it need not be
                    # about who said the headline's words
                    or quote.attribution in guesses + ("next-sentence",)
                )
            )
            if (quote.speaker is not None and not weak) or (
                # "le président des vignerons de l'Aude réclame « … »" in a headline names
                # someone the body names later: the body's words say who
                quote.attribution == "unnamed" and not headline
            ):
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
                and (
                    self._only_an_incise_between(previous, quote)
                    or self._still_about(doc, ents, previous, quote)
                )
            )
        ):
            return None
        start = paragraph_start(self._text, quote.open_at)
        if (
            paragraph_end >= 0
            and not self._text[quote.close_at + 1 : paragraph_end].strip(' .\u00a0\u202f»”"')
            and self._person_named_between(ents, start, quote.open_at)
        ):
            # "Parmi elles, Samira, 41 ans, aide à domicile. « … »" at the end of its paragraph:
            # the next paragraph is about someone else
            return None
        k = self._after_mark(doc, quote)
        if k is None:
            return None
        j = k
        while j < len(doc) and doc[j].is_space:
            j += 1
        owner = ents.owner(j) if j < len(doc) else None
        if (
            self._text[quote.close_at + 1 : doc[j].idx if j < len(doc) else None].count("\n") == 1
            and owner is not None
            and owner[0] == "person"
            and self._signature_line(doc, j)
        ):
            return None  # a signature line under the quote says who: the next rule reads it
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
        verbs = [
            t
            for t in tokens
            if self._is_speech_verb(t)
            # "la cantine, aujourd'hui confiée par la mairie à un prestataire": a participle
            # that qualifies a noun reports nothing
            and not (
                t.dep_ == "acl"
                and {"Part", "Past"} <= set(t.morph.get("VerbForm") + t.morph.get("Tense"))
            )
        ]
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
        if lowered[0] in {"pour", "selon", "d'après"} and "," in lowered[2:]:
            # "« … » Pour l'hydrologue Nadia Chérif, le débat souffre d'un manque de données."
            comma = lowered.index(",", 2)
            found = self._resolve(doc, ents, tokens[1].i, tokens[comma].i, quote.open_at)
            if found and found != UNNAMED and found[1] not in self._byline_keys:
                return found, tokens[0].text, tokens[0].idx, "next-sentence", 0.7
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
        if (
            speaker
            and "\n" in self._text[quote.close_at : tokens[0].idx]
            and any(norm(t.text) in {"que", "qu'"} for t in tokens if t.i > cue.i)
        ):
            # "« … »\n\nLa fédération rappelle que l'ordonnance …": a new paragraph that reports
            # its own words is not about the quote above it
            return None
        if speaker:
            return speaker, cue.text, cue.idx, "next-sentence", 0.75
        return None

    @staticmethod
    def _person_named_between(ents: DocEntities, start: int, end: int) -> bool:
        """Whether a person is named by name between ``start`` and ``end``, outside quotes."""
        inside = [(q.start, q.end) for q in ents.quotes]
        return any(
            start <= m.start < end and not any(a <= m.start < b for a, b in inside)
            for m, _ in ents.mentions_in_order("person")
        )

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

    def _still_about(self, doc: Doc, ents: DocEntities, previous: QuoteMention, quote) -> bool:
        """ "« … », témoigne Manon Girardot. Originaire de Souvigny, la jeune femme avait fait
        ses études à Clermont." then a paragraph of quote alone: the paragraph before ends on
        a sentence about the one who spoke in it, whose words go on."""
        start = paragraph_start(self._text, quote.open_at)
        before = paragraph_start(self._text, quote.open_at, back=1)
        if not before <= previous.close_at < start:
            return False
        end = len(self._text[:start].rstrip())
        last = doc.char_span(end - 1, end, alignment_mode="expand")
        if last is None or last[0].text not in {".", "!", "?", "…"}:
            return False
        sentence = self._clause_before(doc, last[0].idx, limit=40)
        if not sentence or sentence[0].idx <= previous.close_at:
            return False  # the incise itself: the other rules know
        return self._sentence_subject(doc, ents, sentence, quote) == previous.speaker

    @staticmethod
    def _signature_line(doc: Doc, k: int) -> bool:
        """Whether the line starting at token ``k`` is short and has no verb: "Marie Dupont,
        présidente de …" signing the quote above it."""
        line_end = doc_text(doc).find("\n", doc[k].idx)
        line = doc_text(doc)[doc[k].idx : len(doc_text(doc)) if line_end < 0 else line_end]
        line_span = doc.char_span(doc[k].idx, doc[k].idx + len(line), alignment_mode="contract")
        return (
            line_span is not None
            and len(line) < 160
            and not any(t.pos_ in ("VERB", "AUX") for t in line_span)
        )

    def _subject_after(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        """``« J'ai pensé à mes petits-enfants. » Gurvan Kerloc'h, ancien officier, a quitté
        l'hôpital …``: a quote that opens its paragraph and is followed, in the same paragraph,
        by a sentence whose subject is a named person — that person said it (a weaker rule)."""
        line_start = doc_text(doc).rfind("\n", 0, quote.open_at) + 1
        if doc_text(doc)[line_start : quote.open_at].strip():
            return None
        k = self._after_mark(doc, quote)
        if k is None:
            return None
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
        if not owner and not newline:
            stop = next(
                (j for j in range(k, min(len(doc), k + 30)) if doc[j].text in {".", "!", "?"}),
                min(len(doc), k + 30),
            )
            if self._opens_on_someone_unnamed(list(doc[k:stop])):
                # "« … » Un père d'élève, croisé devant la grille, ne décolère pas."
                return UNNAMED, None, None, "subject-after", 0.55
        if (not owner or owner[0] != "person") and not newline:
            owner = self._named_subject(doc, ents, k)
            if owner is None and self._about_the_words(doc, k):
                # "« … » La phrase tombe sans colère. Karim, 29 ans, infirmier, enchaîne …":
                # a sentence about the words themselves, then the one who said them
                stop = next(
                    (j for j in range(k, min(len(doc), k + 30)) if doc[j].text in {".", "!"}),
                    None,
                )
                if stop is not None and "\n" not in self._text[doc[k].idx : doc[stop].idx + 2]:
                    owner = self._named_subject(doc, ents, stop + 1)
            return (owner, None, None, "subject-after", 0.55) if owner else None
        if not owner or owner[0] != "person" or owner[1] in self._byline_keys:
            return None
        if newline:
            # a signature line under the quote: "Marie Dupont, présidente de …" (no verb)
            if self._signature_line(doc, k):
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

    def _about_the_words(self, doc: Doc, k: int) -> bool:
        """Whether the sentence from token ``k`` opens with a definite speech noun as subject
        ("La phrase tombe", "La réponse fuse", "Le constat est amer")."""
        words = [norm(t.text) for t in doc[k : k + 3]]
        return (
            len(words) >= 2
            and words[0] in {"la", "le", "l'", "les", "cette", "ce"}
            and (words[1],) in self.lex.speech_nouns
            and doc[k + 1].dep_.startswith("nsubj")
        )

    def _named_subject(self, doc: Doc, ents: DocEntities, k: int):
        """The person the sentence from token ``k`` is about, when its subject names them
        after an opening phrase or a title: "Le maire, Jean-Louis Cazals, n'a pas dormi",
        "Élue CGT, Fabienne Rouzaud ne cachait pas sa colère", "À 66 ans, Hervé Lestang …".
        The first person the sentence names must be that subject (or its apposition)."""
        j = k
        while j < len(doc) and j - k < 30 and doc[j].text not in {".", "!", "?", "«", "“", "\n"}:
            if "\n" in doc[j].text:
                return None
            owner = ents.owner(j)
            if owner and owner[0] == "person":
                t = doc[j]
                subject = t.dep_.startswith("nsubj") or (
                    t.dep_ in ("appos", "flat:name", "flat", "conj")
                    and t.head.dep_.startswith("nsubj")
                )
                if not subject and t.dep_ in ("flat:name", "flat"):
                    subject = t.head.head.dep_.startswith("nsubj") and ents.owner(t.head.i) == owner
                top = t.head if t.dep_ in ("flat:name", "flat") else t
                if not subject and top.dep_ == "nmod" and top.head.dep_.startswith("nsubj"):
                    # "L'avocat de M. Santoni, Me Alexandre Pellegrin, …": the client in the
                    # title's complement; the name in apposition after it is the subject
                    while j < len(doc) and ents.owner(j) == owner:
                        j += 1
                    continue
                if not subject or owner[1] in self._byline_keys:
                    return None
                return owner
            j += 1
        return None

    def _sentence_before(self, doc: Doc, char: int, ends: str) -> list[Token]:
        """The sentence just before ``char`` in its paragraph, if one ends there (with one of
        ``ends``): "Le prévenu baisse les yeux. « … »"."""
        start = paragraph_start(self._text, char)
        lead = self._text[start:char].rstrip(" \t\u00a0\u202f")
        if not lead or lead[-1] not in ends:
            return []
        span = doc.char_span(start, start + len(lead), alignment_mode="contract")
        if span is None or not len(span):
            return []
        return self._clause_before(doc, span[-1].idx, limit=60, through_quotes=True)

    def _organisation_antecedent(self, doc: Doc, ents: DocEntities, char: int, gender):
        """An organisation as the antecedent of "il"/"elle" written at ``char``: the subject of
        the sentence just before, in its paragraph, is an organisation whose noun has that
        gender ("La préfecture du Nord conteste ce chiffre. « … », fait-elle valoir"; "L'ARS
        indique que « … ». Elle rappelle que « … »") and no person was named since."""
        clause = self._sentence_before(doc, char, ".!?…:")
        found = self._organisation_subject(doc, ents, clause, gender)
        if found is None and clause and norm(clause[0].text) in {"pour", "selon"}:
            # "Pour l'Association des moulins, le compte n'y est pas. Dans un communiqué, elle
            # dénonce …": whose view the sentence before gave
            k = clause[0].i + 1
            while k < clause[-1].i and doc[k].pos_ == "DET":
                k += 1
            owner = ents.owner(k)
            if (
                owner is not None
                and owner[0] == "organisation"
                and not any(ents.owner(t.i) and ents.owner(t.i)[0] == "person" for t in clause)
                and _agrees(doc, ents, doc[k], owner[1], gender)
            ):
                found = owner
        return found

    @staticmethod
    def _organisation_subject(doc: Doc, ents: DocEntities, clause: list[Token], gender: str | None):
        """The organisation that is the subject in ``clause``, if its noun has ``gender`` (or
        its name's does, for an acronym: "l'ARS", named "agence régionale de santé"; any gender
        when ``gender`` is None) and no person is named there."""
        if any(ents.owner(t.i) and ents.owner(t.i)[0] == "person" for t in clause):
            return None
        inside = range(clause[0].i, clause[-1].i + 1) if clause else range(0)
        first_subject = next((t for t in clause if t.dep_.startswith("nsubj")), None)
        for t in clause:
            owner = ents.owner(t.i)
            if owner is None and t.dep_.startswith("nsubj"):
                # "la société Logisud Immobilier n'a pas donné suite": the noun heads the name
                named = [ents.owner(c.i) for c in t.children if c.dep_ in ("appos", "flat:name")]
                owner = next((o for o in named if o), None)
            main = t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT")
            if t is first_subject and t.head.dep_ in ("advcl", "ccomp"):
                # "Interrogée par les JA, la préfecture a indiqué …" glued by the parser to the
                # sentence before: the first subject of a verb with no conjunction is the main one
                main = not any(c.dep_ == "mark" for c in t.head.children)
            if (
                t.dep_.startswith("nsubj")
                and (t.head.i not in inside or main)  # the clause's subject
                and owner
                and owner[0] == "organisation"
                and _agrees(doc, ents, t, owner[1], gender)
            ):
                return owner
        return None

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
        stop = doc.char_span(len(lead) - 1, len(lead), alignment_mode="expand")
        if stop is None:
            return None
        sentence = self._clause_before(doc, stop[0].idx, limit=40, through_quotes=True)
        if not sentence or previous is not None and previous.close_at >= sentence[0].idx:
            return None  # the last sentence has a quote of its own: the continuation rule reads it
        verbs = [t for t in sentence if self._is_speech_verb(t) and not self._adjunct_participle(t)]
        for verb in verbs:
            if _negated(verb):
                continue  # "Il n'a pas souhaité s'exprimer.": the one who did not speak
            speaker = self._subject(doc, ents, verb, sentence, quote)
            if speaker and speaker != UNNAMED and speaker[0] == "person":
                return speaker, None, None, "previous-paragraph", 0.65
        speaker = self._according_opening(doc, ents, sentence, quote)
        if speaker is not None:
            return speaker, None, None, "previous-paragraph", 0.65
        line_end = self._text.find("\n", quote.close_at)
        rest = self._text[quote.close_at + 1 : len(self._text) if line_end < 0 else line_end]
        if not rest.strip(" .\u00a0\u202f»”"):
            # the paragraph is the quote alone: the person the paragraph before ends on says it
            # ("Léa, 34 ans, infirmière, a vu partir la moitié de l'équipe. Elle envisage de se
            # reconvertir." then « … »)
            speaker = self._sentence_subject(doc, ents, sentence, quote)
            if speaker and speaker != UNNAMED and speaker[0] == "person":
                return speaker, None, None, "previous-paragraph", 0.6
        return None

    def _according_opening(self, doc: Doc, ents: DocEntities, sentence: list, quote):
        """ "Selon le syndicaliste, les machines ont été transférées en Pologne.": the person
        a sentence opens on with "selon" or "d'après", who reports it."""
        words = [t for t in sentence if not t.is_space]
        if len(words) < 3 or norm(words[0].text) not in {"selon", "d'après"}:
            return None
        comma = next((k for k, t in enumerate(words) if t.text == ","), None)
        if comma is None or comma < 2:
            return None
        speaker = self._resolve(doc, ents, words[1].i, words[comma].i, quote.open_at)
        return speaker if speaker and speaker != UNNAMED and speaker[0] == "person" else None

    def _previous_subject(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        """``Le prévenu baisse les yeux. « Je sais. Je regrette. »``: a quote that follows, in the
        same paragraph, a sentence about someone — its subject, a name, a description or a
        pronoun — is theirs (reportage puts the speaker's gesture before the words)."""
        sentence = self._sentence_before(doc, quote.open_at, ".!?…")
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
        if speaker is None:
            speaker = self._according_before(doc, ents, sentence, quote)
            if speaker == UNNAMED:  # "Selon un commerçant, … « On revit. »": nobody named
                return UNNAMED, None, None, "previous-subject", 0.7
        if speaker and speaker != UNNAMED:
            return speaker, None, None, "previous-subject", 0.7
        return None

    def _according_before(self, doc: Doc, ents: DocEntities, sentence: list[Token], quote):
        """``Selon lui, la durée de séjour devrait baisser. « Pour un patient de 70 ans, ça
        change tout. »``: reported speech opened by "selon X" / "d'après X", then the speaker's
        own words."""
        words = [t for t in sentence if not (t.is_punct or t.is_space)]
        if len(words) < 2 or norm(words[0].text) not in {"selon", "d'après"}:
            return None
        phrase = []
        for t in sentence[sentence.index(words[0]) + 1 :]:
            if t.text in {",", ":"}:
                break
            phrase.append(t)
        if not phrase:
            return None
        if len(phrase) == 1 and norm(phrase[0].text) in {"lui", "elle"}:
            gender = "m" if norm(phrase[0].text) == "lui" else "f"
            person = self._pronoun(ents, gender, phrase[0].idx)
            return ("person", person.key) if isinstance(person, PersonEntity) else None
        speaker = self._resolve(doc, ents, phrase[0].i, phrase[-1].i + 1, quote.open_at)
        return speaker if speaker and (speaker == UNNAMED or speaker[0] == "person") else None

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
        # "Interrogé sur son colistier, il se montre piquant", glued by the parser to the
        # sentence before: each of its verbs hangs outside it, and the second has the subject
        heads = [root] + [t for t in roots if t is not root and t.pos_ in ("VERB", "AUX")]
        for child in (c for h in heads for c in h.children) if verbal_root else ():
            # "Il se souvient de …": the parser labels a reflexive verb's subject expl:subj
            if (child.dep_.startswith("nsubj") or child.dep_ == "expl:subj") and child.i in inside:
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
        if (len(sentences) > 1 or len(between.split()) > 30) and not self._aside(
            doc, ents, between, span, sentences
        ):
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

    def _aside(self, doc: Doc, ents: DocEntities, between: str, span, sentences) -> bool:
        """ "« … », raconte-t-il, assis derrière son bureau. Ses 1 800 patients doivent trouver
        un médecin. « … »": one sentence of narration after the incise, in the same paragraph,
        that names nobody and brings in no one new, does not change who speaks."""
        if "\n" in between or len(sentences) != 2 or len(between.split()) > 45 or span is None:
            return False
        return not any(
            ents.owner(t.i)
            or norm(t.text) in self.lex.unnamed_speakers
            or norm(t.text) in self.lex.person_nouns
            or (
                self.lex.role_head_at([norm(t.text)]) is not None
                and t.i > 0
                and norm(doc[t.i - 1].text) in {"le", "la", "l'", "ce", "cette", "son", "sa"}
            )  # ("un nouveau médecin traitant" is nobody in particular)
            for t in span
        )


def _agrees(doc: Doc, ents: DocEntities, token: Token, key: str, gender: str | None) -> bool:
    """Whether the organisation ``key``, mentioned at ``token``, can be "il" (``gender`` "m")
    or "elle" ("f"): by the noun's gender, else its name's; any gender when ``gender`` is None."""
    wanted = {"m": "Masc", "f": "Fem"}.get(gender or "")
    return wanted is None or (token.morph.get("Gender") or _name_gender(doc, ents, key)) == [wanted]


def _name_gender(doc: Doc, ents: DocEntities, key: str) -> list[str]:
    """The grammatical gender of an organisation's name: that of the first noun of a mention
    that has one ("agence régionale de santé" -> Fem), as spaCy's morphology gives it."""
    for mention in ents.organisations[key].mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        for t in span or ():
            if t.pos_ == "NOUN" and t.morph.get("Gender"):
                return t.morph.get("Gender")
    return []


def _negated(verb: Token) -> bool:
    """Whether a verb, or the verb it completes ("n'a pas souhaité s'exprimer"), is negated."""
    verbs = (verb, verb.head) if verb.dep_ == "xcomp" else (verb,)
    return any(
        c.dep_ == "advmod" and norm(c.text) in {"pas", "jamais", "guère"}
        for t in verbs
        for c in t.children
    )
