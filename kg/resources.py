"""Where the project's data files live: the ontology, the query library, lexicons.

`ontology/` and `queries/` sit at the top of the source tree (they are documents
in their own right); the package finds them beside itself.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ONTOLOGY_DIR", "PACKAGE_DIR", "QUERIES_DIR", "package_data"]

PACKAGE_DIR = Path(__file__).resolve().parent
ONTOLOGY_DIR = PACKAGE_DIR.parent / "ontology"
QUERIES_DIR = PACKAGE_DIR.parent / "queries"


def package_data(*parts: str) -> Path:
    """Return the path of a data file shipped inside the package.

    >>> package_data("nlp", "data").name
    'data'
    """
    return PACKAGE_DIR.joinpath(*parts)
