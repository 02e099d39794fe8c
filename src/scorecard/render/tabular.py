"""Machine-readable renderers: JSON (schema scorecard/1), long-form CSV, markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from scorecard.render import formatting as fmt
from scorecard.render import jsontext
from scorecard.report import KpiResult, PersonResult, Report, TeamResult

SCHEMA = "scorecard/1"
KPI_FIELDS = (
    "id",
    "label",
    "actual",
    "target",
    "target_source",
    "attainment",
    "score",
    "weight",
    "rows",
    "excluded",
    "unit",
)
PERSON_FIELDS = ("person", "name", "team", "role", "total", "grade", "rank", "team_rank")
ISSUE_FIELDS = ("level", "code", "source", "row", "column", "value", "message", "person")
# (each object's fields in one call: a report has thousands of KPI results)
_KPI_VALUES = attrgetter(*KPI_FIELDS)
_PERSON_VALUES = attrgetter(*PERSON_FIELDS)
_ISSUE_VALUES = attrgetter(*ISSUE_FIELDS)


Listed = Callable[[tuple[str, ...], list[tuple[Any, ...]]], Any]
"""How a list of objects of one shape is given: (keys, each object's values) → a list of
dicts (`report_dict`), or `jsontext.Rows` (`to_json`, which writes them without dicts)."""


def _dicts(keys: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _kpis(kpis: tuple[KpiResult, ...], listed: Listed) -> Any:
    return listed(KPI_FIELDS, [_KPI_VALUES(k) for k in kpis])


def _person(p: PersonResult, report: Report, listed: Listed) -> dict[str, Any]:
    data = dict(zip(PERSON_FIELDS, _PERSON_VALUES(p), strict=True))
    data["kpis"] = _kpis(p.kpis, listed)
    return optional_fields(data, p, report)


def _team(t: TeamResult, report: Report, listed: Listed) -> dict[str, Any]:
    data = {
        "team": t.team,
        "total": t.total,
        "grade": t.grade,
        "rank": t.rank,
        "kpis": _kpis(t.kpis, listed),
        "members": list(t.members),
        "members_mean_total": t.members_mean_total,
    }
    return optional_fields(data, t, report)


def optional_fields(
    data: dict[str, Any], item: PersonResult | TeamResult, report: Report
) -> dict[str, Any]:
    """`compare`/`delta_total` with --compare, `trend` with --by, `bonus` and
    `perspectives` when configured (each absent otherwise)."""
    if report.compare_period is not None:
        before = item.compare
        data["compare"] = (
            None
            if before is None
            else {
                "period": before.period,
                "total": before.total,
                "grade": before.grade,
                "rank": before.rank,
                "kpis": [
                    {"id": k.id, "actual": k.actual, "target": k.target, "score": k.score}
                    for k in before.kpis
                ],
            }
        )
        data["delta_total"] = item.delta_total
    if report.trend_periods:
        data["trend"] = list(item.trend)
    if report.bonus and isinstance(item, PersonResult) and item.bonus is not None:
        b = item.bonus
        data["bonus"] = {
            "base": b.base,
            "multiplier": b.multiplier,
            "gates_passed": b.gates_passed,
            "failed_gates": list(b.failed_gates),
            "pool_factor": b.pool_factor,
            "amount": b.amount,
        }
    if report.perspectives:
        data["perspectives"] = [
            {"name": s.name, "total": s.total, "weight": s.weight} for s in item.perspectives
        ]
    return data


def _periods(report: Report) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if report.inactive:
        extra["inactive"] = list(report.inactive)
    if report.compare_period is not None:
        extra["compare_period"] = report.compare_period
    if report.trend_periods:
        extra["trend_periods"] = [
            {"label": label, "start": start.isoformat(), "end": end.isoformat()}
            for label, start, end in report.trend_periods
        ]
    return extra


def report_dict(report: Report, listed: Listed = _dicts) -> dict[str, Any]:
    """The report as the JSON document of SPEC §5."""
    return {
        "schema": SCHEMA,
        "title": report.title,
        "period": {
            "label": report.period_label,
            "start": report.period_start.isoformat(),
            "end": report.period_end.isoformat(),
        },
        "people": [_person(p, report, listed) for p in report.people],
        "teams": [_team(t, report, listed) for t in report.teams],
        "issues": listed(ISSUE_FIELDS, [_ISSUE_VALUES(i) for i in report.issues]),
    } | _periods(report)


def to_json(report: Report) -> str:
    """JSON text: UTF-8, two-space indent, full float precision, no NaN."""
    return jsontext.dumps(report_dict(report, jsontext.Rows)) + "\n"


CSV_COLUMNS = (*PERSON_FIELDS, *KPI_FIELDS)
_TEXT_COLUMNS = {"person", "name", "team", "role", "grade", "id", "label", "target_source"}


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return fmt.safe_text(text) if name in _TEXT_COLUMNS else text


def to_csv(report: Report) -> str:
    """Long form, one row per person and KPI; the caller adds the BOM when writing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for person in report.people:
        for kpi in person.kpis:
            row = [getattr(person, f) for f in PERSON_FIELDS] + [
                getattr(kpi, f) for f in KPI_FIELDS
            ]
            writer.writerow([_cell(name, v) for name, v in zip(CSV_COLUMNS, row, strict=True)])
    return buffer.getvalue()
