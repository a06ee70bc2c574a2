"""``kgraph_roles``: titles (``président de la région``) and the people who hold them.

A title is an optional modifier (``ancien``), a role head from ``data/roles.tsv`` and its complement
(``de la région``, ``en charge de l'économie``).  It is tied to a person by position, the way French
press writing introduces people:
- title then name, with or without a comma: ``le ministre de l'Économie Bruno Le Maire``;
- name then title in apposition or brackets: ``X, maire de Lyon,`` / ``X (PS), députée du Rhône`` /
  ``X (maire de Lyon)``; a second title joined by ``et`` belongs to the same person;
- a copula: ``X est le président de …``, ``X, nommée directrice de …``.
A title tied to no name is kept as unattached: attribution uses it to resolve ``a conclu le maire``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon, RoleHead, lexicon
from .entities import DocEntities, RoleMention, get_entities, register_extensions
from .text import doc_text, is_capitalised, norm

_COMPLEMENT_WORDS = {
    "de",
    "du",
    "des",
    "d'",
    "à",
    "au",
    "aux",
    "en",
    "pour",
    "chargé",
    "chargée",
    "l'",
    "la",
    "le",
    "les",
    "sur",
    "auprès",
    "délégué",
    "déléguée",
    "charge",
}
# endings of nouns for what people do ("régleuse", "cariste"), which the tagger sometimes reads
# as adjectives
_AGENT_SUFFIXES = ("eur", "euse", "rice", "ier", "ière", "iste", "ien", "ienne", "logue")
# a determiner and a role head that make an idiom, not a title
_IDIOMS = {("le", "cadre"), ("du", "cadre"), ("ce", "cadre")}
_COPULAS = {"être", "devenir", "rester", "demeurer"}
_APPOINTED = {"élire", "réélire", "nommer", "désigner"}  # in the passive, a copula of office
_FORMER = {"ancien", "ancienne", "ex", "anciens", "anciennes"}
_DIRECT_OBJECT_PRONOUNS = {"l'", "le", "la"}  # "l'a élu maire"

# endings that mark a noun of occupation as feminine (agricultrice, coiffeuse, infirmière)
_FEMININE_ENDINGS = ("euse", "trice", "ière", "ienne", "enne", "ère", "ée", "ante", "ente", "esse")


class RoleFinder:
    def __init__(self, lex: Lexicon, max_complement: int = 12):
        self.lex = lex
        self.max_complement = max_complement

    def __call__(self, doc: Doc) -> Doc:
        ents = get_entities(doc)
        roles = self._titles(doc, ents)
        for role in roles:
            person = self._holder(doc, ents, role)
            if (
                person is not None
                and role.gender
                and person.gender
                and role.gender != person.gender
            ):
                # "députée" cannot be Gilbert: the title belongs to someone else (the first-name
                # list leaves out names given to both genders, so its guess is trusted here)
                person = None
            if person is None:
                ents.unattached_roles.append(role)
                continue
            self._attach(person, role)
        self._coordinated(doc, ents)
        self._occupations(doc, ents)
        self._coordinated(doc, ents)  # "mère de deux élèves et présidente de …"
        return doc

    def _occupations(self, doc: Doc, ents: DocEntities) -> None:
        """What reportage says people are, in apposition right after their name, without a
        determiner, when no listed title is there: "Théo, 24 ans, moniteur de surf",
        "Nathalie Gavard, régleuse depuis trente ans", "Sandrine Cazals, représentante FO,
        cariste de nuit".  Any common noun in that place is what the person is."""
        for mention, key in ents.mentions_in_order("person"):
            k = mention.end_token
            while True:
                if k >= len(doc) or doc[k].text != ",":
                    break
                k += 1
                if k + 2 < len(doc) and doc[k].like_num and norm(doc[k + 1].text) == "ans":
                    k += 2  # "Théo, 24 ans, …"
                    continue
                role = self._occupation_at(doc, ents, k)
                if role is None:
                    # a listed title already there: look past it ("représentante FO, cariste")
                    held = [r for r in ents.people[key].roles if r.start_token == k]
                    if not held:
                        break
                    k = held[0].end_token
                    continue
                role.rule = "occupation"
                self._attach(ents.people[key], role)
                k = role.end_token

    def _occupation_at(self, doc: Doc, ents: DocEntities, k: int) -> RoleMention | None:
        if k >= len(doc) or ents.owner(k) is not None:
            return None
        token = doc[k]
        word = norm(token.text)
        if k + 1 < len(doc) and doc[k + 1].pos_ == "DET":
            return None  # "Corinne Bastide, visite le collège": a verb with its object
        agent = token.pos_ in ("ADJ", "VERB") and word.endswith(_AGENT_SUFFIXES)
        if (
            (token.pos_ != "NOUN" and not agent)
            or not token.is_alpha
            or is_capitalised(token)
            or word in self.lex.not_titles
            or (word,) in self.lex.organisation_heads  # "Kerlann, entreprise familiale": a firm
            or word in self.lex.speech_forms  # "X, nuance-t-il" tagged as a noun
            or "Plur" in token.morph.get("Number")  # "documents à l'appui"
            or self.lex.role_head_at([norm(t.text) for t in doc[k : k + 5]]) is not None
            or any(r.start_token <= k < r.end_token for p in ents.people.values() for r in p.roles)
        ):
            return None
        gender = token.morph.get("Gender")
        if word.endswith("e") and not word.endswith(_FEMININE_ENDINGS):
            gender = []  # "plaquiste", "secrétaire": one word for both, whatever the tagger says
        elif gender == ["Fem"] and not word.endswith(_FEMININE_ENDINGS):
            gender = []  # "maçon" tagged feminine: the form says nothing of the kind
        elif word.endswith(_FEMININE_ENDINGS) and not word.endswith(("père", "frère")):
            gender = ["Fem"]  # "fromagère" tagged masculine: the form says feminine
        head = RoleHead(
            (word,),
            token.lemma_.lower() or word,
            {"Masc": "m", "Fem": "f"}.get(gender[0]) if gender else None,
        )
        end = self._complement_end(doc, ents, k + 1)
        return self._role(doc, ents, head, k, end)

    @staticmethod
    def _attach(person, role: RoleMention) -> None:
        if not any(r.title == role.title for r in person.roles):
            person.roles.append(role)
        if role.gender and (not person.gender or person.gender_from_name):
            person.gender = role.gender  # grammar beats a guess from the first name
            person.gender_from_name = False

    def _coordinated(self, doc: Doc, ents: DocEntities) -> None:
        """ "Maire de Dole et conseiller régional, Laurent Koffi": an unattached title joined by
        "et" to a title that found its holder belongs to the same person."""
        for role in list(ents.unattached_roles):
            k = role.end_token
            if k < len(doc) and norm(doc[k].text) == "et":
                for person in ents.people.values():
                    if any(r.start_token in (k + 1, k + 2) for r in person.roles):
                        role.rule = "coordinated-title"
                        self._attach(person, role)
                        ents.unattached_roles.remove(role)
                        break
                continue
            # "mère de deux élèves et présidente de …": joined to a title found after this one
            person = _holder_of_title_before_et(doc, ents, role)
            if person is not None:
                role.rule = "coordinated-title"
                self._attach(person, role)
                ents.unattached_roles.remove(role)

    # -- titles --------------------------------------------------------------------------------
    def _titles(self, doc: Doc, ents: DocEntities) -> list[RoleMention]:
        roles: list[RoleMention] = []
        words = [norm(t.text) for t in doc]
        i = 0
        while i < len(doc):
            head = self.lex.role_head_at(words[i : i + 5])
            if head is None or ents.owner(i) is not None or self._is_plural(doc, i):
                i += 1
                continue
            if head.words[0] == "premier" and not is_capitalised(doc[i]) and len(head.words) == 1:
                i += 1
                continue
            if (
                head.words in (("élu",), ("élue",))
                and self.lex.role_head_at(words[i + 1 : i + 6]) is not None
            ):
                i += 1  # "élu président de …": the office is the title, "élu" how he got it
                continue
            if i > 0 and (norm(doc[i - 1].text), *head.words) in _IDIOMS:
                i += 1  # "dans le cadre de", "au chef de"
                continue
            if (
                len(head.words) == 1
                and doc[i].pos_ == "ADJ"
                and i > 0
                and doc[i - 1].pos_ == "NOUN"
            ):
                i += 1  # "assemblée générale", "voiture présidentielle": an adjective, not a title
                continue
            nxt = doc[i + len(head.words)] if i + len(head.words) < len(doc) else None
            after = doc[i + len(head.words) + 1] if i + len(head.words) + 1 < len(doc) else None
            if (
                len(head.words) == 1
                and nxt is not None
                and not (i > 0 and doc[i - 1].pos_ == "DET")  # "La ministre l'écoute"
                and (
                    nxt.pos_ == "DET"
                    or norm(nxt.text) == "en"
                    and after is not None
                    and after.like_num
                )
            ):
                i += 1  # "juge l'endettement excessif", "élue en 2020": a verb, not a title
                continue
            start = i
            while start > 0 and (
                words[start - 1] in self.lex.role_modifiers or words[start - 1] in {"-", "ex-"}
            ):
                start -= 1
            end = self._complement_end(doc, ents, i + len(head.words))
            roles.append(self._role(doc, ents, head, start, end))
            i = end
        return roles

    @staticmethod
    def _is_plural(doc: Doc, i: int) -> bool:
        """Invariable heads ("les porte-parole", "des PDG") are plural by their determiner."""
        return i > 0 and norm(doc[i - 1].text) in {
            "les",
            "des",
            "ces",
            "leurs",
            "aux",
            "nos",
            "vos",
        }

    def _complement_end(self, doc: Doc, ents: DocEntities, i: int) -> int:
        end = i
        limit = min(len(doc), i + self.max_complement)
        while end < limit:
            token = doc[end]
            word = norm(token.text)
            if (
                token.text == "("
                and end + 3 < len(doc)
                and doc[end + 2].text == ")"
                and doc[end + 1].text[:1].isupper()
                and norm(doc[end + 3].text) in {"de", "du", "des", "d'"}
            ):
                end += 3  # "la députée (LFI) de Seine-Saint-Denis": the party sits inside
                continue
            if token.is_space or token.is_punct and token.text not in {"-", "'"}:
                break
            owner = ents.owner(end)
            if owner and owner[0] == "person":
                person = ents.people[owner[1]]
                if (
                    end > i
                    and norm(doc[end - 1].text) in {"de", "d'", "du"}
                    and len(person.mentions) == 1
                    and " " not in person.name
                ):
                    # "maire de Guénin": the recogniser took the town for a person
                    del ents.people[owner[1]]
                    ents.token_owner.pop(end, None)
                    end += 1
                    continue
                break
            if token.text == "-" and not doc[end - 1].whitespace_ and not token.whitespace_:
                end += 1  # "CCI Scarpe-Artois"
                continue
            if (
                word in {"avec", "aux", "auprès"}
                and end + 1 < len(doc)
                and (is_capitalised(doc[end + 1]) and not doc[end + 1].is_upper)
            ):
                break  # "cofondateur … avec Élouan Rivière": a partner, not the title
            if word in {"et", "&"}:
                # "de l'Industrie et du Numérique" continues; "et présidente de …" is a new title
                nxt = doc[end + 1] if end + 1 < len(doc) else None
                if nxt is None or self.lex.role_head_at(
                    [norm(t.text) for t in doc[end + 1 : end + 5]]
                ):
                    break
                if nxt.pos_ in ("DET", "ADP") or norm(nxt.text) in _COMPLEMENT_WORDS:
                    end += 1
                    continue
                break
            if (
                end > i
                and doc[end - 1].pos_ == "DET"
                and self.lex.role_head_at([norm(t.text) for t in doc[end : end + 5]])
            ):
                break  # "glisse la ministre à la principale": another person's title begins
            if end == i and word in self.lex.speech_forms and word not in _COMPLEMENT_WORDS:
                break  # "un éleveur lâche : « … »": the verb, not the title's complement
            if (
                word in self.lex.time_words
                and token.text.islower()  # "la liste Saint-Didier Demain": a name's word
                and not (end > i and doc[end - 1].pos_ in ("ADP", "DET"))
            ):
                break  # "élu maire vendredi soir": a time, not the title's complement
            if word in _COMPLEMENT_WORDS or token.pos_ in ("DET", "ADP", "NUM"):
                end += 1
                continue
            if token.pos_ in ("NOUN", "PROPN", "ADJ", "X") or (
                owner and owner[0] == "organisation"
            ):
                if (
                    token.pos_ == "PROPN"
                    and token.ent_type_ == "PER"
                    and not (owner and owner[0] == "organisation")  # "DRH de Colivia"
                    and not (  # "maire de Guénin", the town kept out of the people found
                        owner is None and end > i and norm(doc[end - 1].text) in {"de", "d'", "du"}
                    )
                ):
                    break
                if (
                    end == i
                    and token.pos_ in ("NOUN", "PROPN")
                    and is_capitalised(token)
                    and token.ent_type_ == "PER"
                ):
                    break
                end += 1
                continue
            break
        while end > i and (
            norm(doc[end - 1].text) in _COMPLEMENT_WORDS
            and norm(doc[end - 1].text) not in {"délégué", "déléguée", "chargé", "chargée"}
            or doc[end - 1].pos_ in ("DET", "ADP", "CCONJ")
        ):
            end -= 1
        # a bare role followed directly by a capitalised name: the name is not the complement
        return end

    def _role(
        self, doc: Doc, ents: DocEntities, head: RoleHead, start: int, end: int
    ) -> RoleMention:
        last = ents.owner(end - 1) if end > start else None
        while last and last[0] == "organisation" and end < len(doc) and ents.owner(end) == last:
            end += 1  # the organisation's whole name: "… d'industrie (CCI) Bocage-Ouest"
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        organisation = None
        for k in range(start, end):
            owner = ents.owner(k)
            if owner and owner[0] == "organisation":
                organisation = owner[1]
                break
        head_index = start
        while head_index < end and norm(doc[head_index].text) in self.lex.role_modifiers:
            head_index += 1
        title = " ".join(doc_text(doc)[s:e].split())
        title = re.sub(r" \([^()]{1,24}\)(?= )", "", title)  # a party is not part of the title
        # "maire depuis 2008", "salarié depuis vingt-six ans": how long, not what (the span
        # keeps the words, so a name after them is still found as the holder)
        title = title.split(" depuis ")[0]
        return RoleMention(
            title=title,
            head=head.lemma,
            start=s,
            end=e,
            start_token=start,
            end_token=end,
            gender=head.gender or _gender_of(doc, head_index),
            former=norm(doc[start].text) in _FORMER,
            organisation=organisation,
        )

    # -- holders -------------------------------------------------------------------------------
    def _holder(self, doc: Doc, ents: DocEntities, role: RoleMention):
        # name then title (checked first: in a list "X, maire de A, Y, députée de B" the title
        # belongs to the name before it): "X, maire de Lyon", "X (PS), députée", "X (maire de
        # Lyon)", "X, nommée …"
        k = role.start_token - 1
        while k >= 0 and (doc[k].pos_ == "DET" or norm(doc[k].text) in self.lex.role_bridges):
            k -= 1  # "X, également maire de …", "X, redevenu sénateur …", "X, nommée la …"
        if k >= 0 and doc[k].text in {",", "("}:
            k -= 1
            if (
                k >= 2
                and norm(doc[k].text) == "ans"
                and doc[k - 1].like_num
                and doc[k - 2].text == ","
            ):
                k -= 3  # "Karine Vabre, 45 ans, opératrice au contrôle qualité"
            if k >= 0 and doc[k].text == ")":  # skip a bracketed party: "X (LR), député"
                while k >= 0 and doc[k].text != "(":
                    k -= 1
                k -= 1
            person = ents.person_at(k) if k >= 0 else None
            if person is not None:
                role.rule = "apposition"
                return person
        # title then name: "le ministre X", "le président de la région, X", "… du Parti socialiste
        # (PS), X"
        j = role.end_token
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            j += 3
        if (
            j + 2 < len(doc)
            and norm(doc[j].text) == "depuis"
            and doc[j + 2].text == ","
            and not ents.owner(j + 1)
        ):
            j += 2  # "Présidente de la CCI depuis janvier, Anne-Sophie Le Bihan"
        if j < len(doc) and doc[j].text == ",":
            j += 1
        while j < len(doc) and doc[j].text in self.lex.honorifics:
            j += 1  # "l'avocate des parties civiles, Me Hélène Castaing"
        person = ents.person_at(j) if j < len(doc) else None
        title = doc[role.start_token]
        if (
            person is not None
            and title.dep_ in ("obj", "obl", "obl:arg", "iobj")
            and title.head.dep_ == "advcl"
            and title.head.i < title.i
            and any(norm(c.text) == "en" and c.dep_ == "mark" for c in title.head.children)
            and doc[j].dep_.startswith("nsubj")
            and doc[j].head.i != title.head.i
        ):
            # "En raccompagnant la ministre à sa voiture, Hélène Pradal restait prudente": the
            # title is the object of a clause before, the name the subject of the next one
            person = None
        if person is not None:
            role.rule = "title-before-name"
            return person
        # copula: "X est le président de …"
        verb = doc[role.start_token].head if role.start_token < len(doc) else None
        head_token = doc[role.start_token]
        for t in (head_token, *head_token.ancestors):
            passive = t.lemma_ in _APPOINTED and any(c.dep_ == "aux:pass" for c in t.children)
            if (
                t.lemma_ in _COPULAS
                or passive  # "X a été élu président de …"
                or any(c.lemma_ in _COPULAS and c.dep_ == "cop" for c in t.children)
            ):
                for child in t.children:
                    if child.dep_.startswith("nsubj"):
                        person = ents.person_at(child.i)
                        if person is not None:
                            role.rule = "copula"
                            return person
                person = _name_just_before(doc, ents, t.i)
                if person is not None:  # "X (divers gauche) devient maire": subject lost
                    role.rule = "copula"
                    return person
                break
            if t.lemma_ in _APPOINTED and t is not head_token:
                clitic = next(
                    (
                        c
                        for c in t.children
                        if c.dep_ == "obj" and norm(c.text) in _DIRECT_OBJECT_PRONOUNS
                    ),
                    None,
                )
                if clitic is not None:
                    # "Le conseil municipal l'a élu maire": the one just named is elected
                    agreed = t.morph.get("Gender")  # "l'a élue": a woman
                    gender = {"Masc": "m", "Fem": "f"}.get(agreed[0]) if agreed else None
                    person = _named_before(doc, ents, clitic.i, gender)
                    if person is not None:
                        role.rule = "appointed"
                        return person
            if t.pos_ == "VERB" and t is not head_token:
                break  # "En raccompagnant la ministre, X restait prudente": another verb's object
        del verb
        # a second title joined by "et" to a title that has a holder
        person = _holder_of_title_before_et(doc, ents, role)
        if person is not None:
            role.rule = "coordinated-title"
        return person


