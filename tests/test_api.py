"""The Python facade: kgraph.extract / kgraph.build / kgraph.query, whatever was imported first."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SAMPLE


@pytest.mark.parametrize(
    "first_import",
    [
        "import kgraph.query",
        "import kgraph.build",
        "import kgraph.extract",
        "from kgraph.query import run_query",
    ],
)
def test_facade_survives_submodule_imports(first_import):
    code = (
        f"{first_import}\nimport kgraph\n"
        "assert callable(kgraph.query) and callable(kgraph.build) and callable(kgraph.extract)\n"
        "assert hasattr(kgraph.query, 'run_query') and hasattr(kgraph.build, 'Extractor')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_extract_build_query(tmp_path, nlp):
    import kgraph

    report = kgraph.extract(
        "La maire de Lyon, Claire Fontaine, a déclaré : « Nous tiendrons parole. »"
    )
    assert report["quotes"][0]["speaker"] == "Claire Fontaine"
    result = kgraph.build(SAMPLE, out=tmp_path / "out", visualize=False)
    assert result.documents == [str(SAMPLE)]
    rows = kgraph.query(
        "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name",
        store=tmp_path / "out" / "store",
    )
    assert [r["name"] for r in rows] == [
        "Fabrice Pannekoucke",
        "Laurent Wauquiez",
        "Stéphanie Pernod",
    ]
    assert kgraph.query("ASK { ?q a schema:Quotation }", store=tmp_path / "out" / "store") is True
