"""The CAMEO table kg ships agrees with the published one, and maps to PLOVER sensibly."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.events.cameo import (
    EVENT_TYPES,
    cameo_codes,
    cameo_info,
    cameo_to_plover,
    event_class,
    is_cameo_code,
    plover_of_class,
    read_table,
)
from kg.events.triggers import TriggerLexicon
from kg.namespace import CKG, PLOVER_TYPES


@pytest.fixture(scope="module")
def published(shared: Path) -> dict[str, dict[str, str]]:
    """The published CAMEO table (code, name, goldstein, quad class, ...), by code."""
    with (shared / "data" / "cameo_codes.tsv").open(encoding="utf-8") as f:
        return {row["code"]: row for row in csv.DictReader(f, delimiter="\t")}


@pytest.mark.parametrize("code", sorted(cameo_codes()))
def test_shipped_code_agrees_with_published_table(code: str, published: dict[str, dict[str, str]]) -> None:
    row = published.get(code)
    assert row is not None, f"{code} is not a CAMEO code"
    info = cameo_info(code)
    assert info.goldstein == float(row["goldstein"])
    assert info.quad_class == int(row["quad_class"])
    assert info.root == row["root_code"]


def test_every_lexicon_code_is_published_and_shipped(
    lexicon: TriggerLexicon, published: dict[str, dict[str, str]]
) -> None:
    assert lexicon.codes <= set(published)
    assert lexicon.codes <= set(cameo_codes())


def test_every_published_code_is_shipped(published: dict[str, dict[str, str]]) -> None:
    assert set(cameo_codes()) == set(published)


def test_lexicon_covers_every_root(lexicon: TriggerLexicon) -> None:
    roots = Counter(code[:2] for code in lexicon.codes)
    assert sorted(roots) == [f"{root:02d}" for root in range(1, 21)]
    assert len(cameo_info("01").code) == 2  # the roots themselves are shipped too


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("010", "STATEMENT"), ("016", "STATEMENT"), ("020", "REQUEST"), ("0256", "REQUEST"),
        ("036", "AGREE"), ("046", "CONSULT"), ("045", "CONSULT"), ("057", "SUPPORT"),
        ("064", "COOPERATE"), ("073", "AID"), ("081", "CONCEDE"), ("0831", "CONCEDE"),
        ("0841", "RETREAT"), ("0863", "RETREAT"), ("0871", "RETREAT"), ("0874", "RETREAT"),
        ("094", "INVESTIGATE"), ("1056", "DEMAND"), ("111", "DISAPPROVE"), ("112", "DISAPPROVE"),
        ("1123", "DISAPPROVE"), ("114", "DISAPPROVE"), ("125", "REJECT"), ("138", "THREATEN"),
        ("141", "PROTEST"), ("154", "MOBILIZE"), ("163", "SANCTION"), ("173", "COERCE"),
        ("181", "ASSAULT"), ("186", "ASSAULT"), ("194", "FIGHT"), ("196", "FIGHT"),
        ("202", "ASSAULT"), ("2041", "ASSAULT"),
    ],
)
def test_cameo_to_plover(code: str, plover: str) -> None:
    assert cameo_to_plover(code) == plover


@pytest.mark.parametrize("code", ["0999", "1999", "2099", "0199"])
def test_cameo_to_plover_works_for_codes_cameo_does_not_define(code: str) -> None:
    assert cameo_to_plover(code) in EVENT_TYPES


def test_plover_types_are_the_ontology_classes() -> None:
    assert set(EVENT_TYPES) == set(PLOVER_TYPES) | {"STATEMENT"}
    for code in cameo_codes():
        getattr(CKG, cameo_info(code).event_class)  # the closed namespace raises on a typo


@pytest.mark.parametrize("code", ["112", "1121", "1123", "1125"])
def test_accusations_are_disapprove_under_plover_and_accuse_in_the_graph(code: str) -> None:
    info = cameo_info(code)
    assert (info.plover, info.event_class) == ("DISAPPROVE", "Accuse")
    assert plover_of_class(info.event_class) == "DISAPPROVE"
    assert event_class("DISAPPROVE", code) == "Accuse"


@pytest.mark.parametrize(("plover", "code", "expected"), [
    ("RETREAT", "0831", "Retreat"),  # resigning: the lexicon's type wins over the root's (08, CONCEDE)
    ("CONCEDE", "0831", "Concede"),
    ("DISAPPROVE", "111", "Disapprove"),
    ("AGREE", "057", "Agree"),
])
def test_event_class_follows_the_entrys_type(plover: str, code: str, expected: str) -> None:
    assert event_class(plover, code) == expected


@pytest.mark.parametrize("code", ["02", "020", "0241", "0244", "025", "0253", "0256"])
def test_appeals_are_verbal_cooperation_whatever_their_goldstein_sign(code: str) -> None:
    assert cameo_info(code).quad_class == 1


def test_gold_categories_are_known_types(shared: Path) -> None:
    path = shared / "gold" / "plover_dev" / "plover_dev.jsonl"
    categories = {json.loads(line)["category"] for line in path.read_text(encoding="utf-8").splitlines()}
    assert categories <= set(EVENT_TYPES)


@pytest.mark.parametrize("code", ["", "1", "21", "00", "256", "01234", "1a", "０１"])
def test_malformed_codes_are_refused(code: str) -> None:
    assert not is_cameo_code(code)
    with pytest.raises(LexiconError, match="not a CAMEO event code"):
        cameo_to_plover(code)


def test_unknown_code_names_the_table() -> None:
    with pytest.raises(LexiconError, match=re.escape("kg/events/data/cameo.tsv")):
        cameo_info("0999")


def test_codes_keep_leading_zeros() -> None:
    assert cameo_info("0256").code == "0256"
    assert cameo_info("0256").root == "02"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code\tname\n", "expected the tab-separated header"),
        ("# only a comment\n", "no header"),
        ("a\tb\n1\t2\t3\n", "expected at most 2"),
    ],
)
def test_read_table_errors_name_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "table.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as excinfo:
        list(read_table(path, ("a", "b")))
    assert str(path) in str(excinfo.value)


def test_read_table_pads_stripped_trailing_tabs(tmp_path: Path) -> None:
    path = tmp_path / "table.tsv"
    path.write_text("# comment\na\tb\tc\n\nx\n", encoding="utf-8")
    assert list(read_table(path, ("a", "b", "c"))) == [(4, ["x", "", ""])]


def test_read_table_wraps_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        list(read_table(tmp_path / "missing.tsv", ("a",)))
