"""A plain, independent statement of the scoring arithmetic (SPEC §3).

Written with loops and dicts over the CSV text, for cross-checking the engine's
JSON output. It covers what the reference data set's config uses: ``sum``,
``count: rows`` / ``count: COL``, ``count_distinct``, ``ratio``, ``mean``,
``mean_days``; equality and one-of filters; threshold/cap, ``curve`` and ``bands``
scoring; ``missing: zero`` and ``missing: exclude``; targets-file rows (for the period, then
with no period) before ``by_team`` / ``defaults``, and ``teams`` targets; fiscal
years; and the ``pooled`` and ``mean`` team methods.

Rules applied where the contract leaves a choice (documented product behaviour):

- A row's person matches a roster person after trimming, NFKC folding (full-width
  to half-width) and case-folding; rows naming nobody score no one.
- Text filters compare after trimming, case-sensitively.
- ``count: rows`` counts every row passing the filters; other measures skip empty
  cells; a row with an empty date cell is in no period; a period includes both ends.
- Attainment: higher = actual / target; lower = target / actual, an actual of 0
  giving the cap. No actual, or no target, gives no attainment.
- Score: no actual scores 0 (``missing: zero``), or is left out of the total
  and marked excluded (``missing: exclude``). Default rule: 0 below the
  threshold, else 100 x min(attainment, cap). Curve: piecewise linear, 0 below the
  first point, the last score beyond the last point, no cap. Bands: the first band
  from the highest ``min`` down whose ``min`` <= actual.
- Total = sum(weight x score) / sum(weight) over the KPIs not excluded. Grade:
  first band from the highest ``min`` down whose ``min`` <= total.
- Rank: competition ranking ("1, 2, 2, 4") by total descending, totals within
  1e-9 tying; over the whole roster, and within the team for ``team_rank``.
- Teams: scored with ``teams.scorecard`` (else the first scorecard). Team target:
  ``targets.teams`` if set, else the sum of the members' targets for count,
  count_distinct and sum measures, else their mean. ``pooled``: the team's actuals
  are the measures over the union of its members' rows, scored like a person.
  ``mean``: KPI actual/target/attainment as pooled, KPI score the mean of the
  members' scores, total the mean of the members' totals. Both report
  ``members_mean_total``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
import unicodedata
from collections.abc import Sequence
from typing import Any

TIE = 1e-9
SUMMED_KINDS = ("count", "count_distinct", "sum")

Row = dict[str, str]


# ---------------------------------------------------------------- cell values


def person_key(text: str) -> str:
    """How a person's name is matched: NFKC-folded, trimmed, case-folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def cell(row: Row, column: str) -> str:
    value = row.get(column)
    return "" if value is None else value.strip()


def number(text: str) -> float | None:
    return float(text) if text else None


def date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# ---------------------------------------------------------------- measures


def passes(row: Row, where: dict[str, Any] | None) -> bool:
    for column, condition in (where or {}).items():
        value = cell(row, column)
        if isinstance(condition, list):
            if value not in [str(c).strip() for c in condition]:
                return False
        elif isinstance(condition, dict):
            raise NotImplementedError("operator filters are not used by the reference config")
        elif value != str(condition).strip():
            return False
    return True


def measure_kind(measure: dict[str, Any]) -> str:
    for kind in ("count", "count_distinct", "sum", "mean", "mean_days", "ratio"):
        if kind in measure:
            return kind
    raise NotImplementedError(f"measure not covered by the reference: {measure}")


def evaluate(measure: dict[str, Any], rows: list[Row]) -> float | None:
    """The measure's value over `rows` (already filtered by the KPI's own `where`)."""
    rows = [r for r in rows if passes(r, measure.get("where"))]
    kind = measure_kind(measure)
    if kind == "count":
        column = measure["count"]
        if column == "rows":
            return len(rows)
        return sum(1 for r in rows if cell(r, column) != "")
    if kind == "count_distinct":
        column = measure["count_distinct"]
        return len({cell(r, column) for r in rows if cell(r, column) != ""})
    if kind == "sum":
        total = 0.0
        for r in rows:
            value = number(cell(r, measure["sum"]))
            if value is not None:
                total += value
        return total
    if kind == "mean":
        values = [number(cell(r, measure["mean"])) for r in rows]
        present = [v for v in values if v is not None]
        return statistics.fmean(present) if present else None
    if kind == "mean_days":
        start_col, end_col = measure["mean_days"]
        days = []
        for r in rows:
            start, end = date(cell(r, start_col)), date(cell(r, end_col))
            if start is not None and end is not None:
                days.append((end - start).days)
        return statistics.fmean(days) if days else None
    # ratio
    numerator = evaluate(measure["ratio"]["numerator"], rows)
    denominator = evaluate(measure["ratio"]["denominator"], rows)
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def kpi_actual(kpi: dict[str, Any], rows: list[Row]) -> float | None:
    return evaluate(kpi["measure"], [r for r in rows if passes(r, kpi.get("where"))])


