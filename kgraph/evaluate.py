"""Score extraction reports against the gold corpus (``corpus/dev``, ``corpus/heldout``).

A gold folder holds ``NAME.txt`` + ``NAME.gold.json`` pairs (format in ``corpus/README.md``);
reports follow the extraction-report contract and are keyed by ``NAME``.  Each measure counts
true positives, false positives and false negatives, and keeps the errors behind them, so that a
score can always be traced back to the quotes, names or titles that made it.

Matching rules
--------------
All matching is one-to-one: pairs are taken best-first (exact before tolerant, nearer before
farther), then completed to a maximum matching, so a duplicate prediction is a false positive.

* **Quotes** are compared as word sequences after normalisation: NFKC, casefold, every quote mark
  and punctuation sign turned into a space, every kind of space collapsed.  Equal sequences match;
  so does a sequence contained in the other at word boundaries when the shorter has at least 80 %
  of the longer's words (one word more or less at a boundary of a five-word quote still matches).
* **People** (speakers, role holders): names are casefolded with a leading honorific removed
  (M., Mme, Mlle, Mr, Monsieur, Madame, Dr, Pr); hyphenated first names stay one word.  Equal names
  are the same person.  A predicted name that is a final part of the gold name (the surname:
  ``Dupont``, ``Le Maire``) or that contains the whole gold name (``la maire Marie Dupont``) is the
  same person only if it has a capital letter (``maire`` is not a name) and fits exactly one of
  the document's gold people.  A gold speaker that is one of the document's gold organisations is
  matched with the organisation rule below, and only with it.
* **Speakers** are scored on matched quotes.  Accuracy: among matched quotes whose gold speaker
  is not null, the share whose predicted speaker is the same person.  Attribution recall: among
  all gold quotes with a speaker, the share both found and rightly attributed.  Quotes whose gold
  speaker is null but which were given one are counted apart (and listed as errors).
* **Roles** are (person, title) pairs.  Titles are normalised: NFKC, casefold, typographic
  apostrophes unified, a leading determiner (le, la, l', les) removed, accents kept; words are
  runs of letters and digits (hyphenated words stay whole, an apostrophe splits); a party in
  brackets is not part of a title (corpus/README.md).  Titles match
  when equal, or when one is contained in the other at word boundaries and the shorter either has
  at least two words (``maire de Lyon`` in ``maire de Lyon et présidente de la métropole``) or is
  the whole head noun, the first word of the longer (``ministre`` for ``ministre de l'Économie``;
  not ``ancien``, ``premier``, ``vice``… which are modifiers, not heads).
* **Organisations**: names are normalised like titles, with dots removed (``S.N.C.F.`` is
  ``SNCF``).  A prediction matches a gold organisation when its name equals the gold name or a gold
  alias, when the gold name equals one of the prediction's ``aliases``, or when the predicted name
  and a gold form contain one another at word boundaries and the shorter has at least two words or
  is an acronym (one all-capital word of two letters or more) that is a whole word of the longer.
  Hyphenated names are whole words for the boundaries (``Val-de-Loire`` is not in
  ``Centre-Val-de-Loire``) but count their parts for the size (``Provence-Alpes-Côte``, three
  words, matches ``Région Provence-Alpes-Côte``).
* **Policies**: names normalised like titles, compared whole; a leading generic cue word (plan,
  programme, dispositif, loi, projet de loi, fonds, pack, appel à projets, label, stratégie, pacte,
  contrat, schéma, mesure, réforme, filière) is optional on either side: ``France 2030`` matches
  ``plan France 2030``, but ``loi Climat`` does not match ``plan Climat``.

Ratios whose denominator is zero: precision and recall are 1.0 when there was nothing to find and
nothing was found (an empty document is not a failure), else 0.0; accuracy and attribution recall
are ``None`` (shown as ``-``), as nothing was there to measure.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.errors import KgraphError

GOLD_SUFFIX = ".gold.json"
MEASURES = ("quotes", "roles", "organisations", "policies")


class EvaluationError(KgraphError, ValueError):
    """A gold file is missing or malformed (the message names the file).

    A KgraphError so that the CLI prints it as one line; a ValueError for callers that expect one.
    """


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True)
class GoldQuote:
    """A gold quotation; ``start`` is its offset in the text when found there, else None."""

    text: str
    speaker: str | None
    cue: str | None = None
    start: int | None = None


@dataclass(frozen=True)
class GoldRole:
    """A title a gold person holds, with the organisation it belongs to when said."""

    title: str
    organisation: str | None = None


@dataclass(frozen=True)
class GoldPerson:
    """A person the text names, under the fullest name it gives."""

    name: str
    gender: str | None = None
    roles: tuple[GoldRole, ...] = ()


@dataclass(frozen=True)
class GoldOrganisation:
    """An organisation under its fullest name, with the other forms the text uses."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldPolicy:
    """A named policy and the people and organisations the text ties to it."""

    name: str
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldDocument:
    """One annotated document of the corpus; ``id`` is the file stem shared with its report."""

    id: str
    text: str
    quotes: tuple[GoldQuote, ...] = ()
    people: tuple[GoldPerson, ...] = ()
    organisations: tuple[GoldOrganisation, ...] = ()
    policies: tuple[GoldPolicy, ...] = ()
    title: str | None = None
    date: str | None = None
    phenomena: tuple[str, ...] = ()
    path: str | None = None


