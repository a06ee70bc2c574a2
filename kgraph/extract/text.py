"""Small token and string tests shared by the rules."""

from __future__ import annotations

from spacy.tokens import Token

APOSTROPHES = "'’"
SPACES = " \u00a0\u202f\u2009\t"


def norm(word: str) -> str:
    """Lowercase with typographic apostrophes unified, the form lexicon entries are written in."""
    return word.lower().replace("’", "'")


def is_capitalised(token: Token) -> bool:
    """A word that starts with an upper-case letter (names, acronyms), not a sentence-initial DET."""
    text = token.text
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and text.replace(".", "").replace("&", "").replace("-", "").isalnum()


def is_paragraph_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def is_boundary_punct(token: Token) -> bool:
    return token.text in {",", ";", ":", "(", ")", "[", "]", ".", "!", "?", "…", "—", "–"} or token.is_space
