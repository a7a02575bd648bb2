"""Parse ahead: the language model in a thread of its own, overlapping with what reads its Docs.

Most of the model's time is spent outside the interpreter lock (the parser's and
entity recogniser's transition loops, the matrix products of the embeddings),
so a thread running ``nlp.pipe`` can parse the next texts while the caller's
thread extracts, maps and writes the previous ones. :func:`parse_ahead` is
that producer and consumer pair:

- the texts are parsed in chunks of ``zone_size``, each inside a spaCy memory
  zone (the strings and lexemes its texts add are freed when it closes, so a
  long run's memory stays flat);
- at most ``ahead`` Docs wait in between; a zone closes only once the caller
  has asked for the item after its last Doc, so a Doc is never read after its
  zone closed (the caller must not keep a Doc past the next one, as with any
  zoned stream);
- an error in the producer (in the model, or in reading the input) is raised
  in the caller's thread, and a caller that stops early stops the producer;
- the caller hands the interpreter lock over at each item: the model thread
  coming back from a lock-free section would otherwise wait out the whole
  switch interval (5 ms) each time the caller's thread is busy in Python;
- before a zone opens, :class:`TokenizerWarmup` tokenizes the chunk's
  frequent words outside it, since spaCy's tokenizer caches nothing inside a
  zone (see there).

>>> import spacy
>>> nlp = spacy.blank("en")
>>> [(doc.text, n) for doc, n in parse_ahead([("a b", 1), ("c", 2)], nlp, batch_size=2)]
[('a b', 1), ('c', 2)]
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["TokenizerWarmup", "parse_ahead"]

T = TypeVar("T")

# how long a blocked side sleeps before it looks whether the other one gave up
_POLL_SECONDS = 0.1


class _ZoneEnd:
    """Sent after a zone's last Doc; the caller sets ``done`` when it asks for what follows."""

    def __init__(self) -> None:
        self.done = threading.Event()


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_END = object()

# strings per tokenizer call when warming up (a Doc of a few thousand words)
_WARM_CHUNK = 4096


class TokenizerWarmup:
    """Keep spaCy's tokenizer cache useful across memory zones.

    Inside a memory zone the tokenizer caches nothing (what it would cache
    points to words the zone frees), so every space-separated string goes
    through the prefix, suffix and infix expressions again: on short news
    items the tokenizer then runs about four times slower than the model's
    own. Called with a zone's texts before the zone opens, an instance
    tokenizes the strings that occur at least ``min_count`` times in them,
    outside the zone, where their words and cache entries are kept; at most
    ``budget`` strings over its life, so memory stays bounded however long the
    run. The tokens are the same either way: the cache only remembers them.

    Parameters
    ----------
    nlp : Language
    budget : int
        Strings kept at most.
    min_count : int
        Occurrences in one call a string needs to be kept.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> warm = TokenizerWarmup(nlp, budget=10)
    >>> warm(["the talks resumed", "the talks failed"])
    2
    >>> warm.kept
    2
    """

    def __init__(self, nlp: Language, *, budget: int = 50_000, min_count: int = 2) -> None:
        self._nlp = nlp
        self._budget = budget
        self._min_count = min_count
        self._seen: set[str] = set()

    @property
    def kept(self) -> int:
        """Strings tokenized outside a zone so far."""
        return len(self._seen)

    def __call__(self, texts: Iterable[str]) -> int:
        """Tokenize the frequent strings of ``texts`` outside any zone; returns how many were new."""
        room = self._budget - len(self._seen)
        if room <= 0 or getattr(self._nlp.vocab, "in_memory_zone", False):  # not in the stubs
            return 0
        counts = Counter(word for text in texts for word in text.split())
        new = [w for w, n in counts.most_common() if n >= self._min_count and w not in self._seen][:room]
        for i in range(0, len(new), _WARM_CHUNK):
            self._nlp.tokenizer(" ".join(new[i:i + _WARM_CHUNK]))
        self._seen.update(new)
        return len(new)


def parse_ahead(items: Iterable[tuple[str, T]], nlp: Language, *, batch_size: int,
                zone_size: int | None = None, ahead: int | None = None) -> Iterator[tuple[Doc, T]]:
    """``nlp.pipe(items, as_tuples=True)`` run in a background thread, in memory zones.

    Parameters
    ----------
    items : iterable of (str, context)
        Texts with whatever should travel with them; the iterable is consumed
        in the background thread.
    nlp : Language
    batch_size : int
        ``nlp.pipe``'s batch size.
    zone_size : int, optional
        Texts per memory zone (default: 16 batches).
    ahead : int, optional
        Docs parsed ahead of the caller at most (default: two batches, so the
        model can start a batch while the caller works through the last one).

    Yields
    ------
    (Doc, context)
        In input order. A Doc must not be used after the next item is asked for.
    """
    zone_size = zone_size or batch_size * 16
    out: queue.Queue[Any] = queue.Queue(maxsize=ahead or 2 * batch_size)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                out.put(item, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            iterator = iter(items)
            warm = TokenizerWarmup(nlp)
            while chunk := list(islice(iterator, zone_size)):
                warm(text for text, _ in chunk)
                with nlp.memory_zone():
                    for pair in nlp.pipe(chunk, as_tuples=True, batch_size=batch_size):
                        if not put(pair):
                            return
                    end = _ZoneEnd()
                    if not put(end):
                        return
                    while not end.done.wait(_POLL_SECONDS):
                        if stop.is_set():
                            return
            put(_END)
        except BaseException as e:  # handed to the caller's thread, which raises it
            put(_Failure(e))

    thread = threading.Thread(target=produce, name="kg-parse-ahead", daemon=True)
    thread.start()
    try:
        while True:
            time.sleep(0)  # let a waiting model thread take the lock now (see the module doc)
            item = out.get()
            if item is _END:
                return
            if isinstance(item, _ZoneEnd):
                item.done.set()
                continue
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        stop.set()
        thread.join()
