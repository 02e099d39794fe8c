"""The published JSON Schema is current, and every bundled config points editors at it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from scorecard.cli import app

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "scorecard.schema.json"


def test_committed_schema_is_current() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(SCHEMA.read_text(encoding="utf-8")), (
        "schema/scorecard.schema.json is stale: scorecard schema > schema/scorecard.schema.json"
    )


def test_bundled_configs_name_the_schema() -> None:
    configs = [*ROOT.glob("configs/*.yaml"), *ROOT.glob("examples/*/scorecard.yaml")]
    assert configs
    for path in configs:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
        assert target == SCHEMA.resolve(), path
