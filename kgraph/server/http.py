"""The HTTP side of ``kgraph serve``: the SPARQL 1.1 Protocol on ``/sparql`` and the query page.

Built on the standard library's ``ThreadingHTTPServer``: the work is done by Oxigraph in worker
processes (:mod:`kgraph.server.pool`), so the HTTP layer only parses requests and copies bytes,
and a framework (Starlette, uvicorn) would add dependencies without removing any of that work.  One
thread per connection waits on the pool; the pool bounds how many queries run at once.

Routes: ``/`` the page; ``/static/…`` its scripts (all served from here: the page works offline);
``/catalogue`` the query catalogue as JSON; ``/health`` a readiness probe; ``/sparql`` the endpoint.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .. import __version__
from ..namespace import PREFIXES
from ..store import Store
from . import formats
from .description import SD, describe
from .engine import Job, Reply, error
from .pool import Busy, QueryPool, TimedOut
from .sparql_text import inspect

log = logging.getLogger(__name__)

_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    "": "text/plain",
}
# the page runs only its own scripts: a quote that smuggled markup in could not run any
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
CORS = (("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", "X-SPARQL-MaxRows"))


@dataclass(frozen=True)
class Settings:
    timeout: float = 30.0
    write_token: str | None = None
    allow_service: bool = False
    max_body: int = 16 * 1024 * 1024  # bytes of a POST body


def static_files() -> dict[str, tuple[bytes, str]]:
    """Every file the page may load, read once: a fixed map leaves no path to traverse."""
    files: dict[str, tuple[bytes, str]] = {}
    root = resources.files("kgraph.server").joinpath("static")

    def walk(folder, prefix: str) -> None:
        for entry in folder.iterdir():
            name = prefix + entry.name
            if entry.is_dir():
                walk(entry, name + "/")
            elif not entry.name.startswith("."):
                files[name] = (entry.read_bytes(), _TYPES.get(Path(entry.name).suffix, _TYPES[""]))

    walk(root, "")
    # vis-network comes from the pyvis wheel kgraph already depends on
    vis = resources.files("pyvis").joinpath("lib", "vis-9.1.2", "vis-network.min.js")
    files["vis-network.min.js"] = (vis.read_bytes(), _TYPES[".js"])
    return files


def catalogue_json() -> bytes:
    from ..query import catalogue

    entries = [
        {"name": q.name, "description": q.description, "params": q.params, "text": q.text}
        for q in catalogue().values()
    ]
    return json.dumps({"prefixes": _PREFIXES, "queries": entries}, ensure_ascii=False).encode()


class KgraphHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog is 5: twenty clients connecting at once had connections
    # reset and SYNs retried after 1 s
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        pool: QueryPool,
        settings: Settings,
        writer: Store | None = None,
    ):
        super().__init__(address, Handler)
        self.pool = pool
        self.settings = settings
        self.writer = writer  # the store opened read-write, only with a write token
        self.write_lock = threading.Lock()
        self._merge_timer: threading.Timer | None = None
        self.static = static_files()
        self.catalogue = catalogue_json()

    # An update leaves the store's merge (its default graph) stale, and queries on the union,
    # which is right but slow on a large store; the merge is rebuilt once updates pause.
    MERGE_DELAY = 2.0

    def schedule_merge(self) -> None:
        with self.write_lock:
            if self._merge_timer is not None:
                self._merge_timer.cancel()
            self._merge_timer = threading.Timer(self.MERGE_DELAY, self.merge)
            self._merge_timer.daemon = True
            self._merge_timer.start()

    def merge(self) -> None:
        """Rebuild the merge if an update left it stale (and let the workers see it)."""
        if self.writer is None:
            return
        with self.write_lock:
            if self.writer.merge_is_stale():
                try:
                    self.writer.merge_default_graph()
                except Exception:  # noqa: BLE001 - the stale merge is still answered right
                    log.exception("could not rebuild the store's merged default graph")
                    return
                self.pool.wrote()

    def server_close(self) -> None:
        if self._merge_timer is not None:
            self._merge_timer.cancel()
        self.merge()
        super().server_close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a client sending many queries reuses its connection
    server_version = f"kgraph/{__version__}"
    server: KgraphHTTPServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.info("%s %s", self.address_string(), format % args)

    # -- responses ----------------------------------------------------------------------------
    def _send(
        self, reply: Reply, *, cors: bool = True, extra: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (*reply.headers, *(CORS if cors else ()), *extra):
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _fail(self, status: int, message: str, *headers: tuple[str, str]) -> None:
        self._send(error(status, message, *headers))

    # -- routes -------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        if url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                self._fail(405, "SPARQL Update must be sent with POST", ("Allow", "POST"))
            elif "query" in params:
                self._query(params)
            else:
                self._description()
        elif url.path in ("/", "/index.html"):
            self._static("index.html")
        elif url.path.startswith("/static/"):
            self._static(url.path[len("/static/") :])
        elif url.path == "/catalogue":
            self._send(Reply(200, "application/json; charset=utf-8", self.server.catalogue))
        elif url.path == "/health":
            body = json.dumps(
                {
                    "status": "ok",
                    "workers": self.server.pool.workers,
                    "writable": self.server.writer is not None,
                }
            ).encode()
            self._send(Reply(200, "application/json", body), cors=False)
        else:
            self._fail(404, f"nothing at {url.path}; the endpoint is /sparql, the page is /")

    do_HEAD = do_GET  # noqa: N815

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight for browsers on other origins
        self._send(
            Reply(204, "text/plain", b""),
            extra=(
                ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                ("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization"),
                ("Access-Control-Max-Age", "600"),
            ),
        )

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._fail(404, f"nothing to POST to at {url.path}; the endpoint is /sparql")
            return
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > self.server.settings.max_body:
            self.close_connection = True
            self._fail(
                413, f"the request body must be at most {self.server.settings.max_body} bytes"
            )
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-update":
            if self._authorised():  # before reading a body that may be large
                self._update(self._body(length), params)
            return
        body = self._body(length)
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            if "update" in form:
                if "query" in form:
                    self._fail(400, "give either query or update, not both")
                elif self._authorised():
                    if len(form["update"]) != 1:
                        self._fail(400, "give exactly one update parameter")
                    else:
                        self._update(form["update"][0], params)
            elif "query" in form:
                self._query(params)
            else:
                self._fail(400, "the form has neither a query nor an update parameter")
        elif media == "application/sparql-query":
            params["query"] = [body]
            self._query(params)
        else:
            self._fail(
                415,
                "POST application/sparql-query, application/sparql-update or "
                "application/x-www-form-urlencoded",
            )

    def _body(self, length: int) -> str:
        return self.rfile.read(length).decode("utf-8", errors="replace")

    # -- the endpoint -------------------------------------------------------------------------
    def _query(self, params: dict[str, list[str]]) -> None:
        if len(params.get("query", [])) != 1:
            self._fail(400, "give exactly one query parameter")
            return
        job = Job(
            params["query"][0],
            accept=self.headers.get("Accept"),
            formats=tuple(params.get("format", ())),
            default_graphs=tuple(params.get("default-graph-uri", ())),
            named_graphs=tuple(params.get("named-graph-uri", ())),
        )
        pool = self.server.pool
        try:
            reply = pool.execute(job)
        except Busy:
            self._fail(
                503,
                f"all {pool.size} query workers stayed busy for {pool.timeout:g} s; try again",
                ("Retry-After", "1"),
            )
            return
        except TimedOut:
            self._fail(
                503,
                f"the query ran longer than the time limit of {pool.timeout:g} s and was "
                "stopped; narrow it (LIMIT, more specific patterns) or run it locally "
                "with kgraph query",
            )
            return
        self._send(reply, extra=(("Vary", "Accept"),))

    def _authorised(self) -> bool:
        """A write needs the server's write token as ``Authorization: Bearer``; 403 otherwise."""
        token = self.server.settings.write_token
        if token is None or self.server.writer is None:
            self._fail(
                403,
                "this endpoint is read-only (start kgraph serve with --write-token "
                "to accept SPARQL Update)",
            )
            return False
        scheme, _, given = (self.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), token.encode()
        ):
            self.close_connection = True
            self._fail(403, "SPARQL Update needs the write token: Authorization: Bearer <token>")
            return False
        return True

    def _update(self, text: str, params: dict[str, list[str]]) -> None:
        if params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            self._fail(
                400,
                "using-graph-uri / using-named-graph-uri are not supported; "
                "write USING in the update",
            )
            return
        if inspect(text).uses_service and not self.server.settings.allow_service:
            self._fail(403, "SERVICE (federated query) is disabled on this endpoint")
            return
        writer = self.server.writer
        assert writer is not None
        try:
            with self.server.write_lock:
                writer.update(text, prefixes=_PREFIXES)  # the merge left stale in the same write
                writer.flush()  # a small write-ahead log keeps the readers' reopening fast
                self.server.pool.wrote()
            self.server.schedule_merge()
        except SyntaxError as exc:
            self._fail(400, f"invalid SPARQL Update: {' '.join(str(exc).split())}")
            return
        except OSError as exc:
            self._fail(500, f"the update failed: {exc}")
            return
        self._send(Reply(204, "text/plain", b""))

    def _description(self) -> None:
        accept = self.headers.get("Accept") or ""
        if formats.choose(formats.GRAPH_FORMATS, accept) is None or accept.startswith("text/html"):
            # a person in a browser: show the page rather than Turtle
            self._send(Reply(303, "text/plain", b"", (("Location", "/"),)))
            return
        fmt = formats.choose(formats.GRAPH_FORMATS, accept)
        assert fmt is not None
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        settings = self.server.settings
        triples = describe(
            f"http://{host}/sparql",
            writable=self.server.writer is not None,
            allow_service=settings.allow_service,
        )
        self._send(
            Reply(200, formats.content_type(fmt), formats.write_graph(fmt, triples, {"sd": SD})),
            extra=(("Vary", "Accept"),),
        )

    def _static(self, name: str) -> None:
        found = self.server.static.get(name)
        if found is None:
            self._fail(404, f"no file {name}")
            return
        body, content_type = found
        extra: tuple[tuple[str, str], ...] = (("Cache-Control", "no-cache"),)
        if name.endswith(".html"):
            extra += (("Content-Security-Policy", PAGE_POLICY), ("Referrer-Policy", "no-referrer"))
        self._send(Reply(HTTPStatus.OK, content_type, body), cors=False, extra=extra)


def make_server(
    host: str, port: int, pool: QueryPool, settings: Settings, writer: Store | None = None
) -> KgraphHTTPServer:
    return KgraphHTTPServer((host, port), pool, settings, writer)
