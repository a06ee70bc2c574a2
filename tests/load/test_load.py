"""The endpoint under load: 20 concurrent clients running the catalogue's queries on loopback.

The default test run does a short version (``KGRAPH_LOAD_SECONDS``, 5 s); the full 60 s run is
``python tests/load/run_load.py`` (see its docstring), whose figures the README reports.
"""

from __future__ import annotations

import os

import pytest
from loadgen import run_load
from serving import kgraph_server

from kgraph.query import catalogue

pytestmark = pytest.mark.load


def test_twenty_clients_get_no_error(built_sample):
    seconds = float(os.environ.get("KGRAPH_LOAD_SECONDS", "5"))
    queries = [q.text for q in catalogue().values()]
    assert queries, "the catalogue is empty"
    with kgraph_server(built_sample / "store", "--quiet") as server:
        result = run_load(server.sparql, queries, clients=20, duration=seconds)
    summary = result.summary()
    print(f"\nload ({seconds:g} s): {summary}")
    assert result.errors == [], result.errors[:5]
    assert result.requests >= 20  # every client got at least one answer
    assert result.percentile(99) < 30_000  # nothing came near the time limit
