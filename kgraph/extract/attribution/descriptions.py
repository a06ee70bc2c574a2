"""Descriptions that stand for a person: ages ("le quinquagénaire"), kin ("son mari"),
the defendant, titles without a name, bound once per document to the person they describe."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...slugs import fold
from ..entities import DocEntities, PersonEntity
from ..text import doc_text, in_heading, is_capitalised, norm, paragraph_start
from .words import DEFINITE, morph_gender


class DescriptionRules:
    def _subject_mentions(self, doc: Doc, ents: DocEntities) -> set[int]:
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
            else:
                # "À ses côtés, Sébastien Carrez, élu FO, brandit …": the parser hangs the name on
                # the opening adverbial, and the verb is left with no subject
                after_adverbial = (
                    a > 0
                    and doc[a - 1].text == ","
                    and doc[a].dep_ == "appos"
                    and doc[a].head.dep_.startswith("obl")
                )
                first = a - 1 if a > 0 and doc[a - 1].text in self.lex.honorifics else a
                if first == 0 or "\n" in doc[first - 1].text or after_adverbial:
                    # "Camille, 41 ans, sa collègue, fait la tournée": a name that opens its
                    # paragraph, then its appositions, then a verb, whatever the parser made of it
                    j = b
                    window = range(j, min(j + 6, len(doc)))
                    stop = next((m for m in window if doc[m].text == "."), 0)
                    if (
                        not after_adverbial
                        and stop
                        and doc[j].text == ","
                        and not any(t.pos_ in ("VERB", "AUX") for t in doc[j:stop])
                    ):
                        # "Sylvie Marty, l'inconnue." opening a portrait: the topic of what follows
                        starts.add(start)
                    while j < len(doc) and j - b < 25 and doc[j].text not in {".", "«", "\n"}:
                        if doc[j].pos_ in ("VERB", "AUX") and doc[j - 1].text == ",":
                            if not after_adverbial or not any(
                                c.dep_.startswith("nsubj") for c in doc[j].children
                            ):
                                starts.add(start)
                            break
                        j += 1
        return starts

    def _description_at(self, doc: Doc, ents: DocEntities, k: int) -> tuple[str, str | None] | None:
        """A definite description of a person at token ``k`` ("l'accusé", "la réalisatrice"):
        the noun that names it (a role's lemma or a person noun) and its gender, if any."""
        j = k - 1
        while j > 0 and doc[j].pos_ == "ADJ" and not ents.owner(j):
            j -= 1  # "la nouvelle maire"
        if k == 0 or norm(doc[j].text) not in DEFINITE or ents.owner(k):
            return None
        word = norm(doc[k].text)
        if k > 0 and f"{norm(doc[k - 1].text)} {word}" in self.lex.age_nouns:
            word = f"{norm(doc[k - 1].text)} {word}"  # "le jeune homme"
        if word in self.lex.person_nouns or word in self.lex.age_nouns:
            return word, self._det_gender(doc, k) or morph_gender(doc[k])
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
        if any(
            ents.owner(t.i)
            and ents.owner(t.i)[0] == "person"
            and t.i - k <= 10
            and any(doc[m].text == "," for m in range(k + 1, t.i))
            for t in doc[k].subtree
            if t.i > k
        ):
            return None  # "La cheffe du service, le docteur Anne-Sophie Guérin,": her title
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
            # "Ce dernier", "son mari", "l'aîné", "la fromagère": words that name one person by
            # their place in the text, their family or their trade, whatever else they could be
            person = next(
                (
                    found
                    for finder in (self._latter, self._kin, self._sibling, self._occupation_holder)
                    if (found := finder(doc, ents, token)) is not None
                ),
                None,
            )
            if person is not None:
                bound[token.idx] = person.key
                continue
            found = self._description_at(doc, ents, token.i)
            if found is None:
                continue
            if token.i in titled:
                bound[token.idx] = titled[token.i]
                continue
            if found[0] in {"intéressé", "intéressée"}:
                concerned = self._last_mentioned(ents, found[1], token.idx, in_quotes=True)
                if concerned is not None:
                    bound[token.idx] = concerned.key
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
                # "M. Cuenot, lui, reste sceptique. « … », a glissé le pêcheur": the subject
                # just before in the paragraph is who the description is about
                and not (person is not None and self._subject_in_paragraph(person, token.idx))
                # "Même crainte chez Laure Combes, présidente du collectif. La mère de famille a
                # fait ses comptes": named in the sentence just before, she is the one described
                and not (person is not None and self._named_just_before(person, token.idx))
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

    def _latter(self, doc: Doc, ents: DocEntities, token: Token) -> PersonEntity | None:
        """ "Ce dernier", "cette dernière" standing for a person: the last one of that gender
        mentioned before."""
        if norm(token.text) not in {"dernier", "dernière"} or not token.i:
            return None
        det = norm(doc[token.i - 1].text)
        if det not in {"ce", "cette"} or (
            token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "NOUN"
        ):
            return None  # "ce dernier mois"
        return self._last_mentioned(ents, "m" if det == "ce" else "f", doc[token.i - 1].idx)

    def _sibling(self, doc: Doc, ents: DocEntities, token: Token) -> PersonEntity | None:
        """ "Yves Prigent, 52 ans, et son frère Loïc, 48 ans … a expliqué l'aîné. Son cadet a
        insisté": the oldest or youngest (``data/sibling_order.tsv``) of the people of the last
        two paragraphs who share the surname of the one named last and whose ages are given."""
        order = self.lex.sibling_order.get(norm(token.text))
        if order is None or token.i == 0:
            return None
        if norm(doc[token.i - 1].text) not in DEFINITE | {"son", "sa"}:
            return None
        last = self._last_named(ents, token.idx)
        if last is None:
            return None
        surname = fold(ents.people[last].name).split()[-1]
        since = paragraph_start(self._text, token.idx, back=1)
        family = [
            (age, p)
            for p in ents.people.values()
            if fold(p.name).split()[-1] == surname
            and p.gender in (order[1], None)
            and any(since <= m.start < token.idx for m in p.mentions)
            and (age := self._stated_age(doc, p)) is not None
        ]
        if len(family) < 2:
            return None
        family.sort(key=lambda pair: pair[0])
        return family[-1][1] if order[0] == "oldest" else family[0][1]

    def _occupation_holder(self, doc: Doc, ents: DocEntities, token: Token) -> PersonEntity | None:
        """ "Camille Vergnes, fromagère à La Bastide-Fauré, … Évoluer, la fromagère ne s'en prive
        pas": a definite noun that repeats the occupation the text gave one person earlier (a
        word no title list holds) is that person."""
        k = token.i
        if k == 0 or norm(doc[k - 1].text) not in DEFINITE or ents.owner(k):
            return None
        word = norm(token.text)
        if word in self.lex.person_nouns or self.lex.role_head_at([word]) is not None:
            return None  # listed titles and person nouns have their own rules
        holders = [
            p
            for p in ents.people.values()
            if any(
                r.rule == "occupation" and r.end <= token.idx and norm(r.title.split()[0]) == word
                for r in p.roles
            )
        ]
        return holders[0] if len(holders) == 1 else None

    def _kin(self, doc: Doc, ents: DocEntities, token: Token) -> PersonEntity | None:
        """ "Martine et Gérard Rolland … raconte Martine Rolland. Son mari, lui, avoue …": kin
        named by a possessive (``data/kin_nouns.tsv``) is, of the people who share the surname
        of the person named last, the one of the kin's gender who is not that person."""
        gender = self.lex.kin_nouns.get(norm(token.text))
        if gender is None or token.i == 0 or norm(doc[token.i - 1].text) not in {"son", "sa"}:
            return None
        introduced = self._kin_introduced(doc, ents, token)
        if introduced is not None:
            return introduced
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

    def _kin_introduced(self, doc: Doc, ents: DocEntities, token: Token) -> PersonEntity | None:
        """ "Sa mère, Fatiha, assise dans la tribune, sourit … Dans la tribune, sa mère ne la
        quitte pas des yeux": kin the text has introduced with a name in apposition is that
        person when the same words come back alone."""
        word = norm(token.text)
        for k in range(token.i - 2, 0, -1):
            if norm(doc[k].text) != word or norm(doc[k - 1].text) not in {"son", "sa"}:
                continue
            nxt = k + 1 + (doc[k + 1].text == ",")
            owner = ents.owner(nxt) if nxt < len(doc) else None
            if owner is not None and owner[0] == "person":
                person = ents.people[owner[1]]
                gender = self.lex.kin_nouns.get(word)
                return person if person.gender in (gender, None) else None
        return None

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
        if len(fits) > 1:
            # two of the right age in these two paragraphs: the one named in this paragraph
            here = paragraph_start(self._text, char)
            fits = [p for p in fits if any(here <= m.start < char for m in p.mentions)] or fits
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

    def _subject_in_paragraph(self, person: PersonEntity, char: int) -> bool:
        start = paragraph_start(self._text, char)
        return any(
            start <= m.start < char and m.start in self._subject_starts for m in person.mentions
        )

    def _named_just_before(self, person, char: int) -> bool:
        """Whether ``person`` is named by name in the sentence before ``char``, in its
        paragraph."""
        starts = [m.start for m in person.mentions if m.start < char]
        if not starts:
            return False
        between = self._text[max(starts) : char]
        return "\n" not in between and sum(between.count(c) for c in ".!?") <= 1

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
        text = doc_text(doc)
        for token in doc:
            if token.pos_ == "NOUN" and in_heading(text, token.idx):
                continue  # "Une ancienne adjointe dans l'équipe": a subheading acts on nothing
            if token.pos_ == "NOUN" and (
                self._withholds_name(token)
                or self._opens_sentence_unnamed(doc, token)
                or self._withholds_name_after_apposition(doc, token)
            ):
                # "une opératrice, qui ne souhaite pas donner son nom, fume …": whatever the
                # noun, and whatever the parser made of its place in the sentence
                gender = "f" if "Fem" in token.morph.get("Gender") else "m"
                out.append((token.idx, f"unnamed:{gender}"))
                continue
            if not token.dep_.startswith("nsubj") or token.pos_ != "NOUN":
                continue
            det = next((c for c in token.children if c.dep_ == "det"), None)
            if det is None:
                continue
            if norm(det.text) in {"un", "une"}:
                gender = "f" if norm(det.text) == "une" else "m"
            elif norm(det.text) in {"le", "la", "l'"} and self._of_someone_indefinite(token):
                # "Le gérant d'un camping de la commune … accueille": one the text never names
                gender = "f" if "Fem" in token.morph.get("Gender") else "m"
            else:
                continue
            if self._names_a_person(token):
                out.append((token.idx, f"unnamed:{gender}"))
        return out

    def _opens_sentence_unnamed(self, doc: Doc, noun: Token) -> bool:
        """ "Une mère, dont le fils a été hospitalisé, a pu échanger …": an indefinite person
        noun opening its sentence, set off by a comma and with no name after it, is that
        sentence's subject, whatever the parser made of it."""
        det = doc[noun.i - 1] if noun.i else None
        if det is None or norm(det.text) not in {"un", "une"} or not self._names_a_person(noun):
            return False
        before = doc[det.i - 1] if det.i else None
        opens = before is None or before.text in {".", "!", "?"} or "\n" in before.text
        k = noun.i + 1
        while k < len(doc) and doc[k].pos_ == "ADJ":
            k += 1
        if opens:
            return (
                k + 1 < len(doc)
                and doc[k].text == ","
                and doc[k + 1].pos_ != "PROPN"
                and not is_capitalised(doc[k + 1])
            )
        # "À la sortie de la salle, une habitante de Valbrune venue soutenir l'ancien maire ne
        # cachait pas …": after an opening adverbial with no verb, and with no name after it
        if before.text != "," or (k < len(doc) and is_capitalised(doc[k])):
            return False
        j = before.i - 1
        while j >= 0 and doc[j].text not in {".", "!", "?", "»"} and "\n" not in doc[j].text:
            if doc[j].pos_ in ("VERB", "AUX") or doc[j].text == ",":
                return False
            j -= 1
        return True

    def _withholds_name_after_apposition(self, doc: Doc, noun: Token) -> bool:
        """ "un éleveur de Hagetmau, la cinquantaine, qui n'a pas souhaité donner son nom": the
        relative clause the parser hung on the apposition still belongs to the person noun."""
        if not noun.i or norm(doc[noun.i - 1].text) not in {"un", "une"}:
            return False
        if not self._names_a_person(noun):
            return False
        for t in doc[noun.i + 1 : noun.i + 12]:
            if t.text in {".", "!", "?"} or t.pos_ in ("VERB", "AUX"):
                return False
            if norm(t.text) == "qui":
                return t.head.dep_ == "acl:relcl" and self._withholds_name(t.head.head)
        return False

    @staticmethod
    def _withholds_name(token: Token) -> bool:
        """A subject whose relative clause says the person keeps their name from the press
        ("qui ne souhaite pas donner son nom", "qui préfère taire son nom", "qui a requis
        l'anonymat")."""
        relatives = [c for c in token.children if c.dep_ == "acl:relcl"]
        words = [norm(t.text) for r in relatives for t in r.subtree]
        return "anonyme" in words or any(
            words[n : n + 2] in (["son", "nom"], ["l'", "anonymat"]) for n in range(len(words))
        )

    @staticmethod
    def _of_someone_indefinite(token: Token) -> bool:
        """A definite noun whose complement is indefinite ("le gérant d'un camping") and that has
        no name in apposition."""
        if any(c.dep_ in ("appos", "flat:name") or c.pos_ == "PROPN" for c in token.children):
            return False
        return any(
            c.dep_ == "nmod"
            and any(norm(g.text) in {"de", "d'"} for g in c.children if g.dep_ == "case")
            and any(norm(g.text) in {"un", "une"} for g in c.children if g.dep_ == "det")
            for c in token.children
        )
