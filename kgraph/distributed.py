"""Extraction spread over several processes (one machine) or over a Dask cluster (many machines).

Why not spaCy's ``nlp.pipe(n_process=N)`` as it is: spaCy sends each processed ``Doc`` back to the
parent as bytes (``Doc.to_bytes``, user data through msgpack), and kgraph's components keep their
working state as Python objects on ``doc._.kg``, which msgpack cannot serialise, so the batch fails.
The workers here run the whole extraction, up to the typed :class:`~kgraph.types.Extraction` records
(frozen dataclasses, picklable and much smaller than a ``Doc``), and send those back instead.

- :func:`extract_in_processes` is ``kgraph build --workers N``: a pool of N processes on this
  machine, each loading the model once; records come back in input order, and the parent writes
  the store.
- :func:`extract_on_dask` is ``kgraph build --dask ADDRESS``: batches of documents go to the
  workers of a Dask cluster, each worker loads the model once (a per-process cache), turns its
  documents into N-Quads shards (one file per document) and extraction reports in the output
  folder, which must therefore be on a file system the workers share (NFS or Lustre on a SLURM
  cluster, a ReadWriteMany volume on Kubernetes); the driver then loads each shard in one
  transaction.

In both, a document that raises is reported with its error and the others go on; a document that
kills its worker process (a crash in native code, memory exhausted) costs one retry of its batch,
document by document, and is then reported and skipped.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KgraphError
from .types import Document, Extraction

if TYPE_CHECKING:
    from .build import Extractor
    from .rdf import RunInfo

log = logging.getLogger(__name__)

SHARDS_DIR = "shards"
MAX_POOL_RESTARTS = 8  # past this many deaths, every document left goes through quarantine

Outcome = tuple[Document, Extraction | None, str | None]


@cache
def _extractor(model: str, base: str) -> Extractor:
    """One extractor per worker process: the model is loaded by the first task, then reused."""
    from .build import Extractor

    return Extractor(model, base)


def _chunks(documents: Sequence[Document], size: int) -> list[list[Document]]:
    size = max(1, size)
    return [list(documents[i : i + size]) for i in range(0, len(documents), size)]


# -- one machine: a pool of processes -------------------------------------------------------
def _init_process(model: str, base: str) -> None:
    _extractor(model, base)


def _extract_chunk(
    documents: list[Document], model: str, base: str, batch_size: int
) -> list[tuple[Extraction | None, str | None]]:
    extractor = _extractor(model, base)
    return [
        (extraction, error)
        for _, extraction, error in extractor.extract_documents(
            documents, batch_size=batch_size, n_process=1
        )
    ]


def extract_in_processes(
    documents: Sequence[Document], *, model: str, base: str, n_process: int, batch_size: int = 16
) -> Iterator[Outcome]:
    """Yield (document, extraction, error) in input order, extracted by ``n_process`` processes.

    Processes are started with ``spawn`` (not ``fork``): the parent may hold an open Oxigraph store
    and its threads, which a forked child must not inherit.  The price is one model load per
    process (a few seconds), paid once per build.

    When a worker dies, every batch still in flight fails with it, so the culprit is unknown: those
    batches' documents go to *quarantine*, a one-process pool fed one document at a time, where a
    death names its document exactly; the batches not yet started go on in a fresh pool.
    """
    pending: deque[list[Document]] = deque(_chunks(documents, batch_size))
    restarts = 0
    while pending:
        pool = _pool(model, base, n_process)
        try:
            submitted = [
                (chunk, pool.submit(_extract_chunk, chunk, model, base, batch_size))
                for chunk in pending
            ]
            pending.clear()
            suspects, broken = 0, False
            for chunk, future in submitted:
                error = future.exception()
                if error is None:
                    yield from _outcomes(chunk, future.result())
                elif not isinstance(error, BrokenProcessPool):
                    yield from ((d, None, f"extraction failed: {error!r}") for d in chunk)
                # the pool broke.  Batches are dispatched in order, at most one queued beyond
                # the running ones: the first n_process + 1 that failed are the suspects, and
                # the ones after them never started
                elif suspects <= n_process or restarts >= MAX_POOL_RESTARTS:
                    restarts += 0 if broken else 1
                    broken, suspects = True, suspects + 1
                    yield from _quarantine(chunk, model, base)
                else:
                    pending.append(chunk)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _outcomes(chunk: list[Document], results: list) -> Iterator[Outcome]:
    for document, (extraction, error) in zip(chunk, results, strict=True):
        yield document, extraction, error


def _pool(model: str, base: str, n_process: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=n_process, mp_context=context, initializer=_init_process, initargs=(model, base)
    )
    _check_started(pool)
    return pool


def _quarantine(documents: list[Document], model: str, base: str) -> Iterator[Outcome]:
    """Extract suspects one at a time in a one-process pool: a death is its document's."""
    pool = None
    try:
        for document in documents:
            pool = pool or _pool(model, base, 1)
            try:
                [(extraction, error)] = pool.submit(
                    _extract_chunk, [document], model, base, 1
                ).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True)
                pool = None
                log.warning("%s: the worker process died extracting it; skipped", document.path)
                yield document, None, "extraction failed: the worker process died"
                continue
            yield document, extraction, error
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def _ping() -> bool:
    return True


def _check_started(pool: ProcessPoolExecutor) -> None:
    """Fail fast and clearly when workers cannot even start (rather than blaming documents)."""
    try:
        pool.submit(_ping).result()
    except BrokenProcessPool as exc:
        pool.shutdown(wait=True)
        raise KgraphError(
            "extraction worker processes could not start (load the model). From a script, call "
            'kgraph.build(...) under `if __name__ == "__main__":` - workers are spawned, and '
            "they import the main module again"
        ) from exc


