"""Strip web-page furniture from article text, line by line, with general rules.

Each line is classed from its own features (length, final punctuation, share
of capitalised words, commas, a trailing counter) and its neighbours
(repetition, whether it stands before, inside or after the story). Widget
words live in ``data/boilerplate.toml``; no rule names a site.

>>> raw = "Listen Live\\nShare\\n\\nTroops withdrew from the ridge on Monday, officials said.\\n\\nTags: Army, Ridge, Talks"
>>> clean_text(raw)
'Troops withdrew from the ridge on Monday, officials said.'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from kg.ingest.dates import Calendar, load_calendar
from kg.ingest.boilerplate_words import BoilerplateWords, load_boilerplate_words

__all__ = ["LineKind", "classify_line", "clean_text", "headline", "normalize_line"]

# Spaces that scraped pages use inside lines (no-break, thin, figure spaces ...).
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+")
# Every line break Python knows, CRLF first (str.splitlines, minus the mapping).
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200e\u200f\u2060\ufeff]")
# Glued words in scraped lines: "standardsDiscussion", "GMT02".
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’»)\]]*$""")
_TOKENS = re.compile(r"[^\W\d_]+|\d+")
_WORD = re.compile(r"[^\W_][\w'’\-.]*")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.I)
_SEPARATORS = re.compile(r"[\W\d_]*")

_PARAGRAPH_MIN_WORDS = 3
_LONG_LINE_WORDS = 25
_WIDGET_MAX_CHARS = 80
_TIMESTAMP_MAX_CHARS = 80
_TEASER_MAX_WORDS = 25
_TAG_MAX_WORDS = 4
_TAG_MIN_ITEMS = 3
_TITLE_CASE_TEASER = 0.8
_TEASER_MIN_WORDS = 4
_BYLINE_MAX_WORDS = 10
_HEADLINE_MAX_WORDS = 20
# Teasers and headlines rarely run this long; a line without a full stop that
# does is a sentence of the story.
_UNPUNCTUATED_SENTENCE_WORDS = 15
_HEADLINE_MIN_WORDS = 2  # one-word lines before a story are menu items
# Prose wrapped at a fixed width: a line this long that stops mid-sentence
# runs on into the next when that one starts in lower case.
_WRAPPED_MIN_CHARS = 40
# Words that are lower case in a title-case headline ("Calls on All Parties to ...").
_MINOR = frozenset("a an and as at but by for from in into of on or per the to vs via with".split())


class LineKind(str, Enum):
    """What a line of a scraped page is."""

    BLANK = "blank"
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    WIDGET = "widget"
    TIMESTAMP = "timestamp"
    BYLINE = "byline"
    TEASER = "teaser"
    TAGS = "tags"


def normalize_line(line: str) -> str:
    """Collapse runs of (unusual) spaces to one and drop invisible characters.

    >>> normalize_line("  calls on\\u00a0the sides\\u200b  to  stop ")
    'calls on the sides to stop'
    """
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def _title_ratio(words: list[str]) -> float:
    content = [w for w in words if w.lower() not in _MINOR]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper() or w[0].isdigit()) / len(content)


def _is_widget(line: str, lexicon: BoilerplateWords) -> bool:
    if _COPYRIGHT.match(line):
        return len(line.split()) <= _TEASER_MAX_WORDS
    if len(line) > _WIDGET_MAX_CHARS:
        return False
    line = _GLUE.sub(" ", line)
    rest, found = lexicon.ui_phrase.subn(" ", line)
    rest = lexicon.count_tail.sub(" ", rest)
    leftover = [t for t in _TOKENS.findall(rest) if not t.isdigit()]
    if not leftover:
        return bool(found) or _SEPARATORS.fullmatch(rest) is not None
    return bool(found) and all(t.lower() in lexicon.widget_filler for t in leftover)


def _is_timestamp(line: str, lexicon: BoilerplateWords, calendar: Calendar) -> bool:
    if len(line) > _TIMESTAMP_MAX_CHARS:
        return False
    has_date = calendar.iso.search(line) or calendar.dmy.search(line) or calendar.mdy.search(line)
    if not has_date and not calendar.time.search(line):
        return False
    allowed = lexicon.timestamp_words | calendar.weekdays
    for token in _TOKENS.findall(_GLUE.sub(" ", line)):
        low = token.lower()
        if not (token.isdigit() or low in allowed or low in calendar.months or low in calendar.zones):
            return False
    return True


def _is_tag_list(line: str) -> bool:
    body = re.sub(r"^[^,:]{1,20}:\s*", "", line)  # "Tags:" or "Topics:" label
    items = [i.strip() for i in re.split(r"\s*[,;|•·]\s*", body) if i.strip()]
    if len(items) < _TAG_MIN_ITEMS or _TERMINAL.search(line):
        return False
    short = all(len(i.split()) <= _TAG_MAX_WORDS for i in items)
    capitalised = sum(1 for i in items if i[0].isupper() or i[0].isdigit())
    return short and capitalised >= 0.8 * len(items)


