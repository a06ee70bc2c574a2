"""Build time, peak memory and query latency as the corpus grows.

For each size, a generated corpus (``benchmarks/corpora/<size>``, ignored by git) is built by
``kgraph build`` in a fresh process, so that its peak memory (``ru_maxrss``) is its own, without
SHACL validation and the HTML network (both are exports whose cost is not the build's).  On
the largest graph, the query catalogue (``kgraph/queries/*.rq``) is timed through kgraph (Oxigraph)
and through rdflib's default memory store (the same SPARQL strings, the same prefixes), and, when
``kgraph serve`` exists, through its HTTP endpoint on 127.0.0.1.

Usage::

    python benchmarks/scale.py --sizes 1000 10000 --workers 1 --json benchmarks/results/scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_corpus  # noqa: E402


def build_once(corpus: Path, out: Path, workers: int) -> dict:
    """Runs in a child process: one build, timed, with its own peak memory."""
    from kgraph.build import build

    start = time.perf_counter()
    result = build([corpus], out, validate_output=False, visualize=False, n_process=workers)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
    return {
        "documents": len(result.documents),
        "failures": len(result.failures),
        "words": words,
        "seconds": round(seconds, 1),
        "docs_per_s": round(len(result.documents) / seconds, 2),
        "words_per_s": round(words / seconds),
        "peak_rss_mb": round(rss),
        "peak_rss_worker_mb": round(children),
        "triples": result.counts.get("triples"),
        "store_mb": round(
            sum(f.stat().st_size for f in (out / "store").rglob("*") if f.is_file()) / 1e6, 1
        ),
    }


def _timed(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def oxigraph_latency(store_dir: Path, name: str, repeats: int) -> float:
    """Runs in a child process (a query cannot be interrupted inside Oxigraph): median seconds."""
    from kgraph.query import catalogue, run_query
    from kgraph.store import Store

    store = Store(store_dir, read_only=True, create=False)
    text = catalogue()[name].text
    return _timed(lambda: run_query(store, text), repeats)


def query_latencies(store_dir: Path, repeats: int, limit: float) -> dict:
    """Median seconds of each catalogue query: Oxigraph through kgraph (in a child process, ended
    after ``limit`` seconds) vs rdflib's memory store (interrupted after ``limit`` seconds)."""
    from rdflib import Dataset

    from kgraph.namespace import PREFIXES
    from kgraph.query import catalogue
    from kgraph.store import Store

    store = Store(store_dir, read_only=True, create=False)
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(data=store.dump("nquads").decode("utf-8"), format="nquads")
    rdflib_load = time.perf_counter() - start
    del store
    namespaces = {p: str(ns) for p, ns in PREFIXES.items()}
    rows = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name, entry in catalogue().items():
        try:
            child = subprocess.run([sys.executable, __file__, "--repeats", str(repeats),
                                    "--query-child", str(store_dir), name],
                                   capture_output=True, text=True, timeout=limit + 15)
            ox_s = float(child.stdout.strip().splitlines()[-1]) if child.returncode == 0 \
                else f"error: {child.stderr.strip().splitlines()[-1][:80]}"
        except subprocess.TimeoutExpired:
            ox_s = None
        signal.alarm(int(limit))
        try:
            rd_s = _timed(lambda text=entry.text: list(ds.query(text, initNs=namespaces)), 1)
        except Timeout:
            rd_s = None
        except Exception as exc:  # noqa: BLE001 - rdflib may not support a construct Oxigraph does
            rd_s = f"error: {type(exc).__name__}"
        finally:
            signal.alarm(0)
        rows[name] = {"oxigraph_ms": _ms(ox_s, limit), "rdflib_ms": _ms(rd_s, limit)}
        print(name, rows[name], flush=True)
    return {"rdflib_load_s": round(rdflib_load, 1), "limit_s": limit, "queries": rows}


def _ms(value, limit: float):
    if value is None:
        return f"> {limit:.0f} s"
    return round(value * 1000, 1) if isinstance(value, float) else value


def endpoint_latencies(store_dir: Path, repeats: int, names: list[str]) -> dict | None:
    """Median seconds of catalogue queries (``names``: those Oxigraph answers in a few seconds)
    over HTTP vs directly, when kgraph serve exists."""
    try:
        import kgraph.commands.serve  # noqa: F401
    except ImportError:
        return None
    from kgraph.query import catalogue, run_query
    from kgraph.store import Store

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kgraph.cli",
            "serve",
            "--store",
            str(store_dir),
            "--port",
            str(port),
            "--quiet",
            "--max-results",
            "1000000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        store = Store(store_dir, read_only=True, create=False)
        rows = {}
        for name, entry in catalogue().items():
            if name not in names:
                continue
            body = urllib.parse.urlencode({"query": entry.text}).encode()

            def http(body=body):
                request = urllib.request.Request(
                    url,
                    data=body,
                    headers={"Accept": "application/sparql-results+json, application/n-triples"},
                )
                with urllib.request.urlopen(request, timeout=120) as response:
                    response.read()

            direct = _timed(lambda text=entry.text: run_query(store, text), repeats)
            rows[name] = {
                "direct_ms": round(direct * 1000, 1),
                "http_ms": round(_timed(http, repeats) * 1000, 1),
            }
        return rows
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--limit", type=float, default=120, help="Seconds per query and engine.")
    parser.add_argument("--work", type=Path, default=HERE / "corpora")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--reuse", action="store_true",
                        help="Keep a size's earlier build (its build.json), do not build again.")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--query-child", nargs=2, metavar=("STORE", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.query_child:
        print(oxigraph_latency(Path(args.query_child[0]), args.query_child[1], args.repeats))
        return
    if args.child:
        print(json.dumps(build_once(Path(args.child[0]), Path(args.child[1]), args.workers)))
        return
    results: dict = {"builds": [], "workers": args.workers}
    for size in args.sizes:
        corpus, out = args.work / f"{size}", args.work / f"out-{size}"
        if not corpus.exists():
            write_corpus(corpus, size, args.seed)
        if args.reuse and (out / "build.json").exists():
            results["builds"].append(json.loads((out / "build.json").read_text()))
            continue
        subprocess.run(["rm", "-rf", str(out)], check=True)
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--workers",
                str(args.workers),
                "--child",
                str(corpus),
                str(out),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        if child.returncode:
            sys.exit(child.stderr[-3000:])
        row = {"size": size, **json.loads(child.stdout.strip().splitlines()[-1])}
        (out / "build.json").write_text(json.dumps(row))
        results["builds"].append(row)
        print(json.dumps(row), flush=True)
    largest = args.work / f"out-{max(args.sizes)}" / "store"
    results["queries"] = query_latencies(largest, args.repeats, args.limit)
    print(json.dumps(results["queries"], indent=1), flush=True)
    quick = [name for name, row in results["queries"]["queries"].items()
             if isinstance(row["oxigraph_ms"], float) and row["oxigraph_ms"] < 10_000]
    results["endpoint"] = endpoint_latencies(largest, args.repeats, quick)
    print(json.dumps(results["endpoint"], indent=1), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
