"""Scoring arithmetic (SPEC §3.3-3.5): attainment, KPI scores, totals, grades, ranks."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, partial
from typing import TypeVar

from scorecard.config import KPI, Band, Config, GradeBand
from scorecard.exact import decimal, fixed, written_percent
from scorecard.i18n import ENGLISH, Translate
from scorecard.measures import Actual
from scorecard.report import (
    DEFAULT_ATTAINMENT_SCALE,
    DEFAULT_SCORE_SCALE,
    TIE_TOLERANCE,
    Edge,
    KpiResult,
    Scale,
    Subtotal,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Rule:
    """A KPI's resolved scoring rule: the defaults merged with its own overrides."""

    better: str
    threshold: float
    cap: float
    missing: str
    curve: tuple[tuple[float, float], ...] | None = None
    bands: tuple[Band, ...] | None = None
    percent: bool = False  # the actual is a fraction shown in percent: bands say 30%, not 0.3

    def bound(self, value: float) -> str:
        """A band's bound as the actual is shown: 0.3 of a percent KPI is 30%."""
        return written_percent(value) if self.percent else f"{value:g}"

    @cached_property
    def text(self) -> str:
        """The rule in words, e.g. '100 × attainment, capped at 120%; 0 below 50%'.

        Worked out once per rule: every person's KPI result quotes it."""
        return self.words(ENGLISH)

    def words(self, t: Translate) -> str:
        """The rule in words, in the language of `t`."""
        if self.bands:
            key = "max" if self.better == "lower" else "min"
            sign = "≤" if key == "max" else "≥"
            bands = t("w_parts").join(
                f"{sign} {self.bound(getattr(b, key))} → {b.score:g}" for b in self.bands
            )
            text = t("w_rule_bands", bands=bands)
        elif self.curve:
            points = t("w_list").join(f"{written_percent(x)} → {y:g}" for x, y in self.curve)
            first, last = written_percent(self.curve[0][0]), written_percent(self.curve[-1][0])
            top = f"{self.curve[-1][1]:g}"
            text = t("w_rule_curve", points=points, first=first, last=last, top=top)
        else:
            cap, threshold = written_percent(self.cap), written_percent(self.threshold)
            text = t("w_rule_linear", cap=cap, threshold=threshold)
        missing = "w_rule_missing_zero" if self.missing == "zero" else "w_rule_missing_exclude"
        return t("w_rule", rule=text, missing=t(missing))

    @cached_property
    def actual_edges(self) -> tuple[Edge, ...]:
        """Where the score jumps on the actual: each band's bound (≥ min; ≤ max if lower)."""
        if not self.bands:
            return ()
        if self.better == "lower":
            return tuple((b.max, False) for b in self.bands if b.max is not None)
        return tuple((b.min, True) for b in self.bands if b.min is not None)

    @cached_property
    def attainment_edges(self) -> tuple[Edge, ...]:
        """Where the score jumps on the attainment: the threshold (a curve is continuous)."""
        return () if self.bands or self.curve else ((self.threshold, True),)

    @cached_property
    def colour_points(self) -> tuple[Scale, Scale]:
        """Where the workbook's colour scales turn, as (red, yellow, green) points of the
        attainment and of the score: red where the rule starts to score (its threshold, the
        curve's first point), green at target (100%), yellow halfway, so a cell is green
        exactly when the target is met under this KPI's own rule."""
        if self.bands:  # scored on the actual: green at the best band's score
            best = max(b.score for b in self.bands)
            scores = (0.0, best / 2, best) if best > 0 else DEFAULT_SCORE_SCALE
            return DEFAULT_ATTAINMENT_SCALE, scores
        low = self.curve[0][0] if self.curve else self.threshold
        if not 0 <= low < 1:
            return DEFAULT_ATTAINMENT_SCALE, DEFAULT_SCORE_SCALE
        middle = float((decimal(low) + 1) / 2)
        halfway, on_target = (kpi_score(None, x, self) or 0.0 for x in (middle, 1.0))
        if not 0 < halfway < on_target:
            return (low, middle, 1.0), DEFAULT_SCORE_SCALE
        return (low, middle, 1.0), (0.0, halfway, on_target)


