"""Stretches of an article that are not English prose: markers and foreign passages.

News pages and wikis embed things that are not part of the English story:

- interview and markup markers: a speaker or language tag in double brackets
  ("((WN))", "((Jane Doe))", "((es))Spanish language:" before a quotation in the
  original language), which a language model would read as names;
- passages in another language: a quotation in the original, a transcript.

:func:`skipped_passages` finds both, as character ranges of the text. The text
itself is kept exactly as given (offsets of gold annotations point into it); the
pipeline blanks these ranges before the language model reads it
(:attr:`kg.model.Article.parsed_text`), so they give no mentions and no events.

A passage is a sentence (or the part of a line between markers); it is not English
when most of its letters are of another script than Latin, when two fifths of its
words or more are (code-mixed speech with English words in it), or when it has several
lower-case words and more of them are function words of another language written
in Latin script (Spanish, French, German, ...) than English function words. The
function words are data (``english_function_words.txt`` and
``foreign_function_words.txt`` in ``kg/ingest/data``). A statistical language
identifier would call every sentence of every article, for a question a list of
the hundred commonest English words answers for the passages that matter here:
whole sentences in another language inside English news.

>>> text = "((WN)) Why? ((es))Spanish language: \\u200dEl pueblo me eligió para que sirva a la nación."
>>> [text[a:b] for a, b in skipped_passages(text)]
['((WN))', '((es))Spanish language: \\u200d', 'El pueblo me eligió para que sirva a la nación.']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.resources import package_data

__all__ = ["is_foreign", "skipped_passages"]

# "((WN))", "((Akram Pasha))", and a language tag with its label: "((hi))Hindi language: \u200d"
_MARKER = re.compile(r"\(\((?P<tag>[^()\n]{1,60})\)\)(?P<label>[A-Z][a-z]+(?: language)?:\s*\u200d?)?")
# A passage ends at a sentence's end, a line break or a marker
_PASSAGE = re.compile(r"[^\n]+?(?:[.!?。।؟]+[\"”’')\]]*(?=\s)|(?=\n)|(?=\(\()|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# at least this many lower-case words before the function-word test says anything
_MIN_WORDS = 4
# and at least this many function words of another language
_MIN_FOREIGN = 2
# words of another script (at least two fifths of all) that make a mixed passage foreign
_MIN_OTHER_SCRIPT = 3


@lru_cache(maxsize=2)
def _function_words(name: str) -> frozenset[str]:
    path = package_data("ingest", "data", f"{name}_function_words.txt")
    with path.open(encoding="utf-8") as f:
        return frozenset(w for line in f if (w := line.strip()) and not w.startswith("#"))


def _latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def is_foreign(passage: str) -> bool:
    """Whether ``passage`` is not English.

    >>> is_foreign("Rebels shelled the town overnight, officials said.")
    False
    >>> is_foreign("Свою победу я дарю маме, которая вдохновила меня.")
    True
    >>> is_foreign("Si el Senado me ratifica, seré gobernador hasta el próximo año.")
    True
    >>> is_foreign("Armenia Azerbaijan Ceasefire Talks Resume In Moscow")
    False
    """
    letters = [c for c in passage if c.isalpha()]
    if len(letters) < 3:
        return False
    if sum(not _latin(c) for c in letters) * 2 > len(letters):
        return True
    every = _WORD.findall(passage)
    # code-mixed speech: a sentence in another script with English words in it
    others = sum(not _latin(w[0]) for w in every)
    if others >= _MIN_OTHER_SCRIPT and others * 5 >= len(every) * 2:
        return True
    words = [w for w in every if w.islower()]
    if len(words) < _MIN_WORDS:
        return False
    english, foreign = _function_words("english"), _function_words("foreign")
    theirs = sum(w in foreign for w in words)
    return theirs >= _MIN_FOREIGN and theirs > sum(w in english for w in words)


def skipped_passages(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of ``text`` that are markers or not English, in order.

    Markers are always skipped; a passage that is not English (see
    :func:`is_foreign`) is skipped whole, from its first to its last non-space
    character.
    """
    ranges: list[tuple[int, int]] = [(m.start(), m.end()) for m in _MARKER.finditer(text)]
    for m in _PASSAGE.finditer(text):
        inside = [r for r in ranges if m.start() <= r[0] < m.end()]
        start = max((r[1] for r in inside), default=m.start())
        body = text[start:m.end()]
        stripped = body.strip()
        if stripped and is_foreign(stripped):
            lead = len(body) - len(body.lstrip())
            ranges.append((start + lead, start + lead + len(stripped)))
    return tuple(sorted(set(ranges)))
