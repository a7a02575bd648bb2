"""Reading gold entity annotations (re3d-style JSON Lines).

One document per line: ``{"id": ..., "text": ..., "entities": [{"start": 0,
"end": 5, "type": "Person", "text": "...", "confidence": 1.0}, ...]}``.
Offsets are Python code-point offsets into ``text``, end exclusive; ``title``,
the entity ``text`` and ``confidence`` are optional (confidence defaults to 1.0).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import EvalError

__all__ = ["GoldDoc", "GoldSpan", "gold_field", "gold_lines", "json_object", "read_gold_entities"]


def gold_lines(path: Path) -> list[str]:
    """The lines of a gold JSON Lines file, or an :class:`EvalError` naming the file."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise EvalError(f"{path}: gold file not found; give the path of a JSON Lines file") from e
    except UnicodeDecodeError as e:
        raise EvalError(f"{path}: not UTF-8 text ({e.reason}); save the gold file as UTF-8") from e
    except OSError as e:
        raise EvalError(f"{path}: cannot read the gold file ({e.strerror})") from e


def json_object(line: str, where: str, *, fields: str) -> dict[str, Any]:
    """One line of a gold file as a JSON object, or an :class:`EvalError` saying what it needs.

    ``fields`` names what each line must hold, for the message.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise EvalError(f"{where}: not valid JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(record, dict):
        raise EvalError(f"{where}: each line must be a JSON object with {fields}")
    return record


def gold_field(record: dict[str, Any], key: str, kind: type, where: str, *, default: Any = ...) -> Any:
    """A field of a gold record of exactly the kind asked (a bool is no int); ``default`` if absent."""
    if key not in record or record[key] is None:
        if default is ...:
            raise EvalError(f"{where}: missing field {key!r}; every gold record needs it")
        return default
    value = record[key]
    # bool is an int subclass, and a str is not a bool: check the exact kind
    if (kind is bool) != isinstance(value, bool) or not isinstance(value, kind):
        raise EvalError(f"{where}: field {key!r} must be {kind.__name__}, got {value!r}")
    return value


@dataclass(frozen=True)
class GoldSpan:
    """One gold annotation.

    Parameters
    ----------
    start, end : int
        Character offsets into the document text (end exclusive).
    type : str
        The gold label (``Person``, ``Organisation``, ``Location``, ...).
    text : str
        The annotated text, ``doc.text[start:end]``.
    confidence : float
        The annotators' agreement in [0, 1]; re3d keeps rejected alternatives
        with confidence 0.
    """

    start: int
    end: int
    type: str
    text: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class GoldDoc:
    """A gold document: its text and its annotations.

    Parameters
    ----------
    id : str
        Document id; predictions are keyed by it.
    text : str
        The text every offset points into.
    spans : tuple of GoldSpan
        The annotations, in file order (they may overlap or repeat a span
        with another label).
    title : str, optional
        Title from the file.
    origin : str
        ``path:line`` it was read from, for messages.
    """

    id: str
    text: str
    spans: tuple[GoldSpan, ...] = ()
    title: str | None = None
    origin: str = ""


def _require(record: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in record:
        raise EvalError(f"{where}: missing field {key!r}; every record needs it")
    value = record[key]
    # bool is an int subclass; an offset of `true` is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise EvalError(f"{where}: field {key!r} must be {names}, got {value!r}")
    return value


def _gold_span(record: Any, text: str, where: str) -> GoldSpan:
    if not isinstance(record, dict):
        raise EvalError(f"{where}: an entity must be a JSON object, got {record!r}")
    start = _require(record, "start", int, where)
    end = _require(record, "end", int, where)
    label = _require(record, "type", str, where)
    if not 0 <= start < end <= len(text):
        raise EvalError(
            f"{where}: offsets {start}-{end} are outside the text (length {len(text)}); "
            "offsets must be code-point offsets into 'text', end exclusive"
        )
    surface = text[start:end]
    if "text" in record and record["text"] != surface:
        raise EvalError(
            f"{where}: entity text {record['text']!r} differs from text[{start}:{end}] "
            f"= {surface!r}; fix the offsets"
        )
    confidence = record.get("confidence", 1.0)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        raise EvalError(f"{where}: field 'confidence' must be a number, got {confidence!r}")
    return GoldSpan(start=start, end=end, type=label, text=surface, confidence=float(confidence))


def _gold_doc(line: str, where: str) -> GoldDoc:
    record = json_object(line, where, fields="id, text and entities")
    doc_id = _require(record, "id", str, where)
    text = _require(record, "text", str, where)
    entities = _require(record, "entities", list, where)
    title = record.get("title")
    spans = tuple(
        _gold_span(entity, text, f"{where}: entity {n}") for n, entity in enumerate(entities)
    )
    return GoldDoc(
        id=doc_id,
        text=text,
        spans=spans,
        title=title if isinstance(title, str) else None,
        origin=where,
    )


def read_gold_entities(path: Path) -> list[GoldDoc]:
    """Read gold entity annotations from a JSON Lines file.

    Parameters
    ----------
    path : Path
        One document per line (blank lines are skipped).

    Returns
    -------
    list of GoldDoc
        The documents in file order.

    Raises
    ------
    EvalError
        When the file is missing or unreadable, a line is not JSON, a field is
        missing or of the wrong kind, offsets do not fit the text, a document
        id repeats, or the file holds no document. The message names the file
        and line.
    """
    path = Path(path)
    lines = gold_lines(path)
    docs: list[GoldDoc] = []
    seen: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        doc = _gold_doc(line, where)
        if doc.id in seen:
            raise EvalError(f"{where}: document id {doc.id!r} repeats {seen[doc.id]}; ids must be unique")
        seen[doc.id] = where
        docs.append(doc)
    if not docs:
        raise EvalError(f"{path}: no documents in the gold file")
    return docs