# ---------------------------------------------------------------- scoring


def rule(config: dict[str, Any], kpi: dict[str, Any]) -> dict[str, Any]:
    """The KPI's effective scoring settings: the defaults overlaid with its own."""
    merged = {"threshold": 0.5, "cap": 1.2, "missing": "zero", "curve": None, "bands": None}
    merged.update(config.get("scoring") or {})
    merged.update(kpi.get("scoring") or {})
    return merged


def attainment(actual: float | None, target: float | None, better: str, cap: float) -> float | None:
    if actual is None or target is None or target <= 0:
        return None
    if better == "lower":
        return cap if actual == 0 else target / actual
    return actual / target


def curve_score(points: list[list[float]], att: float) -> float:
    if att < points[0][0]:
        return 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 <= att <= x1:
            return y0 + (y1 - y0) * (att - x0) / (x1 - x0)
    return float(points[-1][1])


def band_score(bands: list[dict[str, float]], actual: float) -> float:
    for band in sorted(bands, key=lambda b: b["min"], reverse=True):
        if band["min"] <= actual:
            return float(band["score"])
    return 0.0


def kpi_score(settings: dict[str, Any], actual: float | None, att: float | None) -> float:
    if actual is None:  # no value: 0 under `missing: zero`; excluded entries also show 0
        return 0.0
    if settings["bands"]:
        return band_score(settings["bands"], actual)
    if att is None:
        return 0.0
    if settings["curve"]:
        return curve_score(settings["curve"], att)
    if att < settings["threshold"]:
        return 0.0
    return 100.0 * min(att, settings["cap"])


def grade(grades: list[dict[str, Any]], total: float | None) -> str | None:
    if total is None:
        return None
    for band in sorted(grades, key=lambda g: g["min"], reverse=True):
        if band["min"] <= total:
            return str(band["grade"])
    return None


def competition_ranks(totals: dict[str, float]) -> dict[str, int]:
    """1 + how many others are ahead by more than the tie tolerance."""
    return {
        name: 1 + sum(1 for other in totals.values() if other > total + TIE)
        for name, total in totals.items()
    }


def weighted_total(entries: list[dict[str, Any]]) -> float | None:
    counted = [e for e in entries if not e["excluded"]]
    weights = sum(e["weight"] for e in counted)
    return sum(e["weight"] * e["score"] for e in counted) / weights if weights else None


# ---------------------------------------------------------------- the whole run


def score_entry(
    config: dict[str, Any], kpi_id: str, weight: float, rows: list[Row], target: float | None
) -> dict[str, Any]:
    kpi = config["kpis"][kpi_id]
    settings = rule(config, kpi)
    actual = kpi_actual(kpi, rows)
    att = attainment(actual, target, kpi.get("better", "higher"), settings["cap"])
    return {
        "id": kpi_id,
        "actual": actual,
        "target": target,
        "attainment": att,
        "score": kpi_score(settings, actual, att),
        "weight": float(weight),
        "excluded": actual is None and settings["missing"] == "exclude",
    }


def person_target(
    config: dict[str, Any],
    team: str,
    kpi_id: str,
    file_rows: Sequence[Row] = (),
    person: str = "",
    span: tuple[dt.date, dt.date] | None = None,
) -> float | None:
    """The targets file (this period's row, then a row with no period), by_team, defaults."""
    mine = [
        r for r in file_rows if person_key(r["person"]) == person_key(person) and r["kpi"] == kpi_id
    ]
    for r in mine:
        if (
            r["period"]
            and span
            and period_bounds(r["period"], config.get("fiscal_year_start", 1)) == span
        ):
            return float(r["target"])
    for r in mine:
        if not r["period"]:
            return float(r["target"])
    targets = config.get("targets") or {}
    by_team = (targets.get("by_team") or {}).get(team) or {}
    if kpi_id in by_team:
        return float(by_team[kpi_id])
    defaults = targets.get("defaults") or {}
    if kpi_id in defaults:
        return float(defaults[kpi_id])
    return None


def team_target(
    config: dict[str, Any], team: str, kpi_id: str, member_targets: list[float | None]
) -> float | None:
    own = ((config.get("targets") or {}).get("teams") or {}).get(team) or {}
    if kpi_id in own:
        return float(own[kpi_id])
    known = [t for t in member_targets if t is not None]
    if not known:
        return None
    if measure_kind(config["kpis"][kpi_id]["measure"]) in SUMMED_KINDS:
        return float(sum(known))
    return statistics.fmean(known)


