"""``kgraph_policies``: named plans, programmes, schemes, laws and funds, and who is tied to them.

A policy is a cue noun from ``data/policy_cues.tsv`` followed by a name: capitalised words
(``le plan France 2030``, ``le Pack Mobilité``), a name in quote marks (``le programme « Cap
Avenir »``), or, for a law, a capitalised word and its coordinated nouns (``la loi Climat et
résilience``).  A generic use (``des dispositifs de soutien``) is not a policy.  A sector is a
policy
only where the text states a commitment to it (``son engagement dans la filière bois``).

Ties come from ``data/policy_ties.tsv``: a phrase followed by its agent (``sous l'impulsion de X``),
or a verb whose subject is the agent (``la région a mis en place … le Pack``).  A tie applies to the
policies of its sentence; ``ce dispositif`` / ``cette politique`` stands for the last policy named.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, lexicon, read_table
from ..slugs import slugify
from .entities import (
    DocEntities,
    EntityMention,
    PolicyEntity,
    PolicyTieMention,
    get_entities,
    register_extensions,
)
from .text import doc_text, doc_words, is_capitalised, norm, sentence_spans, token_offsets

_CONNECTORS = {
    "de",
    "du",
    "des",
    "d'",
    "pour",
    "à",
    "la",
    "le",
    "les",
    "l'",
    "en",
    "sur",
    "au",
    "aux",
}
# participles that carry on a French law's title ("loi visant à …", "loi relative à …")
_LAW_TITLE_VERBS = {"visant", "relative", "relatif", "portant", "tendant", "renforçant"}
# adjectives that scope a cue to a territory: "stratégie nationale", "schéma départemental"
_SCOPES = {
    "national",
    "nationale",
    "départemental",
    "départementale",
    "régional",
    "régionale",
    "européen",
    "européenne",
    "métropolitain",
    "métropolitaine",
    "interministériel",
    "interministérielle",
    "intercommunal",
    "intercommunale",
    "communal",
    "communale",
}
# cues too broad to name a policy by a phrase of purpose alone
_BROAD_CUES = {"projet", "mission", "opération", "aide", "mesure", "initiative", "prime"}
# endings of French adjectives, for words inside a name that the tagger reads as adverbs
_ADJECTIVE_ENDINGS = (
    "ier",
    "ière",
    "aire",
    "al",
    "ale",
    "aux",
    "el",
    "elle",
    "if",
    "ive",
    "eux",
    "euse",
    "ique",
    "ain",
    "aine",
    "ien",
    "ienne",
)
_OPEN = {"«": "»", "“": "”", '"': '"', "‹": "›"}
_ANAPHORS = {"ce", "cette", "cet", "ces"}
_NAMING_VERBS = {
    "baptisé",
    "baptisée",
    "intitulé",
    "intitulée",
    "nommé",
    "nommée",
    "dénommé",
    "dénommée",
    "dit",
    "dite",
}
_LAW_LINKS = {"pour", "sur"} | _LAW_TITLE_VERBS
# after "à", words that start what a policy does or costs, not its name ("le dispositif X à tout
# le territoire", "le Fonds vert à hauteur de 95 millions d'euros")
_NOT_NAME_AFTER_A = {
    "tout",
    "toute",
    "tous",
    "toutes",
    "chaque",
    "hauteur",
    "partir",
    "compter",
    "raison",
    "titre",
    "travers",
    "destination",
}
_GENERIC_POLICY_NOUNS = {
    "politique",
    "plan",
    "dispositif",
    "programme",
    "mesure",
    "loi",
    "fonds",
    "pack",
    "stratégie",
    "réforme",
    "projet",
    "initiative",
    "aide",
    "opération",
}


class PolicyFinder:
    def __init__(self, lex: Lexicon, max_name_words: int = 8):
        self.lex = lex
        self.max_name_words = max_name_words
        self.cues = sorted(lex.policy_cues.items(), key=lambda kv: len(kv[0]), reverse=True)
        self._cues_by_first: dict[str, list] = {}
        for cue, kind in self.cues:  # longest first within each first word
            self._cues_by_first.setdefault(cue[0], []).append((cue, kind))
        self.org_heads = tuple(lex.organisation_heads)
        # tie phrases indexed by their first word, so each token is checked against a few
        self.ties_by_first: dict[str, tuple] = {}
        for row in lex.policy_ties:
            self.ties_by_first[row[0][0]] = self.ties_by_first.get(row[0][0], ()) + (row,)

    def __call__(self, doc: Doc) -> Doc:
        ents = get_entities(doc)
        mentions = self._find(doc, ents)
        mentions += self._known(doc, ents)
        mentions += self._acronyms_of_policies(doc, ents)
        mentions.sort(key=lambda pair: pair[0].start)
        self._drop_organisations_inside_policies(ents)
        doc.spans["policies"] = [
            Span(doc, m.start_token, m.end_token, label="POLICY") for m, _ in mentions
        ]
        self._ties(doc, ents, mentions)
        return doc

    @staticmethod
    def _date_follows(doc: Doc, k: int) -> bool:
        words = [norm(t.text) for t in doc[k : k + 3]]
        if len(words) >= 2 and words[0] in {"en", "depuis", "dès"} and doc[k + 1].like_num:
            return True
        return len(words) >= 2 and words[0] in {"de", "d'", "en"} and words[1] in _months()

    def _known_end(self, doc: Doc, k: int) -> int | None:
        """End of a known national programme's name that starts at token ``k``."""
        if k >= len(doc):
            return None
        _, ends = token_offsets(doc)
        rest = doc_text(doc)[doc[k].idx : doc[k].idx + 60].replace("’", "'").casefold()
        for name in sorted(self.lex.known_policies, key=len, reverse=True):
            # "Petites Villes de demain" is "Petites villes de demain": case aside
            if rest.startswith(name.casefold()) and doc[k].idx + len(name) in ends:
                end = ends[doc[k].idx + len(name)]
                if end < len(doc) and doc[end].like_num and len(doc[end].text) <= 2:
                    end += 1  # "la loi Egalim 2"
                return end
        return None

    def _known_at(self, doc: Doc, k: int) -> bool:
        return self._known_end(doc, k) is not None

    def _known(self, doc: Doc, ents: DocEntities) -> list[tuple[EntityMention, str]]:
        """National programmes named without a cue ("au titre de France 2030",
        ``data/known_policies.tsv``), where no other policy already covers the words."""
        text = doc_text(doc).replace("’", "'")
        token_at, token_end = token_offsets(doc)
        found = []
        for name in sorted(self.lex.known_policies, key=len, reverse=True):
            at = text.find(name)
            while at >= 0:
                i, end = token_at.get(at), token_end.get(at + len(name))
                at = text.find(name, at + 1)
                if i is None or end is None:
                    continue
                if any(ents.owner(k) and ents.owner(k)[0] != "organisation" for k in range(i, end)):
                    continue
                key = slugify(name)
                policy = ents.policies.get(key) or next(
                    (p for p in ents.policies.values() if name in p.forms), None
                )
                if policy is None:
                    policy = ents.policies[key] = PolicyEntity(
                        key=key, name=name, kind=self.lex.known_policies[name]
                    )
                mention = EntityMention(
                    doc[i].idx, doc[end - 1].idx + len(doc[end - 1]), i, end, name
                )
                policy.mentions.append(mention)
                if name not in policy.forms:
                    policy.forms.append(name)
                for k in range(i, end):
                    ents.token_owner[k] = ("policy", policy.key)
                found.append((mention, policy.key))
        return found

    @staticmethod
    def _acronyms_of_policies(doc: Doc, ents: DocEntities) -> list[tuple[EntityMention, str]]:
        """ "le fonds de soutien à l'investissement local (FSIL)" … "le FSIL": the acronym
        alone names the policy, even where the recogniser or the organisation rules took it
        for an organisation."""
        found = []
        for policy in list(ents.policies.values()):
            if not policy.name.endswith(")") or "(" not in policy.name:
                continue
            acronym = policy.name[policy.name.rindex("(") + 1 : -1].strip()
            if not acronym or " " in acronym:
                continue
            if acronym not in policy.forms:
                policy.forms.append(acronym)
            for org_key in [k for k, o in ents.organisations.items() if o.name == acronym]:
                del ents.organisations[org_key]
            for t in doc:
                if t.text != acronym:
                    continue
                owner = ents.owner(t.i)
                if owner and owner[0] != "organisation":
                    continue
                mention = EntityMention(t.idx, t.idx + len(t.text), t.i, t.i + 1, t.text)
                policy.mentions.append(mention)
                ents.token_owner[t.i] = ("policy", policy.key)
                found.append((mention, policy.key))
        return found

    @staticmethod
    def _drop_organisations_inside_policies(ents: DocEntities) -> None:
        """The entity recogniser often labels a fund or programme ORG ("Fonds national de …");
        once it is known as a policy, the organisation made of its words goes."""
        for key, org in list(ents.organisations.items()):
            inside = [
                m
                for m in org.mentions
                if all(
                    ents.owner(k) and ents.owner(k)[0] == "policy"
                    for k in range(m.start_token, m.end_token)
                )
            ]
            if org.mentions and len(inside) == len(org.mentions):
                del ents.organisations[key]

    # -- names ---------------------------------------------------------------------------------
    def _cue_at(self, doc: Doc, i: int):
        words = doc_words(doc)
        if i >= len(words):
            return None
        for cue, kind in self._cues_by_first.get(words[i], ()):
            if tuple(words[i : i + len(cue)]) == cue:
                return cue, kind
        return None

    def _find(self, doc: Doc, ents: DocEntities) -> list[tuple[EntityMention, str]]:
        found: list[tuple[EntityMention, str]] = []
        i = 0
        while i < len(doc):
            cue = self._cue_at(doc, i)
            owner = ents.owner(i)
            if cue is None or (owner and owner[0] != "organisation"):
                i += 1
                continue
            words, kind = cue
            name_start = i + len(words)
            if kind == "sector":
                end = self._sector_end(doc, i, name_start)
            else:
                end = self._name_end(doc, i, name_start)
            while end is not None and end > name_start and doc[end - 1].text.endswith(("'", "’")):
                end -= 1  # "… des demandeurs d'asile n'a pas": an elided word starts the verb
            if end is None or end <= name_start:
                i += 1
                continue
            s, e = doc[i].idx, doc[end - 1].idx + len(doc[end - 1])
            written = doc_text(doc)[s:e]
            name = " ".join(
                written.replace("«", " ")
                .replace("»", " ")
                .replace("“", " ")
                .replace("”", " ")
                .replace('"', " ")
                .split()
            )
            bare = " ".join(
                doc_text(doc)[doc[name_start].idx : e].replace("«", " ").replace("»", " ").split()
            )
            introduced = (
                None
                if kind == "law" and self._dated_law_end(doc, name_start) is not None
                else self._introduced_name_start(doc, name_start, end)
            )
            if introduced is not None:
                # "un programme de médiation, « Fil à fil »", "un appel à projets baptisé X": the
                # name is what the descriptor introduces
                name = " ".join(
                    doc_text(doc)[doc[introduced].idx : e]
                    .replace("«", " ")
                    .replace("»", " ")
                    .replace("“", " ")
                    .replace("”", " ")
                    .split()
                )
            if self._not_a_policy(name):
                i += 1
                continue
            key = slugify(name)
            policy = ents.policies.get(key)
            if policy is None:
                policy = ents.policies[key] = PolicyEntity(key=key, name=name, kind=kind)
            mention = EntityMention(s, e, i, end, written)
            policy.mentions.append(mention)
            # the bare name is an alias only when the cue is an ordinary noun: "le plan France 2030"
            # is also called "France 2030", but the "Pack Mobilité" is not "Mobilité"
            forms = (written,) if is_capitalised(doc[i]) or kind == "sector" else (written, bare)
            for form in forms:
                if form not in policy.forms:
                    policy.forms.append(form)
            for k in range(i, end):
                ents.token_owner.setdefault(k, ("policy", key))
                if ents.token_owner[k][0] == "organisation":
                    ents.token_owner[k] = ("policy", key)
            found.append((mention, key))
            i = end
        # later mentions of a policy's bare name ("France 2030" after "le plan France 2030")
        bare_names = {}
        for policy in ents.policies.values():
            for form in policy.forms:
                if form[:1].isupper() and (
                    len(form.split()) >= 2 or any(c.isdigit() for c in form)
                ):
                    bare_names[form] = policy
        for form, policy in bare_names.items():
            start = 0
            while True:
                at = doc_text(doc).find(form, start)
                if at < 0:
                    break
                start = at + len(form)
                span = doc.char_span(at, at + len(form))
                if span is None or any(ents.owner(t.i) for t in span):
                    continue
                mention = EntityMention(at, at + len(form), span.start, span.end, form)
                policy.mentions.append(mention)
                for k in range(span.start, span.end):
                    ents.token_owner[k] = ("policy", policy.key)
                found.append((mention, policy.key))
        found.sort(key=lambda pair: pair[0].start)
        return found

    def _name_end(self, doc: Doc, cue_start: int, i: int) -> int | None:
        """End of the name after a cue noun, or None when the cue is used generically.

        The name may be in quote marks (``le programme « Cap Avenir »``), introduced by
        ``baptisé``/``intitulé``, or follow the cue directly; a descriptive complement may come
        first (``le programme d'accélération X``, ``le contrat territorial X``).  French names
        capitalise their first word only, so after a capitalised word the name runs on over
        lower-case adjectives, nouns and prepositions (``plan Écoles durables``, ``programme
        Numérique pour tous``) and stops at a verb, punctuation, a year after ``pour``, or a
        complement naming who owns it (``… de la métropole``).  A law may be named by a
        lower-case phrase (``la loi pour la transmission des exploitations``).
        """
        if i >= len(doc):
            return None
        k = i
        # descriptive complement before the name: adjectives, "de + noun"
        while (
            k < len(doc) and k - i < 4 and not is_capitalised(doc[k]) and doc[k].text not in _OPEN
        ):
            if (
                doc[k].pos_ == "ADJ"
                or norm(doc[k].text) in {"de", "d'"}
                and k + 1 < len(doc)
                and doc[k + 1].pos_ == "NOUN"
            ):
                k += 1
            elif doc[k].pos_ == "NOUN" and k > i and norm(doc[k - 1].text) in {"de", "d'"}:
                k += 1
            elif norm(doc[k].text) in _NAMING_VERBS:
                k += 1
            else:
                break
        if k < len(doc) and doc[k].text == "," and k + 1 < len(doc) and doc[k + 1].text in _OPEN:
            k += 1  # "un programme de médiation, « Fil à fil »"
        if k >= len(doc):
            return None
        first = doc[k]
        if first.text in _OPEN:  # le programme « Cap Avenir »
            closing = _OPEN[first.text]
            if k + 1 >= len(doc) or not is_capitalised(doc[k + 1]):
                return None  # un dispositif « attendu depuis des années »: a quote, not a name
            for j in range(k + 1, min(len(doc), k + 2 + self.max_name_words)):
                if doc[j].text == closing:
                    return j + 1 if j > k + 1 else None
                if doc[j].is_space and "\n" in doc[j].text:
                    return None
            return None
        cue_capitalised = is_capitalised(doc[cue_start]) and not doc[cue_start].is_sent_start
        cue = self._cue_at(doc, cue_start)
        law = cue is not None and cue[1] == "law"  # not "un projet exemplaire de …"
        known = self._known_end(doc, k)
        if known is not None:
            return known  # "le programme Petites villes de demain"
        if not is_capitalised(first) and not first.like_num:
            defined = self._acronym_defined_end(doc, i)
            if defined is not None and not self._organisation_acronym(doc, defined):
                return defined  # "le plan de sauvegarde de l'emploi (PSE)"
            described = self._purpose_end(doc, cue_start, i)
            if described is not None:
                return described  # "le plan départemental de lutte contre les rodéos"
            dated = self._dated_law_end(doc, k) if law else None
            if dated is not None:
                return dated  # "la loi du 27 juillet 2023 visant à …"
            if law and (norm(first.text) in _LAW_LINKS or k > i):
                # "la loi pour la transmission des exploitations", "le projet de loi de finances
                # pour 2025": French laws are often named by a lower-case phrase
                return self._lowercase_law_end(doc, k, minimum=1 if k > i else 3)
            if not cue_capitalised:
                return None
            k = i  # "Fonds vert", "Fonds de garantie …": the capitalised cue starts the name
        end = k
        seen_capital = cue_capitalised
        while end < len(doc) and end - k < self.max_name_words:
            t = doc[end]
            word = norm(t.text)
            if t.is_space or (t.is_punct and t.text not in {"-", "'", "’"}):
                break
            if is_capitalised(t) or t.like_num:
                if self._owner_complement(doc, end):
                    break
                seen_capital = True
                end += 1
                continue
            if t.text == "-" and end > k and not doc[end - 1].whitespace_:
                end += 1
                continue
            if not seen_capital or word in self.lex.not_titles:
                break  # "le plan Vélo mardi": a day is no part of a name
            if t.pos_ == "ADV" and word.endswith(_ADJECTIVE_ENDINGS):
                end += 1  # "programme Logement saisonnier": an adjective the tagger misread
                continue
            if self._participle_in_name(doc, end):
                end += 1  # "appel à projets Jeunesses rurales engagées"
                continue
            if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "ADV") and word not in {"tous", "toutes"}:
                break
            if word == "et":
                nxt = doc[end + 1] if end + 1 < len(doc) else None
                if doc[end - 1].like_num:
                    break  # "concours Innovation 2024 et titulaire d'un brevet": a year ends it
                if nxt is not None and nxt.pos_ in ("NOUN", "ADJ") and not is_capitalised(nxt):
                    end += 2  # "loi Climat et résilience" (not "… 2030 et piloté par")
                    continue
                break
            if word in _CONNECTORS:
                if end > k and doc[end - 1].like_num and len(doc[end - 1].text) == 4:
                    break  # "… 2021-2027 à hauteur de": a year ends a name
                nxt = end + 1
                while nxt < len(doc) and norm(doc[nxt].text) in _CONNECTORS:
                    nxt += 1
                if (
                    nxt >= len(doc)
                    or word in {"de", "d'", "du", "en"}
                    and doc[nxt].like_num
                    and len(doc[nxt].text) == 4  # "la loi NOTRe de 2015": a year, not the name
                    or word == "à"
                    and norm(doc[nxt].text) in _NOT_NAME_AFTER_A
                    or doc[nxt].like_num
                    and word == "pour"
                    or self._owner_complement(doc, end)
                    or self._cue_at(doc, nxt) is not None
                    or self._known_at(doc, nxt)
                ):
                    break  # "pour 2025", "de la métropole", "… du plan France 2030"
                if doc[nxt].pos_ in ("NOUN", "ADJ", "PROPN", "NUM") or norm(doc[nxt].text) in {
                    "tous",
                    "toutes",
                }:
                    end = nxt + 1
                    continue
                break
            if t.pos_ in ("ADJ", "NOUN", "NUM") or word in {"tous", "toutes"}:
                end += 1
                continue
            break
        if (
            seen_capital
            and not cue_capitalised
            and sum(is_capitalised(t) for t in doc[k:end]) == 1
            and is_capitalised(doc[k])
            and not any(t.like_num or any(c.isdigit() for c in t.text) for t in doc[k:end])
        ):
            end = self._sentence_case_tail(doc, end)  # a one-capital name may go on in lower case
        while end > k and norm(doc[end - 1].text) in _CONNECTORS | {"et", "-"}:
            end -= 1
        if (
            end == k
            or not any(is_capitalised(t) or t.like_num for t in doc[k:end])
            and not cue_capitalised
        ):
            return None
        if end == i and cue_capitalised:
            return None
        return end

    def _not_a_policy(self, name: str) -> bool:
        """ "plan de financement", "fonds d'investissement X", "Mission locale du Gard": a cue
        phrase that names something else (``data/not_policies.txt``)."""
        lowered = name.replace("’", "'").lower()
        return any(lowered == p or lowered.startswith(p + " ") for p in self.lex.not_policies)

    def _sentence_case_tail(self, doc: Doc, end: int) -> int:
        """French names capitalise their first word only, and the tagger often reads the rest
        as verbs or adverbs ("label Haie gérée durablement", "dispositif Docteurs juniors en
        territoire", "dispositif Bien vivre partout en Bretagne"). Where the name stopped short
        of the end of its phrase, the rest of the phrase is the name's when it is short and has
        nothing a clause has: no conjugated verb, pronoun, number, date, agent or determiner
        of its own."""
        stop = end
        while stop < len(doc) and not (doc[stop].is_punct and doc[stop].text != "-"):
            if doc[stop].is_space or stop - end >= 5:
                return end
            stop += 1
        if stop == end:
            return end
        for j in range(end, stop):
            t = doc[j]
            word = norm(t.text)
            if t.pos_ == "ADP" and self._owner_complement(doc, j):
                return j  # "… de la région": who owns it, not its name
            if (
                "Fin" in t.morph.get("VerbForm")
                or t.pos_ in ("AUX", "PRON", "SCONJ", "NUM")
                or t.like_num
                or is_capitalised(t)
                and self._owner_complement(doc, j)
                or word in {"par", "qui", "que", "dont", "depuis", "dès", "lors"}
                or word in _months()
                or word in self.lex.not_titles  # "mardi", "hier"
                or t.pos_ == "DET"
                and norm(doc[j - 1].text) not in _CONNECTORS
                or t.pos_ == "CCONJ"
                and word != "et"
                or self._cue_at(doc, j) is not None
            ):
                return end
        return stop

    @staticmethod
    def _participle_in_name(doc: Doc, k: int) -> bool:
        """A past participle that agrees with the name it ends ("charte Festivals engagés et
        responsables"): after a noun or adjective, and before the end of the phrase — not one
        that starts a clause ("le Pack Mobilité lancé par la Région", "… adopté en 2023")."""
        t = doc[k]
        if "Part" not in t.morph.get("VerbForm") or "Past" not in t.morph.get("Tense"):
            return False
        if k == 0 or doc[k - 1].pos_ not in ("NOUN", "ADJ", "PROPN") or doc[k - 1].like_num:
            return False
        nxt = doc[k + 1] if k + 1 < len(doc) else None
        return (
            nxt is None
            or (nxt.is_punct and nxt.text not in {"(", "-"})
            or (
                norm(nxt.text) == "et"
                and k + 2 < len(doc)
                and doc[k + 2].pos_ in ("ADJ", "NOUN")
                and not is_capitalised(doc[k + 2])
            )
        )

    def _purpose_end(self, doc: Doc, cue_start: int, i: int) -> int | None:
        """A definite cue, optional adjectives, "de"/"pour" and a noun of purpose
        (``data/policy_purposes.txt``) name a policy in lower case: "le plan de lutte contre les
        rodéos", "le pacte pour l'emploi des seniors".  The name runs over nouns, adjectives
        and prepositions to the end of the phrase, and stops before who owns it."""
        det = doc[cue_start - 1] if cue_start > 0 else None
        if det is None or norm(det.text) not in {"le", "la", "l'", "du", "au", "ce", "cette"}:
            return None
        if norm(doc[cue_start].text) in _BROAD_CUES:
            return None  # "un projet exemplaire de revitalisation": a project, not a policy
        k = i
        while k < len(doc) and doc[k].pos_ == "ADJ" and k - i < 2:
            k += 1
        scoped = any(norm(t.text) in _SCOPES for t in doc[cue_start:k])
        if (
            scoped
            and k < len(doc)
            and doc[k].pos_ in ("ADJ", "NOUN", "PROPN")
            and "-" in doc[k].text
        ):
            return k + 1  # "la stratégie nationale bas-carbone"
        if k >= len(doc) or norm(doc[k].text) not in {"de", "d'", "pour", "du", "des"}:
            return None
        k += 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        # "le fonds départemental de transmission agricole": a cue scoped to a territory names a
        # policy whatever its purpose; otherwise the purpose noun must say it
        if k >= len(doc) or (
            norm(doc[k].text) not in self.lex.policy_purposes
            and not (scoped and doc[k].pos_ == "NOUN")
        ):
            return None
        end = k + 1
        while end < len(doc) and end - i < self.max_name_words + 2:
            t = doc[end]
            if t.text == "-" and end + 1 < len(doc) and doc[end + 1].like_num:
                end += 2  # "2024-2033"
                continue
            if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ"):
                break
            if t.pos_ == "ADP" and self._owner_complement(doc, end):
                break  # "… de la métropole"
            if t.like_num and norm(doc[end - 1].text) == "pour":
                break
            if t.text == "-" and end + 1 < len(doc) and doc[end + 1].like_num:
                end += 2  # "2024-2033"
                continue
            if self._date_follows(doc, end):
                break  # "… énergétique en 2022", "… de décembre 2023": when, not the name
            end += 1
        while end > k and (
            norm(doc[end - 1].text) in _CONNECTORS or doc[end - 1].pos_ in ("DET", "ADP")
        ):
            end -= 1
        return end

    def _organisation_acronym(self, doc: Doc, end: int) -> bool:
        """The bracketed acronym already stands for an organisation ("Association d'aide à
        domicile du Bocage (AADB)")."""
        ents = get_entities(doc)
        acronym = doc[end - 2].text
        return any(
            (org.acronym == acronym or acronym in org.forms) and org.name != acronym
            for org in ents.organisations.values()
        )

    @staticmethod
    def _acronym_defined_end(doc: Doc, i: int) -> int | None:
        """A lower-case phrase after the cue that the text abbreviates in brackets is a name:
        "le plan de sauvegarde de l'emploi (PSE)", "l'accord national interprofessionnel (ANI)"."""
        for j in range(i, min(len(doc) - 2, i + 10)):
            t = doc[j]
            if t.text == "(":
                inner, close = doc[j + 1], doc[j + 2]
                letters = [c for c in inner.text if c.isalpha()]
                if (
                    j > i
                    and close.text == ")"
                    and 2 <= len(letters) <= 6
                    and letters[0].isupper()
                    and sum(c.isupper() for c in letters) >= 2
                ):
                    return j + 3
                return None
            if t.is_punct or t.is_space or t.pos_ in ("AUX", "PRON", "SCONJ"):
                return None
            if t.pos_ == "VERB" and "Part" not in t.morph.get("VerbForm"):
                return None  # "… du proche aidant (AJPA)": a participle may sit in the name
        return None

    @staticmethod
    def _introduced_name_start(doc: Doc, start: int, end: int) -> int | None:
        for k in range(start, end - 1):
            if norm(doc[k].text) in _NAMING_VERBS or (
                doc[k].text == "," and doc[k + 1].text in _OPEN
            ):
                first = k + 1
                while first < end and doc[first].text in _OPEN:
                    first += 1
                return first if first < end else None
        return None

    def _owner_complement(self, doc: Doc, j: int) -> bool:
        """``de la métropole``, ``de l'État``, ``du Département``: who owns it, not its name."""
        k = j
        if norm(doc[k].text) in {"de", "du", "des", "d'"}:
            k += 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        if k == j or k >= len(doc):
            return False
        words = [norm(t.text) for t in doc[k : k + 3]]
        if any(tuple(words[: len(h)]) == h for h in self.org_heads):
            return True
        # a named place or organisation that starts there (not one that includes the cue itself)
        return doc[k].text in self.lex.institutions or (
            doc[k].ent_type_ in ("LOC", "ORG") and doc[k].ent_iob_ == "B"
        )

    def _dated_law_end(self, doc: Doc, k: int) -> int | None:
        """ "loi du 27 juillet 2023", and the title that may follow ("visant à …")."""
        if k + 3 >= len(doc) or norm(doc[k].text) != "du":
            return None
        day, month, year = doc[k + 1], doc[k + 2], doc[k + 3]
        if not (
            (day.like_num or norm(day.text) in {"1er", "premier"})
            and norm(month.text) in _months()
            and year.like_num
        ):
            return None
        end = k + 4
        if end + 1 < len(doc) and norm(doc[end].text) in {"dite", "dit"}:
            # "la loi du 22 août 2021 dite Climat et résilience": the name it goes by
            j = end + 1
            while (
                j < len(doc)
                and not doc[j].is_punct
                and not doc[j].is_space
                and (
                    is_capitalised(doc[j])
                    or doc[j].like_num
                    or norm(doc[j].text)
                    in {"et", "de", "du", "des", "d'", "la", "le", "l'", "pour"}
                    or doc[j].pos_ in ("NOUN", "ADJ")
                )
            ):
                j += 1
            return j if j > end + 1 else end
        if end < len(doc) and norm(doc[end].text) in _LAW_LINKS:
            # "… visant à …", "… pour le plein emploi", "… sur l'eau et les milieux aquatiques"
            titled = self._lowercase_law_end(doc, end, minimum=1)
            if titled is not None:
                return titled
        return end

    def _lowercase_law_end(self, doc: Doc, k: int, minimum: int = 3) -> int | None:
        end = k + 1
        while end < len(doc) and end - k < 25:
            t = doc[end]
            if norm(t.text) in _LAW_TITLE_VERBS and end + 1 < len(doc):
                end += 1  # "proposition de loi visant à réguler …": the title goes on
                continue
            if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ"):
                if not (t.pos_ == "VERB" and norm(doc[end - 1].text) in {"à", "de", "d'"}):
                    break  # "visant à réguler": the infinitive belongs to the title
            if (
                norm(t.text) == "et"
                and end + 1 < len(doc)
                and doc[end + 1].pos_ not in ("ADP", "DET")
            ):
                break  # "… pour 2026 et demande au gouvernement": a new clause
            if norm(t.text) == "en" and end + 1 < len(doc) and doc[end + 1].pos_ == "VERB":
                break  # "en négociant": a gerund, not the title
            if self._date_follows(doc, end) and end > k + 1:
                break  # "la loi pour le plein emploi de décembre 2023"
            end += 1
        while end > k and norm(doc[end - 1].text) in _CONNECTORS | {"et"}:
            end -= 1
        return end if end - k >= minimum else None

    def _sector_end(self, doc: Doc, cue_start: int, i: int) -> int | None:
        """``filière X``: a policy only after a commitment ("engagement dans", "s'engage dans")."""
        window = [t for t in doc[max(0, cue_start - 5) : cue_start]]
        if not any(t.lemma_.lower() in {"engagement", "engager"} for t in window):
            return None
        end = i
        while (
            end < len(doc)
            and end - i < 3
            and doc[end].pos_ in ("NOUN", "ADJ", "PROPN")
            and not doc[end].is_punct
        ):
            end += 1
        return end if end > i else None

    # -- ties ----------------------------------------------------------------------------------
    def _ties(self, doc: Doc, ents: DocEntities, mentions: list[tuple[EntityMention, str]]) -> None:
        last_policy: str | None = None
        for sent in sentence_spans(doc):
            in_sentence = [key for m, key in mentions if sent.start_char <= m.start < sent.end_char]
            anaphor = self._anaphor(sent)
            if anaphor is not None and last_policy and not in_sentence:
                in_sentence = [last_policy]
            if in_sentence:
                self._sentence_ties(doc, ents, sent, in_sentence, mentions)
                last_policy = in_sentence[-1]

    def _anaphor(self, sent: Span) -> int | None:
        for k in range(sent.start, sent.end - 1):
            if (
                norm(sent.doc[k].text) in _ANAPHORS
                and norm(sent.doc[k + 1].text) in _GENERIC_POLICY_NOUNS
            ):
                return k
        return None

    def _sentence_ties(
        self,
        doc: Doc,
        ents: DocEntities,
        sent: Span,
        policies: list[str],
        mentions: list[tuple[EntityMention, str]],
    ) -> None:
        words = [norm(t.text) for t in sent]
        lemmas = [t.lemma_.lower() for t in sent]
        for n in range(len(sent)):
            candidates = self.ties_by_first.get(words[n], ()) + self.ties_by_first.get(
                lemmas[n], ()
            )
            for phrase, tie, position in candidates:
                seq = (
                    words
                    if position == "after" or len(phrase) > 1 and phrase[0] == "engagement"
                    else lemmas
                )
                if (
                    tuple(seq[n : n + len(phrase)]) != phrase
                    and tuple(lemmas[n : n + len(phrase)]) != phrase
                ):
                    continue
                anchor = sent[n]
                if position == "after":
                    agent = self._agent_after(doc, ents, anchor.i + len(phrase), sent.end)
                elif position == "possessor":
                    agent = self._agent_subject(doc, ents, sent.root, sent)
                else:
                    if anchor.pos_ not in ("VERB", "AUX"):
                        continue
                    agent = self._agent_subject(doc, ents, anchor, sent)
                if agent is None:
                    continue
                targets = policies
                if position != "after":
                    # a verb's policies are those after it in the sentence
                    after = [key for m, key in mentions if anchor.idx < m.start < sent.end_char]
                    targets = after or ([policies[-1]] if self._anaphor(sent) is not None else [])
                for key in dict.fromkeys(targets):
                    policy = ents.policies[key]
                    if any(t.agent == agent[1] and t.tie == tie for t in policy.ties):
                        continue
                    end_tok = min(len(doc), anchor.i + len(phrase))
                    policy.ties.append(
                        PolicyTieMention(
                            agent[0],
                            agent[1],
                            tie,
                            anchor.idx,
                            doc[end_tok - 1].idx + len(doc[end_tok - 1]),
                            rule=f"tie:{' '.join(phrase)}",
                            confidence=0.9 if position == "after" else 0.8,
                        )
                    )

    @staticmethod
    def _agent_after(doc: Doc, ents: DocEntities, i: int, limit: int):
        for k in range(i, min(limit, i + 6)):
            owner = ents.owner(k)
            if owner and owner[0] in ("person", "organisation"):
                return owner
            if doc[k].text in {",", ".", ";"}:
                break
        return None

    @staticmethod
    def _agent_subject(doc: Doc, ents: DocEntities, verb, sent: Span):
        for head in (verb, verb.head):
            for child in head.children:
                if child.dep_.startswith("nsubj"):
                    for k in range(child.left_edge.i, child.right_edge.i + 1):
                        owner = ents.owner(k)
                        if owner and owner[0] in ("person", "organisation"):
                            return owner
        return None


@cache
def _months() -> frozenset[str]:
    """French month names (``data/months.tsv``, shared with the date reader of ``ingest``)."""
    return frozenset(name for name, _ in read_table("months.tsv") if not name.endswith("."))


@Language.factory(
    "kgraph_policies",
    assigns=["doc.spans", "doc._.kg"],
    requires=["token.pos", "token.dep", "token.lemma"],
    default_config={"max_name_words": 8},
)
def make_policies(nlp: Language, name: str, max_name_words: int) -> PolicyFinder:
    register_extensions()
    return PolicyFinder(lexicon(), max_name_words=max_name_words)
