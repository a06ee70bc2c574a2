"""The main job: documents in, a store, exports, reports and a network out.

One document's failure (unreadable file, a crash in a rule) is reported and skipped; the others
still
land, and no partial output is left behind: the store is written one document per transaction and
every file is written to a temporary name and renamed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from rdflib import Dataset, Graph

from ._callable import make_callable
from .entities_file import find_entities_file, read_entities
from .errors import InputError, KgraphError
from .extract import DEFAULT_MODEL, load_pipeline
from .ingest import DEFAULT_MAX_BYTES, iter_source_files, make_document, read_document
from .iris import IriMinter
from .namespace import DEFAULT_BASE, bind_prefixes
from .rdf import RunInfo, extraction_to_dataset
from .records import to_extraction
from .report import to_report
from .resolve import EntityIndex, Resolver, resolve_all
from .store import Store, write_atomically
from .types import Document, Extraction

if TYPE_CHECKING:
    from .distributed import Shard

log = logging.getLogger(__name__)

STORE_DIR = "store"
EXTRACTIONS_DIR = "extractions"


@dataclass
class Failure:
    path: str
    message: str


@dataclass
class BuildResult:
    out: Path
    documents: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    conforms: bool | None = None
    violations: int = 0
    outputs: dict[str, Path] = field(default_factory=dict)


class Extractor:
    """The loaded model and what a run records about it; loads the model once."""

    def __init__(self, model: str = DEFAULT_MODEL, base: str = DEFAULT_BASE):
        self.model, self.base = model, base
        self.nlp = load_pipeline(model)
        self.minter = IriMinter(base)
        meta = self.nlp.meta
        self.run = RunInfo.now(
            f"{meta.get('lang', 'fr')}_{meta.get('name', model)}",
            meta.get("version", "unknown"),
            spacy.__version__,
        )

    def extract_documents(
        self, documents: list[Document], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterable[tuple[Document, Extraction | None, str | None]]:
        """Yield (document, extraction, error) in input order; a crash on one document is its error.

        With ``n_process > 1`` the records are made in worker processes (``kgraph.distributed``):
        spaCy's own ``n_process`` cannot send ``doc._.kg`` back to this process."""
        if n_process > 1 and len(documents) > 1:
            from .distributed import extract_in_processes

            yield from extract_in_processes(
                documents,
                model=self.model,
                base=self.base,
                n_process=n_process,
                batch_size=batch_size,
            )
            return
        texts = (d.text for d in documents)
        try:
            docs = list(self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
        except Exception:  # noqa: BLE001 - one bad document must not sink the batch: retry one by one
            log.warning("batch failed; extracting documents one at a time")
            docs = []
            for d in documents:
                try:
                    docs.append(self.nlp(d.text))
                except Exception as exc:  # noqa: BLE001
                    docs.append(exc)
        for document, doc in zip(documents, docs, strict=True):
            if isinstance(doc, Exception):
                yield document, None, f"extraction failed: {doc!r}"
                continue
            try:
                yield document, to_extraction(document, doc), None
            except Exception as exc:  # noqa: BLE001
                yield document, None, f"extraction failed: {exc!r}"

    def extract_text(self, text: str, *, path: str = "<text>") -> Extraction:
        document = make_document(text, path=path)
        _, extraction, error = next(iter(self.extract_documents([document])))
        if error:
            raise KgraphError(error)
        return extraction


def read_all(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Document], list[Failure]]:
    documents, failures = [], []
    keys: dict[str, str] = {}
    for path in iter_source_files(paths):
        try:
            document = read_document(path, max_bytes=max_bytes)
        except InputError as exc:
            failures.append(Failure(str(path), str(exc)))
            continue
        if document.key in keys:
            failures.append(
                Failure(
                    str(path),
                    f"{path}: same document id as {keys[document.key]} "
                    "(file names must differ); skipped",
                )
            )
            continue
        keys[document.key] = str(path)
        documents.append(document)
    return documents, failures


