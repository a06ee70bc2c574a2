"""``kgraph remove DOCUMENT``: take a document out of the corpus's graph."""

from __future__ import annotations

import click


@click.command("remove")
@click.argument("documents", nargs=-1, required=True)
@click.option("--out", default="out", show_default=True, help="Output folder of the build.")
@click.option(
    "--base", default=None, help="Base IRI of instances (default https://w3id.org/kgraph/id/)."
)
def command(documents: tuple[str, ...], out: str, base: str | None) -> None:
    """Remove documents: their named graphs, their extraction reports, and with them every person,
    organisation and policy no other document mentions. out/graph.ttl and out/graph.trig are
    rewritten; draw the network again with kgraph visualize.

    A document is named by its id (the file name without extension, as kgraph query --name
    documents shows), its file path, or its IRI.

    \b
    Example:
      kgraph remove data/press-release-2025-03-14.txt --out out
    """
    from ..export import remove_document
    from ..namespace import DEFAULT_BASE

    for doc in documents:
        removal = remove_document(out, doc, base=base or DEFAULT_BASE)
        done = [
            part
            for part, flag in (
                ("graph", removal.graph_removed),
                ("extraction report", removal.report_removed),
            )
            if flag
        ]
        click.echo(f"removed {removal.document} ({' and '.join(done)})")
