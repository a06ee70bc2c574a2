"""Small token and string tests shared by the rules."""

from __future__ import annotations

import re

from spacy.tokens import Token

APOSTROPHES = "'’"
SPACES = " \u00a0\u202f\u2009\t"


def norm(word: str) -> str:
    """Lowercase with typographic apostrophes unified, the form lexicon entries are written in."""
    return word.lower().replace("’", "'")


def is_capitalised(token: Token) -> bool:
    """A word that starts with an upper-case letter (names, acronyms), not a sentence-initial
    DET."""
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= len(letters) <= 8
        and all(c.isupper() for c in letters)
        and text.replace(".", "").replace("&", "").replace("-", "").isalnum()
    )


def inside_hyphenated_name(token: Token) -> bool:
    """A lower-case word glued by hyphens on both sides inside a place name the tokenizer cut up
    ("Alpes-de-Haute-Provence", "Bras-Rouge-les-Hauts"): a part of the name, not a connector."""
    doc, i = token.doc, token.i
    return (
        0 < i < len(doc) - 2
        and doc[i - 1].text == "-"
        and doc[i + 1].text == "-"
        and not doc[i - 2].whitespace_
        and not doc[i - 1].whitespace_
        and not token.whitespace_
        and not doc[i + 1].whitespace_
        and is_capitalised(doc[i - 2])
        and is_capitalised(doc[i + 2])
    )


def is_paragraph_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def is_boundary_punct(token: Token) -> bool:
    return (
        token.text in {",", ";", ":", "(", ")", "[", "]", ".", "!", "?", "…", "—", "–"}
        or token.is_space
    )


def is_speech_verb(token: Token, lex) -> bool:
    """A reporting verb, recognised by its lemma or by its written form (the French lemmatizer
    leaves some forms unlemmatised: "estime" -> "estime"), or as the first word of a multi-word
    one ("fait valoir", "met en garde"). A noun after a determiner ("le juge") is not a verb."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    inverted = (  # "lâche-t-elle" tagged a proper noun: a word with a subject clitic is a verb
        token.pos_ == "PROPN"
        and token.text.islower()
        and nxt is not None
        and nxt.text.startswith("-")
        and nxt.text.lower().split("-")[-1] in {"il", "elle", "ils", "elles", "on", "t"}
    )
    if not inverted and token.pos_ in (
        "DET",
        "ADP",
        "PUNCT",
        "PRON",
        "CCONJ",
        "SCONJ",
        "NUM",
        "SPACE",
        "PROPN",
    ):
        return False
    if token.pos_ == "NOUN" and token.i > 0 and token.doc[token.i - 1].pos_ == "DET":
        return False
    if token.lemma_.lower() in lex.speech_verbs or norm(token.text) in lex.speech_forms:
        return True
    doc = token.doc
    for phrase in lex.speech_form_phrases:
        if (
            phrase[0] == norm(token.text)
            and tuple(norm(t.text) for t in doc[token.i : token.i + len(phrase)]) == phrase
        ):
            return True
    for phrase in lex.speech_phrases:
        lemmas = tuple(t.lemma_.lower() for t in doc[token.i : token.i + len(phrase)])
        if lemmas == phrase:
            return True
    return False


_SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"]?\s+(?=[«“\"A-ZÀ-ÖØ-Þ])|\n+")


def sentence_spans(doc) -> list:
    """Sentences read from punctuation and line breaks, not from the parser, whose boundaries
    are unreliable around names and numbers ("Le plan | Eau 2030 est …")."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(doc.text):
        span = doc.char_span(start, match.start(), alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
        start = match.end()
    span = doc.char_span(start, len(doc.text), alignment_mode="expand")
    if span is not None and len(span):
        spans.append(span)
    return spans


def doc_text(doc) -> str:
    """``doc.text``, computed once per document: spaCy rebuilds the string from the tokens on
    every access, which made character lookups quadratic."""
    text = doc.user_data.get("kgraph_text")
    if text is None:
        text = doc.user_data["kgraph_text"] = doc.text
    return text


def tokens_text(doc, start: int, end: int) -> str:
    """The words of tokens ``doc[start:end]`` as written, runs of spaces folded to one."""
    return " ".join(doc_text(doc)[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])].split())


def paragraph_start(text: str, char: int, back: int = 0) -> int:
    """Offset where the paragraph holding ``char`` starts, or the one ``back`` paragraphs
    earlier.  Blank lines between paragraphs count as one break, so that texts written with
    and without empty lines between paragraphs read the same."""
    start = text.rfind("\n", 0, char) + 1
    for _ in range(back):
        k = start - 1
        while k > 0 and text[k - 1] in "\n \t\r\u00a0\u202f":
            k -= 1  # skip the break and any blank lines before it
        if k <= 0:
            return 0
        start = text.rfind("\n", 0, k) + 1
    return start


def in_heading(text: str, char: int) -> bool:
    """Whether ``char`` lies on a heading: a line that does not end a sentence ("Une ancienne
    adjointe dans l'équipe"), as headlines and subheadings do not."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    line = text[start : len(text) if end < 0 else end].strip()
    return bool(line) and line[-1] not in '.!?…:»”"' and len(line.split()) <= 15


def doc_words(doc) -> list[str]:
    """Every token's ``norm``, computed once per document (rules look words up by position
    thousands of times, and spaCy builds a new Token object on each access)."""
    words = doc.user_data.get("kgraph_words")
    if words is None:
        words = doc.user_data["kgraph_words"] = [norm(t.text) for t in doc]
    return words


def token_offsets(doc) -> tuple[dict[int, int], dict[int, int]]:
    """Maps from a character offset to the token that starts there, and from an end offset to
    the index after the token that ends there — computed once per document."""
    offsets = doc.user_data.get("kgraph_offsets")
    if offsets is None:
        starts, ends = {}, {}
        for t in doc:
            starts[t.idx] = t.i
            ends[t.idx + len(t.text)] = t.i + 1
        offsets = doc.user_data["kgraph_offsets"] = (starts, ends)
    return offsets