def _named_before(doc: Doc, ents: DocEntities, k: int, gender: str | None):
    """The person named last before token ``k``, in its paragraph or the one before, not known
    to be of the other gender."""
    breaks = 0
    for j in range(k - 1, -1, -1):
        breaks += "\n" in doc[j].text
        if breaks > 2:
            return None
        person = ents.person_at(j)
        if person is not None and not (gender and person.gender and person.gender != gender):
            return person
    return None


def _name_just_before(doc: Doc, ents: DocEntities, verb: int):
    """The person named right before ``verb``, past a bracket ("Éric Saurel (divers gauche)
    devient"), when the parser left the verb without a subject."""
    k = verb - 1
    if k >= 0 and doc[k].text == ")":
        while k >= 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    if k < 0 or any(
        c.dep_.startswith("nsubj") and not any(g.dep_ == "case" for g in c.children)
        for c in doc[verb].children
    ):
        return None  # (a "subject" with a preposition, "Avec 50,9 % …", is no subject)
    return ents.person_at(k)


def _holder_of_title_before_et(doc: Doc, ents: DocEntities, role: RoleMention):
    """Who holds the title that "et" joins this one to: "maire de Dole et conseiller régional"."""
    k = role.start_token - 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    if k >= 0 and norm(doc[k].text) == "et":
        for person in ents.people.values():
            if any(r.end_token == k for r in person.roles):
                return person
    return None


def _gender_of(doc: Doc, i: int) -> str | None:
    """Gender of an invariable head ("ministre") from its determiner: "la ministre" is a woman."""
    k = i - 1
    while k >= 0 and norm(doc[k].text) in _FORMER | {"-"}:
        k -= 1
    if k >= 0 and norm(doc[k].text) in {"la", "une", "cette", "sa"}:
        return "f"
    if k >= 0 and norm(doc[k].text) in {"le", "un", "ce", "cet", "du", "au"}:
        return "m"
    return None


@Language.factory(
    "kgraph_roles",
    assigns=["doc._.kg"],
    requires=["token.pos", "token.dep", "token.morph"],
    default_config={"max_complement": 12},
)
def make_roles(nlp: Language, name: str, max_complement: int) -> RoleFinder:
    register_extensions()
    return RoleFinder(lexicon(), max_complement=max_complement)
