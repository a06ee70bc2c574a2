"""``kgraph push``: load the store into a running SPARQL 1.1 store, one named graph per document."""

from __future__ import annotations

import sys

import click


@click.command("push")
@click.option("--store", default=None, help="Store folder (default out/store or $KGRAPH_STORE).")
@click.option(
    "--endpoint",
    default=None,
    help="SPARQL 1.1 Update endpoint (e.g. Oxigraph's http://HOST:7878/update).",
)
@click.option(
    "--graph-store",
    default=None,
    help="Graph Store Protocol URL (e.g. Oxigraph's http://HOST:7878/store); "
    "used instead of --endpoint when given.",
)
@click.option("--auth", default=None, help="user:password for HTTP authentication.")
@click.option(
    "--auth-scheme",
    type=click.Choice(["basic", "digest"]),
    default="basic",
    show_default=True,
    help="How --auth is sent (Virtuoso's /sparql-auth wants digest).",
)
@click.option(
    "--token",
    envvar="KGRAPH_PUSH_TOKEN",
    default=None,
    help="Bearer token (e.g. another kgraph serve's --write-token).",
)
@click.option("--timeout", default=300.0, show_default=True, help="Seconds per request.")
def command(store, endpoint, graph_store, auth, auth_scheme, token, timeout):
    """Push the store's graphs to a running triple store (Oxigraph, Virtuoso, Fuseki, ...).

    Each document's named graph is replaced whole (Graph Store PUT, or DROP + INSERT DATA in one
    SPARQL Update), so pushing twice changes nothing and a re-extracted document replaces its
    graph. Graphs of the remote store that kgraph did not write are left alone.

    \b
    Example:
      kgraph push --endpoint http://127.0.0.1:7878/update
      kgraph push --endpoint http://127.0.0.1:8890/sparql-auth --auth dba:dba --auth-scheme digest
    """
    from ..cli import _store_path
    from ..push import make_auth, push
    from ..store import Store

    if auth and token:
        raise click.UsageError("give --auth or --token, not both")
    if not endpoint and not graph_store:
        raise click.UsageError("give --endpoint URL (SPARQL Update) or --graph-store URL")
    st = Store(_store_path(store), read_only=True, create=False)
    with click.progressbar(
        length=max(1, len(st.graphs())), label="pushing", file=sys.stderr, show_pos=True
    ) as bar:
        result = push(
            st,
            endpoint=endpoint,
            graph_store=graph_store,
            auth=make_auth(auth, token, auth_scheme),
            timeout=timeout,
            progress=lambda n, total, graph: bar.update(1),
        )
    target = graph_store or endpoint
    click.echo(
        f"{result.graphs} graphs, {result.triples} triples pushed to {target} "
        f"({result.method}, {result.seconds:.1f} s)"
    )
