"""The exceptions `kg` raises.

Every error a user can cause derives from :class:`KgError`, so a caller (the CLI,
the server, a notebook) can catch one class and show one line::

    KgError
     +-- ConfigError        a bad option or configuration file
     +-- IngestError        an input file or article that cannot be read
     +-- ExtractionError    the language model or a rule component failed
     +-- StoreError         the store cannot be opened, read or written
     +-- QueryError         a SPARQL query is unknown, malformed or not allowed
     |    +-- QuerySyntaxError  it does not parse, or is too long or too deep to try
     +-- ValidationError    the graph does not conform to the SHACL shapes
     +-- EvalError          gold data for ``kg eval`` cannot be read
     +-- LexiconError       a lexicon data file (triggers, CAMEO codes, time words) is malformed

Messages name the file, article or query concerned and say what to do next.
Third-party exceptions are wrapped with ``raise ... from e``.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "EvalError",
    "ExtractionError",
    "IngestError",
    "KgError",
    "LexiconError",
    "QueryError",
    "QuerySyntaxError",
    "StoreError",
    "ValidationError",
]


class KgError(Exception):
    """Base class of every error `kg` raises for bad input or a bad environment."""


class ConfigError(KgError):
    """A bad option or configuration value."""


class IngestError(KgError):
    """An input that cannot be read as articles.

    Parameters
    ----------
    message : str
        What went wrong and what to do.
    source : str, optional
        The file (or ``file:line``) concerned.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ExtractionError(KgError):
    """The language model or one of the rule components failed on an article."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query is unknown, malformed or refused."""


class QuerySyntaxError(QueryError):
    """A SPARQL query that does not parse, or is too long or too deeply nested to parse."""


class ValidationError(KgError):
    """The graph does not conform to the ontology's SHACL shapes."""


class EvalError(KgError):
    """Gold data given to ``kg eval`` cannot be read."""


class LexiconError(KgError):
    """A lexicon data file is malformed, or a code asked for is not in it."""
