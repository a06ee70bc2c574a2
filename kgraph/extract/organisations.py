"""``kgraph_organisations``: organisation mentions, their names and the short forms the text uses.

Four sources, from most to least explicit:
1. a capitalised organisation noun opening a name (``Agence de l'eau Loire-Bretagne``,
   ``Ministère de la Santé``) — heads listed in ``data/organisation_heads.tsv``;
2. a generic noun phrase followed by a proper name (``l'agence économique régionale X``): the name
   is the organisation, the generic phrase becomes one of its short forms;
3. spaCy's ``ORG`` entities, and an acronym defined in brackets after a name (``… (CNA)``);
4. a definite generic phrase with no name (``la région``, ``le syndicat``) resolved to the named
   organisation it stands for in this document; for territories (région, ville, département) with no
   name in the text's organisations, the place the text makes act (subject of verbs) most often.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon, fold_name, lexicon
from ..slugs import fold
from .entities import DocEntities, EntityMention, get_entities, register_extensions
from .text import (
    doc_text,
    doc_words,
    inside_hyphenated_name,
    is_acronym,
    is_capitalised,
    norm,
    paragraph_start,
    token_offsets,
    tokens_text,
)

# heads that name a site or a unit as often as an organisation: lower-case, they need an
# adjective ("le centre hospitalier de …", "la direction départementale des …") to count
_WEAK_HEADS = {
    "centre",
    "usine",
    "agence",
    "service",
    "direction",
    "groupe",
    "société",
    "entreprise",
    "cabinet",
    "pôle",
    "réseau",
    "club",
    "comité",
    "commission",
    "conseil",
    "commune",
    "ville",
    "établissement",
    "office",
    "bureau",
    "laboratoire",
    "institut",
    "caisse",
    "hypermarché",
    "supermarché",
}
# "la commune de X", "la ville de X" name the local authority, except as a place one is in
_COUNCIL_TOWNS = {"commune", "ville"}
_PLACE_PREPOSITIONS = {"dans", "en", "vers", "près", "hors", "sur", "sous", "à", "par"}
# titles whose "de + Name" is a body — firm, association or council — though not always an
# employer: "le président de Maisons Berlaud" is no person, even if the recogniser says so
_HEADS_OF_BODIES = frozenset({"président"})
# kinds of a firm: a "verrerie" or a "fonderie" (trade) is a company too
_FIRM_KINDS = frozenset({"company", "trade"})
# kinds of a public administration
_PUBLIC_KINDS = frozenset({"state", "agency"})
# institutions the press names by their noun alone when the text does not say which one
_UNNAMED_INSTITUTIONS = {"préfecture", "sous-préfecture", "rectorat", "gendarmerie"}
# kinds of organisation (``data/organisation_heads.tsv``) whose noun belongs to the name after
# it: "Région Bretagne", "collège Jean-Moulin", "hôpital Saint-Joseph", "fonderie Castagnal" — but
# "l'association Toit pour tous" and "le groupe Alvéa" are "Toit pour tous" and "Alvéa"
_ARTICLES = {"la", "le", "les", "l'"}
_HEAD_IN_NAME = {"territory", "education", "health", "trade"}
# words before a lower-case body's name: a determiner, a preposition ("en commission des finances")
_TYPE_LEADS = {"l'", "le", "la", "du", "au", "en", "d'", "de", "à", "par", "avec", "sa", "son"}
_CONNECTORS = {
    "de",
    "du",
    "des",
    "d'",
    "l'",
    "la",
    "le",
    "les",
    "et",
    "pour",
    "en",
    "à",
    "au",
    "aux",
    "sur",
}


class OrganisationFinder:
    def __init__(self, lex: Lexicon, max_words: int = 10):
        self.lex = lex
        self.max_words = max_words
        self.heads = sorted(lex.organisation_heads.items(), key=lambda kv: len(kv[0]), reverse=True)
        self._heads_by_first: dict[str, list] = {}
        for head, kind in self.heads:  # longest first within each first word
            self._heads_by_first.setdefault(head[0], []).append((head, kind))
        self._current: DocEntities | None = None

    def __call__(self, doc: Doc) -> Doc:
        ents = get_entities(doc)
        self._current = ents
        self._firms_taken_for_people(doc, ents)
        self._union_branches_taken_for_people(doc, ents)
        self._institutions(doc, ents)
        self._parties(doc, ents)
        self._institution_types(doc, ents)
        self._named_heads(doc, ents)
        self._generic_then_name(doc, ents)
        self._lowercase_heads(doc, ents)
        self._acronym_definitions(doc, ents)
        self._ner(doc, ents)
        self._organisations_taken_for_people(ents)
        self._employers(doc, ents)
        self._described_in_apposition(doc, ents)
        self._contacted(doc, ents)
        self._acronym_uses(doc, ents)
        self._name_uses(doc, ents)
        self._merge_number_forms(ents)  # before "la direction" looks for the one company
        self._kinds_from_names(ents)
        self._union_kinds(ents)
        self._generic_mentions(doc, ents)
        self._press_units(ents)
        self._merge_short_forms(doc, ents)
        return doc

    def _merge_short_forms(self, doc: Doc, ents: DocEntities) -> None:
        """One organisation per document whatever the form: "Ademe" found alone and "Agence de
        la transition écologique (Ademe)"; "Mercadier" and "Groupe Mercadier" — a name that is
        another organisation's acronym, or the last words of its name, joins it."""
        lex = self.lex
        OrganisationFinder._merge_acronym_forms(ents)
        for key, org in list(ents.organisations.items()):
            folded = fold(org.name)
            target = None
            text = doc_text(doc)
            for other in ents.organisations.values():
                if other is not org and any(
                    text[m.end : m.end + len(org.name) + 3].strip() == f"({org.name})"
                    for m in other.mentions
                ):
                    target = other  # "Agence de la transition écologique (Ademe)"
                    break
                if other is org or len(other.name) <= len(org.name):
                    continue
                words = fold(other.name).split()
                if (
                    (other.acronym and fold(other.acronym) == folded)
                    or any(fold(f) == folded for f in other.forms)
                    or (words[-len(folded.split()) :] == folded.split() and len(words) <= 3)
                ):
                    target = other
                    break
            if target is None:
                # "Centre hospitalier universitaire" alone, where the text names one such body
                prefixed = [
                    o
                    for o in ents.organisations.values()
                    if o is not org and fold(o.name).startswith(folded + " ")
                ]
                words = org.name.split()
                generic = (norm(words[0]),) in lex.organisation_heads and not any(
                    w[:1].isupper() for w in words[1:]
                )
                if len(prefixed) == 1 and (
                    generic
                    and not org.acronym
                    or len(words) == 1
                    and is_acronym(words[0])
                    and re.match(r"(de|du|d[’'])\s*[A-ZÉÈ]", prefixed[0].name.split(" ", 1)[1])
                ):
                    target = prefixed[0]  # or "la FDSEA" in a text naming the FDSEA de l'Aude
            if target is None:
                continue
            _join(ents, key, target)

    def _kinds_from_names(self, ents: DocEntities) -> None:
        """ "Fonderies de la Sèvre", found by the recogniser: a name that opens with an
        organisation's noun, singular or plural, is of that noun's kind (a firm, here)."""
        for org in ents.organisations.values():
            words = norm(org.name).split()
            if org.kind or not words:
                continue
            for word in (words[0], words[0].removesuffix("s")):
                kind = self.lex.organisation_heads.get((word,))
                if kind is not None:
                    org.kind = kind
                    break

    def _union_kinds(self, ents: DocEntities) -> None:
        """Trade unions named by name or acronym (``data/unions.txt``) are of kind "union"."""
        for org in ents.organisations.values():
            names = {org.name, *org.forms, *([org.acronym] if org.acronym else [])}
            if any(n.lower().replace("’", "'") in self.lex.unions for n in names) or any(
                self._union_branch(n) for n in names
            ):
                org.kind = "union"

    def _union_branch(self, name: str) -> bool:
        """ "Sud Santé Sociaux", "CGT Fonderies": a union's name, then the trade or place of
        its branch (a one-word union only as an acronym in capitals: "Sud Ouest" is a paper)."""
        words = name.replace("’", "'").split()
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n]).lower()
            if prefix in self.lex.unions and (n > 1 or words[0].isupper()):
                return True
        return False

    @staticmethod
    def _merge_number_forms(ents: DocEntities) -> None:
        """ "Verreries Baudrier" and "la verrerie Baudrier": the same name in the singular and
        the plural, whatever the capitals, is one organisation (under its capitalised form)."""

        def singular(name: str) -> str:
            return " ".join(w.removesuffix("s") for w in fold(name).split())

        seen: dict[str, str] = {}
        for key, org in sorted(
            ents.organisations.items(), key=lambda item: not item[1].name[:1].isupper()
        ):
            form = singular(org.name)
            if form in seen and seen[form] in ents.organisations and len(org.name.split()) > 1:
                _join(ents, key, ents.organisations[seen[form]])
            else:
                seen.setdefault(form, key)

    @staticmethod
    def _merge_acronym_forms(ents: DocEntities) -> None:
        """ "CHU de Saintes-Royan" and "Centre hospitalier universitaire de Saintes-Royan": a
        name that opens with the initials of another's first words, the rest being the same, is
        that organisation under its acronym."""
        for key, org in list(ents.organisations.items()):
            words = org.name.split()
            if len(words) < 2 or not is_acronym(words[0]):
                continue
            rest = fold(" ".join(words[1:]))
            for other in ents.organisations.values():
                folded = fold(other.name)
                if other is org or not folded.endswith(" " + rest):
                    continue
                expansion = other.name.replace("’", "'").replace("'", "' ").split()
                expansion = expansion[: len(expansion) - len(words) + 1]
                initials = "".join(
                    w[0] for w in expansion if norm(w) not in _CONNECTORS and w[:1].isalpha()
                )
                if initials.upper() == words[0].replace(".", "").upper():
                    other.acronym = other.acronym or words[0]
                    _join(ents, key, other)
                    break

    def _press_units(self, ents: DocEntities) -> None:
        """ "Service de presse du ministère de la Transition écologique": the press office that
        signs a release is not an organisation of its own; what follows it ("ministère de …")
        is, when it names one (``data/press_units.txt``)."""
        for key, org in list(ents.organisations.items()):
            lowered = norm(org.name)
            unit = next((u for u in self.lex.press_units if lowered.startswith(u)), None)
            if unit is None:
                continue
            rest = org.name[len(unit) :].strip()
            for link in ("du ", "de la ", "de l'", "de l’", "des ", "de "):
                if rest.lower().startswith(link):
                    rest = rest[len(link) :].strip()
                    break
            del ents.organisations[key]
            named = rest and (
                rest[:1].isupper() or (norm(rest.split()[0]),) in self.lex.organisation_heads
            )
            for mention in org.mentions:
                for i in range(mention.start_token, mention.end_token):
                    ents.token_owner.pop(i, None)
                if named:
                    ents.add_org_mention(rest, mention, kind=org.kind)

    def _firms_taken_for_people(self, doc: Doc, ents: DocEntities) -> None:
        """ "Décolletage Perrissin, entreprise familiale fondée en 1948": a name the recogniser
        took for a person but that the text describes, in apposition, with an organisation's head
        noun — and whose first word is no first name — is an organisation."""
        for person in list(ents.people.values()):
            if not self._nothing_but_a_name(person):
                continue
            described = False
            for mention in person.mentions:
                k = mention.end_token
                if k + 1 < len(doc) and doc[k].text == ",":
                    k += 1
                    if doc[k].pos_ == "DET":
                        k += 1
                    if self._head_at(doc, k) is not None and not is_capitalised(doc[k]):
                        described = True
            words = person.name.split()
            kind = self.lex.organisation_heads.get((words[-1].lower(),))
            if (
                not described
                and len(words) >= 2
                and kind
                and fold_name(words[0]) not in self.lex.first_names
            ):
                # "Vénissac Agglomération", "Rennes Métropole": a place and a body's noun
                _person_to_organisation(ents, person, kind=kind)
                continue
            if not described:
                continue
            _person_to_organisation(ents, person, kind="company")

    def _union_branches_taken_for_people(self, doc: Doc, ents: DocEntities) -> None:
        """ "secrétaire départemental de Sud Santé Sociaux": the recogniser may take the trade
        after a union's name for a person; a "person" that is nothing but a name and always
        follows a union's name ("Sud", "CGT") is the rest of the union's name."""
        for person in list(ents.people.values()):
            if not self._nothing_but_a_name(person):
                continue
            spans = []
            for mention in person.mentions:
                k = mention.start_token
                if k == 0 or doc[k - 1].whitespace_ == "" or ents.owner(k - 1):
                    break
                name = tokens_text(doc, k - 1, mention.end_token)
                if not self._union_branch(name):
                    break
                spans.append((k - 1, mention.end_token, name))
            if not spans or len(spans) != len(person.mentions):
                continue
            del ents.people[person.key]
            for start, end, name in spans:
                for i in range(start + 1, end):
                    ents.token_owner.pop(i, None)
                ents.add_org_mention(name, self._mention(doc, start, end), kind="union")

    def _organisations_taken_for_people(self, ents: DocEntities) -> None:
        """ "la société Recyclium Nord" … "le directeur général de Recyclium Nord, Frédéric
        Lenglet": the recogniser may take a second use of an organisation's name for a person;
        a "person" with no first name, gender or title who bears the name of an organisation
        already found is that organisation."""
        for person in list(ents.people.values()):
            if not self._nothing_but_a_name(person):
                continue
            org_key = ents.find_org_key(person.name)
            if org_key is None:
                continue
            _person_to_organisation(ents, person, name=ents.organisations[org_key].name)

    # -- helpers -------------------------------------------------------------------------------
    def _nothing_but_a_name(self, person) -> bool:
        """A "person" the text marks as no one: no first name, gender or title — which a firm's
        name taken for a person's would be."""
        first = fold_name(person.name.split()[0]) if person.name.split() else ""
        return first not in self.lex.first_names and not person.gender and not person.roles

    def _head_at(self, doc: Doc, i: int) -> tuple[tuple[str, ...], str] | None:
        words = doc_words(doc)
        if i >= len(words):
            return None
        for head, kind in self._heads_by_first.get(words[i], ()):
            if tuple(words[i : i + len(head)]) == head:
                return head, kind
        return None

    def _plural_head_at(self, doc: Doc, i: int) -> tuple[tuple[str, ...], str] | None:
        """A one-word head in the plural opening a name: "les Laiteries du Bocage"."""
        word = norm(doc[i].text)
        if not word.endswith("s") or doc[i].is_sent_start or i + 2 >= len(doc):
            return None
        if is_capitalised(doc[i - 1]) or not (
            is_capitalised(doc[i + 1]) or norm(doc[i + 1].text) in {"de", "du", "des", "d'"}
        ):
            return None  # "Maison France Services", "Départements ruraux": no name opens here
        kind = self.lex.organisation_heads.get((word[:-1],))
        return ((word,), kind) if kind else None

    def _free(self, ents: DocEntities, start: int, end: int) -> bool:
        return all(ents.owner(i) is None for i in range(start, end))

    def _mention(self, doc: Doc, start: int, end: int, generic: bool = False) -> EntityMention:
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        return EntityMention(s, e, start, end, doc_text(doc)[s:e], generic=generic)

    def _owner_at(self, i: int):
        ents = self._current
        return ents.owner(i) if ents is not None else None

    def _name_end(self, doc: Doc, i: int, limit: int) -> int:
        """End of a name that continues at token ``i``: capitalised words, and connectors or
        lower-case nouns/adjectives that sit between capitalised words or right after a head."""
        end = i
        while end < min(len(doc), limit):
            token = doc[end]
            if token.is_space or token.text in {
                ",",
                ";",
                ":",
                "(",
                ")",
                ".",
                "«",
                "»",
                '"',
                "“",
                "”",
                "|",
                "/",
            }:
                break
            if norm(token.text) in self.lex.not_titles and not is_capitalised(token):
                break  # "le ministre de l'Économie mardi": a day, not the ministry's name
            owner = self._owner_at(end)
            if owner and owner[0] == "person":
                break  # "du Département Michel Castagnet": the name stops before a person
            if is_capitalised(token) or any(c.isdigit() for c in token.text):
                end += 1
                continue
            if (token.text == "-" and not doc[end - 1].whitespace_) or inside_hyphenated_name(
                token
            ):
                end += 1
                continue
            if norm(token.text) == "et":
                nxt = end + 1
                while nxt < len(doc) and norm(doc[nxt].text) in _CONNECTORS:
                    nxt += 1
                linked = {norm(t.text) for t in doc[end + 1 : nxt]}
                if (
                    linked & {"de", "d'", "du", "des"}  # "et de l'ameublement", not "et la chambre"
                    # after a place, "et des bottes de paille" is the sentence going on
                    and not is_capitalised(doc[end - 1])
                    and nxt < len(doc)
                    and not is_capitalised(doc[nxt])
                    and doc[nxt].pos_ in ("NOUN", "ADJ")
                ):
                    end = nxt  # "… du bois et de l'ameublement"
                    continue
                if (
                    nxt == end + 1
                    and nxt < len(doc)
                    and is_capitalised(doc[nxt])
                    and not doc[nxt].is_upper
                    and self._owner_at(nxt) is None
                    and self._head_at(doc, nxt) is None
                    and fold_name(doc[nxt].text) not in self.lex.first_names
                    and not self._named_alone(doc, nxt)
                ):
                    end = nxt  # "Fondation Enfance et Soin": one name, not two bodies
                    continue
                break  # "la Région et l'État": two organisations
            if norm(token.text) in {"à", "au"} and end > i and is_capitalised(doc[end - 1]):
                break  # "Recyplast à Saint-Quentin": where it is, not its name
            if norm(token.text) in _CONNECTORS:
                # keep a connector only if a name word follows it
                nxt = end + 1
                while nxt < len(doc) and norm(doc[nxt].text) in _CONNECTORS:
                    nxt += 1
                if nxt < len(doc) and (
                    is_capitalised(doc[nxt])
                    or (
                        doc[nxt].pos_ in ("NOUN", "ADJ")
                        and norm(doc[end].text) in {"de", "d'", "l'", "des", "du"}
                    )
                ):
                    end = nxt
                    if (
                        doc[nxt].pos_ == "ADJ"
                        and nxt + 1 < len(doc)
                        and doc[nxt + 1].pos_ == "NOUN"
                    ):
                        end = nxt + 1  # "des jeunes exploitants"
                    continue
                break
            if (
                token.pos_ == "ADJ"
                and end > 0
                and (
                    is_capitalised(doc[end - 1])
                    or doc[end - 1].pos_ == "NOUN"
                    or (  # "Centre hospitalier universitaire": two adjectives after the noun
                        doc[end - 1].pos_ == "ADJ"
                        and end - 1 > i
                        and (is_capitalised(doc[end - 2]) or doc[end - 2].pos_ == "NOUN")
                    )
                )
                and not (end + 1 < len(doc) and doc[end + 1].pos_ == "DET")
            ):
                # "Conseil régional", "Transition écologique" — but a word with an object after
                # it is a mis-tagged verb: "… Bourgogne-Franche-Comté finance le programme"
                end += 1
                continue
            if (
                token.pos_ == "NOUN"
                and end > 0
                and norm(doc[end - 1].text) in {"de", "d'", "l'", "des", "du", "la", "le", "les"}
            ):
                # "Agence de l'eau", "Chambre de commerce", "Agence nationale de la recherche"
                end += 1
                continue
            break
        # no trailing connectors
        while end > i and norm(doc[end - 1].text) in _CONNECTORS:
            end -= 1
        return end

    @staticmethod
    def _named_alone(doc: Doc, i: int) -> bool:
        """Whether the text also names this capitalised word alone, without the "et" before it:
        "le Réseau Tremplin et Numerika … les équipes de Numerika" are two bodies."""
        word = doc[i].text
        return any(
            t.text == word
            and norm(doc[t.i - 1].text) != "et"
            and t.ent_iob_ == "B"
            and (t.i + 1 == len(doc) or doc[t.i + 1].ent_iob_ != "I")  # an entity of its own
            for t in doc
            if t.i > 0
        )

    # -- 1. capitalised head opening a name ----------------------------------------------------
    def _named_heads(self, doc: Doc, ents: DocEntities) -> None:
        i = 0
        while i < len(doc):
            token = doc[i]
            found = (
                self._head_at(doc, i) or self._plural_head_at(doc, i)
                if is_capitalised(token) and (not token.is_upper or len(token.text) <= 4)
                else None
            )  # "le CHU de Toulouse" — but not a headline in capitals
            if (
                not found
                or not self._free(ents, i, i + 1)
                or token.pos_ not in ("NOUN", "PROPN", "X")
            ):
                i += 1  # "Parti seul en mer": a participle, not the noun
                continue
            head, kind = found
            end = self._name_end(doc, i + len(head), i + self.max_words)
            end = self._to_acronym(doc, i, end)
            if self._names_a_part_of(doc, ents, i + len(head), end):
                i = end
                continue
            if token.is_upper and not any(is_capitalised(t) for t in doc[i + 1 : end]):
                i += 1  # "une PME de mécanique": an acronym head needs a proper name after it
                continue
            if (
                (i == 0 or doc[i].is_sent_start or "\n" in doc[i - 1].text)
                and end - i - len(head) <= 2
                and not any(is_capitalised(t) for t in doc[i + len(head) : end])
            ):
                i += 1  # "Établissement public, la CCI …": a sentence opening on the noun
                continue
            if end == i + len(head) and not (i > 0 and not doc[i].is_sent_start):
                i += 1  # a bare capitalised head at a sentence start is an ordinary word
                continue
            if end == i + len(head) and len(head) == 1 and kind not in ("state",):
                i += 1
                continue
            name = doc_text(doc)[doc[i].idx : doc[end - 1].idx + len(doc[end - 1])]
            org = ents.add_org_mention(
                " ".join(name.split()), self._mention(doc, i, end), kind=kind
            )
            org.heads.add(" ".join(head))
            i = end

    @staticmethod
    def _to_acronym(doc: Doc, start: int, end: int, most: int = 8) -> int:
        """ "Agence nationale pour la sobriété énergétique (ANSE)", "Confédération des petites et
        moyennes entreprises (CPME)": where the text gives the name's acronym in brackets, the
        name runs on, over lower-case words, up to it."""
        k = end
        while k < len(doc) and k - end < most:
            t = doc[k]
            if t.text == "(":
                break
            if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ"):
                return end
            k += 1
        if (
            k > end
            and k + 2 < len(doc)
            and doc[k].text == "("
            and doc[k + 2].text == ")"
            and is_acronym(doc[k + 1].text)
            and doc[k + 1].text[0].upper() == doc[start].text[0].upper()
        ):
            return k
        return end

    # -- 2. generic phrase + proper name ---------------------------------------------------------
    def _generic_then_name(self, doc: Doc, ents: DocEntities) -> None:
        """``l'agence économique régionale X``, ``le groupe X``, ``l'association de consommateurs
        X``."""
        for i, token in enumerate(doc):
            if (
                token.pos_ != "DET" and norm(token.text) not in {"du", "des", "au", "aux"}
            ) or i + 1 >= len(doc):
                continue
            found = self._head_at(doc, i + 1)
            if not found or is_capitalised(doc[i + 1]):
                continue
            head, kind = found
            j = i + 1 + len(head)
            while (
                j < len(doc)
                and not is_capitalised(doc[j])
                and (
                    doc[j].pos_ == "ADJ"
                    or norm(doc[j].text) in {"de", "d'"}
                    and j + 1 < len(doc)
                    and doc[j + 1].pos_ == "NOUN"
                    and not is_capitalised(doc[j + 1])
                    or doc[j].pos_ == "NOUN"
                    and norm(doc[j - 1].text) in {"de", "d'"}
                )
            ):
                j += 1
            if j >= len(doc) or not is_capitalised(doc[j]):
                continue
            owner = ents.owner(j)
            if (
                owner
                and owner[0] == "person"
                and (
                    len(ents.people[owner[1]].mentions) == 1
                    or self._nothing_but_a_name(ents.people[owner[1]])
                )
                and (fold_name(doc[j].text) not in self.lex.first_names)
            ):
                # "le groupe Vosges Lamellés": a name right after an organisation noun is the
                # organisation's, even when the entity recogniser took it for a person
                person = ents.people.pop(owner[1])
                for m in person.mentions:
                    for k in range(m.start_token, m.end_token):
                        ents.token_owner.pop(k, None)
            elif owner is not None:
                if owner[0] == "organisation" and ents.owner(j - 1) != owner:
                    # "le collectif Maternité Castelviel Vivra", its name found from its own
                    # capitalised head: it is also "le collectif"
                    ents.organisations[owner[1]].heads.add(" ".join(head))
                continue
            end = self._name_end(doc, j, j + self.max_words)
            if kind == "civil" and sum(norm(t.text) not in _ARTICLES for t in doc[j:end]) == 1:
                # (a name of several capitalised words, "Sud Santé Sociaux", is not in sentence
                # case: what follows it is the sentence)
                end = self._sentence_case_end(doc, end, j + 7)
            if end <= j:
                continue
            name = tokens_text(doc, j, end)
            generic = doc_text(doc)[doc[i + 1].idx : doc[j - 1].idx + len(doc[j - 1])]
            if kind != "territory" and j == i + 1 + len(head):
                for m in range(j + 1, end - 1):
                    if (
                        norm(doc[m].text) in {"de", "d'", "du"}
                        and any(t.ent_type_ == "LOC" for t in doc[m + 1 : m + 3])
                        and (kind in _HEAD_IN_NAME or self._site_of(doc, j, m, end))
                    ):
                        end = m  # "le collège Jean-Moulin de Thionville": where it is
                        break
                name = tokens_text(doc, j, end)
            if kind in _HEAD_IN_NAME and j == i + 1 + len(head):
                # "la région Bretagne" -> "Région Bretagne"; "le collège Jean-Moulin", "la
                # fonderie Castagnal": the noun is part of the name the press gives them
                if kind == "territory":
                    generic = f"{generic[0].upper()}{generic[1:]}"
                name = f"{generic} {name}"
                org = ents.add_org_mention(name, self._mention(doc, i + 1, end), kind=kind)
                org.forms.append(tokens_text(doc, j, end))
            else:
                org = ents.add_org_mention(name, self._mention(doc, j, end), kind=kind)
                if generic not in org.forms:
                    org.forms.append(generic)
            org.heads.add(" ".join(head))

    @staticmethod
    def _site_of(doc: Doc, start: int, place: int, end: int) -> bool:
        """ "l'usine Vernière de Saint-Junien-les-Prés" … "Vernière s'engage": a name and a
        place is the site of the firm the text also names alone ("Terres d'Astarac" is not)."""
        short = re.escape(tokens_text(doc, start, place))
        alone = re.compile(rf"\b{short}\b(?!\s+(?:de|d['’]|du|des)\b)")
        return alone.search(doc_text(doc)) is not None

    @staticmethod
    def _sentence_case_end(doc: Doc, end: int, limit: int) -> int:
        """Associations name themselves in sentence case ("l'association Choisir sa fin",
        "le collectif Touche pas à ma mater'"): after the capitalised first word the name runs
        on over lower-case words up to punctuation, a verb or a relative pronoun."""
        k = end
        while k < min(len(doc), limit):
            t = doc[k]
            if t.is_punct and t.text not in {"'", "’", "-"} or t.is_space:
                break
            adjectival = "Part" in t.morph.get("VerbForm") and "Pres" in t.morph.get("Tense")
            if (
                (t.pos_ in ("VERB", "AUX") and not adjectival)
                or t.pos_ in ("SCONJ", "CCONJ")
                or (t.pos_ == "PRON" and t.dep_ != "obj")
            ):
                break
            if t.pos_ == "ADV" and norm(t.text) not in {"pas", "plus", "autrement", "ensemble"}:
                break
            k += 1
        while k > end and (
            doc[k - 1].pos_ in ("ADP", "DET") or norm(doc[k - 1].text) in _CONNECTORS
        ):
            k -= 1
        return k

    # -- lower-case heads with a named complement, and institutions ---------------------------
    def _lowercase_heads(self, doc: Doc, ents: DocEntities) -> None:
        """``la préfecture de la Drôme``, ``le centre hospitalier de Vallières``, ``le ministère de
        la Culture``: a lower-case organisation noun whose complement names it (a capitalised word
        after de/du/des)."""
        i = 0
        while i < len(doc):
            token = doc[i]
            found = (
                self._head_at(doc, i)
                if not is_capitalised(token) and token.pos_ == "NOUN"
                else None
            )
            if not found or not self._free(ents, i, i + 1) or self._plural(doc, i):
                i += 1
                continue
            head, kind = found
            j = i + len(head)
            while j < len(doc) and doc[j].pos_ == "ADJ" and not is_capitalised(doc[j]):
                j += 1
            if (
                kind == "state"
                and j + 1 < len(doc)
                and norm(doc[j].text) in {"chargé", "chargée", "délégué", "déléguée"}
            ):
                j += 1  # "le ministère chargé du Logement", "le ministère délégué aux Sports"
            if j >= len(doc) or norm(doc[j].text) not in {
                "de",
                "du",
                "des",
                "d'",
                "aux",
                "à",
                "au",
            }:
                i += 1
                continue
            if kind == "territory" and (
                j != i + len(head)
                or i > 0
                and doc[i - 1].pos_ in ("ADJ", "NUM")
                or norm(doc[j].text) in {"à", "au", "aux"}  # "de l'agglomération à Volvic"
            ):
                i += 1  # "la première région industrielle de France": a description, not a council
                continue
            if i > 0 and norm(doc[i - 1].text) in {"un", "une"}:
                i += 1  # "une usine chimique de l'Isère": one of a kind, described, not named
                continue
            if " ".join(head) in _WEAK_HEADS and j == i + len(head):
                in_place = i >= 2 and norm(doc[i - 2].text) in _PLACE_PREPOSITIONS
                named = (  # "la commune de Plouzévet", not "une commune de la Creuse"
                    i > 0
                    and norm(doc[i - 1].text) in {"la", "l'"}
                    and j + 1 < len(doc)
                    and norm(doc[j].text) in {"de", "d'"}
                    and is_capitalised(doc[j + 1])
                )
                if " ".join(head) not in _COUNCIL_TOWNS or in_place or not named:
                    i += 1  # "l'agence de Perpignan", "l'usine de Vitré": a site
                    continue  # ("dans la ville de Lyon": a place; "la ville de Lorient" acts)
            end = self._name_end(doc, j, j + self.max_words)
            if self._names_a_part_of(doc, ents, j, end):
                i = end
                continue
            capitals = [
                t for t in doc[j:end] if is_capitalised(t) and self._free(ents, t.i, t.i + 1)
            ]
            if not capitals or any(ents.owner(t.i) for t in doc[j:end]):
                i += 1
                continue
            name = tokens_text(doc, i, end)
            org = ents.add_org_mention(name, self._mention(doc, i, end), kind=kind)
            org.heads.add(" ".join(head))
            i = end

    def _institution_types(self, doc: Doc, ents: DocEntities) -> None:
        """ "la chambre d'agriculture de l'Aude", "le service départemental d'incendie et de
        secours (Sdis) de l'Aude", "en commission des finances": public bodies whose name is a
        lower-case phrase (``data/institution_types.tsv``), with the complement or proper name
        that says which one; bare, only those the press names alone, joined to the one named
        body of that type when the text names one."""
        text = doc_text(doc).replace("’", "'").lower()
        token_at, token_end = token_offsets(doc)
        bare: list[tuple[int, int, str]] = []
        for phrase, kind, alone in self.lex.institution_types:
            needle = phrase.lower()
            start_char = text.find(needle)
            while start_char >= 0:
                i, end = token_at.get(start_char), token_end.get(start_char + len(needle))
                start_char = text.find(needle, start_char + 1)
                if i is None or end is None or not self._free(ents, i, end):
                    continue
                if i > 0 and not doc[i].is_sent_start and norm(doc[i - 1].text) not in _TYPE_LEADS:
                    continue  # "les chambres d'agriculture", "deux agences de l'eau"
                stop, acronym = self._type_complement(doc, ents, end)
                if stop == end and not alone:
                    continue
                if stop == end:
                    bare.append((i, end, kind))
                    continue
                name = tokens_text(doc, i, stop)
                if acronym is not None:
                    name = name.replace(f" ({acronym.text})", "")
                org = ents.add_org_mention(name, self._mention(doc, i, stop), kind=kind)
                if acronym is not None:
                    org.acronym = acronym.text
                org.heads.add(norm(doc[i].text))
        for i, end, kind in bare:
            phrase = fold(tokens_text(doc, i, end))
            named = [
                o for o in ents.organisations.values() if fold(o.name).startswith(phrase + " ")
            ]
            mention = self._mention(doc, i, end)
            if (
                len(named) == 1
            ):  # "la chambre d'agriculture" after "la chambre d'agriculture du Gers"
                named[0].mentions.append(mention)
                ents.claim("organisation", named[0].key, mention)
            else:
                org = ents.add_org_mention(tokens_text(doc, i, end), mention, kind=kind)
                org.heads.add(norm(doc[i].text))

    def _type_complement(self, doc: Doc, ents: DocEntities, k: int):
        """End of what says which body a type names: an acronym in brackets, then a proper name
        ("Loire-Bretagne") or a complement naming a place ("de l'Aude", "du Gers")."""
        acronym = None
        if (
            k + 2 < len(doc)
            and doc[k].text == "("
            and doc[k + 2].text == ")"
            and is_capitalised(doc[k + 1])
            and len(doc[k + 1].text) <= 8
        ):
            acronym, k = doc[k + 1], k + 3
        start = k
        if k < len(doc) and (
            is_capitalised(doc[k]) or norm(doc[k].text) in {"de", "du", "des", "d'"}
        ):
            end = self._name_end(doc, k, k + self.max_words)
            if (
                end > k
                and any(is_capitalised(t) for t in doc[k:end])
                and self._free(ents, k, end)
                and not doc[end - 1].is_sent_start
            ):
                return end, acronym
        return start, acronym

    def _parties(self, doc: Doc, ents: DocEntities) -> None:
        """ "Claire Dos Santos (Renaissance), députée …": the brackets after a name hold a party."""
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(":
                continue
            owner = ents.owner(i - 1)
            if not owner or owner[0] != "person":
                continue
            close = next(
                (k for k in range(i + 1, min(len(doc), i + 5)) if doc[k].text == ")"), None
            )
            if close is None or close == i + 1:
                continue
            words = doc[i + 1 : close]
            if all(is_capitalised(t) or t.text == "-" for t in words) and not any(
                t.like_num or self.lex.role_head_at([norm(t.text)]) for t in words
            ):
                name = tokens_text(doc, i + 1, close)
                if self._free(ents, i + 1, close):
                    ents.add_org_mention(name, self._mention(doc, i + 1, close), kind="party")

    @staticmethod
    def _names_a_part_of(doc: Doc, ents: DocEntities, start: int, end: int) -> bool:
        """ "la commission des finances de l'Assemblée nationale", "le cabinet de X", "la direction
        d'Alvéa": the complement names a known organisation or person, so this is a part of it."""
        for k in range(start, end):
            owner = ents.owner(k)
            if owner and owner[0] in ("organisation", "person"):
                return True
            if doc[k].ent_type_ in ("ORG", "PER") and doc[k].ent_iob_ == "B" and k > start:
                # a multi-word entity or an acronym names someone; a lone capitalised word
                # ("du Travail", "des Armées") is the organisation's own name
                single = k + 1 >= len(doc) or doc[k + 1].ent_iob_ != "I"
                if not single or is_acronym(doc[k].text):
                    return True
        return False

    @staticmethod
    def _plural(doc: Doc, i: int) -> bool:
        return i > 0 and norm(doc[i - 1].text) in {
            "les",
            "des",
            "ces",
            "plusieurs",
            "deux",
            "trois",
        }

    def _institutions(self, doc: Doc, ents: DocEntities) -> None:
        """``l'État``, ``le gouvernement``, ``le Sénat``, ``Bpifrance``, ``Ouest-France``:
        organisations named without a generic noun (``data/institutions.tsv``), matched on the
        text (the tokenizer splits "Nice-Matin" but not "Ouest-France"), longest name first."""
        text = doc_text(doc).replace("’", "'")
        token_at, token_end = token_offsets(doc)
        for name in sorted(self.lex.institutions, key=len, reverse=True):
            kind = self.lex.institutions[name]
            start_char = text.find(name)
            while start_char >= 0:
                i = token_at.get(start_char)
                end = token_end.get(start_char + len(name))
                start_char = text.find(name, start_char + 1)
                if i is None or end is None or not self._free(ents, i, end):
                    continue
                # "l'État", "du gouvernement" — but not "secrétaire d'État", "coup d'État"
                determined = i > 0 and norm(doc[i - 1].text) in {"l'", "le", "la", "du", "au"}
                if not determined and (
                    not name[:1].isupper() or i > 0 and norm(doc[i - 1].text) == "d'"
                ):
                    continue
                if end < len(doc) and is_capitalised(doc[end]) and not doc[end].is_punct:
                    continue  # part of a longer name
                mention = self._mention(doc, i, end)
                longer = next(
                    (
                        o
                        for o in ents.organisations.values()
                        if o.name.startswith(name + " ") and o.kind == kind
                    ),
                    None,
                )
                if longer is not None:  # "l'Assemblée" after "l'Assemblée nationale"
                    longer.mentions.append(mention)
                    if mention.text not in longer.forms:
                        longer.forms.append(mention.text)
                    ents.claim("organisation", longer.key, mention)
                    continue
                ents.add_org_mention(name, mention, kind=kind)

    def _employers(self, doc: Doc, ents: DocEntities) -> None:
        """ "le directeur de Solvigne", "la cofondatrice de Cyclik": after a title that names
        an employer (``data/employer_roles.txt``), ``de`` and a capitalised name that is nobody
        yet is an organisation, whatever the recogniser made of it."""
        words = [norm(t.text) for t in doc]
        for i in range(len(doc) - 2):
            head = self.lex.role_head_at(words[i : i + 5])
            if head is None or head.lemma not in self.lex.employer_roles | _HEADS_OF_BODIES:
                continue
            k = i + len(head.words)
            if k >= len(doc) or words[k] not in {"de", "d'", "chez"}:
                continue
            start = k + 1
            end = _capitalised_run_end(doc, start)
            if end == start or fold_name(doc[start].text) in self.lex.first_names:
                continue
            owner = ents.owner(start)
            if owner and owner[0] == "person":
                person = ents.people[owner[1]]
                if self._nothing_but_a_name(person):
                    # "le porte-parole de Darmel", "le président de Maisons Berlaud": the
                    # recogniser took the firm for a person, wherever it is named
                    _person_to_organisation(ents, person, kind="company")
                    continue
            if head.lemma not in self.lex.employer_roles:
                continue  # "président de Causse en scène": other rules know where it ends
            if not self._free(ents, start, end):
                continue
            if fold_name(doc[start].text) in self.lex.first_names:
                continue  # a first name after the title starts a person's name, not a firm's
            name = tokens_text(doc, start, end)
            ents.add_org_mention(name, self._mention(doc, start, end), kind="company")

    def _described_in_apposition(self, doc: Doc, ents: DocEntities) -> None:
        """ "Le SNES-FSU, premier syndicat du second degré, …", "Kerval, entreprise familiale
        fondée en 1962": a name nobody claimed, described right after it by an organisation's
        noun, is that organisation."""
        for start in range(len(doc) - 3):
            if (
                not is_capitalised(doc[start])
                or doc[start].is_punct
                or doc[start].pos_ in ("DET", "ADP", "PRON", "VERB", "AUX")
                or norm(doc[start].text) in self._CONTACTED
                or doc[start].ent_type_ == "LOC"
                and not is_acronym(doc[start].text)
                and not self._described_with_article(doc, start)
            ):
                continue  # "Contacté, le groupe …", "Lyon, première ville …"
            before = doc[start - 1] if start > 0 else None
            if before is not None and (
                (is_capitalised(before) and before.pos_ not in ("DET", "ADP", "PUNCT"))
                or (before.text == "-" and not doc[start - 2].whitespace_)
            ):
                continue  # not the start of the name
            end = _capitalised_run_end(doc, start)
            if end >= len(doc) - 2 or doc[end].text != ",":
                continue
            if not self._free(ents, start, end):
                continue
            if fold_name(doc[start].text) in self.lex.first_names:
                continue
            k = end + 1
            if doc[k].pos_ == "DET":
                k += 1
            while (
                k < len(doc)
                and (
                    doc[k].pos_ in ("ADJ", "NUM")
                    or norm(doc[k].text)
                    in {
                        "premier",
                        "première",
                        "principal",
                        "principale",
                    }
                )
                and k - end < 4
            ):
                k += 1
            found = self._head_at(doc, k)
            if found is None or is_capitalised(doc[k]) or found[1] == "territory":
                continue
            name = tokens_text(doc, start, end)
            org = ents.add_org_mention(name, self._mention(doc, start, end), kind=found[1])
            org.heads.add(" ".join(found[0]))

    def _described_with_article(self, doc: Doc, start: int) -> bool:
        """ "Atmo Hauts-de-France, l'association agréée …": a name the model took for a place,
        described after a comma as an association or a union (a town is not, nor a place one
        is in: "Dimanche à Périgueux, le club basque …")."""
        if start > 0 and norm(doc[start - 1].text) in _PLACE_PREPOSITIONS:
            return False
        end = _capitalised_run_end(doc, start)
        if end + 2 >= len(doc) or doc[end].text != "," or norm(doc[end + 1].text) not in _ARTICLES:
            return False
        found = self._head_at(doc, end + 2)
        return found is not None and found[1] in {"civil", "union"}

    _CONTACTED = {
        "contacté",
        "contactée",
        "contactés",
        "contactées",
        "sollicité",
        "sollicitée",
        "sollicités",
        "sollicitées",
        "joint",
        "jointe",
        "interrogé",
        "interrogée",
    }

    def _contacted(self, doc: Doc, ents: DocEntities) -> None:
        """ "Contacté, Ventalis assure que …": the press asks an organisation for its side; a
        capitalised name there that is nobody known and starts with no first name is the
        organisation that answers."""
        for i in range(len(doc) - 3):
            if norm(doc[i].text) not in self._CONTACTED or doc[i + 1].text != ",":
                continue
            if i > 0 and not (doc[i - 1].is_punct or doc[i - 1].is_space):
                continue
            start = i + 2
            end = _capitalised_run_end(doc, start)
            if end == start or end >= len(doc) or not self._free(ents, start, end):
                continue
            if fold_name(doc[start].text) in self.lex.first_names:
                continue
            if doc[end].pos_ not in ("VERB", "AUX") and doc[end].text != ",":
                continue
            name = tokens_text(doc, start, end)
            ents.add_org_mention(name, self._mention(doc, start, end))

    # -- 3. statistical entities and acronyms -----------------------------------------------------
    def _ner(self, doc: Doc, ents: DocEntities) -> None:
        for ent in doc.ents:
            words = [t for t in ent if t.pos_ != "DET"]
            if (
                ent.label_ != "ORG"
                and norm(ent[0].text) not in self.lex.unions
                and norm(tokens_text(doc, words[0].i, ent.end) if words else "")
                not in self.lex.unions  # "le SNUipp-FSU", cut at its hyphen
            ):
                continue  # "la FDSEA du Calvados", taken for a place, is a union
            start, end = ent.start, ent.end
            while start < end and (doc[start].pos_ in ("DET", "ADP") or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if end <= start or not self._free(ents, start, end):
                continue
            if any("\n" in t.text for t in doc[start:end]) or not is_capitalised(doc[start]):
                continue
            if (
                start > 0
                and doc[start - 1].text in '«“"‹'
                and end < len(doc)
                and doc[end].text in '»”"›'
            ):
                continue  # “Aéra Compact”: a product or title in quote marks
            first = norm(doc[start].text)
            if first in self.lex.work_cues or first in self.lex.policy_cue_words:
                continue  # a report, a programme: not an organisation
            if (
                end - start == 1
                and not is_acronym(doc[start].text)
                and (
                    doc.vocab[doc[start].text.lower()].has_vector
                    and doc[start].pos_ != "PROPN"
                    or doc[start].is_sent_start
                )
            ):
                continue  # "Mobilités", "Inclusion": a capitalised common word, not a name
            if self.lex.role_head_at([first]):
                continue
            if (
                end - start == 1
                and start > 0
                and norm(doc[start - 1].text) in {"ce", "cet", "cette"}
            ):
                continue  # "ce Basque d'origine": a demonym
            name = tokens_text(doc, start, end)
            found = self._head_at(doc, start)
            ents.add_org_mention(
                name, self._mention(doc, start, end), kind=found[1] if found else None
            )

    def _acronym_definitions(self, doc: Doc, ents: DocEntities) -> None:
        """ "Name (ACR)": the acronym names the organisation just before it."""
        for i in range(1, len(doc) - 2):
            if doc[i].text == "(" and doc[i + 2].text == ")" and is_acronym(doc[i + 1].text):
                owner = ents.owner(i - 1)
                if owner and owner[0] == "organisation":
                    org = ents.organisations[owner[1]]
                    org.acronym = doc[i + 1].text
                    ents.add_org_mention(org.name, self._mention(doc, i + 1, i + 2))

    def _acronym_uses(self, doc: Doc, ents: DocEntities) -> None:
        """Every use of a known acronym, and acronyms never defined in brackets that spell the
        initials of a named organisation ("l'ARS" for "l'Agence régionale de santé …")."""
        acronyms = {o.acronym: o for o in ents.organisations.values() if o.acronym}
        for token in doc:
            owner = ents.owner(token.i)
            if (
                token.text in acronyms
                and owner is not None
                and owner[0] == "person"
                and ents.people[owner[1]].name == token.text
            ):
                # "le Sdis a précisé": an acronym defined in brackets that the recogniser took
                # for a person's name
                for mention in ents.people.pop(owner[1]).mentions:
                    for k in range(mention.start_token, mention.end_token):
                        ents.token_owner.pop(k, None)
                owner = None
            if owner is not None or not (is_acronym(token.text) or token.text in acronyms):
                continue
            org = acronyms.get(token.text) or self._by_initials(ents, token.text)
            if org is not None:
                org.acronym = org.acronym or token.text
                acronyms[token.text] = org
                # "la CCI du Loiret": the acronym with its complement is a form of the name too
                end = token.i + 1
                if end < len(doc) and norm(doc[end].text) in {"de", "du", "des", "d'"}:
                    end = max(end, self._name_end(doc, end, end + self.max_words))
                    if not self._free(ents, token.i + 1, end):
                        end = token.i + 1
                ents.add_org_mention(org.name, self._mention(doc, token.i, end))

    def _name_uses(self, doc: Doc, ents: DocEntities) -> None:
        """Every other use of a one-word organisation name found once ("l'intersyndicale de
        Valferrie" … "Chez Valferrie, on assure …") is a mention of it, where nothing else owns
        the word and it is not a place ("à Valferrie", or a place the model recognises)."""
        names = {
            org.name: org
            for org in ents.organisations.values()
            if len(org.name.split()) == 1 and org.name[:1].isupper() and not org.name.isupper()
        }
        for token in doc:
            org = names.get(token.text)
            if org is None or ents.owner(token.i) is not None:
                continue
            before = norm(doc[token.i - 1].text) if token.i > 0 else ""
            if (
                before in {"à", "en", "au", "vers"}
                # the model often takes a firm's name for a town; a firm's is a mention unless a
                # preposition of place stands before it
                or token.ent_type_ == "LOC"
                and (org.kind not in _FIRM_KINDS or before in {"de", "d'"} | _PLACE_PREPOSITIONS)
            ):
                continue
            ents.add_org_mention(org.name, self._mention(doc, token.i, token.i + 1))
        self._multiword_name_uses(doc, ents)

    def _multiword_name_uses(self, doc: Doc, ents: DocEntities) -> None:
        """ "la société Habitat Sud Promotion" … "Chez Habitat Sud Promotion, on …": a name of
        several words, capitalised, written again where nothing owns its words."""
        text = doc_text(doc)
        forms = {
            form: org
            for org in ents.organisations.values()
            for form in {org.name, *org.forms}
            if len(form.split()) >= 2 and form[:1].isupper()
        }
        for form, org in forms.items():
            at = text.find(form)
            while at >= 0:
                span = doc.char_span(at, at + len(form))
                if span is not None and all(ents.owner(t.i) is None for t in span):
                    ents.add_org_mention(org.name, self._mention(doc, span.start, span.end))
                at = text.find(form, at + len(form))

    def _by_initials(self, ents: DocEntities, acronym: str):
        letters = acronym.replace(".", "").upper()
        matches = []
        for org in ents.organisations.values():
            words = [
                w
                for w in org.name.replace("’", "'").replace("'", "' ").split()
                if norm(w) not in _CONNECTORS and norm(w) not in self.lex.name_particles
            ]
            initials = "".join(w[0].upper() for w in words if w[:1].isalpha())
            if len(letters) >= 2 and initials.startswith(letters):
                matches.append(org)
        return matches[0] if len(matches) == 1 else None

    # -- 4. generic short forms -------------------------------------------------------------------
    def _generic_mentions(self, doc: Doc, ents: DocEntities) -> None:
        place_cache: list[str] | None = None
        text = doc_text(doc)
        headline = text.find("\n") if "\n" in text else 0
        for i, token in enumerate(doc):
            if token.pos_ != "DET" or norm(token.text) not in {
                "le",
                "la",
                "l'",
                "les",
                "cette",
                "ce",
                "notre",
                "son",
                "sa",
            }:
                continue
            if (
                i + 1 >= len(doc)
                or is_capitalised(doc[i + 1])
                and not self._capitalised_authority(doc, i + 1)
                or not self._free(ents, i + 1, i + 2)
            ):
                continue
            found = self._head_at(doc, i + 1)
            if not found:
                continue
            head, kind = found
            end = i + 1 + len(head)
            adjectives = []
            while (
                end < len(doc)
                and doc[end].pos_ == "ADJ"
                and not is_capitalised(doc[end])
                # "la cour relève que …", "l'association juge « … »": a speech verb the tagger
                # took for an adjective
                and not (
                    norm(doc[end].text) in self.lex.speech_forms
                    and end + 1 < len(doc)
                    and norm(doc[end + 1].text) in {"que", "qu'", "«", "“", '"'}
                )
            ):
                adjectives.append(norm(doc[end].text))
                end += 1
            if end < len(doc) and is_capitalised(doc[end]) and not doc[end].is_sent_start:
                continue  # a name follows: handled as "generic + name"
            if self._of_an_organisation(doc, ents, end):
                continue  # "la direction de Polyrhône Industries": its complement says whose
            if doc[i + 1].morph.get("Number") == ["Plur"]:
                continue
            head_text = " ".join(head)
            paragraph = paragraph_start(text, token.idx)
            target = self._resolve_generic(
                ents, head_text, adjectives, at=token.idx, paragraph=paragraph, headline=headline
            )
            if target is None and kind == "territory" and not is_capitalised(doc[i + 1]):
                if place_cache is None:
                    place_cache = self._acting_places(doc, ents)
                if place_cache:
                    name = place_cache[0]
                    target = ents.organisations.get(ents.find_org_key(name) or "")
                    heads = {norm(name), *(target.heads if target is not None else ())}
                    if self._another_tier(heads, head_text):
                        continue  # "la commune" is not the Région Centre-Val de Loire
                    if target is None:
                        target = self._promote_place(doc, ents, name, kind)
                    target.heads.add(head_text)
            if (
                target is None
                and head_text in _UNNAMED_INSTITUTIONS
                and not adjectives
                and norm(token.text) in {"la", "le", "l'"}
            ):
                # "a précisé la préfecture" in a text that never names it: the press names such
                # an institution by its noun, and so does kgraph
                target = ents.add_org_mention(
                    head_text, self._mention(doc, i + 1, end, generic=True), kind=kind
                )
                target.heads.add(head_text)
                continue
            if target is None:
                continue
            mention = self._mention(doc, i + 1, end, generic=True)
            target.mentions.append(mention)
            form = doc_text(doc)[mention.start : mention.end]
            if form not in target.forms:
                target.forms.append(form)
            ents.claim("organisation", target.key, mention)

    @staticmethod
    def _of_an_organisation(doc: Doc, ents: DocEntities, k: int) -> bool:
        """Whether doc[k:] is "de"/"du" and an organisation's name: "de Polyrhône Industries"."""
        if k + 1 >= len(doc) or norm(doc[k].text) not in {"de", "d'", "du", "des"}:
            return False
        if norm(doc[k + 1].text) in _ARTICLES and k + 2 < len(doc):
            k += 1
        owner = ents.owner(k + 1)
        return owner is not None and owner[0] == "organisation"

    @staticmethod
    def _named_just_before(orgs: list, at: int | None, paragraph: int | None = None):
        """Of several organisations a generic noun could stand for, the one named (by name)
        in the sentence before it, when the others were named well before, or the only one
        named in its paragraph: "Force ouvrière, minoritaire, n'a pas appelé à la grève. Dans un
        communiqué, le syndicat estime …"."""
        if at is None:
            return None
        recent = [
            (max(m.start for m in org.mentions if m.start < at and not m.generic), org)
            for org in orgs
            if any(m.start < at and not m.generic for m in org.mentions)
        ]
        if not recent:
            return None
        last, org = max(recent, key=lambda pair: pair[0])
        if at - last < 150 and all(o is org or at - p > 300 for p, o in recent):
            return org
        if (
            paragraph is not None
            and last >= paragraph
            and all(o is org or p < paragraph for p, o in recent)
        ):
            return org
        return None

    def _capitalised_authority(self, doc: Doc, i: int) -> bool:
        """ "La Région, sollicitée, fait valoir …": press releases capitalise the noun of a local
        authority used alone; with no name after it, it still stands for the one named."""
        found = self._head_at(doc, i)
        end = i + len(found[0]) if found else i
        return (
            found is not None
            and found[1] == "territory"
            and not doc[i].is_upper
            and (end >= len(doc) or not is_capitalised(doc[end]))
        )

    def _resolve_generic(
        self,
        ents: DocEntities,
        head: str,
        adjectives: list[str],
        at: int | None = None,
        paragraph: int | None = None,
        headline: int = 0,
    ):
        """The organisation a generic phrase stands for: one that answers to this head noun
        (declared by "l'agence X", or its name starts with it, or a word of its name shares the
        head's stem: "le syndicat" -> "Union syndicale …"), its adjectives agreeing if possible;
        among several, the one whose adjectives agree, else None."""
        candidates = []
        territory = self.lex.organisation_heads.get(tuple(head.split())) == "territory"
        for org in ents.organisations.values():
            words = [w for f in org.forms + [org.name] for w in norm(f).split()]
            name_words = norm(org.name).split()
            if (
                head in org.heads
                or any(norm(f).split()[:1] == [head] for f in org.forms)
                # the stem in the name itself, never for a territory: "la région" is not the
                # "agence régionale"
                or (not territory and len(head) >= 6 and any(w[:6] == head[:6] for w in name_words))
                # "le club" for the "Union sportive …" (``data/head_aliases.tsv``)
                or any(w in self.lex.head_aliases.get(head, ()) for w in name_words)
            ):
                candidates.append((org, all(a in " ".join(words) for a in adjectives)))
        agreeing = [org for org, ok in candidates if ok]
        if len(agreeing) == 1:
            return agreeing[0]
        if not agreeing and len(candidates) == 1 and not adjectives:
            return candidates[0][0]
        if len(agreeing) > 1:
            return self._named_just_before(agreeing, at, paragraph)
        if not candidates and head in self.lex.generic_standins:
            # "la direction" in an article about one company: that company
            kind = self.lex.generic_standins[head]
            # a verrerie is a firm; an agency (the DGAC) is as much the administration as a
            # ministry
            kinds = {"company": _FIRM_KINDS, "state": _PUBLIC_KINDS}.get(kind, {kind})
            of_kind = [org for org in ents.organisations.values() if org.kind in kinds]
            if len(of_kind) == 1:
                return of_kind[0]
            return self._named_just_before(of_kind, at, paragraph) or _named_in_headline(
                of_kind, headline
            )
        return None

    def _another_tier(self, heads: set[str], head: str) -> bool:
        """Whether a place known by ``heads`` is a territory named by another territorial noun
        than ``head`` ("Région", "la région" when the text says "la commune")."""
        return any(
            h != head and self.lex.organisation_heads.get(tuple(h.split())) == "territory"
            for h in heads
        )

    def _acting_places(self, doc: Doc, ents: DocEntities) -> list[str]:
        """Places (LOC) the text makes act, most frequent first: "X fait figure d'exception"."""
        counts: Counter[str] = Counter()
        acting: set[str] = set()
        for ent in doc.ents:
            if ent.label_ != "LOC" or not self._free(ents, ent.start, ent.end):
                continue
            if ent.start > 0 and norm(doc[ent.start - 1].text) in {"ce", "cet", "cette"}:
                continue  # "ce Basque d'origine": a demonym, not a town
            if self.lex.role_head_at([norm(t.text) for t in ent]) is not None:
                continue  # "Le procureur de la République, X, a estimé": a title, not a town
            text = " ".join(ent.text.split())
            counts[text] += 1
            if any(t.dep_.startswith("nsubj") for t in ent):
                acting.add(text)
        return [name for name, _ in counts.most_common() if name in acting]

    def _promote_place(self, doc: Doc, ents: DocEntities, name: str, kind: str):
        org = None
        for ent in doc.ents:
            if (
                ent.label_ == "LOC"
                and " ".join(ent.text.split()) == name
                and self._free(ents, ent.start, ent.end)
            ):
                org = ents.add_org_mention(name, self._mention(doc, ent.start, ent.end), kind=kind)
        return org


def _named_in_headline(orgs: list, headline: int):
    """Of several organisations, the only one the headline (the text up to char ``headline``)
    names: the one the text is about, whom "la direction" stands for when no other is nearer."""
    named = [org for org in orgs if any(m.start < headline and not m.generic for m in org.mentions)]
    return named[0] if len(named) == 1 else None


def _capitalised_run_end(doc: Doc, start: int, most: int = 4) -> int:
    """End of the capitalised words (and the hyphens inside them) from ``start``: a name."""
    end = start
    while (
        end < len(doc)
        and end - start < most
        and (
            (is_capitalised(doc[end]) and not doc[end].is_punct)
            or doc[end].text == "-"
            and not doc[end - 1].whitespace_
            or inside_hyphenated_name(doc[end])
        )
    ):
        end += 1
    return end


@Language.factory(
    "kgraph_organisations",
    assigns=["doc._.kg"],
    requires=["doc.ents", "token.pos", "token.dep"],
    default_config={"max_words": 10},
)
def make_organisations(nlp: Language, name: str, max_words: int) -> OrganisationFinder:
    register_extensions()
    return OrganisationFinder(lexicon(), max_words=max_words)


def _person_to_organisation(
    ents: DocEntities, person, *, name: str | None = None, kind: str | None = None
) -> None:
    """Every mention of a "person" the recogniser made of an organisation's name becomes a
    mention of the organisation ``name`` (the person's name by default)."""
    del ents.people[person.key]
    for mention in person.mentions:
        for i in range(mention.start_token, mention.end_token):
            ents.token_owner.pop(i, None)
        ents.add_org_mention(name or person.name, mention, kind=kind)


def _join(ents: DocEntities, key: str, target) -> None:
    """Move the organisation ``key`` (its mentions and forms) into ``target``."""
    org = ents.organisations.pop(key)
    for mention in org.mentions:
        target.mentions.append(mention)
        ents.claim("organisation", target.key, mention)
    for form in [org.name, *org.forms]:
        if form not in target.forms and form != target.name:
            target.forms.append(form)
