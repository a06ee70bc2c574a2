"""Hand the store to a triple store people already run (Oxigraph server, Virtuoso, Fuseki, …).

One named graph per document, as in the store, so a remote copy keeps the property that matters:
re-extracting a document replaces exactly its facts.  Each graph is written whole, in one request
that replaces it, so a push is idempotent (pushing twice leaves the same data) and a push cut short
can simply be run again:

* with a Graph Store Protocol URL (``--graph-store``): ``PUT <gsp>?graph=<iri>`` with the graph
  as N-Triples, which the protocol defines as "replace this graph";
* otherwise, SPARQL 1.1 Update on the endpoint: ``DROP SILENT GRAPH <iri> ; INSERT DATA { GRAPH
  <iri> { … } }`` in one request, which SPARQL stores run as one operation.

Graphs the remote store holds that are not in the local one are never touched: the remote store
may hold other data.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox
import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from .errors import KgraphError
from .store import Store

RETRIES = 3  # a request that failed for want of a connection, or with a 5xx, is sent again


class PushError(KgraphError):
    """The remote store refused a graph, or could not be reached."""


@dataclass(frozen=True)
class PushResult:
    graphs: int
    triples: int
    seconds: float
    method: str  # "graph-store" or "update"


class BearerAuth(AuthBase):
    def __init__(self, token: str):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


def make_auth(
    user_password: str | None = None, token: str | None = None, scheme: str = "basic"
) -> AuthBase | None:
    """``user:password`` as HTTP Basic or Digest (Virtuoso's ``/sparql-auth`` wants Digest), or a
    bearer token (``kgraph serve --write-token``)."""
    if token:
        return BearerAuth(token)
    if not user_password:
        return None
    user, sep, password = user_password.partition(":")
    if not sep:
        raise PushError("--auth expects user:password")
    return HTTPDigestAuth(user, password) if scheme == "digest" else HTTPBasicAuth(user, password)


def graph_ntriples(store: Store, graph: str) -> bytes:
    quads = store.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    return ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""


def push(
    store: Store,
    *,
    endpoint: str | None = None,
    graph_store: str | None = None,
    auth: AuthBase | None = None,
    timeout: float = 300.0,
    progress: Callable[[int, int, str], None] | None = None,
) -> PushResult:
    """Write every named graph of ``store`` to the remote store; see the module's docstring."""
    if not endpoint and not graph_store:
        raise PushError("give an update endpoint (--endpoint) or a Graph Store URL (--graph-store)")
    graphs = store.graphs()
    started = time.monotonic()
    triples = 0
    with requests.Session() as session:  # one kept-alive connection for all the graphs
        session.auth = auth
        for n, graph in enumerate(graphs, 1):
            body = graph_ntriples(store, graph)
            triples += body.count(b"\n")
            if graph_store:
                _send(
                    session,
                    "PUT",
                    graph_store,
                    timeout,
                    graph,
                    params={"graph": graph},
                    data=body,
                    headers={"Content-Type": "application/n-triples"},
                )
            else:
                update = (
                    f"DROP SILENT GRAPH <{graph}> ;\n"
                    f"INSERT DATA {{ GRAPH <{graph}> {{\n{body.decode('utf-8')}}} }}"
                )
                _send(
                    session,
                    "POST",
                    endpoint,
                    timeout,
                    graph,
                    data={"update": update},
                    headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                )
            if progress:
                progress(n, len(graphs), graph)
    return PushResult(
        len(graphs), triples, time.monotonic() - started, "graph-store" if graph_store else "update"
    )


def _send(
    session: requests.Session, method: str, url: str, timeout: float, graph: str, **kwargs
) -> None:
    for attempt in range(1, RETRIES + 1):
        try:
            response = session.request(method, url, timeout=timeout, **kwargs)
        except requests.RequestException as exc:
            if attempt == RETRIES:
                raise PushError(f"{url}: cannot reach the store ({exc})") from exc
        else:
            if response.status_code < 300:
                return
            if response.status_code < 500 or attempt == RETRIES:
                detail = " ".join(response.text.split())[:300]
                raise PushError(
                    f"{url}: graph <{graph}> refused with HTTP {response.status_code}: {detail}"
                )
        time.sleep(0.5 * attempt)  # back off before trying the same idempotent request again
