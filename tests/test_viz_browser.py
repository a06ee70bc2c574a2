"""The fixture's page in headless Chromium, with the network cut off: it must work offline.

Needs Debian's /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium
chromium-driver).  Without them the tests skip, except under CI, which installs them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import headless_chromium
from rdflib import Dataset
from serving import wait_until

from kgraph import viz

pytestmark = pytest.mark.browser

FIXTURE = Path(__file__).parent / "fixtures" / "sample_graph.trig"
ID = "https://w3id.org/kgraph/id/"
MARC, Q1, Q2 = ID + "person-marc-delorme", ID + "quote-q1", ID + "quote-q2"
Q1_TEXT = (
    "Avec le plan Vélo 2030, chaque habitant pourra aller au travail à vélo en toute sécurité."
)
Q2_TEXT = (
    "Nos pistes seront prêtes en juin <script>alert(1)</script> et le site aussi "
    "<img src=x onerror=alert(2)> & c'est promis."
)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with headless_chromium(tmp_path_factory.mktemp("chromium-profile")) as browser:
        yield browser


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    out = viz.render_html(viz.project(dataset), tmp_path_factory.mktemp("page") / "fixture.html")
    return out.as_uri()


@pytest.fixture
def browser(driver: Any, page_url: str) -> Any:
    """The page freshly loaded and laid out, with the console log emptied before loading."""
    driver.get_log("browser")
    driver.get(page_url)
    wait_until(
        lambda: driver.execute_script("return !!(window.kgraph && kgraph.ready)"),
        what="the network to be laid out",
    )
    return driver


def details_text(browser: Any) -> str:
    return browser.execute_script("return document.getElementById('details').textContent")


def no_alert_open(browser: Any) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        browser.switch_to.alert  # noqa: B018
    except NoAlertPresentException:
        return True
    return False


def test_page_loads_offline_without_errors(browser: Any) -> None:
    assert browser.title == "kgraph"
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert [r for r in resources if not r.startswith("data:")] == []
    external = browser.execute_script(
        """
        const scripts = [...document.scripts].filter(s => s.src).map(s => s.src);
        const links = [...document.querySelectorAll('link')]
            .map(l => l.href).filter(h => !h.startsWith('data:'));
        const sheets = [...document.styleSheets].filter(s => s.href).map(s => s.href);
        return scripts.concat(links, sheets);
        """
    )
    assert external == []


def test_network_has_every_node_and_draws_them(browser: Any) -> None:
    assert browser.execute_script("return typeof network === 'object' && !!network.body")
    assert browser.execute_script("return network.body.data.nodes.length") == 11
    assert browser.execute_script("return kgraph.edges.length") == 13
    colours = browser.execute_script(
        """
        const canvas = document.querySelector('#network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        for (let i = 0; i < pixels.length && seen.size < 50; i += 4 * 7) {
            seen.add(pixels.slice(i, i + 4).join(','));
        }
        return seen.size;
        """
    )
    assert colours > 5, "the canvas is blank"


def test_search_focuses_the_node(browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.ID, "search").send_keys("marc delorme")
    wait_until(
        lambda: browser.execute_script("return network.getSelectedNodes()") == [MARC],
        what="the search to select Marc Delorme",
    )
    # the view is centred on him once the animation ends
    wait_until(
        lambda: browser.execute_script(
            """
            const p = network.getPositions([arguments[0]])[arguments[0]];
            const v = network.getViewPosition();
            return Math.abs(p.x - v.x) < 2 && Math.abs(p.y - v.y) < 2;
            """,
            MARC,
        ),
        what="the view to centre on the node found",
    )
    assert (
        browser.execute_script("return document.querySelector('#details h3').textContent")
        == "Marc Delorme"
    )


def test_search_accepts_an_alt_label_without_accents(browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.find_element(By.ID, "search").send_keys("region val-d'ardiere", Keys.ENTER)
    wait_until(
        lambda: (
            browser.execute_script("return network.getSelectedNodes()")
            == [ID + "org-region-val-d-ardiere"]
        ),
        what="the search to find the region",
    )


def _pointer_to(browser: Any, node_id: str) -> Any:
    """ActionChains with the mouse on ``node_id``'s place on the canvas."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas")
    x, y, width, height = browser.execute_script(
        """
        const p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return [p.x, p.y, box.width, box.height];
        """,
        node_id,
    )
    # Selenium's offsets count from the element's centre
    return ActionChains(browser).move_to_element_with_offset(
        canvas, int(x - width / 2), int(y - height / 2)
    )


def test_hover_shows_the_quote(browser: Any) -> None:
    _pointer_to(browser, Q1).perform()
    wait_until(lambda: Q1_TEXT in details_text(browser), what="hover details")


def test_click_shows_the_xss_quote_as_text_and_runs_nothing(browser: Any) -> None:
    _pointer_to(browser, Q2).click().perform()
    wait_until(
        lambda: browser.execute_script("return network.getSelectedNodes()") == [Q2],
        what="the click to select the quote",
    )
    shown = browser.execute_script(
        "return document.querySelector('#details blockquote').textContent"
    )
    assert shown == Q2_TEXT
    assert "<script>alert(1)</script>" in details_text(browser)
    assert (
        browser.execute_script(
            "return document.querySelectorAll('#details script, #details img, body img').length"
        )
        == 0
    )
    assert browser.execute_script("return window.__alerted") == []
    assert no_alert_open(browser)
    # the hook does catch an alert: the check above could have failed
    browser.execute_script("alert('hook works')")
    assert browser.execute_script("return window.__alerted") == ["hook works"]


