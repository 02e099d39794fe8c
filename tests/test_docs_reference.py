"""docs/config-reference.md is what docs/make_reference.py writes from the config models."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from scorecard.config import Config

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "config-reference.md"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_reference", ROOT / "docs/make_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_reference_is_up_to_date() -> None:
    expected = _generator().render()
    committed = REFERENCE.read_text(encoding="utf-8")
    assert committed == expected, (
        "docs/config-reference.md is out of date: run `python docs/make_reference.py`"
    )


def test_every_key_is_described() -> None:
    assert _generator().undescribed() == [], "add a description to NOTES in docs/make_reference.py"


def test_every_top_level_key_and_measure_is_listed() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    top = text.split("## Top level", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\| `(\w+)` \|", top, re.MULTILINE) == list(Config.model_fields)
    for kind in ("count", "count_distinct", "sum", "mean", "mean_days", "ratio"):
        assert f"### `{kind}`" in text
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links <= anchors, links - anchors


def test_docs_use_real_options() -> None:
    from typer.testing import CliRunner

    from scorecard.cli import app

    runner = CliRunner()
    helps = [
        runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).output
        for command in ([], ["run"], ["validate"], ["explain"])
    ]
    known = set(re.findall(r"--[a-z][a-z-]+", "\n".join(helps)))
    for page in ("cron.md", "python-api.md", "cookbook.md"):
        text = (ROOT / "docs" / page).read_text(encoding="utf-8")
        used = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", text))
        assert used <= known, (page, sorted(used - known))
