"""Shared fixtures: the spaCy pipeline is loaded once for the whole suite, the sample built once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "press-release-2025-03-14-auvergne-rhone-alpes.txt"


@pytest.fixture(scope="session")
def nlp():
    from kgraph.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """text -> extraction report (dict), through the same code path as `kgraph extract`."""
    from kgraph.build import Extractor
    from kgraph.report import to_report

    extractor = Extractor()

    def run(text: str) -> dict:
        return to_report(extractor.extract_text(text), extractor.minter)

    return run


@pytest.fixture(scope="session")
def dev_text():
    """prefix -> the text of the development-corpus document whose name starts with it: for
    tests whose case only a whole document reproduces (the parser reads it in context)."""

    def read(prefix: str) -> str:
        return next((ROOT / "corpus" / "dev").glob(prefix + "*.txt")).read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory):
    """The sample press release built into a fresh output folder, once."""
    from kgraph.build import build

    out = tmp_path_factory.mktemp("sample-out")
    result = build([SAMPLE], out)
    assert not result.failures, result.failures
    return out