def classify_line(line: str, *, lexicon: BoilerplateWords | None = None,
                  calendar: Calendar | None = None) -> LineKind:
    """Class one normalised line on its own features (no context).

    >>> classify_line("Community standardsDiscussion").value
    'widget'
    >>> classify_line("Border Fears: Valley Tensions Flare Again (57)").value
    'teaser'
    >>> classify_line("Armenia, Azerbaijan, Russia, OSCE Minsk Group").value
    'tags'
    >>> classify_line("Peskov said the sides should stop firing.").value
    'paragraph'
    """
    lexicon = lexicon or load_boilerplate_words()
    calendar = calendar or load_calendar()
    if not line:
        return LineKind.BLANK
    words = _WORD.findall(line)
    terminal = bool(_TERMINAL.search(line))
    if _is_timestamp(line, lexicon, calendar):
        return LineKind.TIMESTAMP
    if _is_widget(line, lexicon):
        return LineKind.WIDGET
    if len(words) <= _TEASER_MAX_WORDS:
        if lexicon.byline.match(line) and not terminal and len(words) <= _BYLINE_MAX_WORDS:
            return LineKind.BYLINE
        if lexicon.count_tail.search(line) or lexicon.teaser_prefix.match(line):
            return LineKind.TEASER
    if _is_tag_list(line):
        return LineKind.TAGS
    if (terminal and len(words) >= _PARAGRAPH_MIN_WORDS) or len(words) >= _LONG_LINE_WORDS:
        return LineKind.PARAGRAPH
    return LineKind.HEADING


def _unwrap(lines: list[str]) -> list[str]:
    # Re-join prose hard-wrapped at a fixed width, so that its pieces are not
    # mistaken for headings; blank lines keep separating paragraphs.
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        last_word = prev.rsplit(" ", 1)[-1].lower()
        runs_on = line[:1].islower() or prev.endswith(",") or last_word in _MINOR
        if line and len(prev) >= _WRAPPED_MIN_CHARS and not _TERMINAL.search(prev) and runs_on:
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def _keep(kinds: list[LineKind], lines: list[str]) -> list[bool]:
    paragraphs = [i for i, k in enumerate(kinds) if k is LineKind.PARAGRAPH]
    keep = [k in (LineKind.PARAGRAPH, LineKind.HEADING) for k in kinds]
    if not paragraphs:
        return keep
    first, last = paragraphs[0], paragraphs[-1]
    # Before the story only its headline stands: the heading nearest the lede.
    leading = [i for i in range(first) if keep[i]]
    headline_at = next(
        (i for i in reversed(leading) if len(_WORD.findall(lines[i])) >= _HEADLINE_MIN_WORDS), None)
    for i in leading:
        keep[i] = i == headline_at or len(_WORD.findall(lines[i])) >= _UNPUNCTUATED_SENTENCE_WORDS
    for i in range(first + 1, last):
        words = _WORD.findall(lines[i])
        # A Title Case line inside the story is a related-story teaser more
        # often than a subheading (subheadings are mostly in sentence case).
        if (kinds[i] is LineKind.HEADING and len(words) >= _TEASER_MIN_WORDS
                and _title_ratio(words) >= _TITLE_CASE_TEASER):
            keep[i] = False
    for i in range(last + 1, len(kinds)):
        # After the story come teasers, tags and comment widgets; a line as long
        # as a sentence is story text that lost its full stop.
        keep[i] = keep[i] and len(_WORD.findall(lines[i])) >= _UNPUNCTUATED_SENTENCE_WORDS
    return keep


def clean_text(text: str, *, lexicon: BoilerplateWords | None = None,
               calendar: Calendar | None = None) -> str:
    """Return the article text without boilerplate, whitespace lightly normalised.

    Paragraphs that were apart stay apart by a blank line; lines that were
    adjacent stay on adjacent lines. The result is what is stored, and every
    offset into the article points into it.

    Parameters
    ----------
    text : str
        Text as read (plain text, or text extracted from HTML).
    lexicon, calendar : optional
        Word lists to use instead of the shipped ones.

    Returns
    -------
    str
        The cleaned text, possibly empty.
    """
    lexicon = lexicon or load_boilerplate_words()
    calendar = calendar or load_calendar()
    lines = _unwrap([normalize_line(l) for l in _LINE_BREAKS.split(text)])
    kinds = [classify_line(l, lexicon=lexicon, calendar=calendar) for l in lines]
    counts = Counter(l.casefold() for l, k in zip(lines, kinds, strict=True) if k is not LineKind.BLANK)
    for i, line in enumerate(lines):
        if kinds[i] not in (LineKind.BLANK, LineKind.PARAGRAPH) and counts[line.casefold()] > 1:
            kinds[i] = LineKind.TEASER  # repeated on the page: a site-wide teaser or widget
    keep = _keep(kinds, lines)
    parts: list[str] = []
    gap = False
    for line, kept in zip(lines, keep, strict=True):
        if not kept:
            gap = gap or bool(parts)
            continue
        if parts:
            parts.append("\n\n" if gap else "\n")
        parts.append(line)
        gap = False
    return "".join(parts)


def headline(text: str) -> str | None:
    """Return the first line of a cleaned text when it reads as a headline.

    A headline is short, starts with a capital and ends without a full stop,
    and more text follows it.

    >>> headline("Talks Resume in Geneva\\n\\nDelegations met on Monday.")
    'Talks Resume in Geneva'
    >>> headline("Delegations met on Monday.\\n\\nThey agreed to meet again.") is None
    True
    """
    first, sep, rest = text.partition("\n")
    words = _WORD.findall(first)
    if not sep or not rest.strip() or not first[:1].isupper():
        return None
    if len(words) > _HEADLINE_MAX_WORDS or re.search(r"""[.,;:]["'”’)]*$""", first):
        return None
    return first
