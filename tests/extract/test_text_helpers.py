"""Helpers shared by the rules."""

from __future__ import annotations

import pytest

from kgraph.extract.text import paragraph_start

WITH_BLANK_LINES = "Un.\n\nDeux.\n\n\nTrois."
WITHOUT = "Un.\nDeux.\nTrois."


@pytest.mark.parametrize("text", [WITH_BLANK_LINES, WITHOUT])
def test_paragraphs_are_counted_the_same_with_or_without_blank_lines(text):
    at = text.index("Trois")
    assert text[paragraph_start(text, at) :].startswith("Trois")
    assert text[paragraph_start(text, at, back=1) :].startswith("Deux")
    assert paragraph_start(text, at, back=2) == 0
    assert paragraph_start(text, at, back=5) == 0
