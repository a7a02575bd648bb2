"""The map: coordinates of places, GeoJSON for QGIS, and the offline page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.viz.geo import PlacedEvent, country_point, geojson, place_point
from kg.viz.map_page import render_map
from tests.browser import offline_page


@pytest.mark.parametrize(
    ("link", "near"),
    [
        ("https://sws.geonames.org/616052/", (40.18, 44.51)),   # Yerevan, a city: its own coordinates
        ("https://sws.geonames.org/174982/", (40.2, 45.0)),     # Armenia, a country: its atlas point
        ("https://sws.geonames.org/1819730/", (22.3, 114.2)),   # Hong Kong: too small for the atlas, its capital
    ],
)
def test_place_points(link: str, near: tuple[float, float]) -> None:
    point = place_point(link)
    assert point is not None
    assert abs(point[0] - near[0]) < 1.5 and abs(point[1] - near[1]) < 1.5


def test_no_point_for_what_geonames_does_not_place() -> None:
    assert place_point(None) is None and place_point("https://example.org/x") is None
    assert place_point("https://sws.geonames.org/1/") is None


def test_a_country_across_the_antimeridian_has_its_point_inside() -> None:
    lat, lon = country_point("RUS")  # type: ignore[misc]
    assert 50 < lat < 70 and 60 < lon < 130


def _event(**changes: object) -> PlacedEvent:
    values: dict[str, object] = dict(
        event="e1", place="p1", place_label="Yerevan", lat=40.18, lon=44.51, date="2020-10-02", quad=4,
        cameo="190", agent="Azerbaijan", target="Armenia", evidence="Shells hit <b>Yerevan</b>.",
        article="a1", claimed=False, negated=False,
    )
    values.update(changes)
    return PlacedEvent(**values)  # type: ignore[arg-type]


def test_geojson_has_a_point_per_placed_event() -> None:
    collection = geojson([_event(), _event(event="e2", lat=None, lon=None)], articles={"a1": {"title": "Shelling"}})
    assert [f["geometry"] for f in collection["features"]] == [{"type": "Point", "coordinates": [44.51, 40.18]}]
    assert collection["features"][0]["properties"]["quad"] == "material conflict"
    assert collection["features"][0]["properties"]["article_title"] == "Shelling"
    json.dumps(collection)


def test_page_shows_points_and_evidence_offline(tmp_path: Path) -> None:
    events = [_event(), _event(event="e2", date="2020-11-01", quad=1, evidence="Talks in Yerevan."),
              _event(event="e3", place="p2", place_label="Baku", lat=40.41, lon=49.87, date="2020-10-05")]
    path = tmp_path / "map.html"
    path.write_text(render_map(events, articles={"a1": {"title": "Article one", "url": "https://example.org/a1"}}),
                    encoding="utf-8")
    assert "<b>Yerevan</b>" not in path.read_text(encoding="utf-8")
    with offline_page(path.as_uri()) as page:
        assert page.evaluate("document.querySelectorAll('#map-view circle.place').length") == 2
        assert page.evaluate("document.querySelectorAll('#map-view path.country').length") > 150
        page.dispatch_event("circle[data-place='Yerevan']", "click")
        panel = page.inner_text("#map-panel")
        assert "Shells hit <b>Yerevan</b>." in panel and "Article one" in panel
        # the date slider: from the second day on, Yerevan keeps one event
        page.fill("#map-from", "1")
        page.dispatch_event("#map-from", "input")
        assert page.evaluate("document.querySelector(\"circle[data-place='Yerevan']\").dataset.events") == "1"
