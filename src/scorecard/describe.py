"""The config in words: measures, filters, targets and weights as a manager reads them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scorecard.config import (
    KPI,
    Bonus,
    Condition,
    Config,
    CountDistinctMeasure,
    CountMeasure,
    CrossSellMeasure,
    Growth,
    MaxMeasure,
    MeanDaysMeasure,
    MeanMeasure,
    MedianMeasure,
    MinMeasure,
    NewCustomersMeasure,
    RatingMeasure,
    RatioMeasure,
    RetentionMeasure,
    Scalar,
    SumMeasure,
    Where,
)
from scorecard.exact import fixed, written_percent

_OPS = {"eq": "=", "ne": "≠", "gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


def _number(value: float | Growth) -> str:
    """1300000 → '1,300,000'; 0.35 → '0.35'; a growth target in words."""
    if isinstance(value, Growth):
        base = "the previous period" if value.baseline == "previous" else "a year earlier"
        growth = written_percent(value.growth)
        return f"{growth if growth[0] == '-' else '+' + growth} on {base}"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.10g}"


def _scalar(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _condition(column: str, cond: Condition) -> list[str]:
    parts = []
    for op, symbol in _OPS.items():
        operand = getattr(cond, op)
        if operand is not None:
            parts.append(f"{column} {symbol} {_scalar(operand)}")
    if cond.in_ is not None:
        parts.append(f"{column} is one of {', '.join(_scalar(v) for v in cond.in_)}")
    if cond.not_in is not None:
        parts.append(f"{column} is none of {', '.join(_scalar(v) for v in cond.not_in)}")
    if cond.between is not None:
        low, high = cond.between
        parts.append(f"{column} between {_scalar(low)} and {_scalar(high)}")
    if cond.empty is not None:
        parts.append(f"{column} is {'empty' if cond.empty else 'not empty'}")
    return parts


def where_text(where: Where | None) -> str:
    """`Stage = Won and Amount > 0`, or '' for no filter."""
    if not where:
        return ""
    parts: list[str] = []
    for column, condition in where.items():
        if isinstance(condition, Condition):
            parts += _condition(column, condition)
        elif isinstance(condition, list):
            parts.append(f"{column} is one of {', '.join(_scalar(v) for v in condition)}")
        else:
            parts.append(f"{column} = {_scalar(condition)}")
    return " and ".join(parts)


def measure_text(measure: Any) -> str:
    """`sum of Amount`, `count of rows`, `Won ÷ (Won or Lost)` style descriptions."""
    own = where_text(measure.where)
    suffix = f" where {own}" if own else ""
    if isinstance(measure, CountMeasure):
        what = (
            "rows" if measure.count.strip().casefold() == "rows" else f"non-empty {measure.count}"
        )
        return f"count of {what}{suffix}"
    if isinstance(measure, CountDistinctMeasure):
        return f"number of distinct {measure.count_distinct}{suffix}"
    if isinstance(measure, MeanDaysMeasure):
        start, end = measure.mean_days
        return f"mean days from {start} to {end}{suffix}"
    if isinstance(measure, NewCustomersMeasure):
        return (
            f"distinct {measure.new_customers.customer} in the period with no earlier row{suffix}"
        )
    if isinstance(measure, RetentionMeasure):
        return (
            f"share of the previous period's {measure.retention.customer} values with rows "
            f"in this period{suffix}"
        )
    if isinstance(measure, CrossSellMeasure):
        pair = measure.cross_sell
        return (
            f"({pair.customer}, {pair.product}) pairs in the period where the "
            f"{pair.customer} had earlier rows but never that {pair.product}{suffix}"
        )
    if isinstance(measure, RatingMeasure):
        parts = [f"mean of {measure.rating}"]
        if measure.weights:
            shares = ", ".join(f"{k} {v:g}" for k, v in measure.weights.items())
            parts.append(f"by {measure.rater} (weights {shares}, renormalised over those present)")
        if measure.exclude:
            parts.append(f"excluding {', '.join(measure.exclude)}")
        if measure.min_raters > 1:
            parts.append(f"at least {measure.min_raters} ratings")
        return " ".join(parts[:1]) + ("; " + "; ".join(parts[1:]) if parts[1:] else "") + suffix
    if isinstance(measure, RatioMeasure):
        numerator = measure_text(measure.ratio.numerator)
        denominator = measure_text(measure.ratio.denominator)
        return f"({numerator}) ÷ ({denominator}){suffix}"
    for cls, name in (
        (SumMeasure, "sum"),
        (MeanMeasure, "mean"),
        (MedianMeasure, "median"),
        (MinMeasure, "min"),
        (MaxMeasure, "max"),
    ):
        if isinstance(measure, cls):
            return f"{name} of {getattr(measure, name)}{suffix}"
    return str(measure)


def kpi_filter_text(kpi: KPI) -> str:
    """The KPI's own filter in words ('' when it has none)."""
    return where_text(kpi.where)


