"""Every number behind one person's score: rows, actual, target, rule, contribution."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from scorecard import describe
from scorecard.config import KPI, Config, RatingMeasure, RatioMeasure, RetentionMeasure
from scorecard.errors import ConfigError
from scorecard.i18n import ENGLISH, Translate
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
    before: bool = False  # its rows are the period before's (retention)


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
    found = report.named(wanted)
    if len(found) > 1:  # a display name two people share: the key tells them apart
        people = ", ".join(f"{p.person} ({p.team})" for p in found)
        raise ConfigError.of("err_person_ambiguous", name=wanted, count=len(found), people=people)
    if found:
        return found[0]
    raise no_such_person(report, wanted)


def no_such_person(report: Report, wanted: str) -> ConfigError:
    """The error for a `--person` value that names no one scored in the period."""
    if report.person_away(wanted):
        return ConfigError.of("err_person_inactive", name=wanted, period=report.period_label)
    names = [p.person for p in report.people] + [p.name for p in report.people]
    return ConfigError.of("err_no_person", name=wanted, suggestion=closest_name(wanted, names))


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
    kpi: KPI,
    result: KpiResult,
    info: KpiInfo,
    currency: str | None,
    t: Translate,
    by_rater: Breakdown = (),
) -> str:
    shown = fmt.value(result.actual, result.unit, currency, result.edges)
    if by_rater and result.actual is not None:
        # 360° ratings: the mean per rater type, weighted over the types present
        parts = " + ".join(
            t("x_rater", kind=kind, mean=fmt.fixed(mean, 2), count=n, weight=f"{w:g}")
            for kind, mean, n, w in by_rater
        )
        weights = f"{sum(w for *_, w in by_rater):g}"
        return t(
            "x_rated",
            measure=info.measure,
            parts=parts,
            weights=weights,
            value=shown,
            count=result.rows,
        )
    if isinstance(kpi.measure, RetentionMeasure) and result.denominator is not None:
        kept, before = f"{result.numerator or 0:g}", f"{result.denominator:g}"
        return t("x_retention", kept=kept, before=before, value=shown)
    if isinstance(kpi.measure, RatioMeasure):
        numerator = fmt.no_value() if result.numerator is None else f"{result.numerator:g}"
        denominator = fmt.no_value() if result.denominator is None else f"{result.denominator:g}"
        ratio = kpi.measure.ratio
        parts = (
            t("x_ratio_part", value=numerator, text=describe.measure_text(ratio.numerator, t))
            + " ÷ "
            + t("x_ratio_part", value=denominator, text=describe.measure_text(ratio.denominator, t))
        )
        if result.actual is None:
            return t("x_ratio_none", ratio=parts)
        return f"{parts} = {shown}"
    if result.actual is None:
        return t("x_measured_none", measure=info.measure, rows=result.rows)
    return t("x_measured", measure=info.measure, rows=result.rows, value=shown)


def _attainment_text(
    result: KpiResult, info: KpiInfo, currency: str | None, t: Translate, bands: bool
) -> str:
    if result.target is None:
        if bands or not result.target_source:
            return t("x_no_target")
        # a growth target without a baseline: why there is none
        return t("x_no_target_from", source=describe.target_source_text(result.target_source, t))
    target = fmt.value(result.target, result.unit, currency)
    source = (
        t("w_paren", text=describe.target_source_text(result.target_source, t))
        if result.target_source
        else ""
    )
    if result.attainment is None:
        return t("x_target_no_actual", target=target, source=source)
    ratio = fmt.attainment_ratio(result.actual, result.target, result.unit, info.better, currency)
    attainment = fmt.percent(result.attainment, result.attainment_edges)
    return t("x_target", target=target, source=source, ratio=ratio, attainment=attainment)


def explain(
    config: Config, inputs: Inputs, period: Period, wanted: str, t: Translate = ENGLISH
) -> Explanation:
    """Score everyone, then take one person's figures apart (its words in the language of
    `t`; `to_dict` is meant for English ones, as JSON is English)."""
    report = longer_than_targets(config, score(config, inputs, period), period)
    person = find_person(report, wanted)
    rows, breakdowns = _rows_behind(config, inputs, period, person.person)
    worded = report.in_language(t)
    total_weight = sum(k.weight for k in person.kpis if not k.excluded)
    kpis = []
    for result in person.kpis:
        kpi = config.kpis[result.id]
        info = worded.kpi(result.id)
        share = result.weight / total_weight if total_weight and not result.excluded else None
        kpis.append(
            KpiExplanation(
                result=result,
                info=info,
                row_numbers=rows.get(result.id, ()),
                actual_text=_actual_text(
                    kpi, result, info, report.currency, t, breakdowns.get(result.id, ())
                ),
                attainment_text=_attainment_text(
                    result, info, report.currency, t, bool(kpi.scoring and kpi.scoring.bands)
                ),
                score_text=result.steps_in(t),
                weight_share=share,
                contribution=result.score * share if share is not None else None,
                before=isinstance(kpi.measure, RetentionMeasure),
            )
        )
    band = next(
        (g for g in sorted(config.grades, key=lambda g: -g.min) if person.grade == g.grade), None
    )
    if band:
        label = t("x_grade_label", label=band.label) if band.label else ""
        grade_text = t("x_grade", grade=person.grade, min=f"{band.min:g}", label=label)
    else:
        grade_text = t("x_no_grade")
    team_count = sum(1 for p in report.people if p.team == person.team)
    return Explanation(report, person, tuple(kpis), grade_text, len(report.people), team_count)


def to_text(explanation: Explanation, t: Translate = ENGLISH) -> str:
    """The explanation as readable text (control characters in names shown as `\\x1b`)."""
    e = explanation
    p = e.person
    r = e.report
    name = p.name if p.name == p.person else f"{p.name} ({p.person})"
    lines = [
        t("x_person", name=name, team=p.team, card=p.role or "—"),
        t(
            "x_period",
            title=r.title,
            period=r.period_label,
            start=r.period_start,
            end=r.period_end,
        ),
        "",
    ]
    for number, k in enumerate(e.kpis, start=1):
        res = k.result
        share = ""
        if k.weight_share is not None:
            share = t("x_share", share=fmt.percent(k.weight_share))
        weight = f"{res.weight:g}"
        lines.append(
            t("x_kpi", number=number, label=res.label, id=res.id, weight=weight, share=share)
        )
        if k.info.description:  # what the KPI means, in the config's words
            lines.append("   " + k.info.description)
        where = t("x_filter", filter=k.info.filter) if k.info.filter else ""
        lines.append("   " + t("x_source", source=k.info.source) + where)
        shown_rows = t("w_list").join(str(n) for n in k.row_numbers)
        more = t("w_list") + "…" if res.rows > len(k.row_numbers) else ""
        numbers = t("x_row_numbers", rows=shown_rows + more) if k.row_numbers else ""
        counted = "x_rows_before" if k.before else "x_rows"  # (retention: the period before's)
        lines.append("   " + t(counted, rows=res.rows) + numbers)
        lines.append("   " + t("x_actual", text=k.actual_text))
        lines.append(f"   {k.attainment_text}")
        lines.append("   " + t("x_rule", text=k.info.rule))
        for level, text in k.info.anchors:
            lines.append("   " + t("x_anchor", level=level, text=text))
        lines.append("   " + t("x_score", text=k.score_text))
        if res.excluded:
            lines.append("   " + t("x_excluded"))
        elif k.contribution is not None and k.weight_share is not None:
            lines.append(
                "   "
                + t(
                    "x_contribution",
                    score=shown(res.score, 2),
                    share=fmt.percent(k.weight_share),
                    points=shown(k.contribution, 2),
                )
            )
        lines.append("")
    for subtotal in p.perspectives:
        total, weight = fmt.score(subtotal.total), f"{subtotal.weight:g}"
        lines.append(t("x_perspective", name=subtotal.name, total=total, weight=weight))
    if p.bonus is not None:
        b = p.bonus
        gates = (
            t("x_gates_passed")
            if b.gates_passed
            else t("x_gates_failed", kpis=t("w_list").join(b.failed_gates))
        )
        pool = t("x_pool", factor=fmt.fixed(b.pool_factor, 4)) if b.pool_factor != 1 else ""
        base, amount = fmt.fixed(b.base, 2, grouping=True), fmt.fixed(b.amount, 2, grouping=True)
        multiplier = f"{b.multiplier:g}"
        lines.append(
            t("x_bonus", base=base, multiplier=multiplier, pool=pool, amount=amount, gates=gates)
        )
    rank = t("x_rank", rank=p.rank, count=e.people_count) if p.rank else t("x_unranked")
    if p.team_rank:
        rank += t("w_parts") + t("x_team_rank", rank=p.team_rank, count=e.team_count)
    if p.total is None:
        total = t("x_no_total")
    else:
        digits = fmt.total_digits(p.total, r.grade_minimums, least=2)
        total = t("x_total", total=fmt.fixed(p.total, digits))
        # each contribution is rounded on its own: say so where they add up otherwise
        parts = [
            k.contribution for k in e.kpis if k.contribution is not None and not k.result.excluded
        ]
        added = sum((Decimal(fmt.fixed(c, 2)) for c in parts), Decimal(0))
        if parts and f"{added:.2f}" != fmt.fixed(p.total, 2):
            total = t("x_total_rounded", total=fmt.fixed(p.total, digits), sum=f"{added:.2f}")
    lines.append(t("x_summary", total=total, grade=e.grade_text, rank=rank))
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
                "description": k.info.description,
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
