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
  switch interval (5 ms) each time the caller's thread is busy in Python.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> [(doc.text, n) for doc, n in parse_ahead([("a b", 1), ("c", 2)], nlp, batch_size=2)]
[('a b', 1), ('c', 2)]
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["parse_ahead"]

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
            while chunk := list(islice(iterator, zone_size)):
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
