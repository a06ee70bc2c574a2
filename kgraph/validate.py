"""SHACL validation of kgraph's output with pySHACL.

pySHACL's ``sh:class`` checks need the subclass axioms of the vocabularies (kg:PressRelease ⊑
schema:NewsArticle, kg:Policy ⊑ skos:Concept …), so the ontology is passed as ``ont_graph`` with
RDFS
inference, as measured in RDF-MODEL.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph

from .errors import ConfigError


def ontology_path(name: str) -> Path:
    """A file of ``ontology/`` (shipped in the package as ``kgraph/ontology``)."""
    packaged = resources.files("kgraph").joinpath("ontology", name)
    path = Path(str(packaged))
    if not path.exists():
        raise ConfigError(f"ontology/{name} is missing from the installation")
    return path


@cache
def _graph(name: str) -> Graph:
    g = Graph()
    g.parse(ontology_path(name), format="turtle")
    return g


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate(data: Graph) -> ValidationReport:
    """Validate a graph (a Dataset's union, or one document's graph) against
    ``ontology/shapes.ttl``."""
    from pyshacl import validate as shacl_validate

    conforms, report_graph, text = shacl_validate(
        data,
        shacl_graph=_graph("shapes.ttl"),
        ont_graph=_graph("kgraph.ttl"),
        inference="rdfs",
        abort_on_first=False,
        allow_warnings=True,
    )
    from rdflib.namespace import SH

    violations = len(set(report_graph.subjects(SH.resultSeverity, SH.Violation)))
    return ValidationReport(bool(conforms), violations, text)
