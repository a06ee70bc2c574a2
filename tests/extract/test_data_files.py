"""The lexicon's word lists (``kgraph/data/*.txt``): each says where it comes from, and lists each
entry once, so that extending one is a one-line change that cannot shadow an older line."""

from pathlib import Path

import pytest

from kgraph.lexicon import read_lines

DATA = Path(__file__).resolve().parents[2] / "kgraph" / "data"
WORD_LISTS = sorted(p.name for p in DATA.glob("*.txt"))


@pytest.mark.parametrize("name", WORD_LISTS)
def test_a_word_list_starts_with_a_comment_and_lists_each_entry_once(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.lstrip().startswith("#"), f"{name} has no comment saying where it comes from"
    entries = read_lines(name)
    repeated = sorted({e for e in entries if entries.count(e) > 1})
    assert not repeated, f"{name} lists {repeated} more than once"
