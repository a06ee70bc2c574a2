"""``kgraph explain IRI``: where a fact comes from (document, sentence, rule, run)."""

from __future__ import annotations

import dataclasses
import json
import sys

import click


@click.command("explain")
@click.argument("iri")
@click.option("--store", default=None, help="Store folder (default out/store or $KGRAPH_STORE).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Highlight the words in reverse video (default: when writing to a terminal); "
    "without it they are marked >>> <<<.",
)
def command(iri: str, store: str | None, fmt: str, color: bool | None) -> None:
    """Show where a fact comes from: the document, the sentence with the words highlighted, the
    rule that found it and its confidence, and the extraction run (versions, time).

    IRI is a quote, a membership (role held) or a policy tie, as listed by the catalogue queries.

    \b
    Example:
      kgraph query --name quotes --format csv
      kgraph explain https://w3id.org/kgraph/id/doc/my-release/quote/120-188
    """
    from ..cli import _store_path
    from ..explain import explain, format_explanation
    from ..store import Store

    explanation = explain(Store(_store_path(store), read_only=True, create=False), iri)
    if fmt == "json":
        click.echo(json.dumps(dataclasses.asdict(explanation), ensure_ascii=False, indent=2))
        return
    ansi = sys.stdout.isatty() if color is None else color
    click.echo(format_explanation(explanation, ansi=ansi))
