"""The capacity a person speaks in: which of their roles a quote is said in."""

from __future__ import annotations

from spacy.tokens import Doc

from ..entities import DocEntities, QuoteMention, RoleMention


def speaking_capacity(doc: Doc, ents: DocEntities, quote: QuoteMention) -> RoleMention | None:
    """The role in which a person speaks: the title written next to their name in the attribution
    sentence, else their only role in the document, else the last one stated before the quote."""
    if not quote.speaker or quote.speaker[0] != "person":
        return None
    person = ents.people[quote.speaker[1]]
    if not person.roles:
        return None
    if len(person.roles) == 1:
        return person.roles[0]
    window_start = max(0, (quote.cue_start or quote.open_at) - 300)
    window_end = (quote.cue_start or quote.close_at) + 300
    near = [r for r in person.roles if window_start <= r.start <= window_end]
    if near:
        anchor = quote.cue_start or quote.open_at
        return min(near, key=lambda r: abs(r.start - anchor))
    before = [r for r in person.roles if r.start < quote.open_at]
    return before[-1] if before else person.roles[0]
