"""Load the rule data in ``kgraph/data/`` once: lexicons are data, not code.

Each file is UTF-8 text; ``#`` starts a comment line; TSV columns are tab-separated.  Trailing "why"
columns are documentation for people and are ignored here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from .errors import ConfigError


def _data_text(name: str) -> str:
    try:
        return resources.files("kgraph").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"kgraph/data/{name}: rule file missing from the installation") from exc


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a one-item-per-line data file."""
    return [
        line.strip()
        for line in _data_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def read_table(name: str, columns: int = 2) -> list[tuple[str, ...]]:
    """Rows of a TSV data file, each cut or padded to ``columns`` fields."""
    rows = []
    for number, line in enumerate(_data_text(name).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not fields[0]:
            raise ConfigError(f"kgraph/data/{name}:{number}: empty first column")
        fields += [""] * (columns - len(fields))
        rows.append(tuple(fields[:columns]))
    return rows


@dataclass(frozen=True)
class RoleHead:
    words: tuple[str, ...]  # lowercased tokens of the head ("directeur", "général")
    lemma: str  # the masculine form, used as the org:Role label
    gender: str | None  # "m" / "f" when the form tells it, None when both forms are the same


@dataclass(frozen=True)
class Lexicon:
    """All rule data, loaded once per process."""

    quote_pairs: tuple[tuple[str, str], ...]
    speech_verbs: frozenset[str]  # lemmas, single words ("affirmer")
    speech_phrases: tuple[tuple[str, ...], ...]  # multi-word lemmas ("mettre", "en", "garde")
    speech_forms: frozenset[
        str
    ]  # written forms of the speech verbs ("estime", "a-t-il ajouté" -> "ajouté")
    speech_form_phrases: frozenset[tuple[str, ...]]  # written multi-word forms ("met en garde")
    attribution_cues: tuple[tuple[str, ...], ...]
    honorifics: dict[str, str | None]
    name_particles: frozenset[str]
    role_heads: tuple[RoleHead, ...]  # longest first
    role_modifiers: frozenset[str]
    organisation_heads: dict[tuple[str, ...], str]  # words -> kind
    policy_cues: dict[tuple[str, ...], str]  # words -> kind
    policy_purposes: frozenset[str]  # "lutte" in "plan de lutte contre …"
    known_policies: dict[str, str]  # "France 2030" -> "plan": named without a cue noun
    not_policies: tuple[str, ...]  # "plan de financement": a cue phrase that names no policy
    policy_ties: tuple[tuple[tuple[str, ...], str, str], ...]  # (words, tie, agent position)
    work_cues: frozenset[str]
    first_names: dict[str, str]  # folded first name -> "m" / "f"
    speech_nouns: tuple[tuple[str, ...], ...]
    unnamed_speakers: frozenset[str]
    role_bridges: frozenset[str]
    not_titles: frozenset[str]  # words that open an apposition without being a title
    named_after: frozenset[str]  # "rue", "lycée", "maladie": a name after them is no person
    family_nouns: frozenset[str]  # "fils", "sœur": "son fils Killian" bears the family name
    peer_titles: frozenset[str]  # "associé": "son associée" is not the one "son" refers to
    impersonal_verbs: frozenset[str]  # "falloir": the "il" of "il faut" is no one
    time_words: frozenset[str]  # "jeudi", "soir": "lâchait jeudi soir un ostréiculteur"
    sibling_order: dict[str, tuple[str, str]]  # "aîné" -> ("oldest", "m")
    firm_words: frozenset[str]  # "Ganet Mécanique": a firm, not a person
    age_nouns: dict[str, tuple[int, int]]  # "quinquagénaire" -> (50, 59)
    interview_cues: tuple[str, ...]  # "questions à": a header announcing an interview
    head_aliases: dict[str, frozenset[str]]  # "club" -> {"sportive", "fc", …}
    kin_nouns: dict[str, str]  # "mari" -> "m": "son mari" is the man sharing her surname
    unions: frozenset[str]  # "cgt", "force ouvrière": organisations of kind "union"
    employer_roles: frozenset[str]  # role lemmas whose "de + Name" is an organisation
    generic_standins: dict[str, str]  # "direction" -> "company": the one org of that kind
    press_units: tuple[str, ...]  # "service de presse": a press office, not an organisation
    person_nouns: frozenset[str]
    defendant_cues: dict[tuple[str, ...], frozenset[str]]  # "poursuivi" -> {"prévenu", "accusé"}
    answer_cues: frozenset[str]  # "réponse", "rétorque": the quote answers the question before
    addition_cues: frozenset[str]  # "ajouter": the speaker had spoken before
    role_synonyms: dict[str, frozenset[str]]  # written head lemma -> role lemmas it may stand for
    document_nouns: frozenset[str]
    institutions: dict[str, str]  # name as written -> kind
    institution_types: tuple[
        tuple[str, str, bool], ...
    ]  # (phrase, kind, named alone), longest first

    @cached_property
    def policy_cue_words(self) -> frozenset[str]:
        """First words of policy cues ("plan", "loi", "appel"), to tell a policy name from a
        person."""
        return frozenset(words[0] for words in self.policy_cues)

    def role_head_at(self, words: list[str]) -> RoleHead | None:
        """The longest role head that ``words`` (lowercased tokens) starts with."""
        if not words:
            return None
        for head in self._heads_by_first_word.get(words[0], ()):
            if tuple(words[: len(head.words)]) == head.words:
                return head
        return None

    @cached_property
    def _heads_by_first_word(self) -> dict[str, tuple[RoleHead, ...]]:
        table: dict[str, list[RoleHead]] = {}
        for head in self.role_heads:  # already longest first
            table.setdefault(head.words[0], []).append(head)
        return {k: tuple(v) for k, v in table.items()}


def _split(phrase: str, *, hyphens: bool = False) -> tuple[str, ...]:
    """Split a phrase into the tokens spaCy's French tokenizer makes of it (apostrophes kept;
    with ``hyphens``, hyphenated words cut at each hyphen as well)."""
    phrase = phrase.replace("’", "'")
    out: list[str] = []
    for word in phrase.lower().split():
        while "'" in word[:-1]:
            head, word = word.split("'", 1)
            out.append(head + "'")
        if hyphens and "-" in word.strip("-"):
            parts = word.split("-")
            out.extend(p for part in parts[:-1] for p in (part, "-"))
            out.append(parts[-1])
        else:
            out.append(word)
    return tuple(out)


_REFLEXIVE = re.compile(r"^(se |s')")


@cache
def lexicon() -> Lexicon:
    # Reflexive verbs are listed as "se réjouir" for readers; spaCy lemmatises "se réjouit" to
    # "réjouir", so the reflexive pronoun is dropped here.
    verbs = {_REFLEXIVE.sub("", v.replace("’", "'")) for v in read_lines("speech_verbs.txt")}
    single = frozenset(v for v in verbs if " " not in v and "'" not in v)
    phrases = tuple(
        sorted({_split(v) for v in verbs if " " in v or "'" in v}, key=len, reverse=True)
    )
    heads: list[RoleHead] = []
    for masculine, feminine in read_table("roles.tsv"):
        feminine = feminine or masculine
        same = _split(masculine) == _split(feminine)
        # the tokenizer keeps some hyphenated titles whole ("porte-parole") and cuts others
        # at the hyphen ("aide - soignante"): both forms are listed
        for words in {_split(masculine), _split(masculine, hyphens=True)}:
            heads.append(RoleHead(words, masculine, None if same else "m"))
        if not same:
            for words in {_split(feminine), _split(feminine, hyphens=True)}:
                heads.append(RoleHead(words, masculine, "f"))
    heads.sort(key=lambda h: len(h.words), reverse=True)
    honorifics = {
        form: (g if g in ("m", "f") else None) for form, g in read_table("honorifics.tsv")
    }
    return Lexicon(
        quote_pairs=tuple((o, c) for o, c in read_table("quote_marks.tsv")),
        speech_verbs=single,
        speech_phrases=phrases,
        speech_forms=frozenset(_speech_forms(single)),
        speech_form_phrases=frozenset(_speech_form_phrases()),
        attribution_cues=tuple(
            sorted(
                {_split(c) for (c,) in read_table("attribution_cues.tsv", 1)}, key=len, reverse=True
            )
        ),
        honorifics=honorifics,
        name_particles=frozenset(p.replace("’", "'") for p in read_lines("name_particles.txt")),
        role_heads=tuple(heads),
        role_modifiers=frozenset(read_lines("role_modifiers.txt")),
        organisation_heads={_split(h): k for h, k in read_table("organisation_heads.tsv")},
        policy_cues={_split(c): k for c, k in read_table("policy_cues.tsv")},
        policy_purposes=frozenset(read_lines("policy_purposes.txt")),
        known_policies=dict(read_table("known_policies.tsv")),
        not_policies=tuple(p.replace("’", "'") for p in read_lines("not_policies.txt")),
        policy_ties=tuple(
            sorted(
                ((_tie_phrase(p, a), t, a) for p, t, a in read_table("policy_ties.tsv", 3)),
                key=lambda r: len(r[0]),
                reverse=True,
            )
        ),
        work_cues=frozenset(read_lines("work_cues.txt")),
        first_names={fold_name(n): g for n, g in read_table("first_names.tsv")},
        speech_nouns=tuple(
            sorted({_split(n) for n in read_lines("speech_nouns.txt")}, key=len, reverse=True)
        ),
        unnamed_speakers=frozenset(read_lines("unnamed_speakers.txt")),
        role_bridges=frozenset(w.replace("’", "'") for w in read_lines("role_bridges.txt")),
        not_titles=frozenset(w.replace("’", "'") for w in read_lines("not_titles.txt")),
        named_after=frozenset(read_lines("named_after.txt")),
        family_nouns=frozenset(read_lines("family_nouns.txt")),
        peer_titles=frozenset(read_lines("peer_titles.txt")),
        impersonal_verbs=frozenset(read_lines("impersonal_verbs.txt")),
        time_words=frozenset(w.replace("’", "'") for w in read_lines("time_words.txt")),
        sibling_order={n: (o, g) for n, o, g in read_table("sibling_order.tsv", 3)},
        firm_words=frozenset(read_lines("firm_words.txt")),
        age_nouns={n: (int(a), int(b)) for n, a, b in read_table("age_nouns.tsv", 3)},
        interview_cues=tuple(read_lines("interview_cues.txt")),
        head_aliases={h: frozenset(w.split()) for h, w in read_table("head_aliases.tsv")},
        kin_nouns=dict(read_table("kin_nouns.tsv")),
        unions=frozenset(read_lines("unions.txt")),
        employer_roles=frozenset(read_lines("employer_roles.txt")),
        generic_standins=dict(read_table("generic_standins.tsv")),
        press_units=tuple(sorted(read_lines("press_units.txt"), key=len, reverse=True)),
        person_nouns=frozenset(read_lines("person_nouns.txt")),
        defendant_cues={
            _split(cue): frozenset(nouns.split()) for cue, nouns in read_table("defendant_cues.tsv")
        },
        answer_cues=frozenset(read_lines("answer_cues.txt")),
        addition_cues=frozenset(read_lines("addition_cues.txt")),
        role_synonyms=_synonyms(read_table("role_synonyms.tsv")),
        document_nouns=frozenset(read_lines("document_nouns.txt")),
        institutions={n.replace("’", "'"): k for n, k in read_table("institutions.tsv")},
        institution_types=tuple(
            sorted(
                (
                    (phrase.replace("’", "'"), kind, alone == "yes")
                    for phrase, kind, alone in read_table("institution_types.tsv", 3)
                ),
                key=lambda row: len(row[0]),
                reverse=True,
            )
        ),
    )


def _regular_forms(lemma: str) -> set[str]:
    """Third-person, participle and infinitive forms of a regular -er or -ir verb."""
    forms = {lemma}
    if lemma.endswith("er"):
        stem = lemma[:-2]
        soft = stem + ("e" if stem.endswith("g") else "")
        soft = soft[:-1] + "ç" if soft.endswith("c") else soft
        grave = re.sub(r"é([^aeiouyé]+)$", r"è\1", stem)  # répéter -> répète
        doubled = (
            stem + stem[-1]
            if stem.endswith(("l", "t")) and lemma.endswith(("eler", "eter"))
            else stem
        )
        for present in {grave, doubled}:
            forms |= {present + "e", present + "es", present + "ent"}
        forms |= {
            stem + "é",
            stem + "ée",
            stem + "és",
            stem + "ées",
            soft + "ant",
            soft + "ait",
            soft + "aient",
            soft + "a",
            stem + "èrent",
            stem + "era",
            stem + "erait",
        }
    elif lemma.endswith("ir"):
        stem = lemma[:-2]
        forms |= {
            stem + "it",
            stem + "issent",
            stem + "i",
            stem + "ie",
            stem + "is",
            stem + "ies",
            stem + "issant",
            stem + "issait",
        }
    return forms


def _form_width(lemma: str) -> int:
    """Words in each written form of a lemma: "mettre en garde" -> 3, "se souvenir" -> 1."""
    return len(_REFLEXIVE.sub("", lemma).split())


def _speech_forms(lemmas: frozenset[str]) -> set[str]:
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= _regular_forms(lemma)
    for lemma, written in read_table("speech_verb_forms.tsv"):
        if _form_width(lemma) == 1:
            forms |= set(written.split())
    return forms


def _speech_form_phrases() -> set[tuple[str, ...]]:
    """Written forms of multi-word reporting verbs, as word tuples ("fait", "valoir"): their
    words alone ("fait", "garde") report nothing."""
    phrases: set[tuple[str, ...]] = set()
    for lemma, written in read_table("speech_verb_forms.tsv"):
        width = _form_width(lemma)
        words = written.lower().split()
        if width > 1:
            phrases |= {tuple(words[k : k + width]) for k in range(0, len(words), width)}
    return phrases


def _tie_phrase(phrase: str, position: str) -> tuple[str, ...]:
    """A verb phrase is matched on lemmas, and spaCy lemmatises "s'engage" to "engager" with a
    separate "se": the reflexive pronoun is dropped from subject-verb phrases."""
    words = _split(phrase)
    if position == "subject" and words and words[0] in ("se", "s'"):
        return words[1:]
    return words


def _synonyms(rows: list[tuple[str, ...]]) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for written, role in rows:
        table.setdefault(written.replace("’", "'"), set()).add(role)
    return {k: frozenset(v) for k, v in table.items()}


def fold_name(name: str) -> str:
    """The form first names are compared in: lowercase, accents kept, hyphens as written."""
    return name.lower().replace("’", "'")