# --------------------------------------------------------------------------- score records


@dataclass(frozen=True)
class Mismatch:
    """One error behind a score: what gold had, what was predicted, and where."""

    document: str
    measure: str
    kind: str  # "missed", "spurious" or "wrong-speaker"
    gold: str | None
    predicted: str | None
    context: str | None = None  # for speaker errors, the quote concerned

    def to_dict(self) -> dict[str, Any]:
        """Plain form for JSON output."""
        return {
            "document": self.document,
            "measure": self.measure,
            "kind": self.kind,
            "gold": self.gold,
            "predicted": self.predicted,
            "context": self.context,
        }


@dataclass(frozen=True)
class Measure:
    """Counts for one precision/recall measure, with the errors that make up fp and fn."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: tuple[Mismatch, ...] = ()

    @property
    def precision(self) -> float:
        """Share of predictions that are right (1.0 when nothing to find and nothing found)."""
        return _ratio(self.tp, self.tp + self.fp, vacuous=1.0 if self.fn == 0 else 0.0)

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when nothing to find and nothing found)."""
        return _ratio(self.tp, self.tp + self.fn, vacuous=1.0 if self.fp == 0 else 0.0)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Measure) -> Measure:
        """Micro-average by summing counts."""
        return Measure(
            self.name,
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.errors + other.errors,
        )

    def to_dict(self, *, errors: bool = True) -> dict[str, Any]:
        """Plain form for JSON output."""
        out: dict[str, Any] = {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }
        if errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out


@dataclass(frozen=True)
class SpeakerScore:
    """How well found quotes are attributed.

    ``matched``: matched quotes with a gold speaker; ``correct``: those attributed to the right
    one; ``gold_attributed``: all gold quotes with a speaker; ``null_matched``: matched quotes whose
    gold speaker is null; ``null_given``: those the prediction gave a speaker anyway.
    """

    matched: int = 0
    correct: int = 0
    gold_attributed: int = 0
    null_matched: int = 0
    null_given: int = 0
    errors: tuple[Mismatch, ...] = ()

    @property
    def accuracy(self) -> float | None:
        """Right speakers among matched quotes that have one (None if there are none)."""
        return _ratio(self.correct, self.matched, vacuous=None)

    @property
    def attribution_recall(self) -> float | None:
        """Gold quotes with a speaker that were found and rightly attributed."""
        return _ratio(self.correct, self.gold_attributed, vacuous=None)

    def __add__(self, other: SpeakerScore) -> SpeakerScore:
        """Micro-average by summing counts."""
        return SpeakerScore(
            self.matched + other.matched,
            self.correct + other.correct,
            self.gold_attributed + other.gold_attributed,
            self.null_matched + other.null_matched,
            self.null_given + other.null_given,
            self.errors + other.errors,
        )

    def to_dict(self, *, errors: bool = True) -> dict[str, Any]:
        """Plain form for JSON output."""
        out: dict[str, Any] = {
            "matched": self.matched,
            "correct": self.correct,
            "gold_attributed": self.gold_attributed,
            "accuracy": self.accuracy,
            "attribution_recall": self.attribution_recall,
            "null_matched": self.null_matched,
            "null_given": self.null_given,
        }
        if errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out


@dataclass(frozen=True)
class DocumentEvaluation:
    """All measures for one document (or, summed, for a whole corpus)."""

    document: str
    quotes: Measure
    speakers: SpeakerScore
    roles: Measure
    organisations: Measure
    policies: Measure
    report_missing: bool = False

    @property
    def errors(self) -> tuple[Mismatch, ...]:
        """Every error, measure by measure."""
        return (
            self.quotes.errors
            + self.speakers.errors
            + self.roles.errors
            + self.organisations.errors
            + self.policies.errors
        )

    def to_dict(self, *, errors: bool = True) -> dict[str, Any]:
        """Plain form for JSON output."""
        return {
            "document": self.document,
            "report_missing": self.report_missing,
            "quotes": self.quotes.to_dict(errors=errors),
            "speakers": self.speakers.to_dict(errors=errors),
            "roles": self.roles.to_dict(errors=errors),
            "organisations": self.organisations.to_dict(errors=errors),
            "policies": self.policies.to_dict(errors=errors),
        }