def rule_for(config: Config, kpi: KPI) -> Rule:
    """Merge `scoring` defaults with the KPI's `scoring` overrides."""
    own = kpi.scoring
    base = config.scoring
    return Rule(
        better=kpi.better,
        threshold=own.threshold if own and own.threshold is not None else base.threshold,
        cap=own.cap if own and own.cap is not None else base.cap,
        missing=own.missing if own and own.missing else base.missing,
        curve=tuple(own.curve) if own and own.curve else None,
        bands=tuple(own.bands) if own and own.bands else None,
        percent=kpi.unit == "percent",
    )


# A KPI's target for scoring: (value, where it came from, its decimal if worked out)
KpiTarget = tuple[float | None, str | None, Decimal | None]
NO_TARGET: KpiTarget = (None, None, None)


def kpi_rules(config: Config) -> dict[str, Rule]:
    """Every KPI's rule, resolved once for a whole scoring run."""
    return {kpi_id: rule_for(config, kpi) for kpi_id, kpi in config.kpis.items()}


def attainment(actual: float | None, target: float | None, rule: Rule) -> float | None:
    """higher: actual ÷ target; lower: target ÷ actual (an actual of 0 attains the cap)."""
    exact = _attainment(actual, target, rule)
    return None if exact is None else float(exact)


def _attainment(
    actual: float | None, target: float | None, rule: Rule, exact: Decimal | None = None
) -> Decimal | None:
    """In decimal; `exact`: the target's own decimal when it was worked out (prorated)."""
    if actual is None or target is None or target <= 0:
        return None
    goal = exact if exact is not None else decimal(target)
    if rule.better == "lower":
        return decimal(rule.cap) if actual == 0 else goal / decimal(actual)
    return decimal(actual) / goal


def curve_score(value: float, curve: Sequence[tuple[float, float]]) -> float:
    """Piecewise linear in (attainment, score): 0 below the first point, flat after the last."""
    return float(_curve_score(decimal(value), curve))


def _curve_score(value: Decimal, curve: Sequence[tuple[float, float]]) -> Decimal:
    if value < decimal(curve[0][0]):
        return Decimal(0)
    for (x0, y0), (x1, y1) in itertools.pairwise(curve):
        if value <= decimal(x1):  # (in decimal: 50% of the way from 0 to 100 is 50, not 49.99…)
            a, b, c, d = map(decimal, (x0, y0, x1, y1))
            return b + (d - b) * (value - a) / (c - a)
    return decimal(curve[-1][1])


def band_score(actual: float, bands: Sequence[Band], better: str) -> float:
    """The score of the first band from the top that the actual reaches (0 when none does)."""
    if better == "lower":
        for band in sorted(bands, key=lambda b: b.max if b.max is not None else 0.0):
            if band.max is not None and actual <= band.max:
                return band.score
        return 0.0
    for band in sorted(bands, key=lambda b: b.min if b.min is not None else 0.0, reverse=True):
        if band.min is not None and actual >= band.min:
            return band.score
    return 0.0


def kpi_score(actual: float | None, attained: float | None, rule: Rule) -> float | None:
    """The KPI's score, or None when there is nothing to score (missing actual/attainment)."""
    exact = _kpi_score(actual, None if attained is None else decimal(attained), rule)
    return None if exact is None else float(exact)


def _kpi_score(actual: float | None, attained: Decimal | None, rule: Rule) -> Decimal | None:
    if rule.bands:
        return None if actual is None else decimal(band_score(actual, rule.bands, rule.better))
    if attained is None:
        return None
    if rule.curve:
        return _curve_score(attained, rule.curve)
    if attained < decimal(rule.threshold):
        return Decimal(0)
    return 100 * min(attained, decimal(rule.cap))


def weighted_total(parts: Sequence[tuple[float, float]]) -> float | None:
    """Σ(weight × score) ÷ Σ(weight) over (weight, score) pairs; None when there are none."""
    return _weighted_total([(w, decimal(score)) for w, score in parts])