def build(
    paths: Iterable[str | Path],
    out: str | Path = "out",
    *,
    model: str = DEFAULT_MODEL,
    base: str = DEFAULT_BASE,
    validate_output: bool = True,
    visualize: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = 16,
    n_process: int = 1,
    dask: object | None = None,
    entities: str | Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> BuildResult:
    """Extract every document under ``paths`` into the store in ``out`` and write the exports.

    ``n_process`` spreads extraction over processes of this machine; ``dask`` (a scheduler address
    or a ``distributed.Client``) over a Dask cluster (see ``kgraph.distributed``).  ``entities`` is
    the entities file to apply (default: ``entities.csv`` in the corpus folder, see
    ``kgraph.entities_file``)."""
    out = Path(out)
    result = BuildResult(out=out)
    paths = list(paths)
    entities = entities if entities is not None else find_entities_file(paths)
    documents, failures = read_all(paths, max_bytes=max_bytes)
    result.failures.extend(failures)
    store = Store(out / STORE_DIR)
    extractor = Extractor(model, base)
    runner = None
    if dask is not None:  # kgraph.distributed: extraction and RDF on the cluster, resolution here
        from .distributed import DaskRunner

        runner = DaskRunner(dask, model=model, base=base, batch_size=batch_size)
    outcomes = (
        runner.extract(documents)
        if runner
        else extractor.extract_documents(documents, batch_size=batch_size, n_process=n_process)
    )
    extracted: list[Extraction] = []
    for n, (document, extraction, error) in enumerate(outcomes, start=1):
        if progress:
            progress(n, len(documents), document.path)
        if error or extraction is None:
            result.failures.append(Failure(document.path, f"{document.path}: {error}"))
            continue
        extracted.append(extraction)
    # one IRI per entity across documents, and the researcher's entities file (kgraph.resolve)
    resolver = Resolver(
        EntityIndex.from_store(store, extractor.minter),
        read_entities(entities) if entities else None,
        extractor.minter,
    )
    resolutions = resolve_all(extracted, resolver)
    if runner:
        _load_shards(
            runner.write_shards(
                [(r.extraction, r.triples) for r in resolutions], extractor.run, out
            ),
            out,
            store,
            result,
        )
        runner.close()
        resolutions = []
    for resolution in resolutions:
        extraction, document = resolution.extraction, resolution.extraction.document
        try:
            write_atomically(
                out / EXTRACTIONS_DIR / f"{document.key}.json",
                json.dumps(to_report(extraction, extractor.minter), ensure_ascii=False, indent=2),
            )
            dataset = extraction_to_dataset(extraction, extractor.run, minter=extractor.minter)
            graph_iri = extractor.minter.graph(document.key)
            graph = dataset.graph(graph_iri)
            for triple in resolution.triples:
                graph.add(triple)
            store.replace_graph(str(graph_iri), graph)
        except KgraphError as exc:
            result.failures.append(Failure(document.path, f"{document.path}: {exc}"))
            continue
        result.documents.append(document.path)
    store.flush()
    export(store, out, result, validate_output=validate_output, visualize=visualize)
    return result


def _load_shards(shards: Iterable[Shard], out: Path, store: Store, result: BuildResult) -> None:
    """Load each document's N-Quads shard (written by a Dask worker) in one transaction."""
    from .distributed import SHARDS_DIR

    for shard in shards:
        if shard.error or not shard.shard or not shard.graph:
            result.failures.append(Failure(shard.path, f"{shard.path}: {shard.error}"))
            continue
        try:
            store.replace_graph_from_file(shard.graph, Path(shard.shard))
        except KgraphError as exc:
            result.failures.append(Failure(shard.path, f"{shard.path}: {exc}"))
            continue
        Path(shard.shard).unlink()
        result.documents.append(shard.path)
    try:
        (out / SHARDS_DIR).rmdir()
    except OSError:  # never created (nothing extracted) or holds shards that failed to load
        pass


def store_dataset(store: Store) -> Dataset:
    """The store's content as an rdflib Dataset (for validation and drawing, not for querying)."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    ds.parse(data=store.dump("nquads").decode("utf-8"), format="nquads")
    return ds


def export(
    store: Store, out: Path, result: BuildResult, *, validate_output: bool, visualize: bool
) -> None:
    """Write graph.ttl, graph.trig and graph.html from the store; count and validate."""
    from .stats import count_entities

    write_atomically(out / "graph.ttl", store.dump("turtle"))
    write_atomically(out / "graph.trig", store.dump("trig"))
    result.outputs.update(turtle=out / "graph.ttl", trig=out / "graph.trig", store=out / STORE_DIR)
    result.counts = count_entities(store)
    if validate_output or visualize:
        merged = Graph()
        bind_prefixes(merged)
        merged.parse(data=store.dump("ntriples").decode("utf-8"), format="nt")
        if validate_output:
            from .validate import validate

            report = validate(merged)
            result.conforms, result.violations = report.conforms, report.violations
        if visualize:
            from .viz import project, render_html, sources_from_reports

            render_html(
                project(merged),
                out / "graph.html",
                title="kgraph",
                sources=sources_from_reports(out / EXTRACTIONS_DIR),
            )
            result.outputs["html"] = out / "graph.html"


def _build_facade(paths, out: str | Path = "out", **options) -> BuildResult:
    """``kgraph.build(paths, out=…)``: one path or several."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return build(paths, out, **options)


make_callable(__name__, _build_facade)
