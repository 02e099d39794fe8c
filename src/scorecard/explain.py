"""Every number behind one person's score: rows, actual, target, rule, contribution."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from scorecard import describe
from scorecard.config import KPI, Config, RatingMeasure, RatioMeasure
from scorecard.errors import ConfigError
from scorecard.measures import PERSON, Compiler
from scorecard.nearest import closest_name
from scorecard.periods import Period
from scorecard.pipeline import Inputs, longer_than_targets, score
from scorecard.records import prepare
from scorecard.render import formatting as fmt
from scorecard.report import KpiInfo, KpiResult, PersonResult, Report
from scorecard.roster import build_roster
from scorecard.scoring import shown
from scorecard.sources import ROW
from scorecard.values import person_key_py

ROW_EXAMPLES = 10


@dataclass(frozen=True)
class KpiExplanation:
    """One KPI of one person, in words and numbers."""

    result: KpiResult
    info: KpiInfo
    row_numbers: tuple[int, ...]
    actual_text: str
    attainment_text: str
    score_text: str
    weight_share: float | None
    contribution: float | None


@dataclass(frozen=True)
class Explanation:
    """Why a person got their score."""

    report: Report
    person: PersonResult
    kpis: tuple[KpiExplanation, ...]
    grade_text: str
    people_count: int
    team_count: int


def find_person(report: Report, wanted: str) -> PersonResult:
    """The person a `--person` value names (key or display name); ConfigError with matches."""
    key = person_key_py(wanted)
    for person in report.people:
        if key in (person_key_py(person.person), person_key_py(person.name)):
            return person
    if any(key == person_key_py(name) for name in report.inactive):
        raise ConfigError.of("err_person_inactive", name=wanted, period=report.period_label)
    names = [p.person for p in report.people] + [p.name for p in report.people]
    raise ConfigError.of("err_no_person", name=wanted, suggestion=closest_name(wanted, names))


Breakdown = tuple[tuple[str, float, int, float], ...]  # (rater type, mean, ratings, weight)


def _rows_behind(
    config: Config, inputs: Inputs, period: Period, person: str
) -> tuple[dict[str, tuple[int, ...]], dict[str, Breakdown]]:
    """Per KPI: the first row numbers counted, and for weighted ratings the mean per rater type."""
    roster = build_roster(config, inputs.roster)
    numbers: dict[str, tuple[int, ...]] = {}
    breakdowns: dict[str, Breakdown] = {}
    for name, table in inputs.sources.items():
        compiler = Compiler(table, config.sources[name].columns)
        kpis = {k: kpi for k, kpi in config.kpis.items() if kpi.source == name}
        masks = {k: compiler.contributing(kpi) for k, kpi in kpis.items()}
        if not masks:
            continue
        records = prepare(
            table, config.sources[name], compiler, roster, period, None, config.fiscal_year_start
        )
        mine = records.frame.lazy().filter(records.scored & (pl.col(PERSON) == person))
        found = mine.select(
            [
                pl.col(ROW).filter(mask).head(ROW_EXAMPLES).implode().alias(k)
                for k, mask in masks.items()
            ]
        ).collect()
        for kpi_id in masks:
            numbers[kpi_id] = tuple(found[kpi_id][0].to_list())
        for kpi_id, kpi in kpis.items():
            measure = kpi.measure
            if isinstance(measure, RatingMeasure) and measure.weights and measure.rater:
                breakdowns[kpi_id] = _by_rater(mine, compiler, measure, masks[kpi_id])
    return numbers, breakdowns


def _by_rater(
    rows: pl.LazyFrame, compiler: Compiler, measure: RatingMeasure, counted: pl.Expr
) -> Breakdown:
    rater = compiler.col(measure.rater or "", "text").str.to_lowercase()
    rating = compiler.col(measure.rating, "number")
    means = dict(
        rows.filter(counted)
        .group_by(rater.alias("type"))
        .agg(pl.struct(rating.mean().alias("mean"), pl.len().alias("n")).alias("figures"))
        .collect()
        .iter_rows()
    )
    out = []
    for kind, weight in (measure.weights or {}).items():
        figures = means.get(kind.strip().lower())
        if figures:
            out.append((kind, float(figures["mean"]), int(figures["n"]), weight))
    return tuple(out)


def _actual_text(
    kpi: KPI, result: KpiResult, info: KpiInfo, currency: str | None, by_rater: Breakdown = ()
) -> str:
    shown = fmt.value(result.actual, result.unit, currency)
    if by_rater and result.actual is not None:
        # 360° ratings: the mean per rater type, weighted over the types present
        parts = " + ".join(
            f"{kind} {fmt.fixed(mean, 2)} ({n}) × {w:g}" for kind, mean, n, w in by_rater
        )
        weights = sum(w for *_, w in by_rater)
        return f"{info.measure}: ({parts}) ÷ {weights:g} = {shown} over {result.rows} rating(s)"
    if isinstance(kpi.measure, RatioMeasure):
        numerator = "n/a" if result.numerator is None else f"{result.numerator:g}"
        denominator = "n/a" if result.denominator is None else f"{result.denominator:g}"
        parts = (
            f"{numerator} ({describe.measure_text(kpi.measure.ratio.numerator)}) ÷ "
            f"{denominator} ({describe.measure_text(kpi.measure.ratio.denominator)})"
        )
        if result.actual is None:
            return f"{parts}: no value (the denominator is 0)"
        return f"{parts} = {shown}"
    if result.actual is None:
        return f"{info.measure} over {result.rows} row(s): no value"
    return f"{info.measure} over {result.rows} row(s) = {shown}"


def _attainment_text(result: KpiResult, info: KpiInfo, currency: str | None) -> str:
    if result.target is None:
        return "no target (scored on the actual by bands)"
    target = fmt.value(result.target, result.unit, currency)
    source = f" ({result.target_source})" if result.target_source else ""
    if result.attainment is None:
        return f"target {target}{source}; no attainment without an actual value"
    ratio = fmt.attainment_ratio(result.actual, result.target, result.unit, info.better, currency)
    return f"target {target}{source}; attainment {ratio} = {fmt.percent(result.attainment)}"


def explain(config: Config, inputs: Inputs, period: Period, wanted: str) -> Explanation:
    """Score everyone, then take one person's figures apart."""
    report = longer_than_targets(config, score(config, inputs, period), period)
    person = find_person(report, wanted)
    rows, breakdowns = _rows_behind(config, inputs, period, person.person)
    total_weight = sum(k.weight for k in person.kpis if not k.excluded)
    kpis = []
    for result in person.kpis:
        kpi = config.kpis[result.id]
        info = report.kpi(result.id)
        share = result.weight / total_weight if total_weight and not result.excluded else None
        kpis.append(
            KpiExplanation(
                result=result,
                info=info,
                row_numbers=rows.get(result.id, ()),
                actual_text=_actual_text(
                    kpi, result, info, report.currency, breakdowns.get(result.id, ())
                ),
                attainment_text=_attainment_text(result, info, report.currency),
                score_text=result.steps,
                weight_share=share,
                contribution=result.score * share if share is not None else None,
            )
        )
    band = next(
        (g for g in sorted(config.grades, key=lambda g: -g.min) if person.grade == g.grade), None
    )
    grade_text = (
        f"grade {person.grade} (total ≥ {band.min:g}{', ' + band.label if band.label else ''})"
        if band
        else "no grade"
    )
    team_count = sum(1 for p in report.people if p.team == person.team)
    return Explanation(report, person, tuple(kpis), grade_text, len(report.people), team_count)


