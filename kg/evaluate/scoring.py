"""Counting and matching shared by the evaluations (entities now, events later).

A :class:`Score` holds the counts of one comparison and derives precision,
recall and F1 from them; :func:`match` pairs predictions with gold items
one-to-one so that no gold item is counted twice.

>>> s = Score(tp=3, fp=1, fn=2)
>>> s.precision, round(s.recall, 2), round(s.f1, 3)
(0.75, 0.6, 0.667)
>>> Score().precision  # nothing predicted: defined as 0, not an error
0.0
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Score", "match", "span_overlap"]


@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives of one comparison.

    Precision, recall and F1 are 0.0 when their denominator is 0 (nothing
    predicted, no gold), so empty inputs give a row of zeros rather than a
    division error.

    Parameters
    ----------
    tp, fp, fn : int
        Matched predictions, unmatched predictions, unmatched gold items.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def predicted(self) -> int:
        """Number of predictions compared."""
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        """Number of gold items compared."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """Share of predictions that match a gold item."""
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items matched by a prediction."""
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn
        )


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two half-open spans share (0 when disjoint).

    >>> span_overlap((0, 5), (3, 10)), span_overlap((0, 3), (3, 6))
    (2, 0)
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(edges: Iterable[tuple[int, int, int]]) -> dict[int, int]:
    """Pair predictions with gold items, each at most once.

    The pairing has as many pairs as possible and, among those, the largest
    total weight: a greedy pass could let one prediction take the only gold
    item another prediction could have matched, and undercount.

    Parameters
    ----------
    edges : iterable of (int, int, int)
        ``(prediction index, gold index, weight)`` for every admissible
        pair; integer weights keep the optimisation exact.

    Returns
    -------
    dict
        Prediction index -> gold index of each pair.

    Examples
    --------
    Prediction 0 could match gold 0 or 1, prediction 1 only gold 0:

    >>> match([(0, 0, 5), (0, 1, 1), (1, 0, 1)])
    {0: 1, 1: 0}
    """
    # networkx is a core dependency; imported here so the scorer's import stays light.
    import networkx as nx

    G = nx.Graph()
    for pred, gold, weight in edges:
        G.add_edge(("p", pred), ("g", gold), weight=weight)
    pairs: dict[int, int] = {}
    for u, v in nx.max_weight_matching(G, maxcardinality=True):
        pred_node, gold_node = (u, v) if u[0] == "p" else (v, u)
        pairs[pred_node[1]] = gold_node[1]
    return dict(sorted(pairs.items()))
