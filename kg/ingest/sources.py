"""Find the inputs (files, directories, globs, stdin), read and decode them.

Only this module opens input files. Formats by extension:

=========================  ============================================
``.txt`` ``.text`` ``.md``  plain text
``.html`` ``.htm``          HTML page
``.jsonl`` ``.ndjson``      JSON Lines, one article object per line
``.json``                   one article object, or a list of them
=========================  ============================================

Directories are walked recursively in sorted order, and glob patterns
expanded sorted, taking known extensions only and skipping hidden entries and
documentation files (README, LICENSE, ...; named explicitly, they are read). A file named explicitly with another extension, and ``-`` (stdin), are
sniffed: JSON Lines if every non-blank line is a JSON object, JSON if the
whole is, HTML if it starts like a page, else plain text; a binary or
non-UTF-8 file is reported, not guessed at.
"""

from __future__ import annotations

import codecs
import glob
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import IO

from kg.ingest.boilerplate_words import BoilerplateWords, load_boilerplate_words
from kg.ingest.problem import IngestProblem

__all__ = [
    "FORMATS", "Source", "decode", "expand_inputs", "read_lines", "read_source", "sniff",
    "split_lines",
]

FORMATS = MappingProxyType({
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
})
STDIN = "-"
_GLOB_CHARS = re.compile(r"[*?\[]")
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|article|section|span|a|br|h[1-6])\b[^>]*>", re.I)
# Byte counts above which a file cannot hold max_chars characters or fewer
# (UTF-8 spends at most 4 bytes a character; pages carry markup besides).
_BYTES_PER_CHAR = 4
_HTML_MARKUP_FACTOR = 20


@dataclass(frozen=True)
class Source:
    """One input to read.

    Parameters
    ----------
    name : str
        How messages name it: the path as found, or ``<stdin>``.
    path : Path, optional
        The file; None for stdin.
    kind : str, optional
        ``text``, ``html``, ``jsonl`` or ``json``; None to sniff the content.
    """

    name: str
    path: Path | None
    kind: str | None


def _is_documentation(path: Path, lexicon: BoilerplateWords) -> bool:
    parts = re.split(r"[\W_]+", path.stem.lower())
    return any(p in lexicon.documentation_files for p in parts)


def _walk(directory: Path, lexicon: BoilerplateWords) -> Iterator[Path]:
    for entry in sorted(directory.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, lexicon)
        elif entry.suffix.lower() in FORMATS and not _is_documentation(entry, lexicon):
            yield entry


def _from_directory(path: Path, name: str, lexicon: BoilerplateWords) -> Iterator[Source | IngestProblem]:
    found = False
    for file in _walk(path, lexicon):
        found = True
        yield Source(str(file), file, FORMATS[file.suffix.lower()])
    if not found:
        yield IngestProblem(name, "directory holds no article files (" + ", ".join(FORMATS)
                            + "); check the path or name the files")


def expand_inputs(inputs: Iterable[str | Path], *,
                  lexicon: BoilerplateWords | None = None) -> Iterator[Source | IngestProblem]:
    """Expand paths, directories and glob patterns into sources, in a stable order.

    A ``str`` with ``*``, ``?`` or ``[`` that is not an existing path is a glob
    pattern (``**`` recurses); its matches are taken sorted. ``-`` is stdin.
    """
    lexicon = lexicon or load_boilerplate_words()
    for item in inputs:
        name = str(item)
        if isinstance(item, str) and item == STDIN:
            yield Source("<stdin>", None, None)
            continue
        path = Path(item)
        if isinstance(item, str) and _GLOB_CHARS.search(item) and not path.exists():
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield IngestProblem(name, "pattern matched no files; check the pattern and the "
                                    "current directory (quote it so the shell does not expand it)")
            for match in matches:
                found = Path(match)
                if found.is_dir():
                    yield from _from_directory(found, match, lexicon)
                elif found.suffix.lower() in FORMATS and not _is_documentation(found, lexicon):
                    yield Source(match, found, FORMATS[found.suffix.lower()])
            continue
        if path.is_dir():
            yield from _from_directory(path, name, lexicon)
        elif path.is_file():
            yield Source(name, path, FORMATS.get(path.suffix.lower()))
        elif path.exists():
            yield IngestProblem(name, "not a regular file; give a file, a directory or '-'")
        else:
            yield IngestProblem(name, "no such file or directory; check the path")


