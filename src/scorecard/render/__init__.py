"""Renderers: pure functions of a Report, one per output format."""

from __future__ import annotations

from scorecard.report import Report

FORMATS = ("table", "json", "csv", "xlsx", "markdown")
EXTENSIONS = {"table": "txt", "json": "json", "csv": "csv", "xlsx": "xlsx", "markdown": "md"}
UTF8_BOM = b"\xef\xbb\xbf"


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
    with formatting.words(t("not_available"), t("excluded")):
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
