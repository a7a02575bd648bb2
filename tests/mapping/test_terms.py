"""The tables the mapping reads from the ontology and its data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.mapping.terms import ontology_tables, quad_class
from kg.namespace import CKG


@pytest.mark.parametrize(
    ("cameo", "quad"),
    [("010", 1), ("0231", 1), ("057", 1), ("064", 2), ("0874", 2), ("112", 3), ("138", 3),
     ("141", 4), ("154", 4), ("173", 4), ("194", 4), ("20", 4), ("21", None), ("00", None)],
)
def test_quad_class_follows_the_root_code(cameo: str, quad: int | None) -> None:
    assert quad_class(cameo) == quad


def test_object_properties_come_from_the_ontology() -> None:
    tables = ontology_tables()
    assert {"affiliatedWith", "partOf", "locatedIn", "agent", "party"} <= tables.object_properties
    assert "charStart" not in tables.object_properties


def test_every_ckg_class_has_itself_in_its_closure() -> None:
    tables = ontology_tables()
    for name, classes in tables.superclasses.items():
        assert CKG[name] in classes


@pytest.mark.parametrize("name", ["Agent", "Location", "Nationality"])
def test_event_class_refuses_non_events(name: str) -> None:
    with pytest.raises(KeyError):
        ontology_tables().event_class(name)


@pytest.mark.parametrize("content", [None, "@prefix broken"])
def test_unreadable_ontology_is_a_config_error(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "conflict.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="conflict.ttl"):
        ontology_tables(path)


def test_every_event_type_the_events_stage_codes_has_a_class() -> None:
    from kg.events.cameo import EVENT_TYPES

    tables = ontology_tables()
    for event_type in EVENT_TYPES:
        assert CKG.Event in tables.classes_of(tables.event_class(event_type).fragment), event_type