def to_text(explanation: Explanation) -> str:
    """The explanation as readable text (control characters in names shown as `\\x1b`)."""
    e = explanation
    p = e.person
    r = e.report
    lines = [
        f"{p.name}{'' if p.name == p.person else f' ({p.person})'} — team {p.team}, "
        f"scorecard {p.role or '—'}",
        f"{r.title}, {r.period_label} ({r.period_start} – {r.period_end})",
        "",
    ]
    for number, k in enumerate(e.kpis, start=1):
        res = k.result
        share = ""
        if k.weight_share is not None:
            share = f" ({fmt.percent(k.weight_share)} of the total)"
        lines.append(f"{number}. {res.label} [{res.id}] — weight {res.weight:g}{share}")
        where = f"; filter: {k.info.filter}" if k.info.filter else ""
        lines.append(f"   source {k.info.source}{where}")
        shown_rows = ", ".join(str(n) for n in k.row_numbers)
        more = ", …" if res.rows > len(k.row_numbers) else ""
        lines.append(
            f"   rows counted: {res.rows}"
            + (f" (rows {shown_rows}{more})" if k.row_numbers else "")
        )
        lines.append(f"   actual: {k.actual_text}")
        lines.append(f"   {k.attainment_text}")
        lines.append(f"   rule: {k.info.rule}")
        for level, text in k.info.anchors:
            lines.append(f"   anchor {level}: {text}")
        lines.append(f"   score: {k.score_text}")
        if res.excluded:
            lines.append("   excluded: no value, so it does not count towards the total")
        elif k.contribution is not None and k.weight_share is not None:
            lines.append(
                f"   contribution: {shown(res.score, 2)} × {fmt.percent(k.weight_share)} = "
                f"{shown(k.contribution, 2)} points"
            )
        lines.append("")
    for subtotal in p.perspectives:
        lines.append(
            f"perspective {subtotal.name}: {fmt.score(subtotal.total)} (weight {subtotal.weight:g})"
        )
    if p.bonus is not None:
        b = p.bonus
        gates = "gates passed" if b.gates_passed else "gates failed: " + ", ".join(b.failed_gates)
        pool = f" × pool factor {fmt.fixed(b.pool_factor, 4)}" if b.pool_factor != 1 else ""
        base, amount = fmt.fixed(b.base, 2, grouping=True), fmt.fixed(b.amount, 2, grouping=True)
        lines.append(f"bonus: base {base} × multiplier {b.multiplier:g}{pool} = {amount} ({gates})")
    rank = f"rank {p.rank} of {e.people_count}" if p.rank else "unranked"
    team_rank = f"team rank {p.team_rank} of {e.team_count}" if p.team_rank else ""
    if p.total is None:
        total = "no total (every KPI excluded)"
    else:
        digits = fmt.total_digits(p.total, r.grade_minimums, least=2)
        total = f"total {fmt.fixed(p.total, digits)}"
    lines.append(f"{total} → {e.grade_text}; {rank}" + (f"; {team_rank}" if team_rank else ""))
    # names, labels and filters come from exports and configs: shown, never acted on
    return "\n".join(fmt.printable(line) for line in lines) + "\n"


