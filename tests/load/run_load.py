"""The full load test: 20 clients for 60 s against ``kgraph serve`` on 127.0.0.1.

    .venv/bin/python tests/load/run_load.py                    # builds data/ into a temporary store
    .venv/bin/python tests/load/run_load.py --store out/store --duration 60 --clients 20

Starts its own server (and stops it), runs the catalogue's queries, prints the latency percentiles
as JSON, and exits 1 if any request failed.  Bounded: loopback only, at most --duration seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from loadgen import run_load  # noqa: E402
from serving import kgraph_server  # noqa: E402

from kgraph.query import catalogue  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--store", type=Path, default=None, help="store to serve (default: build data/)"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=None, help="kgraph serve --workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            from kgraph.build import build

            build(
                [HERE.parent.parent / "data"],
                Path(tmp) / "out",
                validate_output=False,
                visualize=False,
            )
            store = Path(tmp) / "out" / "store"
        queries = [q.text for q in catalogue().values()]
        extra = ["--workers", str(args.workers)] if args.workers else []
        with kgraph_server(store, "--quiet", *extra) as server:
            result = run_load(server.sparql, queries, clients=args.clients, duration=args.duration)
    summary = {**result.summary(), "queries": len(queries)}
    print(json.dumps(summary))
    for error in result.errors[:10]:
        print("error:", error, file=sys.stderr)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
