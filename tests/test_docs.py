"""The README stays true: every command has --help and appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from scorecard.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = ["run", "validate", "explain", "schema", "init"]


def test_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```bash", 1)[1].split("```", 1)[0]
    assert "pip install . && scorecard run examples/sales/scorecard.yaml --period 2026-10" in (
        first_block
    )
    assert "pip install -e '.[test]' && pytest" in first_block


def test_every_command_has_help_and_is_documented() -> None:
    runner = CliRunner()
    registered = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]
    assert registered == sorted(COMMANDS)
    for command in COMMANDS:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert f"scorecard {command}" in README


def test_every_run_option_is_documented() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["run", "--help"], env={"COLUMNS": "200"})
    options = set(re.findall(r"(--[a-z][a-z-]+)", result.output)) - {"--help"}
    missing = [o for o in sorted(options) if o not in README]
    assert not missing


def test_ci_script_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in script
