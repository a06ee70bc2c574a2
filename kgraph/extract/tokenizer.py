"""Tokenizer adjustments for names the French model's rules cut in two.

spaCy's French tokenizer splits after an apostrophe to separate elisions ("l'eau" -> "l'", "eau").
Breton names write the digraph *c'h* with an apostrophe (Le Floc'h, Guivarc'h, Kerc'hoz), which
the elision rule cuts into "Floc'" + "h": the person becomes "Le Floc'" or disappears. A word with
the digraph is kept whole; every other elision is split as before.
"""

from __future__ import annotations

import re

from spacy.language import Language

_DIGRAPH_WORD = re.compile(r"^[^\W\d_][\w-]*[cC]['’][hH]\w*$")


def keep_digraph_words(nlp: Language) -> Language:
    """Make ``nlp``'s tokenizer keep words with a *c'h* digraph whole (idempotent)."""
    tokenizer = nlp.tokenizer
    previous = tokenizer.token_match
    if getattr(previous, "__name__", "") == "_digraph_or_previous":
        return nlp

    def _digraph_or_previous(text: str):
        return _DIGRAPH_WORD.match(text) or (previous(text) if previous else None)

    tokenizer.token_match = _digraph_or_previous
    return nlp
