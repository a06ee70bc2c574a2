"""Closed word classes and small helpers the attribution rules share."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..entities import QuoteMention

PRONOUNS = {"il": "m", "elle": "f"}
DEMONSTRATIVES = {"celui": "m", "celle": "f"}
CLITICS = {
    "-il",
    "-elle",
    "-t-il",
    "-t-elle",
    "-ils",
    "-elles",
    "-on",
    "-t-on",
    "-t-ils",
    "-t-elles",
}
INDEFINITE = {"un", "une", "des", "plusieurs", "certains", "certaines", "quelques"}
DEFINITE = {"le", "la", "l'", "du", "au"}
# endings of agent nouns for people ("spectateur", "habitante", "supporter"), for an unnamed
# speaker the lexicon does not list
AGENT_ENDINGS = ("eur", "euse", "rice", "ier", "ière", "iste", "ien", "ienne", "ant", "ante", "er")
RELATIVE = {"qui", "que", "qu'", "dont", "où", "lequel", "laquelle"}
UNNAMED = ("unnamed", "")  # the text says who speaks without naming them: no other rule may guess
UNNAMED_PERSON = object()  # a pronoun's antecedent that the text does not name
ADVERBS = {
    "encore",
    "aussi",
    "ainsi",
    "alors",
    "également",
    "enfin",
    "plus",
    "pour",
    "sa",
    "son",
    "part",
    "de",
    "t-il",
    "ensuite",
    "d'ailleurs",
    "déjà",
    "même",
    "simplement",
    "sobrement",
}
STOP = {".", ";", "!", "?", "\n"}
# an unnamed "porte-parole de X" speaks for X
SPOKESPEOPLE = {"porte-parole", "représentant", "représentante", "communiqué", "message"}
PROPOS = {"propos", "déclaration", "mots", "paroles", "réaction", "message"}


def asks(quote: QuoteMention) -> bool:
    """The quoted words end on a question mark (spaces and closing marks aside)."""
    return quote.text.rstrip(' \u00a0\u202f»”"').endswith("?")


FIRST_PERSON_SINGULAR = re.compile(r"\b(?:(?:je|moi|me|mon|ma|mes)\b|[jm]['’])", re.IGNORECASE)


def says_i(quote: QuoteMention) -> bool:
    """The quoted words speak in the first person singular ("je l'assume"): a person's words,
    never an organisation's, which speaks as "nous"."""
    return FIRST_PERSON_SINGULAR.search(quote.text) is not None


def morph_gender(token: Token) -> str | None:
    """The grammatical gender spaCy reads on a noun ("l'accusée" -> f), for "l'" that says none."""
    gender = token.morph.get("Gender")
    return {"Masc": "m", "Fem": "f"}.get(gender[0]) if gender else None
