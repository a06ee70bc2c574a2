"""``kgraph export --format …``: the graph in a standard syntax for other tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..export import FORMATS


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="trig",
    show_default=True,
    help="turtle (graphs merged), trig and nquads (one named graph per document), jsonld "
    "(compacted with ontology/context.jsonld), ontology (kgraph's vocabulary).",
)
@click.option("--store", default=None, help="Store folder (default out/store or $KGRAPH_STORE).")
@click.option(
    "--output", "-o", default=None, type=click.Path(), help="File to write (default stdout)."
)
def command(fmt: str, store: str | None, output: str | None) -> None:
    """Export the graph as Turtle, TriG, N-Quads or JSON-LD, or the ontology itself.

    \b
    Example:
      kgraph export --format jsonld -o graph.jsonld
      kgraph export --format nquads > graph.nq
    """
    from ..cli import _store_path
    from ..export import export
    from ..store import Store, write_atomically

    data = export(
        Store(_store_path(store), read_only=True, create=False) if fmt != "ontology" else None, fmt
    )
    if output:
        write_atomically(Path(output), data)
        click.echo(output)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
