"""The SPARQL query library: ``queries/*.rq`` with their parameters.

Each library file starts with a comment header::

    # title: Actors by number of mentions
    # description: One line on what it answers and why an analyst wants it.
    # param: country (optional, code) ISO 3166-1 alpha-3 code to keep, e.g. "ARM"
    # param: limit (default 50) maximum number of rows

A parameter's spec, in parentheses, lists ``optional`` or ``required`` or
``default VALUE``, and a type: ``string`` (the default), ``code`` (a string
upper-cased, for country codes), ``integer``, ``decimal``, ``date``,
``boolean`` or ``iri`` (an absolute IRI or ``id:``/``ckg:`` prefixed name). A
default that is a whole number makes the type ``integer``.

In the query body, a parameter ``x`` appears as a placeholder
``VALUES ?x { UNDEF }``, placed by the author where binding it prunes most
(usually first in the innermost group). :func:`bind_params` replaces
``UNDEF`` with the value written as an escaped RDF term, never by pasting
text, and leaves ``UNDEF`` (no restriction) for an optional parameter not
given. ``limit`` and ``offset`` are special: they set the query's last
``LIMIT``/``OFFSET``.

>>> text = '''# title: Demo
... # param: country (optional, code) ISO code
... SELECT ?a WHERE { VALUES ?country { UNDEF } ?a <http://example.org/code> ?country }'''
>>> print(bind_params(text, {"country": 'arm'}).splitlines()[-1])
SELECT ?a WHERE { VALUES ?country { "ARM" } ?a <http://example.org/code> ?country }
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.ids import ID_BASE
from kg.resources import QUERIES_DIR
from kg.store.guard import mask_sparql
from kg.store.prefixes import expand_curie

__all__ = [
    "LibraryQuery",
    "QueryParam",
    "bind_iris",
    "bind_params",
    "fold",
    "fold_sparql",
    "get_query",
    "list_queries",
    "parse_query",
    "resolve_library",
    "resolve_names",
    "resolve_query",
]

TYPES = ("string", "code", "integer", "decimal", "date", "boolean", "iri")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_HEADER = re.compile(r"^#\s*(?P<key>title|description|param)\s*:\s*(?P<value>.*?)\s*$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<spec>[^)]*)\))?\s*(?P<description>.*)$")
_QUERY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|BASE)\b", re.IGNORECASE)
_MODIFIERS = ("limit", "offset")


@dataclass(frozen=True)
class QueryParam:
    """One parameter of a library query, from its ``# param:`` line."""

    name: str
    description: str = ""
    type: str = "string"
    required: bool = False
    default: str | None = None


@dataclass(frozen=True)
class LibraryQuery:
    """A query of the library (or any ``.rq`` text with a header)."""

    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    text: str
    path: Path | None = None

    def param(self, name: str) -> QueryParam | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)


def _parse_param(line: str, *, where: str) -> QueryParam:
    match = _PARAM.match(line)
    if match is None:
        raise QueryError(f"{where}: bad '# param:' line {line!r}; write '# param: name (optional) what it is'")
    required, default, type_ = False, None, None
    for item in filter(None, (part.strip() for part in (match.group("spec") or "").split(","))):
        word, _, rest = item.partition(" ")
        if word == "optional":
            required = False
        elif word == "required":
            required = True
        elif word == "default":
            default = rest.strip().strip("\"'")
        elif word in TYPES:
            type_ = word
        else:
            raise QueryError(
                f"{where}: parameter {match.group('name')!r}: unknown spec {item!r}; use optional, "
                f"required, default VALUE or a type ({', '.join(TYPES)})"
            )
    if type_ is None:
        type_ = "integer" if default is not None and re.fullmatch(r"-?\d+", default) else "string"
    return QueryParam(match.group("name"), match.group("description"), type_, required, default)


def parse_query(text: str, *, name: str = "query", path: Path | None = None) -> LibraryQuery:
    """Read the header of SPARQL ``text`` (a query without one has no parameters)."""
    title = description = ""
    params: list[QueryParam] = []
    where = str(path) if path else name
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match is None:
            continue
        key, value = match.group("key"), match.group("value")
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            params.append(_parse_param(value, where=where))
    return LibraryQuery(name, title, description, tuple(params), text, path)


def list_queries(directory: Path | None = None) -> list[LibraryQuery]:
    """Every ``.rq`` file of the library (or of ``directory``), sorted by name."""
    folder = directory or QUERIES_DIR
    return [
        parse_query(path.read_text(encoding="utf-8"), name=path.stem, path=path)
        for path in sorted(folder.glob("*.rq"))
    ]


def get_query(name: str) -> LibraryQuery:
    """The library query called ``name``.

    Raises
    ------
    QueryError
        For an unknown name, suggesting close ones and ``kg query --list``.
    """
    path = QUERIES_DIR / f"{name}.rq"
    if re.fullmatch(r"[A-Za-z0-9_\-]+", name) and path.is_file():
        return parse_query(path.read_text(encoding="utf-8"), name=name, path=path)
    names = [query.name for query in list_queries()]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise QueryError(f"no library query called {name!r}{hint}; `kg query --list` lists them")