def test_a_kind_can_be_hidden_and_shown(browser: Any) -> None:
    from selenium.webdriver.common.by import By

    toggle = browser.find_element(By.CSS_SELECTOR, 'input.kind-toggle[data-kind="quote"]')
    toggle.click()
    assert browser.execute_script("return network.body.data.nodes.length") == 9
    assert (
        browser.execute_script("return network.body.nodeIndices.includes(arguments[0])", Q1)
        is False
    )
    toggle.click()
    assert browser.execute_script("return network.body.data.nodes.length") == 11


# ---- filters, source links and focus, on the fixture plus a later document ---------------------

LATER = """
@prefix schema: <https://schema.org/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://w3id.org/kgraph/id/> .
id:graph-doc-later {
    id:doc-later a schema:NewsArticle ; dct:title "Le plan Vélo en débat"@fr ;
        dct:issued "2025-06-01"^^xsd:date ; dct:source "later.txt" .
    id:quote-q3 a schema:Quotation ; schema:text "Ce plan arrive trop tard."@fr ;
        schema:spokenByCharacter id:person-julien-roche ; schema:isPartOf id:doc-later ;
        schema:about id:policy-plan-velo-2030 .
}
"""
REGION, AGENCE = ID + "org-region-val-d-ardiere", ID + "org-agence-regionale-des-mobilites"
CLAIRE, ROCHE, Q3 = ID + "person-claire-fontaine", ID + "person-julien-roche", ID + "quote-q3"
PLAN, DOC = ID + "policy-plan-velo-2030", ID + "doc-cp-2024-03-12-plan-velo"


@pytest.fixture(scope="module")
def later_network() -> Any:
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    dataset.parse(data=LATER, format="trig")
    return viz.project(dataset)


@pytest.fixture(scope="module")
def filters_url(later_network: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("site")
    (root / "data").mkdir()
    (root / "data" / "cp-2024-03-12-plan-velo.txt").write_text("Le communiqué.", encoding="utf-8")
    out = viz.render_html(later_network, root / "out" / "graph.html", sources=root / "data")
    return out.as_uri()


@pytest.fixture
def filtered(driver: Any, filters_url: str) -> Any:
    driver.get_log("browser")
    driver.get(filters_url)
    wait_until(
        lambda: driver.execute_script("return !!(window.kgraph && kgraph.ready)"), what="ready"
    )
    return driver


def visible(browser: Any) -> set[str]:
    return set(browser.execute_script("return kgraph.visibleIds()"))


def test_filter_by_organisation(filtered: Any) -> None:
    from selenium.webdriver.support.ui import Select

    everything = visible(filtered)
    assert len(everything) == 13
    Select(filtered.find_element("id", "filter-organisation")).select_by_value(REGION)
    shown = visible(filtered)
    assert shown == {REGION, ID + "membership-claire-fontaine-region", CLAIRE, Q1, DOC, PLAN}
    # vis-network dropped the others from the canvas, not only from our list
    assert filtered.execute_script("return network.body.nodeIndices.length") == 6
    assert "6 nœuds sur 13" in filtered.find_element("id", "filter-status").text
    filtered.find_element("id", "filter-reset").click()
    assert visible(filtered) == everything


def test_filter_by_policy_and_date_range(filtered: Any) -> None:
    from selenium.webdriver.support.ui import Select

    Select(filtered.find_element("id", "filter-policy")).select_by_value(PLAN)
    by_policy = visible(filtered)
    assert {PLAN, ROCHE, Q3, Q1, CLAIRE} <= by_policy and Q2 not in by_policy
    # the date inputs as a person fills them (the browser's own date widget)
    filtered.execute_script(
        """
        const input = document.getElementById('filter-from');
        input.value = '2025-01-01';
        input.dispatchEvent(new Event('change'));
        """
    )
    shown = visible(filtered)
    assert Q3 in shown and ROCHE in shown and PLAN in shown
    assert Q1 not in shown and DOC not in shown and CLAIRE not in shown
    filtered.execute_script("kgraph.setFilter('policy', ''); kgraph.setFilter('to', '2024-12-31')")
    shown = visible(filtered)  # from 2025 to 2024: nothing dated is left
    assert Q1 not in shown and Q3 not in shown and MARC not in shown


def test_hide_quotes_leaves_people_organisations_and_policies(filtered: Any) -> None:
    filtered.find_element("id", "hide-quotes").click()
    kinds = filtered.execute_script("return kgraph.visibleIds().map(id => kgraph.info[id].kind)")
    assert "quote" not in kinds and {"person", "organisation", "policy"} <= set(kinds)
    box = filtered.find_element("css selector", 'input.kind-toggle[data-kind="quote"]')
    assert not box.is_selected()  # the legend says the same


def test_quote_panel_links_to_the_source_file(filtered: Any) -> None:
    filtered.execute_script("kgraph.show(arguments[0])", Q1)
    link = filtered.find_element("css selector", "#details dd a")
    assert link.text == "cp-2024-03-12-plan-velo.txt"
    href = link.get_attribute("href")
    assert href.startswith("file://") and href.endswith("/data/cp-2024-03-12-plan-velo.txt")
    filtered.get(href)
    assert "Le communiqué." in filtered.find_element("tag name", "body").text


def test_focused_page_opens_on_its_entity(driver: Any, later_network: Any, tmp_path: Path) -> None:
    out = viz.render_html(viz.focus(later_network, "Julien Roche", 1), tmp_path / "roche.html")
    driver.get(out.as_uri())
    wait_until(
        lambda: driver.execute_script("return network.getSelectedNodes()") == [ROCHE],
        what="the focused entity to be selected",
    )
    assert "Julien Roche" in details_text(driver)
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
