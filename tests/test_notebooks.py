"""The notebooks: stored without outputs, and each runs top to bottom in a fresh kernel.

Executed with nbclient, the kernel listening on 127.0.0.1 only.  They build the
sample and the development and held-out corpora with the spaCy model, so they are marked slow;
together they take about two minutes (how long is not asserted: speed is measured in benchmarks).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01-quickstart.ipynb", "02-research-questions.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {number} has outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {number} has an execution count"
    assert notebook.metadata["kernelspec"]["name"] == "python3"


def execute(path: Path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.manager import KernelManager

    notebook = nbformat.read(path, as_version=4)
    manager = KernelManager(kernel_name="python3", ip="127.0.0.1")
    client = nbclient.NotebookClient(
        notebook, km=manager, timeout=300, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return notebook


def outputs(notebook, kind: str) -> list:
    return [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if kind in output.get("data", {}) or output.get("output_type") == kind
    ]


@pytest.mark.slow
def test_quickstart_runs_and_draws_the_network() -> None:
    notebook = execute(ROOT / "notebooks" / "01-quickstart.ipynb")
    assert outputs(notebook, "error") == []
    frames = outputs(notebook, "text/html")
    pages = [o for o in frames if "<iframe srcdoc=" in o["data"]["text/html"]]
    assert len(pages) == 2, "the whole network and one person's neighbourhood"
    # the page travels escaped inside srcdoc, and it is the offline one (vis-network inlined)
    assert all("vis-network" in o["data"]["text/html"] for o in pages)
    assert all("<script" not in o["data"]["text/html"].split("srcdoc=", 1)[1] for o in pages)


@pytest.mark.slow
def test_research_questions_run_and_plot() -> None:
    notebook = execute(ROOT / "notebooks" / "02-research-questions.ipynb")
    assert outputs(notebook, "error") == []
    assert len(outputs(notebook, "image/png")) >= 5
    last = notebook.cells[-1].outputs[0]["data"]["text/plain"]
    for figure in (
        "01-speakers.pdf",
        "03-organisations.pdf",
        "04-policies.pdf",
        "05-over-time.pdf",
    ):
        assert figure in last
