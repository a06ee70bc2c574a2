"""Exceptions kgraph raises: each carries a message a person can act on, naming the file or
query."""

from __future__ import annotations


class KgraphError(Exception):
    """Base class: the CLI prints these as one line, without a traceback."""


class InputError(KgraphError):
    """A document cannot be read: empty, binary, undecodable, too large, or not a supported kind."""


class StoreError(KgraphError):
    """The store folder is not a kgraph store, or cannot be opened or written."""


class QueryError(KgraphError):
    """A SPARQL query is invalid or cannot run."""


class ConfigError(KgraphError):
    """A data or configuration file is malformed."""
