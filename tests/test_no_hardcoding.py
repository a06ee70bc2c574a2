"""The extractor must generalise: nothing of the sample document may appear in library code or
rules."""

from __future__ import annotations

import re
from pathlib import Path

LIBRARY = Path(__file__).resolve().parent.parent / "kgraph"
FORBIDDEN = re.compile(
    r"Wauquiez|Pannekoucke|Pernod|Relocalisation|Auvergne|Rhône-Alpes|hydrogène", re.I
)


def test_no_name_or_phrase_of_the_sample_in_the_library():
    offenders = []
    for path in LIBRARY.rglob("*"):
        if path.is_file() and path.suffix in {
            ".py",
            ".tsv",
            ".txt",
            ".json",
            ".jsonl",
            ".rq",
            ".html",
            ".js",
        }:
            if FORBIDDEN.search(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(str(path.relative_to(LIBRARY)))
    assert offenders == []