def reference_score(
    config: dict[str, Any],
    pipeline_rows: list[Row],
    team_rows: list[Row],
    period_start: dt.date,
    period_end: dt.date,
    target_rows: Sequence[Row] = (),
) -> dict[str, Any]:
    """Score everyone on the roster for [period_start, period_end] (both inclusive)."""
    span = (period_start, period_end)

    def target_of(who: dict[str, Any], kpi_id: str) -> float | None:
        return person_target(config, who["team"], kpi_id, target_rows, who["person"], span)

    (source,) = config["sources"].values()
    person_col, date_col = source["person"], source["date"]
    roster_cfg = config["roster"]
    scorecard_id = next(iter(config["scorecards"]))
    weights = config["scorecards"][scorecard_id]
    team_card = (config.get("teams") or {}).get("scorecard") or scorecard_id
    team_weights = config["scorecards"][team_card]
    method = (config.get("teams") or {}).get("method", "pooled")
    grades = config.get("grades") or [
        {"grade": "A", "min": 90},
        {"grade": "B", "min": 75},
        {"grade": "C", "min": 60},
        {"grade": "D", "min": 0},
    ]

    # the roster, in file order
    roster: dict[str, dict[str, Any]] = {}
    for r in team_rows:
        name = cell(r, roster_cfg["person"])
        roster[person_key(name)] = {"person": name, "team": cell(r, roster_cfg["team"]), "rows": []}

    # each in-period row to the person it names
    for r in pipeline_rows:
        when = date(cell(r, date_col))
        if when is None or not (period_start <= when <= period_end):
            continue
        who = roster.get(person_key(r.get(person_col) or ""))
        if who is not None:
            who["rows"].append(r)

    people = []
    for who in roster.values():
        entries = [
            score_entry(config, k, w, who["rows"], target_of(who, k)) for k, w in weights.items()
        ]
        total = weighted_total(entries)
        people.append(
            {
                "person": who["person"],
                "team": who["team"],
                "total": total,
                "grade": grade(grades, total),
                "kpis": entries,
            }
        )

    ranks = competition_ranks({p["person"]: p["total"] for p in people if p["total"] is not None})
    team_names = list(dict.fromkeys(p["team"] for p in people))
    for team in team_names:
        members = [p for p in people if p["team"] == team]
        team_ranks = competition_ranks(
            {p["person"]: p["total"] for p in members if p["total"] is not None}
        )
        for p in members:
            p["team_rank"] = team_ranks.get(p["person"])
    for p in people:
        p["rank"] = ranks.get(p["person"])
    people.sort(key=lambda p: (p["rank"] is None, p["rank"] or 0, p["person"]))

    teams = []
    for team in team_names:
        members = [p for p in people if p["team"] == team]
        pooled_rows = [r for who in roster.values() if who["team"] == team for r in who["rows"]]
        entries = []
        for k, w in team_weights.items():
            member_targets = [target_of(p, k) for p in members]
            entry = score_entry(
                config, k, w, pooled_rows, team_target(config, team, k, member_targets)
            )
            if method == "mean":
                scores = [e["score"] for p in members for e in p["kpis"] if e["id"] == k]
                entry["score"] = statistics.fmean(scores)
            entries.append(entry)
        members_mean = statistics.fmean(p["total"] for p in members if p["total"] is not None)
        total = weighted_total(entries) if method == "pooled" else members_mean
        teams.append(
            {
                "team": team,
                "total": total,
                "grade": grade(grades, total),
                "kpis": entries,
                "members": len(members),
                "members_mean_total": members_mean,
            }
        )
    team_ranks = competition_ranks({t["team"]: t["total"] for t in teams})
    for t in teams:
        t["rank"] = team_ranks[t["team"]]
    teams.sort(key=lambda t: (t["rank"], t["team"]))
    return {
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "people": people,
        "teams": teams,
    }


def period_bounds(label: str, fiscal_year_start: int = 1) -> tuple[dt.date, dt.date]:
    """First and last day of `2026`, `2026-Q2` or `2026-03` (fiscal years named by start)."""

    def month_start(year: int, month: int) -> dt.date:
        year += (month - 1) // 12
        return dt.date(year, (month - 1) % 12 + 1, 1)

    if "-Q" in label:
        year, quarter = label.split("-Q")
        start = month_start(int(year), fiscal_year_start + 3 * (int(quarter) - 1))
        months = 3
    elif "-" in label:
        year, month = label.split("-")
        start, months = dt.date(int(year), int(month), 1), 1
    else:
        start, months = month_start(int(label), fiscal_year_start), 12
    end = month_start(start.year, start.month + months) - dt.timedelta(days=1)
    return start, end