def _weighted_total(parts: Sequence[tuple[float, Decimal]]) -> float | None:
    weight = sum((decimal(w) for w, _ in parts), Decimal(0))
    if not parts or weight <= 0:
        return None
    return float(sum((decimal(w) * score for w, score in parts), Decimal(0)) / weight)


def grade_for(total: float | None, grades: Sequence[GradeBand]) -> str | None:
    """The first grade band from the top whose min <= total."""
    if total is None:
        return None
    for band in sorted(grades, key=lambda g: g.min, reverse=True):
        if total >= band.min - TIE_TOLERANCE:
            return band.grade
    return None


def competition_ranks(items: Sequence[T], total: Callable[[T], float | None]) -> list[int | None]:
    """Ranks by total, descending, ties sharing a rank (1, 2, 2, 4); no total → no rank."""
    ordered = sorted(
        (i for i, item in enumerate(items) if total(item) is not None),
        key=lambda i: -(total(items[i]) or 0.0),
    )
    ranks: list[int | None] = [None] * len(items)
    previous: float | None = None
    rank = 0
    for position, index in enumerate(ordered, start=1):
        value = total(items[index])
        assert value is not None
        if previous is None or abs(value - previous) > TIE_TOLERANCE:
            rank = position
            previous = value
        ranks[index] = rank
    return ranks


def score_kpis(
    config: Config,
    weights: dict[str, float],
    actuals: Mapping[str, Actual],
    targets: Mapping[str, KpiTarget],
    rules: Mapping[str, Rule] | None = None,
) -> tuple[tuple[KpiResult, ...], float | None]:
    """Score each KPI of a scorecard and total them (SPEC §3.3-3.5).

    Args:
        weights: the scorecard, KPI id → weight, in scorecard order.
        actuals: KPI id → the measured Actual (value or None, rows counted, ratio parts).
        targets: KPI id → (target or None, target source, the target in decimal if worked out).
        rules: KPI id → its Rule (`kpi_rules(config)`), resolved here when not given.

    Returns:
        The KPI results and the weighted total (None when every KPI is excluded).
    """
    results = []
    # Attainment, score and total in decimal, each rounded to a float only as shown:
    # 0.21 of 0.28 attains 0.75 and scores 75, not 74.99999999999999.
    parts: list[tuple[float, Decimal]] = []
    rules = rules if rules is not None else kpi_rules(config)
    for kpi_id, weight in weights.items():
        kpi = config.kpis[kpi_id]
        rule = rules[kpi_id]
        measured = actuals[kpi_id]
        actual, rows = measured.value, measured.rows
        target, source, exact_target = targets[kpi_id]
        exact_attained = _attainment(actual, target, rule, exact_target)
        attained = None if exact_attained is None else float(exact_attained)
        exact_score = _kpi_score(actual, exact_attained, rule)
        score = None if exact_score is None else float(exact_score)
        excluded = score is None and rule.missing == "exclude"
        if not excluded:
            parts.append((weight, exact_score or Decimal(0)))
        results.append(
            KpiResult(
                id=kpi_id,
                label=config.kpi_label(kpi_id),
                actual=actual,
                target=target,
                target_source=source,
                attainment=attained,
                score=score or 0.0,
                weight=weight,
                rows=rows,
                excluded=excluded,
                unit=kpi.unit,
                rule=rule.text,
                numerator=measured.numerator,
                denominator=measured.denominator,
                explain=partial(score_steps, rule, actual, attained),
                edges=rule.actual_edges,
                attainment_edges=rule.attainment_edges,
            )
        )
    return tuple(results), _weighted_total(parts)


def _pct(value: float) -> str:
    """An attainment in percent (1.1 is 110.0%, not 110.000000% from 110.00000000000001)."""
    return f"{shown(float(decimal(value) * 100), 1)}%"


def shown(value: float, least: int) -> str:
    """`value` with `least` decimals, or more where rounding would make a round number of
    a value that is not one (74.9999 as 74.9999, not 75.00, which a grade edge tells apart)."""
    for digits in range(least, 7):
        text = fixed(value, digits)
        if float(text) == value or float(text) != round(float(text)):
            return text
    return fixed(value, 6)