def decode(data: bytes, name: str) -> str | IngestProblem:
    """Decode UTF-8 (with or without BOM, or UTF-16 with a BOM); report anything else."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        return IngestProblem(name, "binary file (contains NUL bytes), not text; give a text, "
                             "HTML or JSON file (convert PDFs and documents to text first)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        source = "" if name == "<stdin>" else f" '{name.rsplit(':', 1)[0]}' > fixed.txt"
        return IngestProblem(
            name, f"not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); convert it, "
            f"e.g. iconv -f WINDOWS-1252 -t UTF-8{source}")


def sniff(content: str) -> str:
    """Guess the format of content that has no telling extension.

    >>> sniff('{"text": "a"}\\n{"text": "b"}\\n'), sniff("<!DOCTYPE html><p>x</p>"), sniff("Hello.")
    ('jsonl', 'html', 'text')
    """
    lines = [line for line in content.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines):
        try:
            if all(isinstance(json.loads(line), dict) for line in lines):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    if content.lstrip()[:1] in ("{", "["):
        try:
            json.loads(content)
            return "json"
        except json.JSONDecodeError:
            pass
    if _HTML_START.match(content) or (content.lstrip().startswith("<")
                                      and len(_HTML_TAGS.findall(content[:5000])) >= 2):
        return "html"
    return "text"


def read_source(source: Source, *, max_chars: int,
                stdin: IO[str] | IO[bytes] | None = None) -> str | IngestProblem:
    """Read a whole source (file or stdin) and decode it."""
    if source.path is None:
        # Read bytes where the stream has them, so that bad encodings are reported, not raised.
        given = stdin if stdin is not None else sys.stdin
        stream: IO[str] | IO[bytes] = getattr(given, "buffer", given)
        data = stream.read()
        if isinstance(data, str):
            return data
        return decode(data, source.name)
    limit = max_chars * _BYTES_PER_CHAR * (_HTML_MARKUP_FACTOR if source.kind == "html" else 1)
    try:
        size = source.path.stat().st_size
        if size > limit:
            return IngestProblem(source.name, f"file has {size:,} bytes, more than an article of "
                                 f"{max_chars:,} characters can take; split it or raise the limit")
        data = source.path.read_bytes()
    except OSError as e:
        return IngestProblem(source.name, f"cannot read the file ({e.strerror}); check its permissions")
    return decode(data, source.name)


def read_lines(source: Source) -> Iterator[tuple[int, str | IngestProblem]]:
    """Decode a JSON Lines file line by line, so that one bad line spoils only itself."""
    assert source.path is not None
    try:
        with source.path.open("rb") as handle:
            if b"\x00" in handle.read(8192):
                yield 0, IngestProblem(source.name, "binary file (contains NUL bytes), not JSON "
                                       "Lines; give a text file with one JSON object per line")
                return
            handle.seek(0)
            for number, raw in enumerate(handle, start=1):
                if number == 1:
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                decoded = decode(raw, f"{source.name}:{number}")
                yield number, decoded
    except OSError as e:
        yield 0, IngestProblem(source.name, f"cannot read the file ({e.strerror}); check its permissions")


def split_lines(content: str) -> Iterator[tuple[int, str | IngestProblem]]:
    """Number the lines of already-decoded JSON Lines content (stdin)."""
    for number, line in enumerate(io.StringIO(content), start=1):
        yield number, line
