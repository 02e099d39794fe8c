"""Renderers: pure functions of a Report, one per output format."""

from __future__ import annotations

import importlib

from scorecard.report import Report

FORMATS = ("table", "json", "csv", "xlsx", "markdown")
EXTENSIONS = {"table": "txt", "json": "json", "csv": "csv", "xlsx": "xlsx", "markdown": "md"}
UTF8_BOM = b"\xef\xbb\xbf"
# The module that renders each format (imported on first use: rich and openpyxl are slow).
MODULES = {
    "table": "scorecard.render.terminal",
    "json": "scorecard.render.tabular",
    "csv": "scorecard.render.tabular",
    "xlsx": "scorecard.render.excel",
    "markdown": "scorecard.render.markdown",
}


def load(output_format: str) -> None:
    """Import the renderer of `output_format` now (rich takes 0.07 s, openpyxl 0.14 s).

    A run calls this while its files are still being read, so that the import
    costs no time of its own.
    """
    importlib.import_module(MODULES[output_format])


def render(
    report: Report,
    output_format: str,
    color: bool = False,
    width: int | None = None,
    lang: str = "en",
) -> bytes:
    """The report in one format, as the bytes to write."""
    from scorecard.i18n import translator
    from scorecard.render import formatting

    t = translator(lang)
    with formatting.language(t):
        return _render(report, output_format, color, width, lang)


def _render(report: Report, output_format: str, color: bool, width: int | None, lang: str) -> bytes:
    if output_format == "json":
        from scorecard.render.tabular import to_json

        return to_json(report).encode("utf-8")
    if output_format == "csv":
        from scorecard.render.tabular import to_csv

        return UTF8_BOM + to_csv(report).encode("utf-8")
    if output_format == "markdown":
        from scorecard.render.markdown import to_markdown

        return to_markdown(report, lang).encode("utf-8")
    if output_format == "xlsx":
        from scorecard.render.excel import to_xlsx

        return to_xlsx(report, lang)
    from scorecard.render.terminal import to_text

    return to_text(report, color=color, width=width, lang=lang).encode("utf-8")
