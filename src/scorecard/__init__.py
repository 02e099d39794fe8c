"""scorecard: sales performance scorecards from CRM exports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Report", "__version__", "load_config", "read_sources", "score"]

if TYPE_CHECKING:
    from scorecard.config_load import load_config
    from scorecard.pipeline import read_sources, score
    from scorecard.report import Report


def __getattr__(name: str) -> Any:
    # Heavy modules (polars, pydantic) load on first use so `--version` stays fast.
    if name == "load_config":
        from scorecard.config_load import load_config

        return load_config
    if name in ("score", "read_sources"):
        from scorecard import pipeline

        return getattr(pipeline, name)
    if name == "Report":
        from scorecard.report import Report

        return Report
    raise AttributeError(f"module 'scorecard' has no attribute {name!r}")
