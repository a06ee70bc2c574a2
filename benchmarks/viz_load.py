"""How long the network page of a 2,000-node graph takes to become usable in headless Chromium.

Why: the issue asks that a page with a few hundred documents be interactive within seconds,
offline.  This script builds a synthetic network shaped like kgraph's output (people holding
roles within organisations, quotes in documents, policy ties), writes the page with
``kgraph.viz.render_html`` (layout computed in Python, physics off above 1,000 nodes), and loads
it in Debian's Chromium with the network cut off.  It reports the Python side (layout and
writing) and, for each load, the time from navigation start until the page says it is ready
(``kgraph.readyAt``: first frame drawn with every node placed), then the median.

    .venv/bin/python benchmarks/viz_load.py            # 2,000 nodes, 5 loads
    .venv/bin/python benchmarks/viz_load.py --nodes 5000 --runs 3

Needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from kgraph import viz

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def synthetic_network(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """At least ``nodes`` nodes in kgraph's proportions: per document two people (drawn from a
    pool, so they recur) each holding a role within one of the organisations and quoted twice;
    each organisation tied to a policy.  Documents are added until the count is reached."""
    import random

    rng = random.Random(seed)
    g = nx.MultiDiGraph()

    def add(node_id: str, kind: str, label: str, date: str | None = None) -> str:
        g.add_node(node_id, kind=kind, label=label, details={"iri": node_id}, dates=[])
        if date:
            g.nodes[node_id]["dates"] = [date]
        return node_id

    people = [add(f"person/{i}", "person", f"Personne {i}") for i in range(max(2, nodes // 8))]
    orgs = [
        add(f"org/{i}", "organisation", f"Organisation {i}") for i in range(max(1, nodes // 25))
    ]
    policies = [add(f"policy/{i}", "policy", f"Plan {i}") for i in range(max(1, nodes // 70))]
    for org in orgs:
        g.add_edge(
            org, rng.choice(policies), key="supported", relation="supported", label="soutient"
        )
    d = 0
    while g.number_of_nodes() < nodes:
        date = f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}"
        doc = add(f"doc/{d}", "document", f"Communiqué {d}", date)
        org = rng.choice(orgs)
        for k in range(2):
            person = rng.choice(people)
            role = add(f"role/{d}-{k}", "role", "directeur", date)
            g.add_edge(person, role, key="holds", relation="holds", label="occupe")
            g.add_edge(role, org, key="within", relation="within", label="au sein de")
            for j in range(2):
                quote = add(f"quote/{d}-{k}-{j}", "quote", f"« Citation {d}-{k}-{j} »", date)
                g.add_edge(person, quote, key="said", relation="said", label="a dit")
                g.add_edge(quote, doc, key="in", relation="in", label="dans")
        d += 1
    return g


def chromium(profile: Path):  # -> selenium WebDriver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--proxy-server=127.0.0.1:9",  # the network is off: loopback only
        "--proxy-bypass-list=<-loopback>",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2000, help="approximate node count")
    parser.add_argument("--runs", type=int, default=5, help="page loads to time")
    parser.add_argument("--keep", type=Path, default=None, help="also write the page here")
    args = parser.parse_args(argv)

    network = synthetic_network(args.nodes)
    print(f"network: {network.number_of_nodes()} nodes, {network.number_of_edges()} edges")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(args.keep or Path(tmp) / "network.html")
        start = time.perf_counter()
        positions = viz._layout(network)
        layout_s = time.perf_counter() - start
        start = time.perf_counter()
        viz.render_html(network, page)
        render_s = time.perf_counter() - start
        print(
            f"python: layout {layout_s:.2f} s; layout + page written {render_s:.2f} s "
            f"({len(positions)} positions, page {page.stat().st_size / 1e6:.1f} MB)"
        )

        browser = chromium(Path(tmp) / "profile")
        try:
            times = []
            for run in range(args.runs):
                browser.get("about:blank")
                browser.get_log("browser")
                browser.get(page.as_uri())
                deadline = time.monotonic() + 120
                ready = None
                while ready is None and time.monotonic() < deadline:
                    ready = browser.execute_script(
                        "return window.kgraph && kgraph.ready ? kgraph.readyAt : null"
                    )
                    time.sleep(0.02)
                if ready is None:
                    print("the page never became ready", file=sys.stderr)
                    return 1
                errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
                drawn = browser.execute_script("return network.body.nodeIndices.length")
                times.append(ready / 1000)
                print(
                    f"load {run + 1}: ready after {ready / 1000:.2f} s, {drawn} nodes drawn, "
                    f"{len(errors)} console errors"
                )
            print(
                f"median page load until interactive: {statistics.median(times):.2f} s "
                f"over {len(times)} loads (min {min(times):.2f} s, max {max(times):.2f} s)"
            )
        finally:
            browser.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