def targets_text(config: Config, kpi_id: str) -> tuple[tuple[str | None, str], ...]:
    """Every configured target level of a KPI, in resolution order, as (team, words).

    The team is None for levels that name no team, so a per-team workbook can leave
    out the lines about other teams.
    """
    targets = config.targets
    parts: list[tuple[str | None, str]] = []
    if targets.file:
        parts.append((None, "per person from the targets file where listed"))
    for team, values in targets.by_team.items():
        if kpi_id in values:
            parts.append((team, f"team {team}: {_number(values[kpi_id])}"))
    for role, values in targets.by_role.items():
        if kpi_id in values:
            parts.append((None, f"role {role}: {_number(values[kpi_id])}"))
    if kpi_id in targets.defaults:
        parts.append((None, f"default: {_number(targets.defaults[kpi_id])}"))
    for team, values in targets.teams.items():
        if kpi_id in values:
            parts.append((team, f"team {team} as a whole: {_number(values[kpi_id])}"))
    return tuple(parts)


def weights_text(config: Config, kpi_id: str) -> str:
    """The KPI's weight in each scorecard that uses it."""
    parts = []
    for card, weights in config.scorecards.items():
        if kpi_id in weights:
            share = weights[kpi_id] / sum(weights.values())
            parts.append(f"{card}: {_number(weights[kpi_id])} ({fixed(share, 0, scale=2)}%)")
    return "; ".join(parts) or "not used by any scorecard"


def config_notes(config: Config) -> tuple[str, ...]:
    """How totals, teams, ranks and the config's extras work, in words (the Rules footer)."""
    method = (
        "Teams are scored like a person on the pooled rows of their members (ratios and means "
        "recomputed, never averaged)"
        if config.teams.method == "pooled"
        else "A team's total is the mean of its members' totals"
    )
    notes = [
        "Total = Σ(weight × score) ÷ Σ(weight) over the KPIs of the person's scorecard.",
        f"{method}; team totals use the '{config.team_scorecard}' scorecard weights.",
        "Ranks: by total, highest first; equal totals share a rank (1, 2, 2, 4).",
    ]
    for name, source in config.sources.items():
        for column, formula in source.columns.items():
            notes.append(f"Source {name}: column {column} = {formula} (empty when an operand is).")
        if source.dedupe:
            rule = source.dedupe
            order = f" by {rule.order_by}" if rule.order_by else " in file order"
            notes.append(
                f"Source {name}: one row per {', '.join(rule.key)}, the {rule.keep}{order}."
            )
    for name, kpi_ids in config.perspectives.items():
        notes.append(
            f"Perspective {name}: {', '.join(kpi_ids)}; "
            "subtotal = Σ(weight × score) ÷ Σ(weight) within it."
        )
    targets = config.targets
    if targets.prorate:
        days = "calendar days"
        if targets.prorate == "workdays":
            also = [
                text
                for text, wanted in (
                    (", less holidays", targets.holidays),
                    (", plus make-up workdays", targets.makeup_workdays),
                )
                if wanted
            ]
            days = f"workdays (Mon–Fri{''.join(also)})"
        notes.append(
            f"Targets of count and sum KPIs are prorated to the {days} a person was active "
            "in the period (roster start_date / end_date); ratios and means are not."
        )
    if config.bonus is not None:
        notes.append(bonus_text(config.bonus))
    return tuple(notes)


def bonus_text(bonus: Bonus) -> str:
    """The bonus rule in one sentence."""
    base = (
        "the roster's bonus_base"
        if bonus.base.column
        else fixed(bonus.base.amount or 0.0, 2, grouping=True)
    )
    if bonus.by_grade is not None:
        multiplier = (
            "by grade (" + ", ".join(f"{g} × {m:g}" for g, m in bonus.by_grade.items()) + ")"
        )
    else:
        points = ", ".join(f"{x:g} → {y:g}" for x, y in bonus.curve or [])
        multiplier = f"on a curve of the total ({points})"
    text = f"Bonus = base ({base}) × multiplier {multiplier}"
    if bonus.gates:
        gates = ", ".join(
            f"{g.kpi} attainment ≥ {written_percent(g.min_attainment)}" for g in bonus.gates
        )
        text += f", and 0 unless {gates}"
    if bonus.pool is not None:
        text += (
            f"; when the bonuses add up to more than the pool of "
            f"{fixed(bonus.pool, 2, grouping=True)}, "
            "each is scaled by pool ÷ sum"
        )
    return text + "."
