"""The development corpus is well formed: every gold file says what its text says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOLD = sorted(CORPUS.glob("*/*.gold.json"))


def test_corpus_size_and_split():
    dev = list((CORPUS / "dev").glob("*.gold.json"))
    heldout = list((CORPUS / "heldout").glob("*.gold.json"))
    assert len(dev) + len(heldout) >= 40
    assert len(heldout) >= 10
    assert not {p.name for p in dev} & {p.name for p in heldout}


def test_every_text_has_gold_and_back():
    for folder in ("dev", "heldout"):
        texts = {p.stem for p in (CORPUS / folder).glob("*.txt")}
        golds = {p.name[: -len(".gold.json")] for p in (CORPUS / folder).glob("*.gold.json")}
        assert texts == golds


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.name)
def test_gold_agrees_with_its_text(gold_path):
    text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(
        encoding="utf-8"
    )
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    names = {p["name"] for p in gold["people"]} | {o["name"] for o in gold["organisations"]}
    position = 0
    for quote in gold["quotes"]:
        found = text.find(quote["text"], position)
        assert found >= 0, f"quote not in text, in order: {quote['text'][:60]}"
        assert quote["text"] == quote["text"].strip(" \u00a0\u202f\n")
        position = found + 1
        assert quote["speaker"] is None or quote["speaker"] in names
    for policy in gold["policies"]:
        assert set(policy.get("people", [])) <= names
    assert gold["document"].get("date") is None or re.match(
        r"^\d{4}-\d\d-\d\d(T\d\d:\d\d)?$", gold["document"]["date"]
    )


def test_phenomena_tags_are_documented():
    listed = set(
        re.findall(r"`([a-z0-9-]+)`", (CORPUS / "PHENOMENA.md").read_text(encoding="utf-8"))
    )
    used = {
        tag
        for path in GOLD
        for tag in json.loads(path.read_text(encoding="utf-8")).get("phenomena", [])
    }
    assert used - listed == set()