@dataclass(frozen=True)
class Evaluation:
    """Per-document results and their micro-averaged totals."""

    documents: tuple[DocumentEvaluation, ...]
    totals: DocumentEvaluation
    extra_reports: tuple[str, ...] = ()  # reports with no gold document, not scored

    @property
    def errors(self) -> tuple[Mismatch, ...]:
        """Every error of every document, in document order."""
        return tuple(e for d in self.documents for e in d.errors)

    @property
    def missing_reports(self) -> tuple[str, ...]:
        """Gold documents that had no report (scored as all missed)."""
        return tuple(d.document for d in self.documents if d.report_missing)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form: totals without errors, documents with theirs."""
        return {
            "totals": self.totals.to_dict(errors=False),
            "documents": [d.to_dict() for d in self.documents],
            "missing_reports": list(self.missing_reports),
            "extra_reports": list(self.extra_reports),
        }


def _ratio(num: int, den: int, *, vacuous: Any) -> Any:
    """Divide, answering ``vacuous`` instead of dividing by zero."""
    return num / den if den else vacuous


# --------------------------------------------------------------------------- loading gold


def load_gold(gold_dir: Path) -> list[GoldDocument]:
    """Read every ``NAME.txt`` + ``NAME.gold.json`` pair of a folder, sorted by name.

    Raises EvaluationError naming the file when a pair is incomplete or a gold file malformed,
    so that a corpus error is fixed at its source rather than silently scored.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise EvaluationError(f"{gold_dir}: not a folder of gold files")
    gold_paths = sorted(gold_dir.glob(f"*{GOLD_SUFFIX}"))
    text_paths = sorted(gold_dir.glob("*.txt"))
    stems = {p.name[: -len(GOLD_SUFFIX)] for p in gold_paths}
    for text_path in text_paths:
        if text_path.stem not in stems:
            raise EvaluationError(f"{gold_dir / (text_path.stem + GOLD_SUFFIX)}: gold file missing")
    if not gold_paths:
        raise EvaluationError(f"{gold_dir}: no *{GOLD_SUFFIX} files")
    return [_load_pair(p) for p in gold_paths]


def _load_pair(gold_path: Path) -> GoldDocument:
    """Read one gold file and its text."""
    stem = gold_path.name[: -len(GOLD_SUFFIX)]
    text_path = gold_path.with_name(stem + ".txt")
    if not text_path.is_file():
        raise EvaluationError(f"{text_path}: text missing for {gold_path.name}")
    try:
        text = text_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise EvaluationError(f"{text_path}: not UTF-8 ({exc})") from exc
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{gold_path}: not valid JSON ({exc})") from exc
    return parse_gold(stem, data, text=text, source=str(gold_path))


def parse_gold(
    doc_id: str, data: Any, *, text: str = "", source: str | None = None
) -> GoldDocument:
    """Build a GoldDocument from the gold JSON format, checking its shape.

    ``source`` names the file in error messages (defaults to ``doc_id``).
    """
    where = source or doc_id
    if not isinstance(data, Mapping):
        raise EvaluationError(f"{where}: the gold annotation must be a JSON object")
    for key in ("quotes", "people", "organisations", "policies"):
        if not isinstance(data.get(key), list):
            raise EvaluationError(f"{where}: '{key}' must be a list")
    meta = data.get("document") or {}
    if not isinstance(meta, Mapping):
        raise EvaluationError(f"{where}: 'document' must be an object")
    quotes = tuple(_parse_quote(q, f"{where}: quotes[{i}]") for i, q in enumerate(data["quotes"]))
    return GoldDocument(
        id=doc_id,
        text=text,
        quotes=_locate_quotes(quotes, text),
        people=tuple(
            _parse_person(p, f"{where}: people[{i}]") for i, p in enumerate(data["people"])
        ),
        organisations=tuple(
            GoldOrganisation(
                _req_str(o, "name", f"{where}: organisations[{i}]"),
                _str_list(o, "aliases", f"{where}: organisations[{i}]"),
            )
            for i, o in enumerate(data["organisations"])
        ),
        policies=tuple(
            GoldPolicy(
                _req_str(p, "name", f"{where}: policies[{i}]"),
                _str_list(p, "people", f"{where}: policies[{i}]"),
                _str_list(p, "organisations", f"{where}: policies[{i}]"),
            )
            for i, p in enumerate(data["policies"])
        ),
        title=_opt_str(meta, "title", f"{where}: document"),
        date=_opt_str(meta, "date", f"{where}: document"),
        phenomena=_str_list(data, "phenomena", where),
        path=source,
    )


def _parse_quote(item: Any, where: str) -> GoldQuote:
    """Check and build one gold quote."""
    return GoldQuote(
        text=_req_str(item, "text", where),
        speaker=_opt_str(item, "speaker", where),
        cue=_opt_str(item, "cue", where),
    )


