"""Bonus: base × multiplier (by grade or a curve on the total), gated by KPI attainment,
scaled down to the pool when the bonuses add up to more than it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from scorecard.config import Bonus
from scorecard.exact import decimal, written_percent
from scorecard.report import BonusResult, PersonResult
from scorecard.scoring import curve_score


def _multiplier(rule: Bonus, person: PersonResult) -> float:
    if rule.by_grade is not None:
        return rule.by_grade.get(person.grade or "", 0.0)
    if rule.curve is None or person.total is None:
        return 0.0
    return curve_score(person.total, rule.curve)


def _failed_gates(rule: Bonus, person: PersonResult) -> tuple[str, ...]:
    """Gates on KPIs of the person's scorecard whose attainment is missing or too low."""
    failed = []
    for gate in rule.gates:
        kpi = next((k for k in person.kpis if k.id == gate.kpi), None)
        if kpi is None:
            continue  # the KPI is not on this person's scorecard: the gate does not apply
        if kpi.attainment is None or kpi.attainment < gate.min_attainment:
            failed.append(f"{gate.kpi} < {written_percent(gate.min_attainment)}")
    return tuple(failed)


def award(
    rule: Bonus, people: list[PersonResult], bases: Mapping[str, float | None]
) -> list[PersonResult]:
    """Each person's bonus; when their sum exceeds the pool every bonus scales by pool ÷ sum."""
    results: list[BonusResult] = []
    for person in people:
        base = rule.base.amount if rule.base.amount is not None else bases.get(person.person)
        failed = _failed_gates(rule, person)
        multiplier = _multiplier(rule, person)
        # in decimal: 5000 × 1.1 is 5500, not 5500.000000000001
        amount = float(decimal(base or 0.0) * decimal(multiplier)) if not failed else 0.0
        results.append(BonusResult(base or 0.0, multiplier, not failed, failed, amount))
    total = sum((decimal(r.amount) for r in results), Decimal(0))
    if rule.pool is not None and total > decimal(rule.pool):
        factor = decimal(rule.pool) / total
    else:
        factor = Decimal(1)
    return [
        replace(
            person,
            bonus=replace(r, amount=float(decimal(r.amount) * factor), pool_factor=float(factor)),
        )
        for person, r in zip(people, results, strict=True)
    ]
