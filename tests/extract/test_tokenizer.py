"""The tokenizer keeps Breton c'h names whole and still splits French elisions."""

from __future__ import annotations

import pytest

from kgraph.extract import load_pipeline


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Le Floc’h a parlé.", ["Le", "Floc’h", "a", "parlé", "."]),
        ("Anne Kerc'hoz, maire.", ["Anne", "Kerc'hoz", ",", "maire", "."]),
        ("l'eau d’ici", ["l'", "eau", "d’", "ici"]),
        ("L'hôpital et l'humour", ["L'", "hôpital", "et", "l'", "humour"]),
    ],
)
def test_digraph_words_stay_whole_and_elisions_split(text, tokens):
    assert [t.text for t in load_pipeline().tokenizer(text)] == tokens
