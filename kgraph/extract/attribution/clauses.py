"""Speakers in the quote's own sentence: the clause before a colon ("X affirme : « … »"),
"selon X" / "d'après X", and the reporting verb the quote depends on in the parse."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..entities import DocEntities, QuoteMention
from ..text import doc_text, is_capitalised, norm, paragraph_start
from .words import AGENT_ENDINGS, PRONOUNS, RELATIVE, UNNAMED, UNNAMED_PERSON


class ClauseRules:
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
        pronoun = self._pronoun_subject_after_name(ents, clause)
        if pronoun is not None:
            # "Quant au départ d'Annick Plasse, il le balaie d'une phrase :": the pronoun, not
            # the name in the phrase put before it
            speaker = self._resolve(doc, ents, pronoun.i, pronoun.i + 1, quote.open_at)
            if speaker:
                return speaker, None, None, "colon", 0.85
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
        if speaker is None and self._possessed_words(clause):
            # "Son intervention a été longuement applaudie :" — the words of the one named last
            person = self._last_mentioned(ents, None, clause[0].idx)
            speaker = ("person", person.key) if person is not None else None
        if speaker is not None and not (speaker == UNNAMED and verbs):
            return speaker, None, None, "colon", 0.85
        if speaker == UNNAMED or (verbs and self._opens_on_someone_unnamed(clause)):
            # "À côté de lui, un spectateur plaisante :", "Un supporter, écharpe autour du cou,
            # résumait l'ambiance :": whatever the parser made of the sentence
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
        if (
            not verbs
            and clause[0].i > 0
            and clause[0].pos_ in ("ADV", "CCONJ")
            and not any(t.pos_ in ("VERB", "AUX") for t in clause)
            and clause[0].idx > paragraph_start(self._text, clause[0].idx)
        ):
            # "Elle lève son verre. Puis, à mi-voix : « … »": a clause with no verb, opening on
            # an adverb, goes on with the subject of the sentence before, in the same paragraph
            speaker = self._sentence_subject(
                doc, ents, self._clause_before(doc, doc[clause[0].i - 1].idx, limit=40), quote
            )
            if speaker and speaker != UNNAMED and speaker[0] == "person":
                return speaker, None, None, "colon-previous-subject", 0.75
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

    def _pronoun_subject_after_name(self, ents: DocEntities, clause: list[Token]) -> Token | None:
        """A subject "il"/"elle" after a comma, once a name has been given in the phrase before
        it ("Quant au départ d'Annick Plasse, il …"), the subject of no impersonal verb ("Pour
        X, il faut …")."""
        for n, t in enumerate(clause):
            if (
                n
                and clause[n - 1].text == ","
                and norm(t.text) in PRONOUNS
                and t.pos_ == "PRON"
                and t.dep_ in ("nsubj", "expl:subj")
                and t.head.lemma_ not in self.lex.impersonal_verbs
                and any(ents.owner(u.i) and ents.owner(u.i)[0] == "person" for u in clause[:n])
            ):
                return t
        return None

    @staticmethod
    def _several(ents: DocEntities, subject: Token) -> bool:
        """A subject made of several named speakers joined by "et" ("la CFDT, la CGT et FO")."""
        # the subject and its conjuncts, with their names' parts — not the complements of a
        # title ("le maire de Brévanne et président du conseil de l'hôpital, Philippe Aubertin")
        heads, todo = [], [subject]
        while todo:
            t = todo.pop()
            heads.append(t)
            todo.extend(c for c in t.children if c.dep_ == "conj")
        parts = heads + [
            c for t in heads for c in t.children if c.dep_ in ("flat", "flat:name", "appos")
        ]
        named = {ents.owner(t.i) for t in parts if ents.owner(t.i)}
        named = {o for o in named if o[0] in ("person", "organisation")}
        joined = len(heads) > 1 and any(norm(t.text) == "et" for t in subject.subtree)
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

    def _impersonal_place_before(self, doc: Doc, ents: DocEntities, char: int):
        """ "À la préfecture, on rappelle que … . « … », indique-t-on": the organisation the
        "on" of the sentence just before speaks for, named as a place before it."""
        clause = self._sentence_before(doc, char, ".!?…:")
        for n, t in enumerate(clause):
            if norm(t.text) == "on" and t.dep_.startswith("nsubj"):
                return self._speaking_place(doc, ents, clause[:n])
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
            if "Pres" in verb.morph.get("Tense") and verb.dep_ == "advcl":
                # "La préfecture a répondu que deux avions seraient basés ici, soulignant que
                # « … »": the participle may hang on any verb of the clause; its subject is
                # the sentence's
                heads.extend(a for a in verb.head.ancestors if not self._quoted(ents, a))
        elif verb.dep_ == "conj" and any(
            c.dep_ == "nsubj" and c.idx < verb.head.idx and not self._quoted(ents, c)
            for c in verb.head.children
        ):
            # "La préfecture « prend acte du recours » et rappelle que « … »": the quoted verb
            # it is joined to has the subject, written before the quote
            heads.append(verb.head)
        while (
            len(heads) < 5
            and heads[-1].dep_ in ("xcomp", "conj")
            and heads[-1].head not in heads
            and not self._quoted(ents, heads[-1].head)
        ):
            # "Le groupe assure vouloir « … » et promet un plan « … »": "promet" is joined to
            # "vouloir", itself the complement of the verb whose subject speaks
            heads.append(heads[-1].head)
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
        clitic = next((c for c in verb.children if c.i > verb.i and self._inverted_clitic(c)), None)
        if clitic is not None and norm(clitic.text).split("-")[-1] in PRONOUNS:
            # "… et, dit-elle en riant, « la patience d'une mule »": the inverted clitic is the
            # subject, whatever label the parser gave it
            speaker = self._resolve(doc, ents, clitic.i, clitic.i + 1, quote.open_at)
            if speaker:
                return speaker
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
                    if (
                        antecedent is not None
                        and antecedent.dep_ == "nmod"
                        and norm(antecedent.head.text) in self.lex.unnamed_speakers
                    ):
                        antecedent = antecedent.head  # "l'entourage de la ministre, qui …"
                    if antecedent is not None:
                        speaker = self._resolve(
                            doc, ents, antecedent.left_edge.i, antecedent.i + 1, quote.open_at
                        )
                        if speaker == UNNAMED and not self._names_a_person(antecedent):
                            speaker = None  # "Une candidature qui agace X": no one speaks
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
                if (
                    child.dep_.startswith("nsubj")
                    and norm(child.text) in PRONOUNS
                    and child.pos_ == "PRON"
                    and not self._gendered_person_since(
                        ents, PRONOUNS[norm(child.text)], paragraph, child.idx
                    )
                ):
                    # "Dans un communiqué, elle assurait": the sentence before the pronoun's
                    opening = self._clause_before(doc, child.idx)
                    organisation = self._organisation_antecedent(
                        doc,
                        ents,
                        opening[0].idx if opening else child.idx,
                        PRONOUNS[norm(child.text)],
                    )
                    if organisation:  # "L'ARS indique que « … ». Elle rappelle que « … »"
                        return organisation
                    said = [
                        q
                        for q in ents.quotes
                        if paragraph <= q.open_at and q.close_at < child.idx and q.speaker
                    ]
                    between = self._text[said[-1].close_at + 1 : child.idx] if said else ""
                    if (
                        said
                        and said[-1].speaker[0] == "organisation"
                        and said[-1].attribution == "incise-pronoun"
                        and f"-{norm(child.text)}" in between  # "précise-t-elle" … "Elle"
                        and len(re.findall(r"[.!?…]", between)) == 1
                    ):
                        # "« … », précise-t-elle. Elle rappelle que …": the same "elle" again
                        return said[-1].speaker
                if child.dep_.startswith("nsubj") or child.dep_ == "expl:subj":
                    speaker = self._resolve(
                        doc, ents, child.left_edge.i, child.right_edge.i + 1, quote.open_at
                    )
                    if speaker is None:
                        speaker = self._resolve(doc, ents, child.i, child.i + 1, quote.open_at)
                    edge = child.left_edge.i
                    edge += doc[edge].text == ","  # the parser hangs the comma on the noun
                    named = self._person_before_comma(doc, ents, edge)
                    if speaker == UNNAMED and named:
                        speaker = named  # "Josiane, une cliente de la première heure, ne jure …"
                    if speaker and speaker[0] == "organisation":
                        # "X, présidente de la CCI Centre-Val de Loire, y voit …" parsed with a
                        # subject inside the title: the title's holder speaks, not its body
                        speaker = self._title_holder_at(ents, child.i) or speaker
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
        relative: list[Token] = []
        for t in before:
            # "La pédologue, qui a passé vingt ans à l'Inrae, insiste : « … »": who is named in
            # a relative clause between commas is not the subject (but in ", où X, secrétaire
            # confédéral, dénonce", X is: no verb before the comma)
            if t.text == "," and relative:
                if any(r.pos_ in ("VERB", "AUX") for r in relative):
                    bracketed |= {r.i for r in relative}
                relative = []
            elif relative or (norm(t.text) in RELATIVE and t.i > 0 and doc[t.i - 1].text == ","):
                relative.append(t)
        asked = set()
        if "Inf" in verb.morph.get("VerbForm") and verb.dep_ in ("xcomp", "ccomp"):
            # "a demandé à la SNCF d'assurer « … »": who is asked to speak is not who speaks
            asked = {t.i for t in verb.head.children if t.dep_ in ("obl:arg", "obj", "iobj")}
        for kind in ("person", "organisation"):
            for t in reversed(before):
                if t.i in bracketed or t.i in asked:
                    continue
                owner = ents.owner(t.i)
                if owner and owner[0] == kind:
                    if self._in_indefinite_complement(doc, t):
                        return UNNAMED  # "un habitant de Montanou … disait": nobody named
                    return owner
        opening = self._resolve(doc, ents, before[0].i, verb.i, quote.open_at) if before else None
        if opening == UNNAMED:
            return UNNAMED  # "une institutrice glisse-t-elle": someone the text does not name
        # parsed with no subject, a title that opens the clause ("La présidente du département
        # a pour sa part réclamé « … »") or follows an opening adverbial ("À la barre, le
        # prévenu, chemise blanche, a reconnu « … »"): its holder speaks
        comma = next((n for n, t in enumerate(before) if t.text == ","), len(before))
        openers = [0] if before else []
        if comma + 1 < len(before) and not any(t.pos_ == "VERB" for t in before[:comma]):
            openers.append(comma + 1)
        for n in openers:
            if before[n].pos_ != "DET":
                continue
            title = (
                opening if n == 0 else self._resolve(doc, ents, before[n].i, verb.i, quote.open_at)
            )
            if title is not None and title[0] == "person":
                return title
        for t in before[:-1]:
            nxt = doc[t.i + 1]
            if norm(t.text) in {"un", "une"} and (
                norm(nxt.text) in self.lex.unnamed_speakers
                or norm(nxt.text) in self.lex.person_nouns
            ):
                return UNNAMED  # "À la sortie, un habitant de Montanou se disait soulagé"
        for t in reversed(before):
            if norm(t.text) in PRONOUNS and t.pos_ == "PRON":
                return self._resolve(doc, ents, t.i, t.i + 1, quote.open_at)
        if any(c.dep_.startswith("nsubj") for h in heads for c in h.children):
            return None  # the subject is there but names nobody we know
        if {"Part", "Pres"} <= set(verb.morph.get("VerbForm") + verb.morph.get("Tense")):
            # "X a salué un « signal fort » tout en appelant l'État à ne pas oublier « … »":
            # what follows a present participle is its object; the sentence's subject speaks
            sentence = self._clause_before(doc, quote.open_at, through_quotes=True)
            speaker = self._sentence_subject(doc, ents, sentence, quote) if sentence else None
            return speaker if speaker and speaker != UNNAMED else None
        after = [t for t in clause if t.i > verb.i]
        if after:  # inverted subject: "Ainsi l'affirme X :"
            speaker = self._resolve(doc, ents, after[0].i, after[-1].i + 1, quote.open_at)
            opener = next((t for t in after if not t.is_punct), None)
            if speaker == UNNAMED and opener is not None and opener.pos_ == "ADP":
                return None  # "Et de conclure, devant quelques habitants :": the audience
            return speaker
        return None

    def _according(self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous):
        found = self._according_in(
            doc, ents, quote, previous, self._clause_before(doc, quote.open_at)
        )
        if found:
            return found
        # "Selon lui, l'enquête a été « bâclée » et les photomontages « sous-estiment … »":
        # "selon" opening the sentence governs it past a quote mark
        sentence = self._clause_before(doc, quote.open_at, through_quotes=True)
        comma = next((n for n, t in enumerate(sentence) if t.text == ","), 0)
        if comma and norm(sentence[0].text) in {"selon", "d'après"}:
            return self._according_in(doc, ents, quote, previous, sentence[: comma + 1])
        return None

    def _according_in(
        self, doc: Doc, ents: DocEntities, quote: QuoteMention, previous, before: list[Token]
    ):
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
                if cue[0] == "pour" and self._words_claimed_after(quote):
                    continue  # "Pour l'USR, … a été « … ». Le mot est de Frédéric Lacombe"
                if rest and norm(rest[0].text) in {"lui", "elle"}:  # "selon lui, « … »"
                    gender = "m" if norm(rest[0].text) == "lui" else "f"
                    subject_org = self._organisation_subject(doc, ents, before[:n], gender)
                    if subject_org:  # "le ministère renvoie au plan, qui prévoit selon lui « … »"
                        return subject_org, before[n].text, before[n].idx, "according", 0.85
                    person = self._pronoun(
                        ents, "m" if norm(rest[0].text) == "lui" else "f", quote.open_at
                    )
                    if person is UNNAMED_PERSON:
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
                    if speaker and (
                        cue[0] != "pour"
                        or speaker[0] == "person"
                        # "Pour l'Union locale CGT, cette décision est « … »" opening its sentence
                        or (speaker[0] == "organisation" and before[n].text == "Pour")
                    ):
                        return speaker, before[n].text, before[n].idx, "according", 0.95
        return None

    def _possessed_words(self, clause: list[Token]) -> bool:
        """The clause opens on a possessive and a speech noun: "Son intervention", "Sa réponse"."""
        words = [norm(t.text) for t in clause[:4]]
        return (
            len(words) > 1
            and words[0] in {"son", "sa", "leur"}
            and any(tuple(words[1 : 1 + len(noun)]) == noun for noun in self.lex.speech_nouns)
        )

    def _words_claimed_after(self, quote: QuoteMention) -> bool:
        """The sentence after the quote says whose words they are: "Le mot est de X", "La
        formule revient à X" (a speech noun, then "est de" / "revient à")."""
        after = self._text[quote.close_at + 1 : quote.close_at + 80]
        match = re.match(
            r"[\s.»”\"]*(?:le|la|les|l['’]|cette|ce|ces)\s*([\w -]+?)\s+"
            r"(?:est|sont|revient|reviennent)\s+(?:de|d['’]|à)",
            after,
            flags=re.IGNORECASE,
        )
        return bool(match) and tuple(match.group(1).lower().split()) in self.lex.speech_nouns

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
            if (
                self._description_at(doc, ents, t.i) is not None
                or norm(t.text) in self.lex.person_nouns
                # "à l'observation du procureur, pour qui": a title after "du"
                or (
                    t.pos_ == "NOUN"
                    and norm(doc[t.i - 1].text) in {"du", "de", "au"}
                    and self.lex.role_head_at([norm(t.text)]) is not None
                )
            ):
                speaker = self._resolve(doc, ents, t.i - 1, t.i + 1, quote.open_at)
                return speaker if speaker != UNNAMED else None
        return None

    def _governing_verb(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        before = self._clause_before(doc, quote.open_at)
        verbs = [t for t in before if self._is_speech_verb(t)]
        inside = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if not verbs and inside is not None and len(inside):
            # "Elle rappelle que la fermeture est « temporaire » et qu'« un bilan … »": words
            # in quote marks earlier in the sentence do not end it for the verb they depend on
            before = self._clause_before(doc, quote.open_at, through_quotes=True)
            ancestors = {a.i for t in inside for a in t.ancestors}
            verbs = [t for t in before if self._is_speech_verb(t) and t.i in ancestors]
        if not verbs:
            return None
        verb = verbs[-1]
        if inside is not None and len(inside):
            # "Elle a rappelé que le plan, qui prévoit …, et qu'elle n'entendait pas « … »": the
            # verb the quote depends on, not the last one written before it
            ancestors = set()
            for t in inside:
                ancestors |= {a.i for a in t.ancestors}
            governing = [t for t in verbs if t.i in ancestors]
            if not governing:
                # "X a indiqué « prendre acte » de la décision et promis que les pêcheurs
                # seraient indemnisés « … »": the verb it depends on is before the earlier quote
                governing = [
                    t
                    for t in self._clause_before(doc, quote.open_at, through_quotes=True)
                    if t.i in ancestors and self._is_speech_verb(t)
                ]
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

    def _opens_on_someone_unnamed(self, clause: list) -> bool:
        """Whether the clause opens (or opens after an adverbial and a comma) on "un"/"une" and
        a noun for a person: a known one, or one shaped like an agent noun ("spectateur",
        "supportrice", "habitante")."""
        for j, t in enumerate(clause[:-1]):
            if j and clause[j - 1].text != ",":
                continue
            n = j + 1
            while n + 1 < len(clause) and norm(clause[n].text) in {
                "autre",
                "jeune",
                "vieux",
                "vieil",
            }:
                n += 1  # "une autre soignante"
            noun = clause[n]
            if norm(t.text) not in {"un", "une"} or not noun.is_alpha or is_capitalised(noun):
                continue
            word = norm(noun.text)
            if self._names_a_person(noun) or word.endswith(AGENT_ENDINGS):
                return True
        return False

    def _quoted_predicate(self, doc: Doc, ents: DocEntities, quote: QuoteMention, _prev):
        """ "La préfecture du Cantal « prend acte du recours »": the quote is the predicate of
        a subject written before it, who says these words."""
        inside = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if inside is None:
            return None
        paragraph = paragraph_start(self._text, quote.open_at)
        for t in inside:
            if t.pos_ not in ("VERB", "AUX") or t.head.i != t.i and t.head in inside:
                continue  # only the verb heading the quoted words
            if t.dep_ == "ccomp" and self._is_speech_verb(t.head):
                continue  # "estimant que la cour avait « fait … »": what a speaker says of it
            que = next((c for c in t.children if c.dep_ == "mark" and c.idx < quote.open_at), None)
            if que is not None and norm(que.text) in {"que", "qu'"}:
                # "la cour relève que l'exploitant « ne pouvait ignorer … »" (the parser taking
                # "relève" for an adjective): the one who says "que …", not its subject
                clause = self._clause_before(doc, que.idx)
                said = [u for u in clause if norm(u.text) in self.lex.speech_forms]
                commas = (
                    [u.i + 1 for u in clause if u.text == "," and u.i < said[0].i] if said else []
                )
                start = max(commas, default=clause[0].i if clause else 0)  # "Dans son arrêt,"
                if said and start < said[0].i:
                    speaker = self._resolve(doc, ents, start, said[0].i, quote.open_at)
                    if speaker:
                        return speaker, said[0].text, said[0].idx, "quoted-predicate", 0.75
                return None
            for child in t.children:
                if (
                    child.dep_ == "nsubj"
                    and paragraph <= child.idx < quote.open_at
                    and not self._quoted(ents, child)
                ):
                    speaker = self._resolve(
                        doc, ents, child.left_edge.i, child.right_edge.i + 1, quote.open_at
                    )
                    if speaker:
                        return speaker, None, None, "quoted-predicate", 0.8
        return None

    def _gendered_person_since(self, ents: DocEntities, gender: str, start: int, end: int) -> bool:
        """Someone of ``gender`` is named between ``start`` and ``end`` (outside quotes): the
        antecedent a pronoun would take before an organisation ("La maire, Annick Le Dû, …
        La commune a voté … Elle sourit")."""
        inside = [(q.start, q.end) for q in ents.quotes]
        return any(
            start <= m.start < end
            and ents.people[key].gender == gender
            and not any(a <= m.start < b for a, b in inside)
            for m, key in ents.mentions_in_order("person")
        )

    @staticmethod
    def _title_holder_at(ents: DocEntities, token_index: int) -> tuple[str, str] | None:
        """The person whose title (with its complement) covers this token, if any."""
        for person in ents.people.values():
            if any(r.start_token <= token_index < r.end_token for r in person.roles):
                return ("person", person.key)
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