def resolve_query(text_or_path_or_name: str) -> str:
    """Turn what a user gave into SPARQL text.

    Parameters
    ----------
    text_or_path_or_name : str
        SPARQL text itself, the path of a ``.rq`` file, or the name of a
        library query (``actors_by_mentions``).

    Raises
    ------
    QueryError
        For a missing file or an unknown library name.
    """
    given = text_or_path_or_name.strip()
    if "{" in given or (_QUERY_FORM.search(given) and re.search(r"\s", given)):
        return text_or_path_or_name
    looks_like_path = given.endswith(".rq") or "/" in given or "\\" in given
    if looks_like_path:
        path = Path(given).expanduser()
        try:
            return path.read_text(encoding="utf-8")
        except OSError as e:
            raise QueryError(f"cannot read the query file {path}: {e.strerror or e}; check the path") from e
    return get_query(given).text


def _term(param: QueryParam, value: str) -> str:
    """``value`` as the SPARQL text of an RDF term of the parameter's type."""
    try:
        if param.type == "iri":
            return str(ox.NamedNode(expand_curie(value.strip())))
        if param.type == "integer":
            return str(ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer")))
        if param.type == "decimal":
            return str(ox.Literal(str(Decimal(value)), datatype=ox.NamedNode(_XSD + "decimal")))
        if param.type == "date":
            day = dt.date.fromisoformat(value.strip()).isoformat()
            return str(ox.Literal(day, datatype=ox.NamedNode(_XSD + "date")))
        if param.type == "boolean":
            if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError("expected true or false")
            flag = "true" if value.lower() in ("true", "1", "yes") else "false"
            return str(ox.Literal(flag, datatype=ox.NamedNode(_XSD + "boolean")))
        if param.type == "code":
            return str(ox.Literal(value.strip().upper()))
        return str(ox.Literal(value))
    except (ValueError, InvalidOperation) as e:
        hint = "; an actor or place may also be given by name" if param.type == "iri" else ""
        raise QueryError(f"parameter {param.name}={value!r} is not a valid {param.type}: {e}{hint}") from e


def _replace_modifier(text: str, keyword: str, number: int) -> str:
    masked = mask_sparql(text)
    matches = list(re.finditer(rf"(?<![\w?$:]){keyword}\s+(\d+)", masked, re.IGNORECASE))
    if matches:
        start, end = matches[-1].span(1)
        return f"{text[:start]}{number}{text[end:]}"
    return f"{text.rstrip()}\n{keyword.upper()} {number}\n"


def bind_params(query: str | LibraryQuery, params: Mapping[str, str]) -> str:
    """Return the query text with its parameters bound.

    Parameters
    ----------
    query : str or LibraryQuery
        Query text with its comment header (as :func:`resolve_query` gives
        it), or a library query.
    params : mapping of str to str
        Values as typed by a user (``{"country": "ARM", "limit": "10"}``);
        defaults from the header fill the others.

    Raises
    ------
    QueryError
        For a parameter the query does not declare, a missing required one, a
        value not of the parameter's type, or a declared parameter without its
        ``VALUES ?name { UNDEF }`` placeholder.
    """
    library = query if isinstance(query, LibraryQuery) else parse_query(query)
    declared = {param.name: param for param in library.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(f"query {library.name!r} has no parameter {', '.join(unknown)}; its parameters: {known}")
    text = library.text
    for param in library.params:
        value = params.get(param.name, param.default)
        if value is None:
            if param.required:
                raise QueryError(
                    f"query {library.name!r} needs parameter {param.name} ({param.description}); "
                    f"give it with --param {param.name}=VALUE"
                )
            continue
        if param.name in _MODIFIERS:
            try:
                number = int(value)
            except ValueError as e:
                raise QueryError(f"query {library.name!r}: parameter {param.name}={value!r} is not a whole number") from e
            if number < 0:
                raise QueryError(f"query {library.name!r}: parameter {param.name}={value!r} must not be negative")
            text = _replace_modifier(text, param.name, number)
            continue
        try:
            term = _term(param, value)
        except QueryError as e:
            raise QueryError(f"query {library.name!r}: {e}") from e
        text = _fill_placeholder(text, param, term, name=library.name)
    return text


def _fill_placeholder(text: str, param: QueryParam, term: str, *, name: str) -> str:
    pattern = re.compile(rf"VALUES\s+\?{param.name}\s*\{{\s*(UNDEF)\s*\}}", re.IGNORECASE)
    spans = [match.span(1) for match in pattern.finditer(mask_sparql(text))]
    if not spans:
        raise QueryError(
            f"query {name!r} declares parameter {param.name} but has no "
            f"'VALUES ?{param.name} {{ UNDEF }}' placeholder where it is used; add one"
        )
    for start, end in reversed(spans):
        text = f"{text[:start]}{term}{text[end:]}"
    return text


def bind_iris(query: str, name: str, iris: list[str]) -> str:
    """Bind the parameter ``name`` of ``query`` to several IRIs at once.

    The ``VALUES ?name { UNDEF }`` placeholder becomes ``VALUES ?name { <a> <b> }``,
    each IRI written as an RDF term (an IRI that is not one raises). With no
    IRI at all the query matches nothing.

    >>> bind_iris("SELECT * WHERE { VALUES ?x { UNDEF } ?x ?p ?o }", "x", ["http://e.org/a"])
    'SELECT * WHERE { VALUES ?x { <http://e.org/a> } ?x ?p ?o }'
    """
    try:
        terms = " ".join(str(ox.NamedNode(iri)) for iri in iris)
    except ValueError as e:
        raise QueryError(f"parameter {name}: {e}") from e
    return _fill_placeholder(text=query, param=QueryParam(name, type="iri"), term=terms, name=name)


def resolve_library(text_or_path_or_name: str) -> LibraryQuery:
    """What a user gave (SPARQL text, a ``.rq`` file or a library name) as a query with its name.

    The name is the library name or the file's stem, so that an error about a
    parameter names the query it is about; SPARQL text is "the query given".
    """
    given = text_or_path_or_name.strip()
    text = resolve_query(text_or_path_or_name)
    if text is text_or_path_or_name:
        return parse_query(text, name="the query given")
    if given.endswith(".rq") or "/" in given or "\\" in given:
        path = Path(given).expanduser()
        return parse_query(text, name=path.stem, path=path)
    return get_query(given)


# accents and case folded alike in SPARQL (REPLACE) and in Python (fold)
_FOLDS = (
    ("a", "àáâãäåāăą"), ("c", "çćčĉ"), ("d", "ďđ"), ("e", "èéêëēĕėęě"), ("g", "ğĝġģ"), ("i", "ìíîïīĭįı"),
    ("l", "łľĺļ"), ("n", "ñńňņ"), ("o", "òóôõöøōŏő"), ("r", "řŕ"), ("s", "šśşŝș"), ("t", "ťţț"),
    ("u", "ùúûüūŭůűų"), ("y", "ýÿŷ"), ("z", "žźż"),
)


def fold(text: str) -> str:
    """``text`` in lower case without accents, as :func:`fold_sparql` folds it in a query.

    >>> fold("Şuşa"), fold("Nagorno-KARABAKH")
    ('susa', 'nagorno-karabakh')
    """
    lowered = text.lower()
    for plain, accented in _FOLDS:
        lowered = re.sub(f"[{accented}]", plain, lowered)
    return lowered


def fold_sparql(expression: str) -> str:
    """A SPARQL expression folding ``expression`` (a string) as :func:`fold` does."""
    folded = f"LCASE(STR({expression}))"
    for plain, accented in _FOLDS:
        folded = f'REPLACE({folded}, "[{accented}]", "{plain}")'
    return folded


_NAMED = """
SELECT DISTINCT ?entity ?label WHERE {
  { ?entity rdfs:label ?n } UNION { ?entity skos:altLabel ?n }
  FILTER(%(folded)s = %(value)s)
  ?entity rdfs:label ?label .
}
ORDER BY ?entity
"""


def resolve_names(store: Any, query: LibraryQuery, params: Mapping[str, str]) -> dict[str, str]:
    """``params`` with each IRI parameter given by name (``actor=Armenia``) replaced by that entity's IRI.

    A value that is an IRI or a prefixed name (``id:country/arm``) is kept.
    Any other is looked up among the labels and aliases of the store, in any
    case and without accents.

    Raises
    ------
    QueryError
        When no entity has that name, or several do (they are listed, with
        their IRIs, to choose from).
    """
    resolved = dict(params)
    for name, value in params.items():
        param = query.param(name)
        if param is None or param.type != "iri" or "://" in value or re.match(r"^\w+:\S", value):
            continue
        text = _NAMED % {"folded": fold_sparql("?n"), "value": ox.Literal(fold(value.strip()))}
        rows = sorted({(str(entity), str(label)) for entity, label in store.query(text).rows})
        found: dict[str, str] = {}
        for entity, label in rows:
            found.setdefault(entity, label)
        if len(found) == 1:
            resolved[name] = next(iter(found))
            continue
        if not found:
            raise QueryError(
                f"query {query.name!r}, parameter {name}: nothing in the store is called {value!r}; "
                f"`kg query entity_names -p name={value}` finds names that contain it"
            )
        listed = "; ".join(f"{label} ({entity.replace(ID_BASE, 'id:')})" for entity, label in sorted(found.items()))
        raise QueryError(
            f"query {query.name!r}, parameter {name}: {value!r} names {len(found)} entities: {listed}; "
            f"give one of these IRIs, e.g. -p {name}={next(iter(sorted(found))).replace(ID_BASE, 'id:')}"
        )
    return resolved
