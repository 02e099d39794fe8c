"""Rewrite the golden outputs of every example on purpose: python tests/golden/regenerate.py.

Each `examples/<case>/scorecard.yaml` is run for each period in PERIODS and each
format; the outputs land in `tests/golden/<case>/<period>.<ext>`. Review the diff
before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from scorecard.cli import app  # noqa: E402

PERIODS = ("2026-10", "2026-Q3")
FORMATS = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "xlsx": "xlsx.txt"}
# The Chinese examples (`*-zh`) are also kept in Chinese, in the formats that have words.
CHINESE = {"table": "zh.txt", "markdown": "zh.md", "xlsx": "zh.xlsx.txt"}


def dump_workbook(data: bytes) -> bytes:
    """An .xlsx as text: each sheet's non-empty cells with their values and number formats."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        lines.append(
            f"== {sheet.title} (frozen {sheet.freeze_panes}, filter {sheet.auto_filter.ref})"
        )
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    shown = repr(cell.value)
                    lines.append(f"{cell.coordinate}\t{shown}\t{cell.number_format}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def cases() -> list[Path]:
    """Every example folder holding a scorecard.yaml."""
    return sorted(p.parent for p in (ROOT / "examples").glob("*/scorecard.yaml"))


def outputs(case: Path) -> list[tuple[str, str, str, str]]:
    """(period, format, language, file extension) of every golden output of an example."""
    out = [(p, f, "en", ext) for p in PERIODS for f, ext in FORMATS.items()]
    if case.name.endswith("-zh"):
        out += [(p, f, "zh", ext) for p in PERIODS for f, ext in CHINESE.items()]
    return out


def render(config: Path, period: str, output_format: str, lang: str = "en") -> bytes:
    """The CLI's stdout for one run (the data-quality summary on stderr is not kept)."""
    result = CliRunner().invoke(
        app,
        ["--lang", lang, "run", str(config), "--period", period, "--format", output_format, "-q"],
    )
    if result.exit_code != 0:
        raise RuntimeError(
            f"{config} {period} {output_format}: exit {result.exit_code}\n{result.output}"
        )
    if output_format == "xlsx":
        return dump_workbook(result.stdout_bytes)
    return result.stdout_bytes


def main() -> None:
    for case in cases():
        folder = ROOT / "tests" / "golden" / case.name
        folder.mkdir(parents=True, exist_ok=True)
        for period, output_format, lang, ext in outputs(case):
            data = render(case / "scorecard.yaml", period, output_format, lang)
            (folder / f"{period}.{ext}").write_bytes(data)
            print(f"wrote {folder.relative_to(ROOT)}/{period}.{ext}")


if __name__ == "__main__":
    main()