def _parse_person(item: Any, where: str) -> GoldPerson:
    """Check and build one gold person with their roles."""
    roles = item.get("roles", []) if isinstance(item, Mapping) else None
    if not isinstance(roles, list):
        raise EvaluationError(f"{where}: 'roles' must be a list")
    return GoldPerson(
        name=_req_str(item, "name", where),
        gender=_opt_str(item, "gender", where),
        roles=tuple(
            GoldRole(
                _req_str(r, "title", f"{where}.roles[{j}]"),
                _opt_str(r, "organisation", f"{where}.roles[{j}]"),
            )
            for j, r in enumerate(roles)
        ),
    )


def _req_str(item: Any, key: str, where: str) -> str:
    """A required, non-blank string field."""
    if not isinstance(item, Mapping):
        raise EvaluationError(f"{where}: must be an object")
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise EvaluationError(f"{where}: '{key}' must be a non-empty string")
    return value


def _opt_str(item: Any, key: str, where: str) -> str | None:
    """An optional string field (absent or null gives None)."""
    if not isinstance(item, Mapping):
        raise EvaluationError(f"{where}: must be an object")
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise EvaluationError(f"{where}: '{key}' must be a string or null")
    return value


def _str_list(item: Any, key: str, where: str) -> tuple[str, ...]:
    """An optional list of strings."""
    if not isinstance(item, Mapping):
        raise EvaluationError(f"{where}: must be an object")
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EvaluationError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _locate_quotes(quotes: tuple[GoldQuote, ...], text: str) -> tuple[GoldQuote, ...]:
    """Give each gold quote its offset, searching in text order, to break ties by position."""
    located, cursor = [], 0
    for quote in quotes:
        start = text.find(quote.text, cursor)
        if start < 0:
            start = text.find(quote.text)
        if start >= 0:
            cursor = start + len(quote.text)
        located.append(
            GoldQuote(quote.text, quote.speaker, quote.cue, start if start >= 0 else None)
        )
    return tuple(located)


# --------------------------------------------------------------------------- normalisation

