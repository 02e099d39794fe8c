"""Config lint: the pitfalls performance-assessment guides warn about (shown by `validate`)."""

from __future__ import annotations

from typing import Any

from scorecard.config import Config
from scorecard.exact import written_percent
from scorecard.i18n import ENGLISH, Translate

MAX_KPIS = 8
MIN_SHARE = 0.05

Note = tuple[str, str, dict[str, Any]]  # (level, catalogue key, values)


def lint(config: Config, t: Translate = ENGLISH) -> list[tuple[str, str]]:
    """(level, message) pairs, worded by `t`; nothing here stops a run."""
    return [(level, t(key, **values)) for level, key, values in _notes(config)]


def _notes(config: Config) -> list[Note]:
    notes: list[Note] = []
    for card, weights in config.scorecards.items():
        if len(weights) > MAX_KPIS:
            notes.append(
                (
                    "warning",
                    "lint_many_kpis",
                    {"card": card, "count": len(weights), "max": MAX_KPIS},
                )
            )
        total = sum(weights.values())
        for kpi_id, weight in weights.items():
            if weight / total < MIN_SHARE:
                values = {"card": card, "kpi": kpi_id, "weight": f"{weight:g}"}
                values |= {"share": f"{weight / total:.1%}", "min": f"{MIN_SHARE:.0%}"}
                notes.append(("warning", "lint_small_weight", values))
        if abs(total - 100) > 1e-9:
            notes.append(("info", "lint_weights_sum", {"card": card, "total": f"{total:g}"}))
    used = {kpi_id for weights in config.scorecards.values() for kpi_id in weights}
    for kpi_id in config.kpis:
        if kpi_id not in used:
            notes.append(("warning", "lint_unused", {"kpi": kpi_id}))
    notes += _thresholds_above_caps(config)
    notes += _gates_without_attainment(config)
    lowest = min((grade.min for grade in config.grades), default=0)
    if lowest > 0:  # (a total is never below 0)
        notes.append(("warning", "lint_no_lowest_grade", {"min": f"{lowest:g}"}))
    return notes


def _thresholds_above_caps(config: Config) -> list[Note]:
    """A threshold above the cap makes the rule a step: 0 below it, the capped score from it."""
    scoring = config.scoring
    notes: list[Note] = []
    rules = [("scoring", scoring.threshold, scoring.cap)]
    for kpi_id, kpi in config.kpis.items():
        own = kpi.scoring
        if own is None or own.curve or own.bands or (own.threshold is None and own.cap is None):
            continue
        threshold = scoring.threshold if own.threshold is None else own.threshold
        rules.append(
            (f"kpis.{kpi_id}.scoring", threshold, scoring.cap if own.cap is None else own.cap)
        )
    for where, threshold, cap in rules:
        if threshold > cap:
            values = {"where": where, "threshold": written_percent(threshold)}
            values |= {"cap": written_percent(cap), "top": f"{100 * cap:g}"}
            notes.append(("warning", "lint_threshold_above_cap", values))
    return notes


def _gates_without_attainment(config: Config) -> list[Note]:
    """A bonus gate on a bands KPI that no target is set for: with no attainment, it
    fails for everyone scored on that KPI (a missing attainment fails a gate)."""
    if config.bonus is None or config.targets.file:  # (the file may set its targets)
        return []
    targets = config.targets
    levels = [targets.defaults, *targets.by_role.values(), *targets.by_team.values()]
    notes: list[Note] = []
    for index, gate in enumerate(config.bonus.gates):
        kpi = config.kpis.get(gate.kpi)
        if kpi is None or not (kpi.scoring and kpi.scoring.bands):
            continue
        if not any(gate.kpi in level for level in levels):
            notes.append(("warning", "lint_gate_no_target", {"index": index, "kpi": gate.kpi}))
    return notes
