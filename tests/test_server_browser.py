"""The query page of ``kgraph serve`` in headless Chromium, with the network cut off (only loopback
is reachable): every script must come from kgraph itself.

Needs Debian's /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium
chromium-driver).  Without them the tests skip, except under CI, which installs them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from browser import headless_chromium
from serving import kgraph_server, wait_until

from kgraph.query import catalogue
from kgraph.store import Store

pytestmark = pytest.mark.browser

EVIL = "https://example.org/evil"
EVIL_TEXT = 'Promis <script>alert(1)</script> <img src=x onerror="alert(2)"> & voilà.'
PEOPLE = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }"
GRAPH = (
    "CONSTRUCT { ?q a schema:Quotation ; schema:text ?t ; schema:spokenByCharacter ?p . "
    "?p a schema:Person ; schema:name ?n } WHERE { ?q a schema:Quotation ; schema:text ?t ; "
    "schema:spokenByCharacter ?p . ?p schema:name ?n }"
)


@pytest.fixture(scope="module")
def store(built_sample, tmp_path_factory) -> Path:
    """The sample, plus a quote whose words carry markup: it must be shown, never run."""
    path = Path(shutil.copytree(built_sample / "store", tmp_path_factory.mktemp("b") / "store"))
    writer = Store(path)
    g, person = ox.NamedNode(EVIL), ox.NamedNode(EVIL + "#person")
    quote = ox.NamedNode(EVIL + "#quote")
    schema = "https://schema.org/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for s, p, o in [
        (person, rdf_type, ox.NamedNode(schema + "Person")),
        (person, ox.NamedNode(schema + "name"), ox.Literal("Mallory <b>Bold</b>")),
        (quote, rdf_type, ox.NamedNode(schema + "Quotation")),
        (quote, ox.NamedNode(schema + "text"), ox.Literal(EVIL_TEXT, language="fr")),
        (quote, ox.NamedNode(schema + "spokenByCharacter"), person),
    ]:
        writer.ox.add(ox.Quad(s, p, o, g))
    writer.flush()
    del writer
    return path


@pytest.fixture(scope="module")
def server(store):
    with kgraph_server(store, "--quiet", "--workers", "2") as running:
        yield running


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with headless_chromium(
        tmp_path_factory.mktemp("chromium-profile"), allow_loopback=True, window="1400,1000"
    ) as browser:
        yield browser


@pytest.fixture
def page(driver: Any, server) -> Any:
    driver.get_log("browser")
    driver.get(server.url)
    wait_until(
        lambda: driver.execute_script("return !!(window.kgraph && kgraph.ready)"),
        timeout=20,
        what="the page to load its catalogue",
    )
    return driver


def run(page: Any, sparql: str) -> dict:
    """Type ``sparql`` into the editor, press Run, and return what the page shows."""
    from selenium.webdriver.common.by import By

    page.execute_script("kgraph.setQuery(arguments[0]); kgraph.result = null;", sparql)
    page.find_element(By.ID, "run").click()
    return wait_until(
        lambda: page.execute_script("return kgraph.result"), timeout=30, what="the query's result"
    )


def expected_rows(store: Path, sparql: str) -> int:
    from kgraph.query import run_query

    return len(run_query(Store(store, read_only=True, create=False), sparql).rows)


def test_page_loads_offline_from_kgraph_alone(page: Any, server) -> None:
    assert page.title == "kgraph SPARQL"
    severe = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    loaded = page.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded and all(url.startswith(server.url) for url in loaded), loaded
    assert page.execute_script("return typeof vis === 'object' && typeof CodeMirror === 'function'")
    assert page.execute_script("return !!kgraph.editor")  # the vendored editor, not the textarea


def test_select_is_shown_as_a_table(page: Any, store: Path) -> None:
    result = run(page, PEOPLE)
    assert result["kind"] == "select"
    rows = page.execute_script("return document.querySelectorAll('#table tbody tr').length")
    assert rows == result["rows"] == expected_rows(store, PEOPLE) > 1
    cells = page.execute_script(
        "return [...document.querySelectorAll('#table tbody td')].map(td => td.textContent)"
    )
    assert "Mallory <b>Bold</b>" in cells  # shown as text
    assert page.execute_script("return document.querySelectorAll('#table b').length") == 0
    assert "row" in page.execute_script("return document.getElementById('message').textContent")


def test_every_catalogue_query_is_one_click_away(page: Any) -> None:
    from selenium.webdriver.common.by import By

    names = list(catalogue())
    buttons = page.find_elements(By.CSS_SELECTOR, "#queries button")
    assert [b.get_attribute("data-name") for b in buttons] == names
    for name in names:
        page.execute_script("kgraph.result = null;")
        page.find_element(By.CSS_SELECTOR, f'#queries button[data-name="{name}"]').click()
        result = wait_until(
            lambda: page.execute_script("return kgraph.result"),
            timeout=30,
            what=f"catalogue query {name}",
        )
        assert result["kind"] != "error", (name, result)
        assert page.execute_script("return kgraph.editor.getValue()") == catalogue()[name].text


def test_construct_is_drawn_as_a_network_and_markup_stays_text(page: Any, store: Path) -> None:
    result = run(page, GRAPH)
    assert result["kind"] == "graph"
    triples = len(
        list(
            Store(store, read_only=True, create=False).ox.query(
                GRAPH, prefixes={"schema": "https://schema.org/"}, use_default_graph_as_union=True
            )
        )
    )
    assert result["triples"] == triples > 0
    nodes = page.execute_script("return kgraph.network.body.data.nodes.length")
    assert nodes == result["nodes"] > 2
    wait_until(
        lambda: page.execute_script("""
        const canvas = document.querySelector('#network canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length && seen.size < 20; i += 4 * 13) {
            seen.add(data.slice(i, i + 4).join(','));
        }
        return seen.size > 5;"""),
        timeout=10,
        what="the network to be drawn",
    )
    # the malicious quote's details: select it as a click would
    page.execute_script(
        """
        kgraph.network.selectNodes([arguments[0]]);
        kgraph.network.body.emitter.emit('click', {nodes: [arguments[0]], edges: []});
    """,
        EVIL + "#quote",
    )
    shown = page.execute_script("return document.querySelector('#details blockquote').textContent")
    assert shown == EVIL_TEXT
    assert (
        page.execute_script(
            "return document.querySelectorAll('#details script, #details img, body img').length"
        )
        == 0
    )
    assert page.execute_script("return window.__alerted") == []
    page.execute_script("alert('hook works')")  # the check above could have failed
    assert page.execute_script("return window.__alerted") == ["hook works"]


def test_errors_are_shown(page: Any) -> None:
    result = run(page, "SELECT ?x WHERE { ?x ?y }")
    assert result["kind"] == "error"
    message = page.execute_script("return document.getElementById('message')")
    assert "invalid SPARQL" in message.text and message.get_attribute("class") == "error"
    refused = run(page, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert refused["kind"] == "error" and "SERVICE" in refused["message"]
