"""The config in words: measures, filters, targets and weights as a manager reads them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
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
from scorecard.i18n import ENGLISH, Translate

_OPS = {"eq": "=", "ne": "≠", "gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


def _number(value: float | Growth, t: Translate = ENGLISH) -> str:
    """1300000 → '1,300,000'; 0.35 → '0.35'; a growth target in words."""
    if isinstance(value, Growth):
        growth = written_percent(value.growth)
        growth = growth if growth[0] == "-" else "+" + growth
        key = "w_growth_previous" if value.baseline == "previous" else "w_growth_year"
        return t(key, growth=growth)
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.10g}"


def _scalar(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _values(values: Sequence[Scalar], t: Translate) -> str:
    return t("w_list").join(_scalar(v) for v in values)


def _condition(column: str, cond: Condition, t: Translate) -> list[str]:
    parts = []
    for op, symbol in _OPS.items():
        operand = getattr(cond, op)
        if operand is not None:
            parts.append(f"{column} {symbol} {_scalar(operand)}")
    if cond.in_ is not None:
        parts.append(t("w_one_of", column=column, values=_values(cond.in_, t)))
    if cond.not_in is not None:
        parts.append(t("w_none_of", column=column, values=_values(cond.not_in, t)))
    if cond.between is not None:
        low, high = cond.between
        parts.append(t("w_between", column=column, low=_scalar(low), high=_scalar(high)))
    if cond.empty is not None:
        parts.append(t("w_empty" if cond.empty else "w_not_empty", column=column))
    return parts


def where_text(where: Where | None, t: Translate = ENGLISH) -> str:
    """`Stage = Won and Amount > 0`, or '' for no filter."""
    if not where:
        return ""
    parts: list[str] = []
    for column, condition in where.items():
        if isinstance(condition, Condition):
            parts += _condition(column, condition, t)
        elif isinstance(condition, list):
            parts.append(t("w_one_of", column=column, values=_values(condition, t)))
        else:
            parts.append(f"{column} = {_scalar(condition)}")
    return t("w_and").join(parts)


def measure_text(measure: Any, t: Translate = ENGLISH) -> str:
    """`sum of Amount`, `count of rows`, `Won ÷ (Won or Lost)` style descriptions."""
    what = _what(measure, t)
    own = where_text(measure.where, t)
    return t("w_where", what=what, filter=own) if own else what


def _what(measure: Any, t: Translate) -> str:
    """The measure without its own filter."""
    if isinstance(measure, CountMeasure):
        if measure.count.strip().casefold() == "rows":
            return t("w_count_rows")
        return t("w_count_values", column=measure.count)
    if isinstance(measure, CountDistinctMeasure):
        return t("w_count_distinct", column=measure.count_distinct)
    if isinstance(measure, MeanDaysMeasure):
        start, end = measure.mean_days
        return t("w_mean_days", start=start, end=end)
    if isinstance(measure, NewCustomersMeasure):
        return t("w_new_customers", customer=measure.new_customers.customer)
    if isinstance(measure, RetentionMeasure):
        return t("w_retention", customer=measure.retention.customer)
    if isinstance(measure, CrossSellMeasure):
        pair = measure.cross_sell
        return t("w_cross_sell", customer=pair.customer, product=pair.product)
    if isinstance(measure, RatingMeasure):
        parts = []
        if measure.weights:
            shares = t("w_list").join(f"{k} {v:g}" for k, v in measure.weights.items())
            parts.append(t("w_rating_by", rater=measure.rater, weights=shares))
        if measure.exclude:
            parts.append(t("w_rating_excluding", values=t("w_list").join(measure.exclude)))
        if measure.min_raters > 1:
            parts.append(t("w_rating_least", count=measure.min_raters))
        return t("w_parts").join([t("w_rating", column=measure.rating), *parts])
    if isinstance(measure, RatioMeasure):
        return t(
            "w_ratio",
            numerator=measure_text(measure.ratio.numerator, t),
            denominator=measure_text(measure.ratio.denominator, t),
        )
    for cls, name in (
        (SumMeasure, "sum"),
        (MeanMeasure, "mean"),
        (MedianMeasure, "median"),
        (MinMeasure, "min"),
        (MaxMeasure, "max"),
    ):
        if isinstance(measure, cls):
            return t(f"w_{name}", column=getattr(measure, name))
    return str(measure)


def kpi_filter_text(kpi: KPI, t: Translate = ENGLISH) -> str:
    """The KPI's own filter in words ('' when it has none)."""
    return where_text(kpi.where, t)


def targets_text(
    config: Config, kpi_id: str, t: Translate = ENGLISH
) -> tuple[tuple[str | None, str], ...]:
    """Every configured target level of a KPI, in resolution order, as (team, words).

    The team is None for levels that name no team, so a per-team workbook can leave
    out the lines about other teams.
    """
    targets = config.targets
    percent = config.kpis[kpi_id].unit == "percent"

    def number(value: float | Growth) -> str:  # a percent KPI's target as a percent: 35%
        if percent and not isinstance(value, Growth):
            return written_percent(value)
        return _number(value, t)

    parts: list[tuple[str | None, str]] = []
    if targets.file:
        parts.append((None, t("w_target_file")))
    for team, values in targets.by_team.items():
        if kpi_id in values:
            parts.append((team, t("w_target_team", team=team, value=number(values[kpi_id]))))
    for role, values in targets.by_role.items():
        if kpi_id in values:
            parts.append((None, t("w_target_role", role=role, value=number(values[kpi_id]))))
    if kpi_id in targets.defaults:
        parts.append((None, t("w_target_default", value=number(targets.defaults[kpi_id]))))
    for team, values in targets.teams.items():
        if kpi_id in values:
            value = number(values[kpi_id])
            parts.append((team, t("w_target_team_whole", team=team, value=value)))
    return tuple(parts)


