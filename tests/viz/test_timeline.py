"""The timeline: per dyad, cooperation above the axis and conflict below, as PNG, SVG or HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from kg.errors import ConfigError
from kg.store import Store
from kg.viz import event_rows, render_timeline
from kg.viz.timeline import dyads
from tests.viz.conftest import ARM, AZE, HOSTILE

SVG = "{http://www.w3.org/2000/svg}"


def _svg(page: str) -> ET.Element:
    return ET.fromstring(page[page.index("<svg"): page.index("</svg>") + 6])


def test_dyads_group_both_directions_busiest_first(G: Any) -> None:
    panels = dyads(event_rows(G))
    assert [panel.labels for panel in panels] == [
        ("Armenia", "Azerbaijan"), ("Armenia", "OSCE"), ("Armenia", "Vladimir Putin"),
    ]
    # two accusations on one day sum up; the threat is a day of its own
    assert panels[0].days == [("2020-10-01", 0.0, -4.0), ("2020-10-12", 0.0, -4.4)]
    assert panels[1].days == [("2020-11-01", 7.0, 0.0)]


def test_html_bars_lie_above_for_cooperation_and_below_for_conflict(G: Any, tmp_path: Path) -> None:
    page = render_timeline(G, out=tmp_path / "t.html").read_text(encoding="utf-8")
    svg = _svg(page)
    groups = svg.findall(f"{SVG}g")
    assert len(groups) == 3
    seen = set()
    for group in groups:
        line = group.find(f"{SVG}line")
        assert line is not None
        axis = float(line.get("y1", "nan"))
        for rect in group.findall(f"{SVG}rect"):
            top, height = float(rect.get("y", "0")), float(rect.get("height", "0"))
            kind = rect.get("class")
            seen.add(kind)
            if kind == "cooperation":
                assert top + height == pytest.approx(axis, abs=0.11)
            else:
                assert top == pytest.approx(axis, abs=0.11)
            assert height > 0
    assert seen == {"cooperation", "conflict"}


def test_html_is_offline_and_escapes_evidence(G: Any, tmp_path: Path) -> None:
    page = render_timeline(G, out=tmp_path / "t.html").read_text(encoding="utf-8")
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the evidence, in a bar's title
    assert "<script" not in page
    assert re.search(r"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;", page)


def test_dyad_keeps_only_that_pair(G: Any, tmp_path: Path) -> None:
    page = render_timeline(G, dyad=("azerbaijan", ARM), out=tmp_path / "t.html").read_text(encoding="utf-8")
    assert len(_svg(page).findall(f"{SVG}g")) == 1
    assert "Armenia \u2013 Azerbaijan (3 events)" in page


@pytest.mark.parametrize(("name", "magic"), [("t.png", b"\x89PNG"), ("t.svg", b"<?xml")])
def test_picture_files(G: Any, tmp_path: Path, name: str, magic: bytes) -> None:
    data = render_timeline(G, out=tmp_path / name, title="Karabakh dyads").read_bytes()
    assert data.startswith(magic) and len(data) > 10_000
    if name.endswith(".svg"):
        text = data.decode("utf-8")
        for label in ("cooperation (Goldstein &gt; 0)", "conflict (Goldstein &lt; 0)", "Karabakh dyads", "Armenia \u2013 Azerbaijan"):
            assert label in text


def test_rows_as_input(tmp_path: Path) -> None:
    rows = [
        {"agent": "x", "target": "y", "agent_label": "X", "target_label": "Y", "date": "2021", "goldstein": 3.0},
        {"agent": "y", "target": "x", "date": "2021-03-04", "goldstein": -6.5, "evidence": "Y hit X."},
    ]
    page = render_timeline(rows, out=tmp_path / "t.html").read_text(encoding="utf-8")
    assert "X \u2013 Y (2 events)" in page and "Y hit X." in page


def test_unknown_dyad_is_an_error_naming_it(G: Any, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="between Narnia and Armenia"):
        render_timeline(G, dyad=("Narnia", "Armenia"), out=tmp_path / "t.png")


def test_from_the_store(store: Store, tmp_path: Path) -> None:
    pytest.importorskip("kg.analytics")
    rows = event_rows(store, dyad=(ARM, AZE))
    assert sorted((row["type"], row["agent_label"]) for row in rows) == [
        ("Accuse", "Armenia"), ("Accuse", "Azerbaijan"), ("Threaten", "Azerbaijan"),
    ]
    page = render_timeline(store, out=tmp_path / "t.html").read_text(encoding="utf-8")
    assert "Armenia \u2013 Azerbaijan (3 events)" in page
    assert "Vladimir Putin" in page
