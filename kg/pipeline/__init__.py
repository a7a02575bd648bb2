"""Building the graph: the stages of an article, and the orchestration of a build.

- :mod:`kg.pipeline.stages`: the stages of one article in order (model, mentions,
  entities, events, triples), the unit of work of every build path;
- :mod:`kg.pipeline.builder`: a build (skip what is unchanged, extract, write in
  batches, report);
- :mod:`kg.pipeline.parallel` and :mod:`kg.pipeline.distributed`: the same stages in
  worker processes or on a Dask cluster;
- :mod:`kg.pipeline.runlog`: the journal of a build, line by line;
- :mod:`kg.pipeline.report`: what a build reports.
"""

from __future__ import annotations

from kg.pipeline.builder import articles_to_build, build, write_results
from kg.pipeline.report import ArticleStatus, BuildReport, Built
from kg.pipeline.stages import (
    Components,
    extract,
    extract_doc,
    extract_mentions,
    extract_ntriples,
    load_components,
)

__all__ = [
    "ArticleStatus",
    "BuildReport",
    "Built",
    "Components",
    "articles_to_build",
    "build",
    "extract",
    "extract_doc",
    "extract_mentions",
    "extract_ntriples",
    "load_components",
    "write_results",
]
