"""The settings of the analytics, read from ``kg/analytics/data/analytics.toml``.

>>> settings = analytics_settings()
>>> settings.mediation_codes
('045', '046')
>>> settings.escalation_drop
10.0
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import ConfigError
from kg.resources import package_data

__all__ = ["AnalyticsSettings", "analytics_settings"]


@dataclass(frozen=True)
class AnalyticsSettings:
    """Thresholds and seeds of the analytics (see the TOML file for why each value).

    Parameters
    ----------
    mediation_codes : tuple of str
        CAMEO code prefixes of mediation events (045, 046).
    consultation_codes : tuple of str
        CAMEO code prefixes of other consultations (04).
    escalation_drop : float
        How far a dyad's monthly Goldstein sum must fall below the month
        before for the month to count as an escalation.
    pagerank_alpha : float
        PageRank damping factor.
    exact_max_nodes : int
        Largest graph on which networkx betweenness is computed exactly.
    sample : int
        Number of sampled sources for betweenness on larger graphs.
    seed : int
        Seed of the betweenness sample.
    community_seed : int
        Seed of Louvain community detection.
    resolution : float
        Louvain resolution (1.0 is plain modularity).
    """

    mediation_codes: tuple[str, ...]
    consultation_codes: tuple[str, ...]
    escalation_drop: float
    pagerank_alpha: float
    exact_max_nodes: int
    sample: int
    seed: int
    community_seed: int
    resolution: float


@cache
def analytics_settings(path: Path | None = None) -> AnalyticsSettings:
    """Read the analytics settings (once per process and path).

    Raises
    ------
    ConfigError
        If the file is missing, is not TOML or lacks a value.
    """
    path = path or package_data("analytics", "data", "analytics.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return AnalyticsSettings(
            mediation_codes=tuple(str(c) for c in data["mediation"]["codes"]),
            consultation_codes=tuple(str(c) for c in data["mediation"]["consultations"]),
            escalation_drop=float(data["escalation"]["drop"]),
            pagerank_alpha=float(data["centrality"]["pagerank_alpha"]),
            exact_max_nodes=int(data["centrality"]["exact_max_nodes"]),
            sample=int(data["centrality"]["sample"]),
            seed=int(data["centrality"]["seed"]),
            community_seed=int(data["communities"]["seed"]),
            resolution=float(data["communities"]["resolution"]),
        )
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the analytics settings ({e}); restore the file") from e
    except (KeyError, TypeError, ValueError) as e:
        raise ConfigError(f"{path}: missing or malformed setting {e}; compare with the shipped file") from e
