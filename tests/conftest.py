"""Every test runs with the same locale and terminal: English UI, no colour, fixed width."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def won_from_the_command_line() -> Callable[[Path, str], str]:
    """`scorecard run` of a config scoring Ann's and Ben's won amounts from `file` in
    `folder` (person Owner, date Closed), as a subprocess: its JSON report for 2026-10,
    without the config's path (a report made in the test names its own)."""

    def run(folder: Path, file: str) -> str:
        config = folder / "scorecard.yaml"
        config.write_text(
            f"sources: {{deals: {{path: {file}, person: Owner, date: Closed}}}}\n"
            "roster: {people: [{person: Ann, team: T}, {person: Ben, team: T}]}\n"
            "kpis: {won: {source: deals, measure: {sum: Amount}, where: {Stage: Won}}}\n"
            "targets: {defaults: {won: 100}}\nscorecards: {s: {won: 1}}\n",
            encoding="utf-8",
        )
        command = [sys.executable, "-m", "scorecard", "run", str(config), "-p", "2026-10"]
        done = subprocess.run([*command, "-f", "json"], capture_output=True, check=True)
        return done.stdout.decode().replace(str(config), "")

    return run
