"""Every test runs with the same locale and terminal: English UI, no colour, fixed width."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def won_in_part_and_whole() -> Callable[[Path, str, ModuleType], tuple[str, str]]:
    """(`scorecard run` as a subprocess, the same config scored whole in the test): the
    JSON reports for 2026-10 of a config scoring Ann's and Ben's won amounts from `file`
    in `folder` (person Owner, date Closed), without the config's path. The command
    reads a big file in part; in the test, `reader.READ_SOME_FROM` (sources_csv or
    sources_excel) is set beyond any file, so that the file is read whole."""

    def run(folder: Path, file: str, reader: ModuleType) -> tuple[str, str]:
        from scorecard.config_load import load_config
        from scorecard.periods import parse_period
        from scorecard.pipeline import read_sources, score
        from scorecard.render.tabular import to_json

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
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(reader, "READ_SOME_FROM", 1 << 40)
            loaded = load_config(config)
            whole = to_json(score(loaded, read_sources(loaded), parse_period("2026-10")))
        return done.stdout.decode().replace(str(config), ""), whole.replace(str(config), "")

    return run
