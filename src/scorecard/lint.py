"""Config lint: the pitfalls performance-assessment guides warn about (shown by `validate`)."""

from __future__ import annotations

from scorecard.config import Config

MAX_KPIS = 8
MIN_SHARE = 0.05


def lint(config: Config) -> list[tuple[str, str]]:
    """(level, message) pairs; nothing here stops a run."""
    notes: list[tuple[str, str]] = []
    for card, weights in config.scorecards.items():
        if len(weights) > MAX_KPIS:
            notes.append(
                (
                    "warning",
                    f"scorecards.{card}: {len(weights)} KPIs; more than "
                    f"{MAX_KPIS} dilutes focus — consider merging or dropping some",
                )
            )
        total = sum(weights.values())
        for kpi_id, weight in weights.items():
            if weight / total < MIN_SHARE:
                notes.append(
                    (
                        "warning",
                        f"scorecards.{card}.{kpi_id}: weight {weight:g} is "
                        f"{weight / total:.1%} of the scorecard (under {MIN_SHARE:.0%}); "
                        "it can hardly move a total",
                    )
                )
        if abs(total - 100) > 1e-9:
            notes.append(
                (
                    "info",
                    f"scorecards.{card}: weights sum to {total:g}, not 100 "
                    "(totals are normalised, so this is fine)",
                )
            )
    used = {kpi_id for weights in config.scorecards.values() for kpi_id in weights}
    for kpi_id in config.kpis:
        if kpi_id not in used:
            notes.append(("warning", f"kpis.{kpi_id}: defined but used by no scorecard"))
    return notes
