"""``kgraph_people``: person mentions, grouped into one entity per person in the document.

Sources of mentions, in order of trust: spaCy's ``PER`` entities (cleaned of honorifics and of role
words the model sometimes swallows), and an honorific followed by capitalised words (``M. Dupont``),
which catches what the statistical model misses.  Grouping follows journalistic usage: a person is
introduced by full name, later mentions use the surname alone (``Fontaine``, ``M. Le Maire``); a
short
form joins the full name it ends with, the most recent one when two people share a surname.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import Lexicon, fold_name, lexicon
from ..slugs import fold
from .entities import EntityMention, get_entities, register_extensions
from .text import doc_text, is_capitalised, is_speech_verb, norm


@dataclass
class _Candidate:
    start: int  # token indices, end exclusive
    end: int
    gender: str | None  # from an honorific
    honorific: bool
    from_ner: bool
    introduced: bool = False  # "Théo, 24 ans," — a first name the text presents as a person


# words after which a lone capitalised word is a place or a firm, not a person
# kinds of organisation whose noun, with an adjective, introduces a firm's name
_FIRM_KINDS = {"company", "trade"}
_BEFORE_PLACES = {"de", "d'", "à", "en", "pour", "chez", "du", "au", "le", "la", "l'", "les"}
_PLACE_PREFIXES = {
    "saint",
    "sainte",
    "val",
    "mont",
    "bas",
    "haut",
    "haute",
    "port",
    "pont",
    "bourg",
    "ville",
    "villa",
    "la",
    "le",
    "les",
    "grand",
    "petit",
    "nord",
    "sud",
    "est",
    "ouest",
    "île",
    "ile",
    "aix",
    "bois",
    "fort",
    "neuf",
    "vieux",
}


class PersonFinder:
    def __init__(self, lex: Lexicon, max_name_words: int = 6):
        self.lex = lex
        self.max_name_words = max_name_words

    def __call__(self, doc: Doc) -> Doc:
        candidates = self._candidates(doc)
        self._group(doc, candidates)
        return doc

    # -- finding -------------------------------------------------------------------------------
    def _candidates(self, doc: Doc) -> list[_Candidate]:
        found: list[_Candidate] = []
        for ent in doc.ents:
            if ent.label_ == "PER":
                if len(ent) == 1 and (
                    ent[0].pos_ in ("VERB", "ADJ", "AUX", "ADV", "PRON", "DET")
                    or self._participle_opener(doc, ent.start)
                ):
                    continue  # "Contactée, la société assure …": a participle, not a name
                end = ent.end
                if len(ent) == 1 and self._surname_follows(doc, end):
                    end += 1  # "Josaia Naivalu": the model kept the first name only
                cand = self._clean(doc, ent.start, end, from_ner=True)
                if cand:
                    found.append(cand)
        for token in doc:
            if token.text in self.lex.honorifics and token.i + 1 < len(doc):
                end = token.i + 1
                while (
                    end < len(doc)
                    and end - token.i <= self.max_name_words
                    and self._name_token(doc, end)
                ):
                    end += 1
                if end > token.i + 1:
                    cand = self._clean(doc, token.i, end, from_ner=False)
                    if cand:
                        found.append(cand)
        found.extend(self._structural_candidates(doc))
        for cand in found:
            if cand.end - cand.start == 1 and (
                self._age_or_pseudonym_follows(doc, cand.end)
                or self._first_name_introduced(doc, cand.start, cand.end)
            ):
                cand.introduced = True
        # longest candidate wins where two overlap
        found.sort(key=lambda c: (c.start, -(c.end - c.start)))
        merged: list[_Candidate] = []
        for cand in found:
            if merged and cand.start < merged[-1].end:
                last = merged[-1]
                if cand.end > last.end:
                    last.end = cand.end
                last.gender = last.gender or cand.gender
                last.honorific = last.honorific or cand.honorific
                last.introduced = last.introduced or cand.introduced
                continue
            merged.append(cand)
        return merged

    def _structural_candidates(self, doc: Doc) -> list[_Candidate]:
        """Names the statistical model misses, recognised by what surrounds them: two or more
        capitalised words that start with a known first name ("Aïssatou Diarra"), or that stand
        in apposition to a title ("X Y (LFI), députée de …", "X Y, maire de …")."""
        out = []
        i = 0
        while i < len(doc):
            if (
                is_capitalised(doc[i])
                and not doc[i].is_punct
                and doc[i].ent_type_ != "PER"
                and self._age_or_pseudonym_follows(doc, i + 1)
            ):
                # "Théo, 24 ans," whatever the recogniser made of "Théo" (a place, at times)
                cand = self._clean(doc, i, i + 1, from_ner=False)
                if cand:
                    cand.introduced = True
                    out.append(cand)
                i += 1
                continue
            if (
                not is_capitalised(doc[i])
                or doc[i].is_punct
                or doc[i].ent_type_ == "PER"
                or doc[i].ent_type_ in ("ORG", "LOC")
                and not self._first_name_at(doc, i)
                and not self._titled_entity(doc, i)
            ):
                i += 1
                continue
            end = i + 1
            while end < len(doc) and end - i < self.max_name_words and self._name_token(doc, end):
                end += 1
            words = [
                t
                for t in doc[i:end]
                if t.text != "-"
                and (
                    norm(t.text) not in self.lex.name_particles or self._particle_surname(doc, t.i)
                )
            ]
            later = next(
                (
                    t.i
                    for t in words[1:-1]
                    if fold_name(t.text) in self.lex.first_names and not t.is_upper
                ),
                None,
            )
            if later is not None and not (
                fold_name(words[0].text) in self.lex.first_names and not words[0].is_upper
            ):
                # "a écrit sur X Thierry Van Acker": the name starts at its first name
                i = later
                words = [w for w in words if w.i >= later]
            if len(words) == 1 and (
                self._age_or_pseudonym_follows(doc, end)
                or self._kin_precedes(doc, i)
                or self._first_name_introduced(doc, i, end)
            ):
                cand = self._clean(doc, i, end, from_ner=False)
                if cand:
                    cand.introduced = True
                    out.append(cand)
            if len(words) >= 2 and all(is_capitalised(t) and not t.is_upper for t in words):
                first = fold_name(doc_text(doc)[doc[i].idx : doc[i].idx + len(doc[i].text)])
                compound = fold_name(
                    doc_text(doc)[doc[i].idx : doc[end - 1].idx + len(doc[end - 1])].split()[0]
                )
                known_first = first in self.lex.first_names or compound in self.lex.first_names
                if (
                    known_first
                    or self._compound_first_name(compound, words)
                    or self._title_follows(doc, end)
                    or self._title_precedes(doc, i)
                ):
                    cand = self._clean(doc, i, end, from_ner=False)
                    if cand:
                        out.append(cand)
            i = end
        return out

    def _titled_entity(self, doc: Doc, i: int) -> bool:
        """ "Radia Haddouche-Brunet, vice-présidente du Département": capitalised words the
        model took for a firm or a place, opening a line or a clause, followed by a person's
        title in apposition."""
        if doc[i].ent_iob_ != "B" or (i > 0 and not (doc[i - 1].is_punct or doc[i - 1].is_space)):
            return False
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        words = [t for t in doc[i:end] if t.text != "-"]
        return (
            2 <= len(words) <= 4
            and all(is_capitalised(t) and not t.is_upper for t in words)
            and self._title_follows(doc, end)
        )

    def _first_name_at(self, doc: Doc, i: int) -> bool:
        """A known first name, or a compound of two ("Fatima-Zahra"), opening what the
        recogniser took for a place or a firm ("à Fatima-Zahra El Idrissi"), where no noun
        names a place after someone (``data/named_after.txt``: "rue", "lycée")."""
        if i > 0 and norm(doc[i - 1].text) in self.lex.named_after:
            return False
        if doc[i].ent_iob_ != "B" or doc[i].is_upper:
            return False
        first = fold_name(doc[i].text)
        if first in self.lex.first_names:
            return True
        if i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_:
            second = fold_name(doc[i + 2].text)
            return first in self.lex.first_names and second in self.lex.first_names
        return False

    def _particle_surname(self, doc: Doc, k: int) -> bool:
        """ "Goulven Le Du": a capitalised particle after another one, after a first name, is a
        surname of its own, not a link to a name that follows."""
        return (
            k >= 2
            and is_capitalised(doc[k - 2])
            and norm(doc[k - 2].text) not in self.lex.name_particles
            and is_capitalised(doc[k])
            and is_capitalised(doc[k - 1])
            and norm(doc[k - 1].text) in self.lex.name_particles
            and (k + 1 >= len(doc) or not is_capitalised(doc[k + 1]) or doc[k + 1].is_punct)
        )

    def _participle_opener(self, doc: Doc, i: int) -> bool:
        """ "Sollicitée, la DSDEN a répondu", "Faute de moyens": a past participle before a
        comma, or a word before a lower-case "de"/"à", opening a sentence, which the model
        sometimes tags as a person; first names ending in -é (René, Chloé) are known ones."""
        word = doc[i].text
        opens = i == 0 or doc[i - 1].text in {".", "!", "?", "»", "”"} or "\n" in doc[i - 1].text
        if (
            opens
            and i + 2 < len(doc)
            and norm(doc[i + 1].text) in {"de", "d'", "à"}
            and doc[i + 2].is_lower
        ):
            return True  # "Faute de moyens, …", "Grâce à": a word opening a phrase
        return (
            opens
            and i + 1 < len(doc)
            and doc[i + 1].text == ","
            and word.lower().endswith(("é", "ée", "és", "ées"))
            and fold_name(word) not in self.lex.first_names
        )

    def _surname_follows(self, doc: Doc, k: int) -> bool:
        """A capitalised proper noun right after a one-word person, inside the sentence and
        before a comma, a bracket or a lower-case word, is the rest of the name: the model
        often stops at a first name it knows and leaves a surname it does not."""
        if k >= len(doc) or not doc[k - 1].whitespace_:
            return False
        token = doc[k]
        if (
            token.pos_ != "PROPN"
            or token.is_upper
            or token.ent_type_ in ("LOC", "ORG", "MISC")
            or not self._name_token(doc, k)
        ):
            return False
        after = doc[k + 1] if k + 1 < len(doc) else None
        return after is None or after.is_punct or not is_capitalised(after)

    @staticmethod
    def _age_or_pseudonym_follows(doc: Doc, k: int) -> bool:
        """Reportage introduces people by first name and age ("Théo, 24 ans, moniteur") or with
        a changed first name ("Karim (le prénom a été modifié)")."""
        nxt = [norm(t.text) for t in doc[k : k + 6]]
        if (
            len(nxt) >= 3
            and nxt[0] == ","
            and (doc[k + 1].like_num or doc[k + 1].pos_ == "NUM")  # "quatre-vingt-seize ans"
            and nxt[2] == "ans"
            and (len(nxt) < 4 or nxt[3] not in {"de", "d'"})  # not "vingt-deux ans de métier"
        ):
            return True
        return len(nxt) >= 3 and nxt[0] == "(" and ("prénom" in nxt[1:4] or "prénoms" in nxt[1:4])

    @staticmethod
    def _compound_first_name(compound: str, words) -> bool:
        """ "Kim-Ly Truong", "Mai-Linh Hoang": a hyphenated pair of short capitalised parts then a
        surname is how compound first names are written; place names ("Saint-Malo", "Val-de-Marne")
        start with words of their own and have lower-case links."""
        parts = compound.split("-")
        return (
            len(parts) == 2
            and len(words) >= 2
            and all(1 < len(p) <= 8 and p.isalpha() for p in parts)
            and parts[0] not in _PLACE_PREFIXES
        )

    def _title_follows(self, doc: Doc, k: int) -> bool:
        if k < len(doc) and doc[k].text == "(":
            while k < len(doc) and doc[k].text != ")" and k < len(doc) - 1:
                k += 1
            k += 1
        if k >= len(doc) or doc[k].text != ",":
            return False
        k += 1
        while k < len(doc) and (
            doc[k].pos_ == "DET"
            or norm(doc[k].text) in self.lex.role_bridges
            or norm(doc[k].text) in self.lex.role_modifiers
        ):
            k += 1
        return self.lex.role_head_at([norm(t.text) for t in doc[k : k + 5]]) is not None

    def _kin_precedes(self, doc: Doc, i: int) -> bool:
        """ "Sa fille, Véronique, n'a pas fermé l'œil": a known first name in apposition after
        a possessive and a kin noun is a person the text introduces."""
        noun = norm(doc[i - 2].text) if i >= 2 else ""
        return (
            i >= 3
            and doc[i - 1].text == ","
            # "Sa voisine, Odile, maraîchère": a neighbour, a colleague as well as kin
            and (
                noun in self.lex.kin_nouns
                or noun in self.lex.unnamed_speakers
                or noun in self.lex.person_nouns
            )
            and norm(doc[i - 3].text) in {"son", "sa", "leur", "ses"}
            and fold_name(doc[i].text) in self.lex.first_names
        )

    def _first_name_introduced(self, doc: Doc, i: int, end: int) -> bool:
        """A known first name alone, whatever the recogniser made of it ("Marine" is also the
        navy's name), is a person the text names by first name when a title stands in
        apposition to it ("Sébastien, ancien chef de partie …") or when it follows a speech verb
        ("« … », sourit Marine, ravie")."""
        if (
            end != i + 1
            or doc[i].ent_type_ == "LOC"
            or fold_name(doc[i].text) not in self.lex.first_names
        ):
            return False
        speaks = i > 0 and end < len(doc) and is_speech_verb(doc[i - 1], self.lex)
        noun = end + 1
        if noun + 1 < len(doc) and norm(doc[noun].text) in {"un", "une"}:
            noun += 1  # "Josiane, une cliente de la première heure, …"
        described = (  # "Karine, mère de trois enfants, …", "Paul, retraité, …"
            noun < len(doc)
            and doc[end].text == ","
            and (
                norm(doc[noun].text) in self.lex.person_nouns
                or (noun > end + 1 and norm(doc[noun].text) in self.lex.unnamed_speakers)
            )
        )
        return (
            (speaks and doc[end].is_punct)
            or described
            or self._title_follows(doc, end)
            or self._subject_with_apposition(doc, i, end)
        )

    @staticmethod
    def _subject_with_apposition(doc: Doc, i: int, end: int) -> bool:
        """ "Enzo, en première année de CAP, travaille chez un boulanger … « Enzo a le geste »":
        a first name opening a sentence, then an apposition between commas, then a verb, and
        the same first name again elsewhere in the text."""
        if not doc[i].is_sent_start and not (
            i > 0 and (doc[i - 1].text == "." or doc[i - 1].is_space and "\n" in doc[i - 1].text)
        ):
            return False
        if end >= len(doc) or doc[end].text != ",":
            return False
        close = next((j for j in range(end + 1, min(len(doc), end + 12)) if doc[j].text == ","), 0)
        if not close or any(t.pos_ in ("VERB", "AUX") for t in doc[end + 1 : close]):
            return False
        if close + 1 >= len(doc) or doc[close + 1].pos_ not in ("VERB", "AUX"):
            return False
        return any(t.text == doc[i].text for t in doc if t.i != i)

    def _title_right_before(self, doc: Doc, i: int) -> bool:
        """A title ends right before token ``i``: "le président Dupont"."""
        words = [norm(t.text) for t in doc[max(0, i - 4) : i]]
        for n in range(len(words)):
            head = self.lex.role_head_at(words[n:])
            if head is not None and n + len(head.words) == len(words):
                return True
        return False

    def _title_precedes(self, doc: Doc, i: int) -> bool:
        """ "Le président du club, Jakez Le Floc'h, a …": capitalised words in apposition right
        after a title with its determiner name its holder."""
        if i < 3 or doc[i - 1].text != ",":
            return False
        k = i - 2
        while k > 0 and i - k < 10 and not doc[k].is_punct and "\n" not in doc[k].text:
            if doc[k - 1].pos_ == "DET" and self.lex.role_head_at(
                [norm(t.text) for t in doc[k : k + 5]]
            ):
                return True
            k -= 1
        return False

    def _name_token(self, doc: Doc, i: int) -> bool:
        """Can token ``i`` continue a name? Capitalised words, hyphens inside compound names,
        and particles (de, Le, van …) followed by a capitalised word."""
        token = doc[i]
        if token.is_space or "\n" in token.text_with_ws[:-1]:
            return False
        if token.text == "-" and i > 0 and not doc[i - 1].whitespace_ and i + 1 < len(doc):
            return is_capitalised(doc[i + 1])
        if (
            token.text.lower() == "h"
            and i > 0
            and doc[i - 1].text.endswith(("'", "’"))
            and not doc[i - 1].whitespace_
        ):
            return True  # "Guivarc'h", "Le Floc'h": the tokenizer cuts at the apostrophe
        if (
            norm(token.text) in self.lex.name_particles
            and is_capitalised(token)
            and i > 0
            and doc[i - 1].text == "-"
            and not doc[i - 1].whitespace_
        ):
            return True  # "Olivier Tran-Van": a particle as the last part of a compound
        if norm(token.text) in self.lex.name_particles and i + 1 < len(doc):
            if self._particle_surname(doc, i):
                return True  # "Le Du"
            return is_capitalised(doc[i + 1]) and not doc[i + 1].is_sent_start
        if not is_capitalised(token) or token.is_punct:
            return False
        if (
            self.lex.role_head_at([norm(token.text)])
            or tuple([norm(token.text)]) in self.lex.organisation_heads
        ):
            return False
        return token.pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB") or token.ent_type_ == "PER"

    def _clean(self, doc: Doc, start: int, end: int, *, from_ner: bool) -> _Candidate | None:
        gender = None
        honorific = False
        # leading honorifics and role words ("Mme", "le ministre", "Président") are not the name
        while start < end:
            text = doc[start].text
            if text in self.lex.honorifics:
                gender = gender or self.lex.honorifics[text]
                honorific = True
                start += 1
                continue
            if (
                doc[start].pos_ in ("DET", "ADP", "PUNCT")
                and norm(text) not in self.lex.name_particles
            ):
                start += 1
                continue
            if not is_capitalised(doc[start]) and norm(text) not in self.lex.name_particles:
                start += 1
                continue
            head = self.lex.role_head_at([norm(t.text) for t in doc[start:end]])
            if head:
                start += len(head.words)
                continue
            break
        while end > start + 1 and doc[end - 1].pos_ == "ADJ" and doc[end - 1].text.islower():
            end -= 1  # "un Damien Okafor intenable": the model took the adjective in
        while end > start and (
            doc[end - 1].is_punct
            or doc[end - 1].is_space
            or norm(doc[end - 1].text) in self.lex.name_particles
            and not (end - 1 > start + 1 and self._particle_surname(doc, end - 1))
        ):
            end -= 1
        # extend over the rest of a compound or particle name the model cut short
        while (
            end < len(doc)
            and sum(t.text != "-" for t in doc[start:end]) < self.max_name_words
            and self._name_token(doc, end)
            and (
                doc[end].text == "-"
                or not doc[end - 1].whitespace_
                or norm(doc[end].text) in self.lex.name_particles
                or norm(doc[end - 1].text) in self.lex.name_particles  # "Le" -> "Le Floc'h"
            )
        ):
            end += 1
        if end <= start:
            return None
        lead, tail = start, end
        while lead > 0 and (doc[lead - 1].is_space or doc[lead - 1].text in self.lex.honorifics):
            lead -= 1
        while tail < len(doc) and doc[tail].is_space:
            tail += 1
        if (
            lead > 0
            and doc[lead - 1].text in '«“"‹'
            and tail < len(doc)
            and doc[tail].text in '»”"›'
        ):
            # « Trame »: a title in quote marks, not a person; « Monsieur Dépannage »: a nickname
            return None
        if (
            end - start == 1
            and not honorific
            and start > 0
            and norm(doc[start - 1].text) in {"ce", "cet", "cette", "un", "une", "du", "des"}
        ):
            return None  # "ce Basque d'origine", "une Lyonnaise": a demonym, not a name
        words = doc[start:end]
        if any("\n" in t.text for t in words) or any(
            t.like_num or any(c.isdigit() for c in t.text) for t in words
        ):
            return None  # "CE1", "A320": no one's name has digits
        if len([t for t in words if t.text != "-"]) > self.max_name_words:
            return None
        for t in words:
            if t.text == "-" or norm(t.text) in self.lex.name_particles:
                continue
            if t.i > 0 and doc[t.i - 1].text.endswith(("'", "’")) and not doc[t.i - 1].whitespace_:
                continue  # "Kerloc’h": the rest of a name after an apostrophe
            if not is_capitalised(t):
                return None
        if (
            all(t.is_upper and len(t.text) > 1 for t in words if t.is_alpha)
            and len(words) > 1
            and not honorific
        ):
            return None  # a headline in capitals, not a name
        first = norm(words[0].text)
        if (first,) in self.lex.organisation_heads or first in self.lex.policy_cue_words:
            return None
        k = start - 1
        while k > 0 and doc[k].pos_ == "ADJ" and doc[k].text.islower():
            k -= 1  # "le groupe néerlandais Van Loon Packaging"
        if (
            k < start - 1
            and k > 0
            and doc[k - 1].pos_ == "DET"
            and self.lex.organisation_heads.get((norm(doc[k].text),)) in _FIRM_KINDS
        ):
            return None  # a firm named after its kind and an adjective, not a person
        before = [norm(t.text) for t in doc[max(0, start - 2) : start]]
        if before and (
            before[-1] in self.lex.named_after
            or before[-1] in self.lex.policy_cue_words  # "le fonds Barnier", "la loi Evin"
            or (
                len(before) == 2
                and before[-1] in {"de", "d'", "du"}
                and before[0] in self.lex.named_after
            )
        ):
            return None  # "le lycée Jean-Zay", "la maladie de Parkinson": named after someone
        return _Candidate(start, end, gender, honorific, from_ner)

    # -- grouping ------------------------------------------------------------------------------
    def _group(self, doc: Doc, candidates: list[_Candidate]) -> None:
        ents = get_entities(doc)
        full = [c for c in candidates if self._word_count(doc, c) >= 2]
        short = [c for c in candidates if self._word_count(doc, c) < 2]
        for cand in full:
            name = self._text(doc, cand)
            if self._firm_name(name) and not cand.honorific:
                continue
            if not cand.honorific and self._named_after_someone(doc, name):
                continue  # "l'école Jules-Verne": a school, a street named after a person
            # a longer form of a name already met joins it ("Jean Martin" / "Jean-Pierre Martin" do
            # not)
            person = ents.add_person_mention(name, self._mention(doc, cand))
            self._note_gender(doc, person, cand)
        for cand in short:
            text = self._text(doc, cand)
            family = self._family_name(doc, ents, cand, full)
            if family:
                person = ents.add_person_mention(family, self._mention(doc, cand))
                self._note_gender(doc, person, cand)
                continue
            target = self._match_short(doc, ents, text, cand)
            if target is None:
                if (
                    not cand.honorific
                    and not cand.introduced
                    and (doc[cand.start].is_sent_start or doc[cand.start].is_stop)
                ):
                    continue  # a lone capitalised word at a sentence start is too weak
                if not cand.honorific and not cand.from_ner and not cand.introduced:
                    continue
                if not cand.honorific and not cand.introduced and self._place_or_firm(doc, cand):
                    continue
                if (
                    not cand.honorific
                    and not cand.introduced
                    and cand.end - cand.start == 1
                    and fold_name(text) not in self.lex.first_names
                    and not self._title_right_before(doc, cand.start)  # "du président Dupont"
                ):
                    continue  # "le site industriel Chimilor": one word, no first name, no title
                if not cand.honorific and self._named_after_someone(doc, text):
                    continue  # "l'école Jules-Verne": a school, a street named after a person
                person = ents.add_person_mention(text, self._mention(doc, cand))
            else:
                person = target
                person.mentions.append(self._mention(doc, cand))
                if text not in person.forms:
                    person.forms.append(text)
                ents.claim("person", person.key, person.mentions[-1])
            self._note_gender(doc, person, cand)
        self._repeat_first_names(doc, ents)
        self._repeat_surnames(doc, ents)
        for person in ents.people.values():
            person.mentions.sort(key=lambda m: m.start)

    def _named_after_someone(self, doc: Doc, text: str) -> bool:
        """A first name and a surname joined by a hyphen in one word after a noun ("l'école
        Jules-Verne", "la rue Victor-Hugo"): French writes so the names of schools, streets and
        halls named after a person; a compound first name ("Jean-Pierre") has two first
        names."""
        parts = text.split("-")
        if not (
            " " not in text
            and len(parts) == 2
            and fold_name(parts[0]) in self.lex.first_names
            and parts[1][:1].isupper()
            and fold_name(parts[1]) not in self.lex.first_names
        ):
            return False
        return any(
            t.idx + len(text) <= len(doc_text(doc))
            and doc_text(doc)[t.idx : t.idx + len(text)] == text
            and t.i > 0
            and doc[t.i - 1].pos_ in ("NOUN", "ADJ")
            and not is_capitalised(doc[t.i - 1])
            for t in doc
            if t.text == parts[0]
        )

    def _repeat_first_names(self, doc: Doc, ents) -> None:
        """A person the text names by first name only ("Léa, 34 ans, infirmière") is that
        first name wherever it recurs ("Pour Léa, …", "Léa sourit"), which the model often
        leaves untagged: with the mentions missing, pronouns went to someone else. So is a
        person named in full whom a portrait goes on calling by first name ("Hélène Castanier
        … Hélène sert le vin"), after the full name, when no one else has that first name."""
        alone = {
            person.name: person
            for person in ents.people.values()
            if " " not in person.name and fold_name(person.name) in self.lex.first_names
        }
        first_words = Counter(person.name.split()[0] for person in ents.people.values())
        in_full = {
            words[0]: person
            for person in ents.people.values()
            if len(words := person.name.split()) >= 2
            and first_words[words[0]] == 1
            and fold_name(words[0]) in self.lex.first_names
        }
        if not alone and not in_full:
            return
        for token in doc:
            person = alone.get(token.text)
            if person is None and token.text in in_full:
                person = in_full[token.text]
                before = doc[token.i - 1] if token.i else None
                if (
                    token.idx < min(m.start for m in person.mentions)
                    or before is not None
                    and (before.text == "-" or is_capitalised(before) and not before.is_sent_start)
                    or token.i > 1
                    and doc[token.i - 2].text == "-"
                    and not doc[token.i - 2].whitespace_
                    and not before.whitespace_
                    or token.i + 1 < len(doc)
                    and doc[token.i + 1].text == "-"
                    and not token.whitespace_  # "la rue Hélène-Boucher"
                    or token.i + 2 < len(doc)
                    and norm(doc[token.i + 1].text) == "et"
                    and is_capitalised(doc[token.i + 2])  # "Pierre et Josiane Vidal"
                ):
                    continue  # before the full name, or part of another name ("Villemagne-d'Aude")
            if person is None or ents.owner(token.i) is not None:
                continue
            if token.i + 1 < len(doc) and is_capitalised(doc[token.i + 1]):
                continue  # "Léa Martin": another person's full name
            mention = self._mention(doc, _Candidate(token.i, token.i + 1, None, False, False))
            person.mentions.append(mention)
            ents.claim("person", person.key, mention)

    def _repeat_surnames(self, doc: Doc, ents) -> None:
        """A surname alone after the full name ("Thierry Castaing … Castaing, sous contrat
        jusqu'en 2027, a confirmé"), which the model leaves untagged at a sentence start: the
        one person of that surname, wherever the surname stands alone after the first mention."""
        surnames: dict[str, list] = {}
        for person in ents.people.values():
            words = person.name.split()
            if len(words) >= 2:
                surnames.setdefault(words[-1], []).append(person)
        heads = {h[0] for h in self.lex.organisation_heads}
        for token in doc:
            before = doc[token.i - 1] if token.i else None
            if (
                token.text in surnames
                and before is not None
                and (
                    norm(before.text) in heads
                    or is_capitalised(before)
                    and not before.is_sent_start
                    and fold_name(before.text) not in self.lex.first_names
                )
            ):
                del surnames[token.text]  # "Groupe Mercadier", "Charpentes Oyharçabal": a firm's
        for token in doc:
            people = surnames.get(token.text)
            if not people or len(people) != 1 or ents.owner(token.i) is not None:
                continue
            person = people[0]
            if not person.mentions or token.idx < min(m.start for m in person.mentions):
                continue
            if any(part[:1].islower() for part in token.text.split("-")):
                continue  # "Lormes-sur-Vienne": a town's name the model took for a surname
            if token.i and norm(doc[token.i - 1].text) in _BEFORE_PLACES:
                continue  # "l'hôpital de Castaing": a place
            before = doc[token.i - 1] if token.i else None
            if (
                before is not None
                and is_capitalised(before)
                and (before.pos_ == "PROPN" or fold_name(before.text) in self.lex.first_names)
            ):
                continue  # "Jean Castaing": another person's full name
            if token.i + 1 < len(doc) and is_capitalised(doc[token.i + 1]):
                continue
            alone = _Candidate(token.i, token.i + 1, None, False, False)
            ents.add_person_mention(person.name, self._mention(doc, alone))

    def _family_name(self, doc: Doc, ents, cand: _Candidate, full: list[_Candidate]) -> str | None:
        """A first name alone that the text ties to a family: "Marcel et Odile Bruckert" (the
        surname of the pair), "René Muller … Son fils Loïc" (the surname of the person named
        last before, for kin who bear it: ``data/family_nouns.txt``)."""
        if (
            cand.end - cand.start != 1
            or fold_name(doc[cand.start].text) not in self.lex.first_names
        ):
            return None
        first = doc[cand.start].text
        pair = next((c for c in full if c.start == cand.end + 1), None)
        if pair is not None and norm(doc[cand.end].text) == "et":
            words = self._text(doc, pair).split()
            if len(words) >= 2 and all(
                fold_name(part) in self.lex.first_names for part in words[0].split("-")
            ):
                return " ".join([first, *words[1:]])
        before = [norm(t.text) for t in doc[max(0, cand.start - 2) : cand.start]]
        if (
            len(before) < 2
            or before[0] not in ("son", "sa")
            or before[1] not in self.lex.family_nouns
        ):
            return None
        at = doc[cand.start].idx
        last = None
        for person in ents.people.values():
            starts = [m.start for m in person.mentions if at - 400 < m.start < at]
            if starts and len(person.name.split()) >= 2 and (last is None or max(starts) > last[0]):
                last = (max(starts), person)
        if last is None:
            return None
        return " ".join([first, *last[1].name.split()[1:]])

    def _firm_name(self, name: str) -> bool:
        """A family name and a trade word ("Ganet Mécanique", "Cartonnages Vuillard"): a
        firm's name (``data/firm_words.txt``), unless it starts with a known first name."""
        words = name.split()
        return (
            len(words) >= 2
            and fold_name(words[0]) not in self.lex.first_names
            and any(
                w[:1].isupper() and w.lower() in self.lex.firm_words for w in (words[0], words[-1])
            )
        )

    def _place_or_firm(self, doc: Doc, cand: _Candidate) -> bool:
        """A lone word the model took for a person, with no first name known and no full name
        to join, that the text elsewhere puts after a preposition or an article ("l'usine de
        Loudrac", "pour Loudrac", "chez Sodiver"): a place or a firm, not a person."""
        word = doc[cand.start].text
        if fold_name(word) in self.lex.first_names or cand.end - cand.start != 1:
            return False
        return any(
            t.text == word
            and t.i > 0
            and norm(doc[t.i - 1].text) in _BEFORE_PLACES
            and not (t.i + 1 < len(doc) and is_capitalised(doc[t.i + 1]))
            for t in doc
        )

    def _match_short(self, doc: Doc, ents, text: str, cand: _Candidate):
        words = fold(text).split()
        matches = []
        for person in ents.people.values():
            name_words = fold(person.name).split()
            if len(name_words) > len(words) and name_words[-len(words) :] == words:
                matches.append(person)
            elif (
                len(words) == 1
                and len(name_words) > 1
                and "-" in name_words[-1]
                and name_words[-1].split("-")[0] == words[0]
            ):
                matches.append(person)  # "Mme Lefrançois" for Nathalie Lefrançois-Dufour
            elif (
                len(words) == 1 and name_words and name_words[0] == words[0] and not cand.honorific
            ):
                matches.append(person)  # a first name alone
        if len(matches) > 1 and cand.gender:
            # "M. Gauthier" in a text about Émilie and Julien Gauthier: the man
            agreeing = [p for p in matches if p.gender == cand.gender]
            matches = agreeing or matches
        if len(matches) == 1:
            return matches[0]
        if matches:  # the most recently mentioned before this one
            before = [
                (max((m.start for m in p.mentions if m.start < doc[cand.start].idx), default=-1), p)
                for p in matches
            ]
            return max(before, key=lambda pair: pair[0])[1]
        return None

    def _note_gender(self, doc: Doc, person, cand: _Candidate) -> None:
        """Grammar first (an honorific); else the usual gender of the first name, if unambiguous."""
        if cand.gender:
            if not person.gender or getattr(person, "gender_from_name", False):
                person.gender = cand.gender
                person.gender_from_name = False
            return
        if person.gender:
            return
        first = person.name.split()[0]
        guess = self.lex.first_names.get(fold_name(first))
        if guess is None and "-" in first:
            guess = self.lex.first_names.get(fold_name(first.split("-")[0]))
        if guess:
            person.gender = guess
            person.gender_from_name = True

    def _word_count(self, doc: Doc, cand: _Candidate) -> int:
        """Capitalised words that are not particles, a hyphenated compound counting once:
        "Fabre-Vidal" and "de La Tour" are surnames, "Bruno Le Maire" and "Florence
        d'Aubigny-Merle" are full names."""
        text = doc_text(doc)[doc[cand.start].idx : doc[cand.end - 1].idx + len(doc[cand.end - 1])]
        surname = cand.end - cand.start >= 3 and self._particle_surname(doc, cand.end - 1)
        # "d'Aubigny-Merle": the surname after an elided particle is a capitalised word
        words = [w[2:] if w[:2].lower() in ("d'", "d’") else w for w in text.split()]
        return len(
            [w for w in words if w[:1].isupper() and norm(w) not in self.lex.name_particles]
        ) + int(surname)  # "Anne Le Du"

    @staticmethod
    def _text(doc: Doc, cand: _Candidate) -> str:
        return " ".join(
            doc_text(doc)[
                doc[cand.start].idx : doc[cand.end - 1].idx + len(doc[cand.end - 1])
            ].split()
        )

    @staticmethod
    def _mention(doc: Doc, cand: _Candidate) -> EntityMention:
        start = doc[cand.start].idx
        end = doc[cand.end - 1].idx + len(doc[cand.end - 1])
        return EntityMention(start, end, cand.start, cand.end, doc_text(doc)[start:end])


@Language.factory(
    "kgraph_people",
    assigns=["doc._.kg"],
    requires=["doc.ents", "token.pos"],
    default_config={"max_name_words": 6},
)
def make_people(nlp: Language, name: str, max_name_words: int) -> PersonFinder:
    register_extensions()
    return PersonFinder(lexicon(), max_name_words=max_name_words)