_QUOTE_MARKS = frozenset("\"'`´«»‘’‚‛“”„‟‹›❮❯〝〞＂")
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼ´`′‛"})
_WORD = re.compile(r"\w+(?:-\w+)*")
_DETERMINER = re.compile(r"^(?:(?:les|le|la)\s+|l'\s*)")
_DETERMINER_ANY_CASE = re.compile(_DETERMINER.pattern, re.IGNORECASE)
_HONORIFICS = frozenset({"m", "mme", "mlle", "mr", "monsieur", "madame", "dr", "pr"})
# first words of a title that modify the head noun rather than being it
_PRENOMINAL = frozenset(
    "ancien ancienne ex futur future nouveau nouvelle premier première vice haut haute grand"
    " grande actuel actuelle sous".split()
)
# generic words that may open a policy name or be left out of it
_POLICY_CUES = tuple(
    "projet de loi|appel à projets|appel à projet|plan|programme|dispositif|loi|fonds|pack"
    "|label|stratégie|pacte|contrat|schéma|mesure|réforme|filière".split("|")
)


def quote_words(text: str) -> tuple[str, ...]:
    """Words of a quote with typography aside: NFKC, casefold, no punctuation, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    chars = (
        " " if c in _QUOTE_MARKS or unicodedata.category(c).startswith("P") else c
        for c in text
        if unicodedata.category(c) != "Cf"
    )
    return tuple("".join(chars).split())


def _unify(text: str) -> str:
    """NFKC, casefold, one apostrophe, single spaces: the base of name and title forms."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    return " ".join(text.split())


def title_words(title: str) -> tuple[str, ...]:
    """Words of a role title without its leading determiner or a bracketed party (accents
    kept): "députée (LFI) de Seine-Saint-Denis" is the title "députée de Seine-Saint-Denis"."""
    return tuple(_WORD.findall(_DETERMINER.sub("", _unify(_unbracketed(title)))))


def _unbracketed(text: str) -> str:
    """A name without what brackets add to it: "agence régionale de santé (ARS) Occitanie" is
    the name "agence régionale de santé Occitanie" with its acronym given in passing."""
    return re.sub(r"\([^()]*\)", " ", text).strip() or text


def org_words(name: str) -> tuple[str, ...]:
    """Words of an organisation name without determiner, bracketed acronym or acronym dots."""
    return tuple(_WORD.findall(_DETERMINER.sub("", _unify(_unbracketed(name))).replace(".", "")))


def policy_words(name: str) -> tuple[str, ...]:
    """Words of a policy name without its determiner or a bracketed acronym (quote marks
    around a name drop out)."""
    return tuple(_WORD.findall(_DETERMINER.sub("", _unify(_unbracketed(name)))))


def name_words(name: str) -> tuple[str, ...]:
    """Words of a person's name without a leading honorific."""
    words = _WORD.findall(_unify(_unbracketed(name)).replace("'", " "))
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return tuple(words)


_CUE_WORDS = tuple(sorted((policy_words(c) for c in _POLICY_CUES), key=len, reverse=True))


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    """Whether ``shorter`` occurs in ``longer`` as a run of whole words."""
    n = len(shorter)
    return any(tuple(longer[i : i + n]) == tuple(shorter) for i in range(len(longer) - n + 1))


# --------------------------------------------------------------------------- matching rules


def quotes_match(gold: str, predicted: str) -> bool:
    """Whether two quote texts are the same quote (see the module docstring)."""
    return _quote_score(quote_words(gold), quote_words(predicted)) is not None


def _quote_score(gold: tuple[str, ...], pred: tuple[str, ...]) -> tuple[float, ...] | None:
    """Rank of a quote pair: exact first, then by coverage; None when they do not match."""
    if not gold or not pred:
        return None
    if gold == pred:
        return (1.0, 1.0)
    shorter, longer = sorted((gold, pred), key=len)
    if len(shorter) == len(longer) or not _contains(longer, shorter):
        return None
    coverage = len(shorter) / len(longer)
    return (0.0, coverage) if coverage >= 0.8 else None


def same_person(predicted: str, gold: str, gold_names: Iterable[str] = ()) -> bool:
    """Whether a predicted name denotes the gold person, given the document's gold names.

    A surname alone or a longer form counts only when it fits no other gold person, since
    "M. Martin" says nothing when the text has two Martins.
    """
    pred, target = name_words(predicted), name_words(gold)
    if not pred or not target:
        return False
    if pred == target:
        return True
    if not _loose_name(pred, target) or not _has_capital(predicted):
        return False
    fits = {name_words(n) for n in (*gold_names, gold)}
    return {n for n in fits if n and (n == pred or _loose_name(pred, n))} == {target}


def _has_capital(name: str) -> bool:
    """Whether a name, honorific aside, has a capital letter: ``maire`` is a title, not a name."""
    words = _WORD.findall(unicodedata.normalize("NFKC", name).translate(_APOSTROPHES))
    while len(words) > 1 and words[0].casefold() in _HONORIFICS:
        words = words[1:]
    return any(c.isupper() for w in words for c in w)


def _loose_name(pred: tuple[str, ...], gold: tuple[str, ...]) -> bool:
    """Surname alone (a final part of the gold name) or a form containing the whole gold name."""
    if len(pred) < len(gold):
        return gold[-len(pred) :] == pred
    return len(pred) > len(gold) and _contains(pred, gold)


def titles_match(gold: str, predicted: str) -> bool:
    """Whether two role titles are the same title (see the module docstring)."""
    return _title_score(title_words(gold), title_words(predicted)) is not None


def _title_score(gold: tuple[str, ...], pred: tuple[str, ...]) -> tuple[float, ...] | None:
    """Rank of a title pair: exact first, then by coverage; None when they do not match."""
    if not gold or not pred:
        return None
    if gold == pred:
        return (1.0, 1.0)
    shorter, longer = sorted((gold, pred), key=len)
    if len(shorter) == len(longer) or not _contains(longer, shorter):
        return None
    head = len(shorter) == 1 and longer[0] == shorter[0] and shorter[0] not in _PRENOMINAL
    if len(shorter) >= 2 or head:
        return (0.0, len(shorter) / len(longer))
    return None


def _is_acronym(form: str) -> bool:
    """One all-capital word of two letters or more (``CCI``, ``S.N.C.F.``, ``la CCI``)."""
    raw = _DETERMINER_ANY_CASE.sub("", form.translate(_APOSTROPHES).strip()).replace(".", "")
    letters = [c for c in raw if c.isalpha()]
    return len(raw.split()) == 1 and len(letters) >= 2 and all(c.isupper() for c in letters)


def _org_contains(a: str, b: str) -> float | None:
    """Coverage when one name contains the other under the organisation rule, else None."""
    wa, wb = org_words(a), org_words(b)
    if not wa or not wb or len(wa) == len(wb):
        return None
    (short_raw, short), (_, long) = sorted(((a, wa), (b, wb)), key=lambda x: len(x[1]))
    if not _contains(long, short):
        return None
    size = sum(len(w.split("-")) for w in short)  # "Provence-Alpes-Côte" is three words
    if size >= 2 or _is_acronym(short_raw):
        return len(short) / len(long)
    return None


def _org_score(
    gold: GoldOrganisation, pred_name: str, pred_aliases: Sequence[str]
) -> tuple[float, ...] | None:
    """Rank of an organisation pair: name, then alias, then containment; None if no match."""
    pred = org_words(pred_name)
    if not pred:
        return None
    if pred == org_words(gold.name):
        return (3.0, 1.0)
    if pred in {org_words(a) for a in gold.aliases}:
        return (2.0, 1.0)
    if org_words(gold.name) in {org_words(a) for a in pred_aliases}:
        return (2.0, 1.0)
    coverages = [c for form in (gold.name, *gold.aliases) if (c := _org_contains(form, pred_name))]
    return (1.0, max(coverages)) if coverages else None


def orgs_match(gold: GoldOrganisation, predicted: str, aliases: Sequence[str] = ()) -> bool:
    """Whether a predicted organisation (with its aliases) is the gold one."""
    return _org_score(gold, predicted, aliases) is not None


def _strip_cue(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop one leading generic cue word (``plan``, ``loi``...) if something follows it."""
    for cue in _CUE_WORDS:
        if len(words) > len(cue) and words[: len(cue)] == cue:
            return words[len(cue) :]
    return words


def policies_match(gold: str, predicted: str) -> bool:
    """Whether two policy names are the same, the cue word being optional on either side."""
    return _policy_score(policy_words(gold), policy_words(predicted)) is not None


def _policy_score(gold: tuple[str, ...], pred: tuple[str, ...]) -> tuple[float, ...] | None:
    """Rank of a policy pair: exact first, then with a cue word dropped on one side."""
    if not gold or not pred:
        return None
    if gold == pred:
        return (1.0,)
    if _strip_cue(gold) == pred or gold == _strip_cue(pred):
        return (0.0,)
    return None


def match_one_to_one(
    n_gold: int, n_pred: int, score: Callable[[int, int], tuple[float, ...] | None]
) -> list[tuple[int, int]]:
    """Pair gold and predicted items, each used once: best pairs first, then a maximum matching.

    Greedy best-first keeps the most plausible pairs; augmenting paths then make sure a
    loose pair taken early does not leave a gold item unmatched that could have been matched.
    """
    scores = {
        (g, p): s for g in range(n_gold) for p in range(n_pred) if (s := score(g, p)) is not None
    }
    ranked = sorted(scores, key=lambda e: (tuple(-x for x in scores[e]), e))
    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    for g, p in ranked:
        if g not in gold_to_pred and p not in pred_to_gold:
            gold_to_pred[g], pred_to_gold[p] = p, g
    options: dict[int, list[int]] = {}
    for g, p in ranked:
        options.setdefault(g, []).append(p)

    def augment(g: int, seen: set[int]) -> bool:
        for p in options.get(g, []):
            if p in seen:
                continue
            seen.add(p)
            if p not in pred_to_gold or augment(pred_to_gold[p], seen):
                gold_to_pred[g], pred_to_gold[p] = p, g
                return True
        return False

    for g in range(n_gold):
        if g not in gold_to_pred:
            augment(g, set())
    return sorted(gold_to_pred.items())


# --------------------------------------------------------------------------- evaluation


def evaluate(gold: list[GoldDocument], reports: Mapping[str, Mapping[str, Any]]) -> Evaluation:
    """Score the reports (keyed by document stem) against the gold documents.

    A gold document without a report is scored as if nothing was extracted; reports without a
    gold document are listed in ``extra_reports`` and not scored.
    """
    documents = tuple(_evaluate_document(doc, reports.get(doc.id)) for doc in gold)
    known = {doc.id for doc in gold}
    return Evaluation(
        documents=documents,
        totals=_sum_documents(documents),
        extra_reports=tuple(sorted(k for k in reports if k not in known)),
    )


def _sum_documents(documents: Sequence[DocumentEvaluation]) -> DocumentEvaluation:
    """Micro-averaged totals: counts summed over documents."""
    total = DocumentEvaluation(
        "(total)",
        Measure("quotes"),
        SpeakerScore(),
        Measure("roles"),
        Measure("organisations"),
        Measure("policies"),
    )
    for d in documents:
        total = DocumentEvaluation(
            total.document,
            total.quotes + d.quotes,
            total.speakers + d.speakers,
            total.roles + d.roles,
            total.organisations + d.organisations,
            total.policies + d.policies,
        )
    return total


def _evaluate_document(gold: GoldDocument, report: Mapping[str, Any] | None) -> DocumentEvaluation:
    """All measures for one document."""
    pred = report or {}
    quotes, speakers = _score_quotes(gold, _list(pred, "quotes"), _list(pred, "people"))
    return DocumentEvaluation(
        document=gold.id,
        quotes=quotes,
        speakers=speakers,
        roles=_score_roles(gold, _list(pred, "people")),
        organisations=_score_organisations(gold, _list(pred, "organisations")),
        policies=_score_policies(gold, _list(pred, "policies")),
        report_missing=report is None,
    )


def _list(report: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """A list of objects from a report, tolerating its absence."""
    value = report.get(key) or []
    return [item for item in value if isinstance(item, Mapping)]


def _measure(
    doc_id: str,
    name: str,
    gold: Sequence[str],
    pred: Sequence[str],
    pairs: Sequence[tuple[int, int]],
) -> Measure:
    """Counts and missed/spurious errors from a one-to-one matching."""
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    missed = [
        Mismatch(doc_id, name, "missed", g, None)
        for i, g in enumerate(gold)
        if i not in matched_gold
    ]
    spurious = [
        Mismatch(doc_id, name, "spurious", None, p)
        for i, p in enumerate(pred)
        if i not in matched_pred
    ]
    return Measure(name, len(pairs), len(spurious), len(missed), tuple(missed + spurious))


def _gold_names(gold: GoldDocument) -> list[str]:
    """Every person name of the document's gold, for the unambiguity test."""
    return [p.name for p in gold.people] + [q.speaker for q in gold.quotes if q.speaker]


def _speaker_name(quote: Mapping[str, Any], people: Sequence[Mapping[str, Any]]) -> str | None:
    """A predicted quote's speaker name, falling back to the person its speaker_id points to."""
    name = quote.get("speaker")
    if isinstance(name, str) and name.strip():
        return name
    speaker_id = quote.get("speaker_id")
    for person in people:
        if speaker_id and person.get("id") == speaker_id and isinstance(person.get("name"), str):
            return person["name"]
    return None


def _forms(org: GoldOrganisation) -> tuple[str, ...]:
    return (org.name, *org.aliases)


def _same_speaker(predicted: str | None, gold_speaker: str, gold: GoldDocument) -> bool:
    """Same person, or the same organisation when the gold speaker is one."""
    if predicted is None:
        return False
    target = org_words(gold_speaker)
    speaking = [o for o in gold.organisations if target in {org_words(f) for f in _forms(o)}]
    if speaking:  # an organisation's name has no "surname": only the organisation rule applies
        return any(orgs_match(org, predicted) for org in speaking)
    return same_person(predicted, gold_speaker, _gold_names(gold))


def _score_quotes(
    gold: GoldDocument,
    pred_quotes: Sequence[Mapping[str, Any]],
    pred_people: Sequence[Mapping[str, Any]],
) -> tuple[Measure, SpeakerScore]:
    """Quote P/R/F1 and, on the matched quotes, speaker attribution."""
    gold_words = [quote_words(q.text) for q in gold.quotes]
    pred_texts = [str(q.get("text") or "") for q in pred_quotes]
    pred_words = [quote_words(t) for t in pred_texts]

    def score(g: int, p: int) -> tuple[float, ...] | None:
        rank = _quote_score(gold_words[g], pred_words[p])
        if rank is None:
            return None
        g_start, p_start = gold.quotes[g].start, pred_quotes[p].get("start")
        distance = abs(g_start - p_start) if g_start is not None and isinstance(p_start, int) else 0
        return (*rank, -float(distance))

    pairs = match_one_to_one(len(gold_words), len(pred_words), score)
    quotes = _measure(gold.id, "quotes", [q.text for q in gold.quotes], pred_texts, pairs)

    matched = correct = null_matched = null_given = 0
    errors: list[Mismatch] = []
    for g, p in pairs:
        expected = gold.quotes[g].speaker
        predicted = _speaker_name(pred_quotes[p], pred_people)
        if expected is None:
            null_matched += 1
            if predicted is not None:
                null_given += 1
                errors.append(
                    Mismatch(
                        gold.id, "speakers", "wrong-speaker", None, predicted, gold.quotes[g].text
                    )
                )
            continue
        matched += 1
        if _same_speaker(predicted, expected, gold):
            correct += 1
        else:
            errors.append(
                Mismatch(
                    gold.id, "speakers", "wrong-speaker", expected, predicted, gold.quotes[g].text
                )
            )
    speakers = SpeakerScore(
        matched=matched,
        correct=correct,
        gold_attributed=sum(1 for q in gold.quotes if q.speaker is not None),
        null_matched=null_matched,
        null_given=null_given,
        errors=tuple(errors),
    )
    return quotes, speakers


def _score_roles(gold: GoldDocument, pred_people: Sequence[Mapping[str, Any]]) -> Measure:
    """P/R/F1 over (person, title) pairs."""
    gold_pairs = [(p.name, r.title) for p in gold.people for r in p.roles]
    pred_pairs = [
        (str(person.get("name") or ""), str(role.get("title") or ""))
        for person in pred_people
        for role in _list(person, "roles")
    ]
    names = _gold_names(gold)

    def score(g: int, p: int) -> tuple[float, ...] | None:
        (g_name, g_title), (p_name, p_title) = gold_pairs[g], pred_pairs[p]
        if not same_person(p_name, g_name, names):
            return None
        rank = _title_score(title_words(g_title), title_words(p_title))
        exact_name = 1.0 if name_words(p_name) == name_words(g_name) else 0.0
        return None if rank is None else (*rank, exact_name)

    pairs = match_one_to_one(len(gold_pairs), len(pred_pairs), score)
    return _measure(
        gold.id,
        "roles",
        [f"{n}: {t}" for n, t in gold_pairs],
        [f"{n}: {t}" for n, t in pred_pairs],
        pairs,
    )


def _score_organisations(gold: GoldDocument, pred_orgs: Sequence[Mapping[str, Any]]) -> Measure:
    """P/R/F1 over organisation names."""
    names = [str(o.get("name") or "") for o in pred_orgs]
    aliases = [[a for a in (o.get("aliases") or []) if isinstance(a, str)] for o in pred_orgs]
    pairs = match_one_to_one(
        len(gold.organisations),
        len(names),
        lambda g, p: _org_score(gold.organisations[g], names[p], aliases[p]),
    )
    return _measure(gold.id, "organisations", [o.name for o in gold.organisations], names, pairs)


def _score_policies(gold: GoldDocument, pred_policies: Sequence[Mapping[str, Any]]) -> Measure:
    """P/R/F1 over policy names."""
    gold_names = [p.name for p in gold.policies]
    names = [str(p.get("name") or "") for p in pred_policies]
    gold_w = [policy_words(n) for n in gold_names]
    pred_w = [policy_words(n) for n in names]
    pairs = match_one_to_one(
        len(gold_w), len(pred_w), lambda g, p: _policy_score(gold_w[g], pred_w[p])
    )
    return _measure(gold.id, "policies", gold_names, names, pairs)


# --------------------------------------------------------------------------- output


def _fmt(value: float | None) -> str:
    """Three decimals, or a dash for an undefined ratio."""
    return "-" if value is None else f"{value:.3f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Left-aligned first column, right-aligned others, widths fitted to content."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def format_table(
    evaluation: Evaluation,
    *,
    baseline: Evaluation | None = None,
    name: str = "kgraph",
    baseline_name: str = "textacy",
) -> str:
    """Micro-averaged totals as plain text: P/R/F1 per measure, then speaker attribution.

    With a baseline, its columns sit beside ours so each number is read against it.
    """
    systems = [(name, evaluation)] + ([(baseline_name, baseline)] if baseline else [])
    header = ["measure"]
    for label, _ in systems:
        header += [f"{label} P", "R", "F1", "tp/fp/fn"]
    rows = []
    for measure in MEASURES:
        row = [measure]
        for _, ev in systems:
            m: Measure = getattr(ev.totals, measure)
            row += [_fmt(m.precision), _fmt(m.recall), _fmt(m.f1), f"{m.tp}/{m.fp}/{m.fn}"]
        rows.append(row)
    speaker_header = ["measure"]
    for label, _ in systems:
        speaker_header += [f"{label} accuracy", "attribution recall", "null speaker given"]
    speaker_row = ["speakers"]
    for _, ev in systems:
        s = ev.totals.speakers
        speaker_row += [
            f"{_fmt(s.accuracy)} ({s.correct}/{s.matched})",
            f"{_fmt(s.attribution_recall)} ({s.correct}/{s.gold_attributed})",
            f"{s.null_given}/{s.null_matched}",
        ]
    lines = [f"documents: {len(evaluation.documents)}"]
    if evaluation.missing_reports:
        lines.append(f"no report for: {', '.join(evaluation.missing_reports)}")
    lines += ["", *_table(header, rows), "", *_table(speaker_header, [speaker_row])]
    return "\n".join(lines) + "\n"


def format_errors(evaluation: Evaluation, limit: int | None = None) -> str:
    """The errors as plain text grouped by document, at most ``limit`` per document."""
    lines: list[str] = []
    for doc in evaluation.documents:
        errors = doc.errors
        if not errors:
            continue
        note = " (no report)" if doc.report_missing else ""
        lines.append(f"== {doc.document}{note}: {len(errors)} errors")
        shown = errors if limit is None else errors[:limit]
        for e in shown:
            lines.append(f"  {e.measure:<13} {e.kind:<13} {_describe(e)}")
        if len(shown) < len(errors):
            lines.append(f"  ... and {len(errors) - len(shown)} more")
    return "\n".join(lines) + "\n" if lines else "no errors\n"


def _describe(error: Mismatch) -> str:
    """One line for an error: gold and predicted values, and the quote for speaker errors."""
    gold = None if error.gold is None else _shorten(error.gold, 100)
    predicted = None if error.predicted is None else _shorten(error.predicted, 100)
    if error.kind == "missed":
        text = f"gold: {gold}"
    elif error.kind == "spurious":
        text = f"predicted: {predicted}"
    else:
        text = f"gold: {gold}  predicted: {predicted}"
    if error.context:
        text += f"  (« {_shorten(error.context, 70)} »)"
    return text


def _shorten(text: str, width: int) -> str:
    """One line of at most ``width`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
