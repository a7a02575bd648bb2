"""What a build reports: each article's status, and the summary of the run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ArticleStatus", "BuildReport", "Built"]


@dataclass(frozen=True)
class ArticleStatus:
    """What happened to one article in a build: ``built``, ``unchanged`` or ``failed``."""

    article: str
    status: str
    reason: str = ""
    triples: int = 0


@dataclass
class BuildReport:
    """The summary of a build, article by article.

    Mutable while the build runs (it is the build's accumulator), then handed to
    the caller.
    """

    articles: list[ArticleStatus] = field(default_factory=list)
    #: article id -> character ranges the model did not read (markers, passages not in English)
    skipped: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    #: articles extracted again because the corpus now names their short names of people otherwise
    settled: int = 0
    entities: int = 0
    triples: int = 0
    seconds: float = 0.0
    #: article graphs of an earlier kg rearranged before the build (see :func:`kg.store.migrate_layout`)
    migrated: int = 0

    def _count(self, status: str) -> int:
        return sum(1 for a in self.articles if a.status == status)

    @property
    def built(self) -> int:
        """Number of articles extracted and written."""
        return self._count("built")

    @property
    def unchanged(self) -> int:
        """Number of articles skipped because the store already has them as they are."""
        return self._count("unchanged")

    @property
    def failed(self) -> list[ArticleStatus]:
        """The articles that could not be built, with the reason."""
        return [a for a in self.articles if a.status == "failed"]

    def as_dict(self) -> dict[str, Any]:
        """Plain data, for JSON output and run reports."""
        return {
            "built": self.built,
            "unchanged": self.unchanged,
            "failed": len(self.failed),
            "settled": self.settled,
            "entities": self.entities,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "migrated": self.migrated,
            "articles": [a.__dict__ for a in self.articles],
            "skipped_passages": {article: [list(r) for r in ranges]
                                 for article, ranges in sorted(self.skipped.items())},
        }


@dataclass(frozen=True)
class Built:
    """One article extracted and mapped, ready to write: what a worker sends back.

    Plain strings only, so it pickles small and cheaply between processes.
    """

    article: str
    iri: str
    ntriples: str
    entities: tuple[str, ...]
    triples: int