# -- many machines: a Dask cluster ----------------------------------------------------------------
@dataclass(frozen=True)
class Shard:
    """What a Dask worker made of one resolved document: its N-Quads shard, or the error."""

    key: str
    path: str  # the source document's path
    graph: str | None = None  # the named graph's IRI
    shard: str | None = None  # the N-Quads file
    error: str | None = None


def _dask_extract(
    documents: list[Document], model: str, base: str, batch_size: int
) -> list[tuple[Extraction | None, str | None]]:
    """Runs on a worker: the model is loaded by the worker's first task, then reused."""
    return _extract_chunk(documents, model, base, batch_size)


def _dask_write(
    items: list[tuple[Extraction, tuple]], base: str, run: RunInfo, out: str
) -> list[Shard]:
    """Runs on a worker: each resolved document's report and N-Quads shard, written atomically."""
    import json

    from .build import EXTRACTIONS_DIR
    from .iris import IriMinter
    from .rdf import extraction_to_dataset
    from .report import to_report
    from .store import write_atomically

    minter, folder, shards = IriMinter(base), Path(out), []
    for extraction, extra_triples in items:
        document = extraction.document
        try:
            report = json.dumps(to_report(extraction, minter), ensure_ascii=False, indent=2)
            write_atomically(folder / EXTRACTIONS_DIR / f"{document.key}.json", report)
            graph_iri = minter.graph(document.key)
            dataset = extraction_to_dataset(extraction, run, minter=minter)
            graph = dataset.graph(graph_iri)
            for triple in extra_triples:
                graph.add(triple)
            target = folder / SHARDS_DIR / f"{document.key}.nq"
            write_atomically(target, dataset.serialize(format="nquads", encoding="utf-8"))
        except Exception as exc:  # noqa: BLE001 - one document's failure is its own
            shards.append(Shard(document.key, document.path, error=f"writing failed: {exc!r}"))
            continue
        shards.append(Shard(document.key, document.path, graph=str(graph_iri), shard=str(target)))
    return shards


class DaskRunner:
    """A connection to a Dask cluster that runs kgraph's two parallel steps.

    1. :meth:`extract`: batches of documents -> typed records (the NLP, nearly all the cost).
    2. :meth:`write_shards`: resolved records -> reports and N-Quads shards in the output folder.

    Between the two, the driver resolves entities across the corpus (``kgraph.resolve``), a step
    that needs every document's records at once and costs little.  ``scheduler`` is an address
    (``tcp://host:8786``) or a ``distributed.Client``.  A batch whose task fails (an exception that
    escaped, or its worker died and Dask gave up on it) is resubmitted one document per task, so
    that only the document at fault is reported.
    """

    def __init__(self, scheduler: Any, *, model: str, base: str, batch_size: int = 16):
        from distributed import Client

        self.own_client = not isinstance(scheduler, Client)
        self.client = Client(scheduler) if self.own_client else scheduler
        self.model, self.base, self.batch_size = model, base, batch_size

    def close(self) -> None:
        if self.own_client:
            self.client.close()

    def _run(
        self, function: Any, items: Sequence[Any], size: int, *args: Any
    ) -> Iterator[tuple[Any, Any]]:
        """Yield (item, result or exception) for each item, in input order, running ``function``
        on batches of ``size`` items.

        A batch that fails (a worker died: every task queued on it fails too, so the culprit is
        unknown) sends its items to quarantine, run after the others one task at a time, where a
        failure is its item's own."""
        from distributed import as_completed

        batches: dict[str, tuple[int, list[Any]]] = {}  # future key -> (first position, items)
        futures = []
        for start in range(0, len(items), max(1, size)):
            future = self.client.submit(
                function, list(items[start : start + size]), *args, pure=False
            )
            batches[future.key] = (start, list(items[start : start + size]))
            futures.append(future)
        done: dict[int, tuple[Any, Any]] = {}
        quarantine: list[tuple[int, Any]] = []
        following = 0
        for future in as_completed(futures):
            start, batch = batches.pop(future.key)
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, or an error that escaped
                log.warning("a batch of %d failed (%r); quarantined", len(batch), exc)
                quarantine += [(start + offset, item) for offset, item in enumerate(batch)]
                continue
            finally:
                future.release()
            for offset, pair in enumerate(zip(batch, results, strict=True)):
                done[start + offset] = pair
            while following in done:
                yield done.pop(following)
                following += 1
        del futures
        for position, item in sorted(quarantine, key=lambda pair: pair[0]):
            future = self.client.submit(function, [item], *args, pure=False)
            try:
                [outcome] = future.result()
            except Exception as exc:  # noqa: BLE001 - this item's own failure
                outcome = exc
            finally:
                future.release()
            done[position] = (item, outcome)
            while following in done:
                yield done.pop(following)
                following += 1

    def extract(self, documents: Sequence[Document]) -> Iterator[Outcome]:
        """(document, extraction, error) for each document, in input order."""
        for document, outcome in self._run(
            _dask_extract, documents, self.batch_size, self.model, self.base, self.batch_size
        ):
            if isinstance(outcome, BaseException):
                yield document, None, f"extraction failed: its worker failed ({outcome!r})"
            else:
                yield document, *outcome

    def write_shards(
        self, items: Sequence[tuple[Extraction, tuple]], run: RunInfo, out: str | Path
    ) -> Iterator[Shard]:
        """One :class:`Shard` per (resolved extraction, extra triples), in input order."""
        folder = str(Path(out).resolve())
        for (extraction, _), outcome in self._run(
            _dask_write, items, self.batch_size, self.base, run, folder
        ):
            if isinstance(outcome, BaseException):
                document = extraction.document
                yield Shard(document.key, document.path, error=f"its worker failed ({outcome!r})")
            else:
                yield outcome
