"""Character-level quote-mark pairing: exact offsets, broken typography recovered, never a crash."""

from __future__ import annotations

import pytest

from kgraph.extract.quote_marks import find_marked_spans
from kgraph.lexicon import lexicon


def spans(text):
    return [
        (text[s.start : s.end], s.recovered) for s in find_marked_spans(text, lexicon().quote_pairs)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il dit : « Bonjour à tous. »", [("Bonjour à tous.", None)]),
        ("Il dit : «\u00a0Bonjour\u00a0»", [("Bonjour", None)]),
        ("Il dit : «\u202fBonjour\u202f»", [("Bonjour", None)]),
        ("Il dit : «Bonjour»", [("Bonjour", None)]),
        ("Il dit : “Bonjour”", [("Bonjour", None)]),
        (
            'Il dit : "Bonjour à tous" puis "au revoir"',
            [("Bonjour à tous", None), ("au revoir", None)],
        ),
        ("Il dit : ‹ Bonjour ›", [("Bonjour", None)]),
        # nested: only the outer quote
        ("« Il m'a dit “non” hier »", [("Il m'a dit “non” hier", None)]),
        ("« Il m'a dit « non » hier »", [("Il m'a dit « non » hier", None)]),
        # over two paragraphs, the second reopened with «
        ("X :\n« Premier.\n« Second. »\nFin.", [("Premier.\n« Second.", None)]),
        # opening mark lost
        ("Nous partirons demain », a-t-il dit.", [("Nous partirons demain", "lost-opening")]),
        (
            "Il a déclaré : nous partirons demain », a-t-il dit.",
            [("nous partirons demain", "lost-opening")],
        ),
        # never closed: ends with its paragraph
        ("Elle lance « nous verrons bien\nSuite.", [("nous verrons bien", "unclosed")]),
        ("Pas de citation ici.", []),
        ("« »", []),
    ],
)
def test_marked_spans(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text", ["»»»", "««", "« « « »", '"', "“”„‹›", "»\n«\n»", "« \n\n\n"])
def test_broken_typography_never_crashes(text):
    for span in find_marked_spans(text, lexicon().quote_pairs):
        assert 0 <= span.start <= span.end <= len(text)
