"""Every example, end to end, in every format, compared with tests/golden/ byte for byte."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("regenerate", ROOT / "tests/golden/regenerate.py")
assert _spec and _spec.loader
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)

CASES = [(case, *output) for case in regenerate.cases() for output in regenerate.outputs(case)]


def test_every_example_has_golden_files() -> None:
    assert len(regenerate.cases()) >= 2
    for case in regenerate.cases():
        assert (ROOT / "tests/golden" / case.name).is_dir(), case.name


@pytest.mark.parametrize(
    ("case", "period", "fmt", "lang", "ext"),
    CASES,
    ids=[f"{c.name}-{p}-{f}-{lang}" for c, p, f, lang, _ in CASES],
)
def test_example_matches_golden(case: Path, period: str, fmt: str, lang: str, ext: str) -> None:
    expected = (ROOT / "tests/golden" / case.name / f"{period}.{ext}").read_bytes()
    actual = regenerate.render(case / "scorecard.yaml", period, fmt, lang)
    assert actual == expected, (
        f"{case.name} {period} {fmt} ({lang}) differs from its golden file; if the change is "
        "intended, run python tests/golden/regenerate.py and review the diff"
    )