def weights_text(config: Config, kpi_id: str, t: Translate = ENGLISH) -> str:
    """The KPI's weight in each scorecard that uses it."""
    parts = []
    for card, weights in config.scorecards.items():
        if kpi_id in weights:
            share = fixed(weights[kpi_id] / sum(weights.values()), 0, scale=2)
            parts.append(t("w_weight", card=card, weight=_number(weights[kpi_id]), share=share))
    return t("w_parts").join(parts) or t("w_weight_unused")


_SOURCE = re.compile(
    r"(?P<base>members: a member's growth target has no baseline|members:sum|members:mean"
    r"|defaults|file|(?P<kind>file|by_team|by_role|teams):(?P<name>.*?))"
    r"(?: growth (?P<growth>\S+) on (?P<label>.*?)"
    r"(?:: baseline (?P<baseline>.*?)| \((?P<base_value>[^()]*)\)))?"
    r"(?:, prorated (?P<share>\d+/\d+))?"
)
_SOURCE_WORDS = {
    "members: a member's growth target has no baseline": "w_source_members_none",
    "members:sum": "w_source_members_sum",
    "members:mean": "w_source_members_mean",
    "defaults": "w_source_defaults",
    "file": "w_source_file",
}


def target_source_text(source: str, t: Translate = ENGLISH) -> str:
    """Where a target came from (`target_source`, see the README) in words: the code
    itself in English (`by_team:North, prorated 12/18`), in other languages translated."""
    found = _SOURCE.fullmatch(source)
    if t is ENGLISH or found is None:
        return source
    kind, name = found["kind"], found["name"]
    if kind == "file":
        text = t("w_source_file_period", period=name)
    elif kind:
        text = t(f"w_source_{kind}", name=name)
    else:
        text = t(_SOURCE_WORDS[found["base"]])
    if found["growth"]:
        text += t("w_source_growth", growth=found["growth"], period=found["label"])
        if found["baseline"] is not None:
            baseline = found["baseline"]
            shown = t("w_source_no_value") if baseline == "no value" else baseline
            text += t("w_source_no_base", value=shown)
        else:
            text += t("w_source_growth_base", value=found["base_value"])
    if found["share"]:
        text += t("w_source_prorated", share=found["share"])
    return text


def config_notes(config: Config, t: Translate = ENGLISH) -> tuple[str, ...]:
    """How totals, teams, ranks and the config's extras work, in words (the Rules footer)."""
    method = t("w_note_pooled" if config.teams.method == "pooled" else "w_note_mean")
    notes = [
        t("w_note_total"),
        t("w_note_team", method=method, card=config.team_scorecard),
        t("w_note_ranks"),
    ]
    for name, source in config.sources.items():
        for column, formula in source.columns.items():
            notes.append(t("w_note_column", name=name, column=column, formula=formula))
        if source.dedupe:
            rule = source.dedupe
            order = (
                t("w_note_order_by", column=rule.order_by)
                if rule.order_by
                else t("w_note_file_order")
            )
            columns = t("w_list").join(rule.key)
            notes.append(t(f"w_note_dedupe_{rule.keep}", name=name, columns=columns, order=order))
    for name, kpi_ids in config.perspectives.items():
        kpis = t("w_list").join(kpi_ids)
        notes.append(t("w_note_perspective", name=name, kpis=kpis))
    targets = config.targets
    if targets.prorate:
        days = t("w_note_calendar_days")
        if targets.prorate == "workdays":
            also = [
                t(key)
                for key, wanted in (
                    ("w_note_less_holidays", targets.holidays),
                    ("w_note_makeup", targets.makeup_workdays),
                )
                if wanted
            ]
            days = t("w_note_workdays", also="".join(also))
        notes.append(t("w_note_prorate", days=days))
    if config.bonus is not None:
        notes.append(bonus_text(config.bonus, t))
    return tuple(notes)


def bonus_text(bonus: Bonus, t: Translate = ENGLISH) -> str:
    """The bonus rule in one sentence."""
    base = (
        t("w_bonus_roster_base")
        if bonus.base.column
        else fixed(bonus.base.amount or 0.0, 2, grouping=True)
    )
    if bonus.by_grade is not None:
        grades = t("w_list").join(f"{g} × {m:g}" for g, m in bonus.by_grade.items())
        multiplier = t("w_bonus_by_grade", grades=grades)
    else:
        points = t("w_list").join(f"{x:g} → {y:g}" for x, y in bonus.curve or [])
        multiplier = t("w_bonus_curve", points=points)
    text = t("w_bonus", base=base, multiplier=multiplier)
    if bonus.gates:
        gates = t("w_list").join(
            t("w_bonus_gate", kpi=g.kpi, share=written_percent(g.min_attainment))
            for g in bonus.gates
        )
        text += t("w_bonus_gates", gates=gates)
    if bonus.pool is not None:
        text += t("w_bonus_pool", pool=fixed(bonus.pool, 2, grouping=True))
    return t("w_sentence", text=text)
