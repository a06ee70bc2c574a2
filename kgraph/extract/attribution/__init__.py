"""``kgraph_attribution``: who speaks each quote, with the cue verb and the capacity they speak in.

The rules try, in order, the places French press writing puts a speaker; each rule family is a
module (tests in ``tests/extract/test_attribution.py``), and the order is the list in
``Attributor.__call__``:

1. ``incises``: right after the quote (``« … », a déclaré X``, ``a-t-il ajouté``, ``« … », selon
   X``), inside a split quote (``« A, dit-il. B »``), or ending the sentence that holds the words;
2. ``clauses``: the clause before a colon (``X affirme : « … »``, ``Pour X : « … »``), ``selon X,
   « … »`` / ``d'après X``, and the reporting verb the quote depends on (``X a assuré que « … »``,
   ``assurant que « … »``: the participle's subject is its clause's subject);
3. ``dialogue``: the answer to a question quoted just before (put to someone by name, after
   "La réponse tombe :", or by the presiding judge to the defendant), a question asked again,
   answers under "Trois questions à X", and (after all quotes) the headline of a
   question-and-answer interview;
4. ``neighbours``: the sentence after names the speaker ("C'est la question que pose X"), the
   sentence or paragraph before is about them ("Le prévenu hausse les épaules. « … »"), or the
   quote continues the one before with nothing but an incise or a paragraph break between.
Otherwise the speaker is ``None``: the text does not say, and kgraph does not guess.

A speaker phrase resolves (``resolution``) to a person mention, an organisation (``le syndicat``),
a title held by a person in the text (``a conclu le maire de Lyon``), a description bound to a
person (``descriptions``: ``le quinquagénaire``, ``son mari``), or a pronoun (``il``/``elle``),
resolved to the most recent earlier person of that gender, a common heuristic in quotation
attribution (e.g. the speaker-pronoun rule of Pareti's attribution work and of the Gender Gap
Tracker).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...lexicon import Lexicon, lexicon
from ..entities import DocEntities, QuoteMention, get_entities, register_extensions
from ..text import doc_text, token_offsets
from .capacity import speaking_capacity
from .clauses import ClauseRules
from .descriptions import DescriptionRules
from .dialogue import DialogueRules
from .incises import InciseRules
from .neighbours import NeighbourRules
from .resolution import SpeakerResolution
from .words import UNNAMED, says_i

__all__ = ["Attributor", "UNNAMED", "make_attribution", "speaking_capacity"]


class Attributor(
    DescriptionRules, SpeakerResolution, InciseRules, ClauseRules, DialogueRules, NeighbourRules
):
    """Runs the rules in order on each quote; the first that finds a speaker wins."""

    def __init__(self, lex: Lexicon, incise_window: int = 24):
        self.lex = lex
        self.window = incise_window
        # per-document state, set at the start of __call__
        self._text = ""
        self._byline_keys: set[str] = set()
        self._subject_starts: set[int] = set()
        self._descriptions: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        ents = get_entities(doc)
        ents.unnamed_subjects = self._unnamed_subjects(doc)
        self._text = doc_text(doc)
        self._byline_keys = self._bylines(doc, ents)
        self._subject_starts = self._subject_mentions(doc, ents)
        self._descriptions = {}
        self._descriptions = self._bind_descriptions(doc, ents)
        token_at, _ = token_offsets(doc)
        for char, key in sorted(self._descriptions.items()):
            person = ents.people.get(key)
            if person is not None and person.gender is None and char in token_at:
                # "Camille Fontaine … la jeune femme de 24 ans": a first name of either gender
                # takes the gender of the description that stands for her
                person.gender = self._det_gender(doc, token_at[char])
        # "la rectrice a, elle, défendu …": a description can be a sentence's subject too
        self._subject_starts |= {
            char
            for char in self._descriptions
            if char in token_at and doc[token_at[char]].dep_.startswith("nsubj")
        }
        previous: QuoteMention | None = None
        for quote in ents.quotes:
            for rule in (
                self._addressed,
                self._incise,
                self._colon,
                self._according,
                self._governing_verb,
                self._quoted_predicate,
                self._sentence_end_incise,
                self._answer,
                self._interview_answer,
                self._previous_subject_in_paragraph,
                self._next_sentence,
                self._subject_after,
                self._continuation,
                self._previous_paragraph,
                self._previous_subject,
                self._nearest_person,
            ):
                found = rule(doc, ents, quote, previous)
                if found and found[0][0] == "organisation" and says_i(quote):
                    continue  # "je" is a person speaking, never an organisation
                if found:
                    (
                        quote.speaker,
                        quote.cue,
                        quote.cue_start,
                        quote.attribution,
                        quote.confidence,
                    ) = found
                    if quote.speaker == UNNAMED:
                        quote.speaker = None
                        quote.attribution = "unnamed"
                    self._note_inverted_subject(ents, quote)
                    break
            previous = quote
        self._added_to(doc, ents)
        self._repeated(ents)
        self._interview_headline(ents)
        for quote, span in zip(ents.quotes, doc.spans["quotes"], strict=True):
            span._.speaker = quote.speaker[1] if quote.speaker else None
            span._.speaker_kind = quote.speaker[0] if quote.speaker else None
            span._.cue = quote.cue
            span._.rule = quote.attribution
            span._.confidence = quote.confidence
        return doc

    def _note_inverted_subject(self, ents: DocEntities, quote: QuoteMention) -> None:
        """ "« … », a plaidé Me Thibaut Lerch, l'avocat de Ludovic Perrard. Selon lui, …": the
        speaker named in an incise is the sentence's subject, whatever the parser's label, and
        "il"/"lui" after it prefer him to a name in his title's complement."""
        if quote.attribution != "incise" or not quote.speaker or quote.speaker[0] != "person":
            return
        for mention in ents.people[quote.speaker[1]].mentions:
            if quote.close_at < mention.start <= (quote.cue_start or quote.close_at) + 40:
                self._subject_starts.add(mention.start)


@Language.factory(
    "kgraph_attribution",
    assigns=["doc.spans", "doc._.kg"],
    requires=["doc._.kg", "token.dep", "token.lemma"],
    default_config={"incise_window": 24},
)
def make_attribution(nlp: Language, name: str, incise_window: int) -> Attributor:
    register_extensions()
    return Attributor(lexicon(), incise_window=incise_window)
