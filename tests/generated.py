"""Helpers shared by the scale and reliability tests: generated corpora and graph comparison.

The documents come from the benchmarks' generator (``benchmarks/generate.py``), so these tests run
on the same kind of text as the benchmarks, deterministically, without shipping a corpus.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kgraph.types import Document

ROOT = Path(__file__).resolve().parent.parent
PINNED_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)


def generator():
    """The ``benchmarks/generate.py`` module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "kgraph_bench_generate", ROOT / "benchmarks" / "generate.py"
    )
    if spec.name in sys.modules:
        return sys.modules[spec.name]
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    return generator().write_corpus(folder, count, seed)


def pin_run_time(monkeypatch) -> None:
    """Runs record when they started; pin it so that two builds can be compared triple by triple.
    (The driver makes the run record and hands it to workers, so patching here reaches them.)"""
    from kgraph.rdf import RunInfo

    def now(cls, model_name: str, model_version: str, spacy_version: str) -> RunInfo:
        return cls(model_name, model_version, spacy_version, PINNED_TIME)

    monkeypatch.setattr(RunInfo, "now", classmethod(now))


def named_graphs(nquads: bytes) -> dict[str, Graph]:
    """A store's dump (N-Quads) as {graph IRI: graph}."""
    ds = Dataset()
    ds.parse(data=nquads.decode("utf-8"), format="nquads")
    graphs = {}
    for graph in ds.graphs():
        if graph.identifier != DATASET_DEFAULT_GRAPH_ID and len(graph):
            graphs[str(graph.identifier)] = graph
    return graphs


def assert_same_graphs(actual: bytes, expected: bytes) -> None:
    """Same named graphs, each isomorphic to its counterpart; the difference printed if not."""
    got, want = named_graphs(actual), named_graphs(expected)
    assert sorted(got) == sorted(want), (
        f"graphs only in actual: {sorted(set(got) - set(want))[:5]}; "
        f"only in expected: {sorted(set(want) - set(got))[:5]}"
    )
    for name, graph in want.items():
        if not isomorphic(got[name], graph):
            _, only_got, only_want = graph_diff(to_isomorphic(got[name]), to_isomorphic(graph))
            raise AssertionError(
                f"graph <{name}> differs:\n only in actual:\n"
                f"{only_got.serialize(format='nt')[:2000]}\n only in expected:\n"
                f"{only_want.serialize(format='nt')[:2000]}"
            )


class Poison(Document):
    """A document that kills the worker process reading its text (as a crash in native code or the
    kernel's OOM killer would), but not the process that made it, nor one that only forwards it
    (a Dask scheduler unpickles tasks too)."""

    def __getattribute__(self, name: str):
        if name == "text" and os.getpid() != object.__getattribute__(self, "__dict__").get("maker"):
            os._exit(3)
        return super().__getattribute__(name)


def poison(key: str = "poison") -> Poison:
    document = Poison(key=key, path=f"{key}.txt", text="Texte qui tue son processus.")
    object.__setattr__(document, "maker", os.getpid())
    return document
