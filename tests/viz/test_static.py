"""The static picture: PNG and SVG files with a legend, the same for the same graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.errors import ConfigError
from kg.viz import render_static
from tests.viz.conftest import artifacts

LEGEND = ["Country", "Person", "InternationalOrganization", "verbal cooperation", "material conflict"]


def test_png_is_a_picture(G: Any, tmp_path: Path) -> None:
    out = render_static(G, artifacts(tmp_path) / "graph.png", title="Test network")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000


@pytest.mark.parametrize("label", LEGEND)
def test_svg_has_the_legend_as_text(G: Any, tmp_path: Path, label: str) -> None:
    out = render_static(G, tmp_path / "graph.svg", title="Test network")
    assert label in out.read_text(encoding="utf-8")


def test_svg_names_the_top_actors(G: Any, tmp_path: Path) -> None:
    text = render_static(G, tmp_path / "graph.svg", title="Test network").read_text(encoding="utf-8")
    for name in ("Armenia", "Azerbaijan", "Vladimir Putin", "OSCE", "Test network"):
        assert f">{name}<" in text


def test_same_graph_same_svg(G: Any, tmp_path: Path) -> None:
    first = render_static(G, tmp_path / "a.svg", title="t").read_bytes()
    second = render_static(G, tmp_path / "b.svg", title="t").read_bytes()
    assert first == second


def test_node_cap_is_reported(chain: Any, tmp_path: Path) -> None:
    text = render_static(chain, tmp_path / "c.svg", title="t", max_nodes=8).read_text(encoding="utf-8")
    assert "top 8 of 41 actors" in text


@pytest.mark.parametrize(("name", "fmt"), [("graph.gif", None), ("graph.png", "pdf")])
def test_unknown_format_is_refused(G: Any, tmp_path: Path, name: str, fmt: str | None) -> None:
    with pytest.raises(ConfigError, match="png, svg"):
        render_static(G, tmp_path / name, fmt=fmt, title="t")
