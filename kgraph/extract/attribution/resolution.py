"""From a speaker phrase to a speaker: a person mention, a pronoun (by gender and recency), a
title held in the text, an organisation, or a description."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...slugs import fold
from ..entities import DocEntities, PersonEntity
from ..text import doc_text, in_heading, is_capitalised, is_speech_verb, norm, paragraph_start
from .words import (
    CLITICS,
    DEFINITE,
    DEMONSTRATIVES,
    INDEFINITE,
    PRONOUNS,
    RELATIVE,
    SPOKESPEOPLE,
    STOP,
    UNNAMED,
    UNNAMED_PERSON,
    morph_gender,
)


class SpeakerResolution:
    _COMPLEMENT_PREPOSITIONS = {"à", "au", "aux", "devant", "auprès", "avec", "face"}

    # -- speaker phrases -----------------------------------------------------------------------
    def _is_speech_verb(self, token: Token) -> bool:
        return is_speech_verb(token, self.lex)

    @staticmethod
    def _inverted_clitic(token: Token) -> bool:
        return norm(token.text) in CLITICS

    def _phrase_end(self, doc: Doc, start: int, end: int) -> int:
        """Cut a speaker phrase before a relative clause, a new verb or the end of the sentence."""
        k = start
        while k < min(end, len(doc)):
            t = doc[k]
            if t.text in STOP or (t.is_space and "\n" in t.text) or norm(t.text) in RELATIVE:
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

    def _names_a_person(self, noun: Token) -> bool:
        """Whether a noun describes a person: a person noun ("habitant", "un jeune homme"), an
        unnamed speaker's noun or a title."""
        word = norm(noun.text)
        pair = f"{norm(noun.doc[noun.i - 1].text)} {word}" if noun.i else word
        return (
            word in self.lex.person_nouns
            or word in self.lex.unnamed_speakers
            or pair in self.lex.person_nouns
            or pair in self.lex.age_nouns
            or self.lex.role_head_at([word]) is not None
        )

    def _past_adverbials(self, doc: Doc, ents: DocEntities, start: int, end: int) -> int:
        """The first token of a speaker phrase after punctuation, adverbs, prepositions,
        adverbial locutions of a preposition and a bare noun ("plaisante à moitié un retraité",
        "confie avec émotion la directrice") and times ("lâchait jeudi soir un ostréiculteur")."""
        k = start
        while k < end and not ents.owner(k):
            if doc[k].is_punct or doc[k].pos_ == "ADV" or norm(doc[k].text) in self.lex.time_words:
                k += 1
            elif doc[k].pos_ == "ADP":
                bare_noun = (
                    k + 1 < end
                    and doc[k + 1].pos_ == "NOUN"
                    and doc[k + 1].text.islower()
                    and not ents.owner(k + 1)
                )
                k += 2 if bare_noun else 1
            else:
                break
        return k

    def _resolve(
        self, doc: Doc, ents: DocEntities, start: int, end: int, before_char: int
    ) -> tuple[str, str] | None:
        """The entity a speaker phrase doc[start:end] refers to: a person or organisation
        mentioned in it (a person wins over the organisation of their title), else a subject
        pronoun, else a title held by someone in the text; an indefinite phrase ("un habitant",
        "une source proche du dossier") names nobody and returns ``UNNAMED``."""
        start = self._latter_start(doc, start)
        end = self._phrase_end(doc, start, end)
        owners = [ents.owner(k) for k in range(start, end)]
        people = [o for o in owners[: self._complement_at(doc, ents, start, end) - start]]
        people = [o for o in people if o and o[0] == "person"]
        if not people:
            # "le maire de Brévanne et président du conseil de surveillance, Philippe Aubertin,":
            # a name in apposition after a comma is who the title phrase is, complement or not
            people = [
                ents.owner(k)
                for k in range(start + 1, end)
                if doc[k].dep_ == "appos"
                and doc[k - 1].text == ","
                and ents.owner(k)
                and ents.owner(k)[0] == "person"
                and start <= doc[k].head.i < k
                and not self._another_title_between(doc, start, k)
            ][:1]
        k = self._past_adverbials(doc, ents, start, end)
        described = self._description_before_apposition(doc, ents, k, end)
        if described is not None:
            return described
        counsel = self._counsel(doc, ents, k, end, before_char)
        if counsel is not None:
            return ("person", counsel.key)
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
        if k < end:
            word = norm(doc[k].text)
            if (
                word in INDEFINITE
                and k + 1 < end
                and doc[k + 1].pos_ in ("NOUN", "ADJ")
                and (norm(doc[k + 1].text) not in self.lex.document_nouns)
            ):
                if norm(doc[k + 1].text) in SPOKESPEOPLE:
                    # "a dit un porte-parole de Darmel": the organisation speaks through them
                    orgs = [o for o in owners if o and o[0] == "organisation"]
                    if orgs:
                        return orgs[0]
                return UNNAMED
            head = doc[k + 1] if doc[k].pos_ == "DET" and k + 1 < end else doc[k]
            if norm(head.text) in self.lex.unnamed_speakers and not ents.owner(head.i):
                if head.idx in self._descriptions and (
                    word in DEFINITE or norm(head.text) in self.lex.kin_nouns  # "Son père"
                ):
                    # "explique la mère de famille" just after Karine Vabre was named: her
                    return ("person", self._descriptions[head.idx])
                if word in {"ce", "cet", "cette"}:
                    # "explique cette mère de deux enfants": a demonstrative points back to
                    # someone just named, never to a new person
                    person = self._nearby_person(
                        ents, self._det_gender(doc, head.i), before_char, window=400, doc=doc
                    )
                    if person is not None:
                        return ("person", person.key)
                return UNNAMED
        unnamed = {char for char, _ in ents.unnamed_subjects}
        if any(doc[j].idx in unnamed for j in range(start, end)):
            return UNNAMED  # "le patron, qui préfère taire son nom, …"
        orgs = [o for o in owners if o and o[0] == "organisation"]
        for k in range(start, end):
            if ents.owner(k) and ents.owner(k)[0] == "organisation":
                continue  # "l'Association des maires ruraux": a name, not a title
            text = norm(doc[k].text).lstrip("-").removeprefix("t-")
            if (
                k == start
                and text in {"ce", "cette"}
                and k + 1 < end
                and norm(doc[k + 1].text) in {"dernier", "dernière"}
            ):
                # "Ce dernier lui a répondu": the last person of that gender, not the subject
                person = self._last_mentioned(
                    ents, "m" if text == "ce" else "f", min(before_char, doc[k].idx)
                )
                return ("person", person.key) if person else None
            if text in DEMONSTRATIVES and k == start and self._latter_marker(doc, k):
                # "… avec la sous-préfecture de Montillac. Celle-ci a fait savoir que": the
                # last noun of that gender before, if it names someone; else a thing
                return self._latter_entity(doc, ents, k, DEMONSTRATIVES[text])
            if text in DEMONSTRATIVES and k == start:
                # "Celle qui dirige le festival depuis 2017 …": the person just named
                person = self._pronoun(ents, DEMONSTRATIVES[text], before_char)
                if isinstance(person, PersonEntity):
                    return ("person", person.key)
            if text in PRONOUNS and (doc[k].pos_ == "PRON" or doc[k].text.startswith("-")):
                named = self._person_before_comma(doc, ents, k)
                if named and ents.people[named[1]].gender in (PRONOUNS[text], None):
                    # "Quand nous avons interrogé le directeur, Julien Mercadier, il nous a
                    # répondu": the name just before the comma
                    return named
                # the antecedent comes before the pronoun ("Il rend hommage au jeune homme :")
                person = self._pronoun(ents, PRONOUNS[text], min(before_char, doc[k].idx))
                if person is None:
                    person = self._cataphora(ents, PRONOUNS[text], doc[k].idx)
                if person is UNNAMED_PERSON:
                    return UNNAMED
                return ("person", person.key) if person else None
            if doc[k].idx in self._descriptions and (
                norm(doc[k].text) in self.lex.kin_nouns
                or norm(doc[k].text) in self.lex.sibling_order  # "l'aîné", "son cadet"
            ):
                return ("person", self._descriptions[doc[k].idx])  # "Son mari, lui, avoue"
            two_words = k > start + 1 and (
                f"{norm(doc[k - 1].text)} {norm(doc[k].text)}" in self.lex.age_nouns
            )  # "le jeune homme"
            aged = two_words or norm(doc[k].text) in self.lex.age_nouns  # "l'adolescent"
            if aged and doc[k].idx in self._descriptions:
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
                elif head.lemma in self.lex.peer_titles:
                    peer = self._peer(doc, ents, k, head.gender or self._det_gender(doc, k))
                    if peer is not None:
                        return ("person", peer.key)
            after = k + len(head.words) if head else k
            if (
                head
                and after + 1 < len(doc)
                and norm(doc[after].text) in {"de", "d'"}
                and norm(doc[after + 1].text) in {"un", "une"}
            ):
                return UNNAMED  # "glisse la gérante d'un bar à vins": one the text never names
            if head:
                person = self._title_holder(doc, ents, head.lemma, k, before_char)
                if person is not None and self._last_seen(
                    ents, person, before_char
                ) < paragraph_start(self._text, before_char):
                    # the holder was last seen before this paragraph; someone named in it
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
                if person is None:
                    person = self._pronoun_subject_of_paragraph(
                        doc, ents, head.gender or self._det_gender(doc, k), before_char
                    )
                if person:
                    return ("person", person.key)
                if doc[k].idx in self._descriptions:
                    return ("person", self._descriptions[doc[k].idx])
                return UNNAMED  # "a précisé la directrice": someone the text does not name here
        if orgs:
            return self._state_services(doc, ents, start, end, orgs[0]) or orgs[0]
        return self._organisation_standing_in(doc, ents, start, end)

    def _description_before_apposition(self, doc: Doc, ents: DocEntities, k: int, end: int):
        """ "soupire l'octogénaire, patiente du docteur Lecanu": a description bound to someone,
        then a comma and another description: a name in that one's complement is not who
        speaks."""
        head = k + 1 if k + 1 < end and doc[k].pos_ == "DET" else k
        if head >= end or doc[head].idx not in self._descriptions:
            return None
        if head + 2 >= end or doc[head + 1].text != ",":
            return None
        if doc[head + 2].pos_ != "NOUN" or ents.owner(head + 2):
            return None  # "le père, Frédéric Duclos": the name in apposition is who it is
        return ("person", self._descriptions[doc[head].idx])

    @staticmethod
    def _state_services(doc: Doc, ents: DocEntities, start: int, end: int, org):
        """ "les services de l'État rappellent que …" in a text that names one préfecture: the
        State's services in a département speak through their préfecture."""
        if "services" not in {norm(t.text) for t in doc[start:end]}:
            return None
        if fold(ents.organisations[org[1]].name) != "etat":
            return None
        prefectures = [o for o in ents.organisations.values() if "préfecture" in o.heads]
        return ("organisation", prefectures[0].key) if len(prefectures) == 1 else None

    def _counsel(
        self, doc: Doc, ents: DocEntities, k: int, end: int, before_char: int
    ) -> PersonEntity | None:
        """ "a plaidé le conseil de Bernard Collot", "Son conseil a ajouté": in court reports
        "conseil" with a determiner and no adjective is a lawyer — the one the text names, the
        most recent if several; never the client in its complement, nor a council."""
        if not (
            k + 1 < end
            and norm(doc[k].text) in {"le", "son", "leur"}
            and norm(doc[k + 1].text) == "conseil"
        ):
            return None
        owner = ents.owner(k + 3) if k + 3 < end and norm(doc[k + 2].text) in {"de", "du"} else None
        if owner and owner[0] == "person":
            client_person = ents.people[owner[1]]
        elif ents.owner(k + 1) or (k + 2 < end and norm(doc[k + 2].text) not in {",", "."}):
            return None  # "le conseil municipal", "le conseil de surveillance": a council
        else:  # "Son conseil": the client is the person named last
            client_person = self._last_mentioned(ents, None, doc[k].idx)
        if client_person is not None:
            surname = client_person.name.split()[-1]
            client_titles = {r.head for r in client_person.roles}
            tied = [
                p
                for p in ents.people.values()
                if p is not client_person
                and self._lawyer(p)
                and (
                    any(
                        surname in r.title
                        or any(w in client_titles for w in norm(r.title).split()[1:])
                        for r in p.roles
                    )
                    or any(surname in self._text[m.end : m.end + 80] for m in p.mentions)
                )
            ]
            if len(tied) == 1:  # "Me Cyril Fayolle, qui défend la SARL Maison Ravier"
                return tied[0]
        return self._title_holder(doc, ents, "avocat", k + 1, before_char)

    def _lawyer(self, person: PersonEntity) -> bool:
        """An "avocat", or someone the text calls "Me" / "Maître"."""
        return any(r.head == "avocat" for r in person.roles) or any(
            self._text[max(0, m.start - 7) : m.start].rstrip().endswith(("Me", "Maître"))
            for m in person.mentions
        )

    def _another_title_between(self, doc: Doc, start: int, k: int) -> bool:
        """ "le ministre devant la mairie, entouré du préfet de l'Aude, Christophe Ravanel": a
        second title, not joined to the first by "et", is the one the name after it belongs to."""
        titles = [
            t
            for t in doc[start:k]
            if t.pos_ == "NOUN" and self.lex.role_head_at([norm(t.text)]) is not None
        ]
        return any(t.dep_ != "conj" for t in titles[1:])

    def _pronoun_subject_of_paragraph(
        self, doc: Doc, ents: DocEntities, gender: str | None, before_char: int
    ) -> PersonEntity | None:
        """ "Elle cite le plan Eau … « … », estime la chercheuse": a title nobody holds, in a
        paragraph whose sentences have "elle" for subject, is whom that pronoun refers to."""
        if gender not in ("m", "f"):
            return None
        start = paragraph_start(self._text, before_char)
        span = doc.char_span(start, before_char, alignment_mode="contract")
        pronoun = {"m": "il", "f": "elle"}[gender]
        if span is None or not any(
            norm(t.text) == pronoun and t.pos_ == "PRON" and t.dep_.startswith("nsubj")
            for t in span
        ):
            return None
        person = self._pronoun(ents, gender, before_char)
        return person if isinstance(person, PersonEntity) else None

    def _organisation_standing_in(self, doc: Doc, ents: DocEntities, start: int, end: int):
        """ "France Assureurs a activé sa cellule de crise. « … », indique la fédération": a
        definite organisation noun the text never used in a name stands for the organisation
        that is the subject of the sentence before, in the same paragraph."""
        words = [t for t in doc[start:end] if not t.is_punct]
        if len(words) != 2 or norm(words[0].text) not in DEFINITE:
            return None
        if (norm(words[1].text),) not in self.lex.organisation_heads:
            return None
        paragraph = paragraph_start(self._text, words[0].idx)
        stop = words[0].i - 1
        while stop > 0 and doc[stop].text not in {".", "!", "?"} and doc[stop].idx > paragraph:
            stop -= 1
        if doc[stop].idx <= paragraph:
            return None
        sentence = self._clause_before(doc, doc[stop].idx, limit=40, through_quotes=True)
        return self._organisation_subject(doc, ents, sentence, None)

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

    def _peer(self, doc: Doc, ents: DocEntities, k: int, gender: str | None):
        """ "“…”, plaisante la cadette. Son associée proteste": the partner a possessive names is
        the person of that gender mentioned last in these two paragraphs who is not the one the
        possessive refers to (the person mentioned last of all)."""
        char = doc[k - 1].idx
        possessor = self._last_mentioned(ents, None, char)
        if possessor is None:
            return None
        since = paragraph_start(self._text, char, back=1)
        inside = [(q.start, q.end) for q in ents.quotes]
        latest = None
        for start, key in self._person_mentions(ents):
            if start >= char:
                break
            if start < since or key.startswith("unnamed:") or key == possessor.key:
                continue
            if any(a <= start < b for a, b in inside):
                continue
            if gender is None or ents.people[key].gender in (gender, None):
                latest = ents.people[key]
        return latest

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
            return morph_gender(doc[k - 1])
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
        if person is None or person is UNNAMED_PERSON:
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

    def _last_seen(self, ents: DocEntities, person: PersonEntity, before_char: int) -> int:
        """Where ``person`` was last mentioned before ``before_char``: by name, by a title, or
        by a description bound to them ("a reproché au maire")."""
        starts = [s for s, key in self._person_mentions(ents) if key == person.key]
        return max((s for s in starts if s < before_char), default=-1)

    def _person_mentions(self, ents: DocEntities) -> list[tuple[int, str]]:
        """(start, person key) of every mention of a person: by name, by a title they hold, by
        a description bound to them; "unnamed:m"/"unnamed:f" for someone introduced unnamed."""
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
        return sorted(mentions)

    @staticmethod
    def _latter_marker(doc: Doc, k: int) -> bool:
        """Whether "celui"/"celle" at ``k`` is "celui-ci"/"celle-ci" ("the latter")."""
        rest = "".join(t.text for t in doc[k + 1 : k + 3]).lower()
        return rest.startswith(("-ci", "-là"))

    @staticmethod
    def _person_before_comma(doc: Doc, ents: DocEntities, k: int):
        """The person whose name ends just before the comma before token ``k`` ("Julien
        Mercadier, il …", "Josiane, une cliente …"), or None."""
        if k < 2 or doc[k - 1].text != ",":
            return None
        owner = ents.owner(k - 2)
        return owner if owner and owner[0] == "person" else None

    def _latter_start(self, doc: Doc, i: int) -> int:
        """Where "celle-ci" starts when a phrase starts at its "-" or "ci" (the parser may make
        either the subject)."""
        for j in (i - 1, i - 2):
            if j >= 0 and norm(doc[j].text) in DEMONSTRATIVES and self._latter_marker(doc, j):
                return j
        return i

    def _latter_entity(self, doc: Doc, ents: DocEntities, k: int, gender: str):
        """The referent of "celle-ci" at ``k``: the last singular noun of that gender before it
        in its paragraph. A person or an organisation when that noun names one ("une rencontre
        avec la sous-préfecture de Montillac. Celle-ci …"), otherwise nothing: the latter is a
        thing ("une aide … Si celle-ci tient ses promesses")."""
        wanted = {"m": "Masc", "f": "Fem"}[gender]
        since = paragraph_start(self._text, doc[k].idx)
        inside = [(q.start, q.end) for q in ents.quotes]
        for t in reversed(doc[:k]):
            if t.idx < since:
                break
            if t.pos_ not in ("NOUN", "PROPN") or any(a <= t.idx < b for a, b in inside):
                continue
            owner = ents.owner(t.i)
            if owner and owner[0] == "person":
                if ents.people[owner[1]].gender in (gender, None):
                    return owner
                continue
            if "Plur" in t.morph.get("Number") or t.morph.get("Gender") not in ([wanted], []):
                continue
            if owner and owner[0] == "organisation":
                return owner
            if t.pos_ == "NOUN":
                return None
        return None

    def _last_mentioned(
        self, ents: DocEntities, gender: str | None, before_char: int, *, in_quotes: bool = False
    ) -> PersonEntity | None:
        """The person mentioned last before ``before_char`` — by name, title or description —
        of that gender (or not known to be of the other; anyone for None), subject or not:
        "Ce dernier lui a répondu", the client of "Son conseil"; with ``in_quotes``, names said
        inside quotes count too ("« Madame Marty surfe … » Réponse de l'intéressée"). None when
        the last one is someone the text does not name."""
        inside = [] if in_quotes else [(q.start, q.end) for q in ents.quotes]
        last = None
        for start, key in self._person_mentions(ents):
            if start >= before_char:
                break
            if any(a <= start < b for a, b in inside):
                continue
            if key.startswith("unnamed:"):
                last = None if key == f"unnamed:{gender}" else last
            elif gender is None or ents.people[key].gender in (gender, None):
                last = ents.people[key]
        return last

    def _pronoun(self, ents: DocEntities, gender: str, before_char: int) -> PersonEntity | None:
        """The most recent person mentioned before ``before_char`` — by name or by a title they
        hold ("la préfète") — who can be ``il``/``elle``: someone known to be of that gender,
        unless a person of unknown gender was mentioned much more recently.  Names inside quotes
        do not count (they are what someone said), and an unnamed person introduced as the
        subject of a sentence ("Une mère … a pu échanger") can be the antecedent, which then
        names nobody."""
        mentions = self._person_mentions(ents)
        inside = [(q.start, q.end) for q in ents.quotes]
        paragraph = paragraph_start(self._text, before_char) - 1
        if not any(
            paragraph < start < before_char and not any(a <= start < b for a, b in inside)
            for start, _ in mentions
        ):
            # "« … », a-t-il poursuivi" opening a paragraph: the last paragraph's subjects
            paragraph = paragraph_start(self._text, before_char, back=1) - 1
        known, unknown, subject, unknown_subject = None, None, None, None
        for start, key in sorted(mentions):
            if start >= before_char:
                break
            if any(a <= start < b for a, b in inside) or key in self._byline_keys:
                continue
            if start > self._text.find("\n") and in_heading(self._text, start):
                continue  # a subheading ("Une ancienne adjointe dans l'équipe") is no antecedent
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
                if start in self._subject_starts and start > paragraph:
                    unknown_subject = (start, person)
        if (
            unknown_subject is not None
            and (known is None or known[0] < paragraph < unknown_subject[0])
            and subject is None
        ):
            # "Camille, 41 ans, sa collègue, fait la tournée … », tranche-t-elle": a first name
            # of either gender, subject in this paragraph, over someone of the paragraph before
            return unknown_subject[1]
        if subject is not None and known is not None and known[1] is not None:
            # prefer the subject of a recent sentence over a name in a subordinate clause
            # (the subject-first preference of centering theory, Grosz, Joshi & Weinstein 1995)
            known = subject
        if known and unknown and unknown[0] - known[0] > 300:
            return unknown[1]
        if known:
            return known[1] if known[1] is not None else UNNAMED_PERSON
        return unknown[1] if unknown else None

    def _cataphora(self, ents: DocEntities, gender: str, before_char: int) -> PersonEntity | None:
        """ "Il se tient droit … et répète qu'il « ne se souvient de rien ». Kévin Marsal, 29 ans,
        comparaissait …": a subject pronoun with no one before it, opening a report, names the
        first person its paragraph names after it."""
        mentions = self._person_mentions(ents)
        inside = [(q.start, q.end) for q in ents.quotes]
        if any(start < before_char for start, key in mentions if not key.startswith("unnamed:")):
            return None
        end = self._text.find("\n", before_char)
        for start, key in mentions:
            if start < before_char or key.startswith("unnamed:"):
                continue
            if 0 <= end < start:
                return None
            if any(a <= start < b for a, b in inside):
                continue
            person = ents.people[key]
            return person if person.gender in (gender, None) else None
        return None

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
        if qualifier and self._is_speech_verb(doc[after]):
            qualifier = None  # "La directrice insiste, elle, …": the verb, tagged as an adjective
        # "la députée de la Sarthe" is not the deputy of the Var: the names in a complement
        named: set[str] = set()
        for t in doc[after : after + 6]:
            if t.is_punct or t.pos_ in ("VERB", "AUX"):
                break
            if is_capitalised(t) and t.pos_ == "PROPN":
                named.add(fold(t.text))
        new = any(
            norm(doc[j].text) in {"nouveau", "nouvel", "nouvelle"} for j in range(max(0, k - 2), k)
        )
        holders = []
        for person in ents.people.values():
            if gender and person.gender and person.gender != gender:
                continue  # "a assuré le ministre": not the (woman) minister
            for role in person.roles:
                if new and role.former:
                    continue  # "le nouvel édile" is not the former mayor
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
                exact = role.head in heads
                if exact or role.head.split()[0] in heads:
                    # "le procureur" also answers to "procureur de la République", when no one
                    # holds the short title itself
                    first = min(m.start for m in person.mentions) if person.mentions else 0
                    # content words only: "de", "la" say nothing of who holds the title; an
                    # elided article is cut off ("l'agglomération" as "agglomération")
                    said = set(re.split(r"[\s']+", words))
                    overlap = sum(
                        1 for w in re.split(r"[\s']+", norm(role.title)) if len(w) > 3 and w in said
                    )
                    last = self._last(person, before_char)
                    holders.append((exact, overlap, first < before_char, last, person))
        if not holders:
            return None
        if any(h[0] for h in holders):
            holders = [h for h in holders if h[0]]
        # the title's own words first, then someone already named, then the most recent
        holders.sort(key=lambda h: (h[1], h[2], h[3]), reverse=True)
        return holders[0][4]

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
