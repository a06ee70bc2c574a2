"""Speakers named in an incise: right after the quote ("« … », a déclaré X", "a-t-il
ajouté"), inside a split quote, or at the end of the sentence that holds the quoted words."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...lexicon import fold_name
from ..entities import DocEntities, EntityMention, PersonEntity, QuoteMention
from ..text import doc_text, norm, paragraph_start
from .words import ADVERBS, PRONOUNS, RELATIVE, STOP, UNNAMED, UNNAMED_PERSON, says_i


class InciseRules:
    # -- rules ---------------------------------------------------------------------------------
    def _incise(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        if quote.incise:
            start, stop = quote.incise
            found = self._incise_subject(doc, ents, list(doc[start:stop]), quote)
            if found:
                return found
        i = self._after_mark(doc, quote)
        if i is None:
            return None
        tokens = []
        while i < len(doc) and len(tokens) < self.window:
            t = doc[i]
            if t.text in STOP or (t.is_space and "\n" in t.text) or t.text in {"«", "“"}:
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
        if not tokens or norm(tokens[0].text) in RELATIVE:
            return None  # « du climat de menaces » qui régnait: a relative clause, no incise
        if (
            quote.text.rstrip(' \u00a0\u202f»”"’')[-1:] in ".!?…"  # (a nested quote may end it)
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
            if pronoun not in PRONOUNS:  # "indique-t-on", "disent-ils": nobody named
                cue = verb or clitic
                place = self._speaking_place(doc, ents, tokens[tokens.index(clitic) + 1 :])
                if pronoun == "on" and place is None:
                    place = self._impersonal_place_before(doc, ents, quote.open_at)
                if pronoun == "on" and place:  # "assure-t-on à la préfecture"
                    return place, cue.text, cue.idx, "incise-pronoun", 0.85
                return UNNAMED, cue.text, cue.idx, "incise-pronoun", 0.8
            cue = verb or clitic
            organisation = None
            if not says_i(quote) and not self._gendered_person_since(
                ents, PRONOUNS[pronoun], paragraph_start(self._text, quote.open_at), quote.open_at
            ):  # "La maire, Martine Bouyssou, … La commune perçoit … « … », explique-t-elle"
                organisation = self._organisation_antecedent(
                    doc, ents, quote.open_at, PRONOUNS[pronoun]
                )
            if organisation:  # "La préfecture conteste ce chiffre. « … », fait-elle valoir."
                return organisation, cue.text, cue.idx, "incise-pronoun", 0.85
            person = self._same_speaker(doc, ents, quote, PRONOUNS[pronoun])
            if person is None:
                person = self._pronoun(ents, PRONOUNS[pronoun], quote.open_at)
            if person is UNNAMED_PERSON:
                person = None
            return (
                (("person", person.key) if person else UNNAMED),
                cue.text,
                cue.idx,
                "incise-pronoun",
                0.9,
            )
        if verb is None:
            # "« … », tacle Laurent Guibert", "martèle Sandrine Fabre": a verb the tagger took for
            # a noun or an adjective, between the comma after the quote and a person's name
            first = tokens[0]
            owner = ents.owner(first.i + 1) if first.i + 1 < len(doc) else None
            if (
                first.pos_ in ("NOUN", "ADJ")
                and first.text.islower()
                and not ents.owner(first.i)
                and owner
                and owner[0] == "person"
                and self._text[quote.close_at + 1 : first.idx].strip() == ","
            ):
                return owner, first.text, first.idx, "incise", 0.8
            return None
        if (
            speech is None
            and verb.morph.get("VerbForm") == ["Part"]
            and verb.morph.get("Tense") == ["Past"]
            and not any(t.pos_ == "AUX" for t in tokens[: tokens.index(verb)])
        ):
            return None  # "un « déballastage illicite », repéré par un avion": a participle
        if norm(verb.text).endswith("ant") and verb.morph.get("VerbForm") == ["Part"]:
            # "a salué « … », soulignant avoir obtenu …": a present participle has no subject
            # after it; its subject is the main clause's, which the other rules read
            return None
        # only adverbs, auxiliaries and object clitics may stand between the quote and the verb
        for t in tokens[: tokens.index(verb)]:
            if (
                t.pos_ not in ("AUX", "ADV", "PRON", "PART", "SCONJ")
                and norm(t.text) not in ADVERBS
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
        if (
            speaker is None
            and after + 1 < len(doc)
            and doc[after].text in {"La", "Le", "Les", "L'", "L’"}
            and doc[after + 1].text[:1].isupper()
            and not ents.owner(after + 1)
        ):
            # "« … », a écrit La Passerelle sur sa page": a capitalised article makes a name,
            # and a name with an article is no person's
            speaker = self._name_after_verb(doc, ents, after + 1, article=True)
        if speaker is None:
            speaker = self._document_author(doc, ents, after, quote)
        if speaker is None:
            return None
        if speech is None and speaker == UNNAMED:
            return UNNAMED, verb.text, verb.idx, "incise", 0.8
        return speaker, verb.text, verb.idx, "incise", 1.0 if speech is not None else 0.85

    def _document_author(self, doc: Doc, ents: DocEntities, at: int, quote: QuoteMention):
        """ "… indique avoir « pris acte ». « … », précise le texte": a statement the incise
        names by its document speaks for whoever the quote before it, in the paragraph,
        was given to."""
        if at + 1 >= len(doc) or norm(doc[at].text) not in {"le", "la", "l'", "ce", "cette"}:
            return None
        if norm(doc[at + 1].text) not in self.lex.document_nouns:
            return None
        paragraph = paragraph_start(self._text, quote.open_at)
        before = [q for q in ents.quotes if paragraph <= q.open_at and q.close_at < quote.open_at]
        if before and before[-1].speaker is not None:
            return before[-1].speaker
        return None

    def _name_after_verb(self, doc: Doc, ents: DocEntities, start: int, article: bool = False):
        """Register a name the entity recogniser missed, found as the inverted subject of an
        incise ("« … », sourit Fatima, 64 ans"); a single word that is no first name is a
        company's ("indique Chimilor dans un communiqué"), and so is a name after a capitalised
        article ("a écrit La Passerelle", ``article``: ``start`` is the word after it)."""
        end = start
        while (
            end < len(doc)
            and (doc[end].pos_ == "PROPN" or article)
            and doc[end].text[:1].isupper()
            and end - start < 4
        ):
            end += 1
        if article:
            start -= 1
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if article or (end == start + 1 and fold_name(doc[start].text) not in self.lex.first_names):
            org = ents.add_org_mention(
                doc_text(doc)[s:e], EntityMention(s, e, start, end, doc_text(doc)[s:e])
            )
            return ("organisation", org.key)
        name = doc_text(doc)[s:e]
        if end == start + 1:
            # "Mathieu et Aurélie Besson … », glisse Aurélie.": the one person of that first name
            first = fold_name(doc[start].text)
            same = [p for p in ents.people.values() if fold_name(p.name_words[0]) == first]
            if len(same) == 1 and len(same[0].name_words) > 1:
                name = same[0].name
        person = ents.add_person_mention(name, EntityMention(s, e, start, end, doc_text(doc)[s:e]))
        person.mentions.sort(key=lambda m: m.start)
        return ("person", person.key)

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
            if t.text in STOP or (t.is_space and "\n" in t.text) or t.text in {"«", "“"}:
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