def score_steps(
    rule: Rule, actual: float | None, attained: float | None, t: Translate = ENGLISH
) -> str:
    """Which part of the rule applied and the arithmetic, e.g. 'capped: 100 × 120% = 120'."""
    if rule.bands:
        if actual is None:
            return t("w_step_no_actual", missing=_missing_words(rule, t))
        key = "max" if rule.better == "lower" else "min"
        ordered = sorted(rule.bands, key=lambda b: getattr(b, key) or 0.0, reverse=(key == "min"))
        for band in ordered:
            bound = getattr(band, key)
            if bound is not None and (actual <= bound if key == "max" else actual >= bound):
                sign = "≤" if key == "max" else "≥"
                return t("w_step_band", band=f"{sign} {rule.bound(bound)}", score=f"{band.score:g}")
        return t("w_step_no_band")
    if attained is None:
        return t("w_step_no_attainment", missing=_missing_words(rule, t))
    if rule.curve:
        curve = rule.curve
        if attained < curve[0][0]:
            first = written_percent(curve[0][0])
            return t("w_step_below_curve", attainment=_pct(attained), first=first)
        for (x0, y0), (x1, y1) in itertools.pairwise(curve):
            if attained <= x1:
                score = curve_score(attained, curve)
                low, high = written_percent(x0), written_percent(x1)
                at = _curve_percent(attained, (x0, y0), (x1, y1), shown(score, 2))
                arithmetic = (
                    f"{y0:g} + ({y1:g} − {y0:g}) × ({at} − {low}) ÷ "
                    f"({high} − {low}) = {shown(score, 2)}"
                )
                return t("w_step_curve", segment=f"{low}–{high}", arithmetic=arithmetic)
        last, top = written_percent(curve[-1][0]), f"{curve[-1][1]:g}"
        return t("w_step_above_curve", last=last, score=top)
    if attained < rule.threshold:
        threshold = written_percent(rule.threshold)
        return t("w_step_below_threshold", attainment=_pct(attained), threshold=threshold)
    if attained > rule.cap:
        cap = written_percent(rule.cap)
        arithmetic = f"100 × {cap} = {fixed(rule.cap, 2, scale=2)}"
        return t("w_step_capped", attainment=_pct(attained), cap=cap, arithmetic=arithmetic)
    # the attainment with one decimal when that is exact (100 × 80.0% = 80.00), else with
    # the score's, so the step checks out: 100 × 56.25% = 56.25, not 100 × 56.3%
    percent = float(100 * decimal(attained))
    points, short = shown(percent, 2), shown(percent, 1)
    return f"100 × {short if float(short) == percent else points}% = {points}"


def _curve_percent(
    attained: float, start: tuple[float, float], end: tuple[float, float], score: str
) -> str:
    """The attainment in percent with the decimals that make the curve's step check out:
    25 + 75 × (98.864% − 50%) ÷ 50% is 98.30, where 98.9% would give 98.35."""
    (x0, y0), (x1, y1) = start, end
    percent = float(100 * decimal(attained))
    for digits in range(1, 7):
        text = fixed(percent, digits)
        again = y0 + (y1 - y0) * (float(text) / 100 - x0) / (x1 - x0)
        if fixed(again, len(score.partition(".")[2])) == score:
            break
    return f"{text}%"


def _missing_words(rule: Rule, t: Translate) -> str:
    return t("w_step_scores_zero" if rule.missing == "zero" else "w_step_excluded")


def subtotals(
    perspectives: Mapping[str, Sequence[str]], kpis: Sequence[KpiResult]
) -> tuple[Subtotal, ...]:
    """Each perspective's Σ(weight × score) ÷ Σ(weight) over the scored KPIs in it."""
    out = []
    for name, ids in perspectives.items():
        parts = [(k.weight, k.score) for k in kpis if k.id in ids and not k.excluded]
        out.append(Subtotal(name, weighted_total(parts), sum(w for w, _ in parts)))
    return tuple(out)
