"""``kgraph serve``: share the store over HTTP as a SPARQL 1.1 endpoint with a query page."""

from __future__ import annotations

import logging
import signal
import sys

import click


@click.command("serve")
@click.option("--store", default=None, help="Store folder (default out/store or $KGRAPH_STORE).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 shares it on the network.",
)
@click.option("--port", default=7878, show_default=True, help="Port (0 picks a free one).")
@click.option(
    "--write-token",
    envvar="KGRAPH_WRITE_TOKEN",
    default=None,
    help="Accept SPARQL Update from requests carrying Authorization: Bearer TOKEN "
    "(or $KGRAPH_WRITE_TOKEN). Read-only without it.",
)
@click.option("--timeout", default=30.0, show_default=True, help="Seconds a query may run.")
@click.option(
    "--max-results",
    default=10_000,
    show_default=True,
    help="Rows (or triples) returned at most; more are cut, with X-SPARQL-MaxRows set.",
)
@click.option(
    "--workers", default=None, type=int, help="Query processes (default: cores, at most 4)."
)
@click.option(
    "--refresh",
    default=5.0,
    show_default=True,
    help="Seconds between checks for changes another process made to the store (0: never).",
)
@click.option(
    "--allow-service", is_flag=True, help="Allow SERVICE (queries that call other hosts)."
)
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def command(
    store, host, port, write_token, timeout, max_results, workers, refresh, allow_service, quiet
):
    """Serve the store: SPARQL 1.1 Protocol on /sparql, a query page on /.

    Read-only unless --write-token is given. Queries run on Oxigraph, with the union of the
    documents' graphs as the default graph and kgraph's prefixes predeclared. A build may write the
    store meanwhile: the server picks the changes up within a few seconds.

    \b
    Example:
      kgraph serve --store out/store --port 7878
      curl -H 'Accept: text/csv' http://127.0.0.1:7878/sparql \\
           --data-urlencode 'query=SELECT ?name WHERE { ?p schema:name ?name }'
    """
    from ..cli import _store_path
    from ..server import open_server

    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO, format="%(message)s", stream=sys.stderr
    )
    # SIGTERM (a service manager, a test's teardown) stops the server like Ctrl-C: workers are ended
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    with open_server(
        _store_path(store),
        host=host,
        port=port,
        workers=workers,
        timeout=timeout,
        max_results=max_results,
        write_token=write_token,
        allow_service=allow_service,
        refresh=refresh,
    ) as server:
        mode = "read-write (token required)" if write_token else "read-only"
        click.echo(
            f"kgraph: serving {server.url} (SPARQL endpoint {server.url}sparql, {mode}, "
            f"{server.pool.size} workers); Ctrl-C stops",
            err=True,
        )
        click.echo(server.url)  # stdout: for a program that started us on --port 0
        sys.stdout.flush()
        try:
            server.serve_forever(poll_interval=0.5)
        except KeyboardInterrupt:
            click.echo("kgraph: stopping", err=True)
