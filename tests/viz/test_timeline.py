"""The timeline: per dyad, cooperation above the axis and conflict below by quad class, as PNG, SVG or HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.errors import ConfigError
from kg.store import Store
from kg.viz import event_rows, render_timeline
from kg.viz.timeline_data import axis_range, buckets, dyads
from tests.browser import offline_page
from tests.viz.conftest import ARM, AZE, HOSTILE


def _data(page: str) -> Any:
    return json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S).group(1))


def test_dyads_group_both_directions_busiest_first(G: Any) -> None:
    panels = dyads(event_rows(G))
    assert [panel.labels for panel in panels] == [
        ("Armenia", "Azerbaijan"), ("Armenia", "OSCE"), ("Armenia", "Vladimir Putin"),
    ]
    # two accusations on one day count together; the threat is a day of its own
    assert [(b.start, b.counts) for b in buckets(panels[0].events, "day")] == [
        ("2020-10-01", (0, 0, 2, 0)), ("2020-10-12", (0, 0, 1, 0)),
    ]
    assert [(b.start, b.counts) for b in buckets(panels[1].events, "month")] == [("2020-11-01", (0, 1, 0, 0))]


def test_quad_class_not_goldstein_sign_decides_the_side() -> None:
    # an appeal for de-escalation scores below zero but is verbal cooperation (CAMEO root 02)
    rows = [{"agent": "a", "target": "b", "date": "2020-10-02", "cameo": "0243", "goldstein": -0.3}]
    assert buckets(dyads(rows)[0].events, "day")[0].counts == (1, 0, 0, 0)


def test_axis_ignores_a_stray_date_unless_asked() -> None:
    days = ["2015-06-01"] + [f"2020-10-{d:02d}" for d in range(1, 31)]
    assert axis_range(days) == ("2020-10-01", "2020-10-30")
    assert axis_range(days, keep_all=True)[0] == "2015-06-01"


def test_html_is_offline_and_keeps_evidence_as_data(G: Any, tmp_path: Path) -> None:
    page = render_timeline(G, out=tmp_path / "t.html").read_text(encoding="utf-8")
    assert HOSTILE not in page
    data = _data(page)
    assert [d["name"] for d in data["dyads"]][0] == "Armenia \u2013 Azerbaijan"
    assert any(HOSTILE in e["evidence"] for d in data["dyads"] for e in d["events"])
    assert re.search(r"Content-Security-Policy\" content=\"default-src &#x27;none&#x27;", page)


def test_dyad_keeps_only_that_pair(G: Any, tmp_path: Path) -> None:
    page = render_timeline(G, dyad=("azerbaijan", ARM), out=tmp_path / "t.html").read_text(encoding="utf-8")
    assert [(d["name"], len(d["events"])) for d in _data(page)["dyads"]] == [("Armenia \u2013 Azerbaijan", 3)]


def test_picker_changes_the_chart_and_bars_list_their_events(G: Any, tmp_path: Path) -> None:
    path = render_timeline(G, out=tmp_path / "t.html")
    with offline_page(path.as_uri()) as page:
        chart = "document.querySelector('#tl-chart svg')"
        assert page.evaluate(f"{chart}.dataset.dyad") == "Armenia \u2013 Azerbaijan"
        assert page.evaluate("document.querySelectorAll('#tl-chart rect.conflict').length") == 2
        assert page.evaluate("document.querySelectorAll('#tl-chart rect.cooperation').length") == 0
        page.select_option("#tl-dyad", "1")
        assert page.evaluate(f"{chart}.dataset.dyad") == "Armenia \u2013 OSCE"
        assert page.evaluate("document.querySelectorAll('#tl-chart rect.cooperation').length") == 1
        page.click("#tl-chart rect.cooperation")
        assert "OSCE \u2192 Armenia" in page.inner_text("#tl-events")


@pytest.mark.parametrize(("name", "magic"), [("t.png", b"\x89PNG"), ("t.svg", b"<?xml")])
def test_picture_files(G: Any, tmp_path: Path, name: str, magic: bytes) -> None:
    data = render_timeline(G, out=tmp_path / name, title="Karabakh dyads").read_bytes()
    assert data.startswith(magic) and len(data) > 10_000
    if name.endswith(".svg"):
        text = data.decode("utf-8")
        for label in ("verbal conflict", "material cooperation", "Karabakh dyads", "Armenia \u2013 Azerbaijan"):
            assert label in text


def test_rows_as_input(tmp_path: Path) -> None:
    rows = [
        {"agent": "x", "target": "y", "agent_label": "X", "target_label": "Y", "date": "2021", "cameo": "040"},
        {"agent": "y", "target": "x", "date": "2021-03-04", "cameo": "190", "evidence": "Y hit X."},
    ]
    data = _data(render_timeline(rows, out=tmp_path / "t.html").read_text(encoding="utf-8"))
    assert data["dyads"][0]["name"] == "X \u2013 Y"
    assert [e["evidence"] for e in data["dyads"][0]["events"]][-1] == "Y hit X."


def test_unknown_dyad_is_an_error_naming_it(G: Any, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="between Narnia and Armenia"):
        render_timeline(G, dyad=("Narnia", "Armenia"), out=tmp_path / "t.png")


def test_from_the_store(store: Store, tmp_path: Path) -> None:
    rows = event_rows(store, dyad=(ARM, AZE))
    assert sorted((row["type"], row["agent_label"]) for row in rows) == [
        ("Accuse", "Armenia"), ("Accuse", "Azerbaijan"), ("Threaten", "Azerbaijan"),
    ]
    data = _data(render_timeline(store, out=tmp_path / "t.html").read_text(encoding="utf-8"))
    assert [d["name"] for d in data["dyads"]] == [
        "Armenia \u2013 Azerbaijan", "Armenia \u2013 OSCE", "Armenia \u2013 Vladimir Putin",
    ]