def to_dict(explanation: Explanation) -> dict[str, object]:
    """The explanation as JSON-ready data."""
    from scorecard.render.tabular import optional_fields

    e = explanation
    p = e.person
    data: dict[str, object] = {
        "schema": "scorecard-explain/1",
        "period": {
            "label": e.report.period_label,
            "start": e.report.period_start.isoformat(),
            "end": e.report.period_end.isoformat(),
        },
        "person": p.person,
        "name": p.name,
        "team": p.team,
        "role": p.role,
        "total": p.total,
        "grade": p.grade,
        "rank": p.rank,
        "team_rank": p.team_rank,
        "people": e.people_count,
        "team_size": e.team_count,
        "grade_text": e.grade_text,
        "kpis": [
            {
                "id": k.result.id,
                "label": k.result.label,
                "source": k.info.source,
                "filter": k.info.filter,
                "measure": k.info.measure,
                "rows": k.result.rows,
                "row_numbers": list(k.row_numbers),
                "actual": k.result.actual,
                "numerator": k.result.numerator,
                "denominator": k.result.denominator,
                "actual_text": k.actual_text,
                "target": k.result.target,
                "target_source": k.result.target_source,
                "attainment": k.result.attainment,
                "attainment_text": k.attainment_text,
                "rule": k.info.rule,
                "score": k.result.score,
                "score_text": k.score_text,
                "weight": k.result.weight,
                "weight_share": k.weight_share,
                "contribution": k.contribution,
                "excluded": k.result.excluded,
                "anchors": [{"level": level, "text": text} for level, text in k.info.anchors],
            }
            for k in e.kpis
        ],
    }
    return optional_fields(data, p, e.report)  # bonus and perspectives, as in `run`
