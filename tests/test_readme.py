"""The README's promises: its Python example runs, and it names every library query."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_examples_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first, second = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    monkeypatch.chdir(ROOT)
    exec(compile(first, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert re.search(r"^[1-9]\d* articles, [1-9]\d* triples$", out, flags=re.M), out
    assert "Kyrgyzstan" in out and "Tajikistan" in out
    # the notebook example reads a store built from the examples in the working directory
    import kg

    kg.build(ROOT / "examples", store=tmp_path / "kg-store")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"kg": kg}
    exec(compile(second, "README.md", "exec"), namespace)
    assert "<!DOCTYPE html" in (tmp_path / "network.html").read_text(encoding="utf-8")[:200]
    assert namespace["rows"] and "source" in namespace["variables"]  # type: ignore[operator]


def test_readme_lists_every_library_query() -> None:
    from kg.queries import list_queries

    for query in list_queries():
        assert f"`{query.name}`" in README, f"README does not list the query {query.name}"


def test_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in README and "<!-- test-command -->" in ci
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_main_command_builds_the_shipped_examples() -> None:
    block = README.split("<!-- main-command -->", 1)[1].split("```", 2)[1]
    assert "kg build examples/" in block and "kg query" in block
    assert Path(ROOT / "examples").is_dir()


def test_actor_dictionary_example_loads(tmp_path: Path) -> None:
    from kg.gazetteer import load_lexicon

    (table,) = re.findall(r"```\n(name\ttype\t.*?)```", README, flags=re.S)
    path = tmp_path / "actors.tsv"
    path.write_text(table, encoding="utf-8")
    lexicon = load_lexicon(extra=(path,))
    group, brigade = lexicon.lookup("Lake Victoria states"), lexicon.lookup("NSB")
    assert group is not None and len(group.members) == 3
    assert brigade is not None and brigade.periods and brigade.country == "XNR"
