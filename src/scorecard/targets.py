"""Target resolution (SPEC §2.3): file rows, by_team, by_role, defaults; team targets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import polars as pl

from scorecard.calendar import WorkCalendar
from scorecard.config import Config, Growth, TargetValue
from scorecard.errors import ConfigError, Line, SourceError
from scorecard.exact import decimal
from scorecard.filespec import header_key
from scorecard.frozen import quick_init
from scorecard.i18n import issue
from scorecard.nearest import closest
from scorecard.periods import Period, period_cell
from scorecard.records import STATUS_SUFFIX, dot_thousands
from scorecard.report import Issue
from scorecard.roster import Person, Roster, team_key
from scorecard.sources import ROW, Table
from scorecard.values import clean_text, parse_number, person_key_py

_STATUS = re.compile(STATUS_SUFFIX)  # a CRM's mark on a user who left

ADDITIVE = ("count", "count_distinct", "sum", "new_customers", "cross_sell")
_HEADERS = {
    # (after the roster's own person header) keys before names: 员工 holds E01 where 姓名 holds 王芳
    "person": ("person", "人员", "员工", "姓名"),
    "kpi": ("kpi", "指标"),
    "target": ("target", "目标", "目标值"),
    "period": ("period", "期间", "周期"),
}
PERSON_HEADERS, KPI_HEADERS = _HEADERS["person"], _HEADERS["kpi"]


@quick_init
@dataclass(frozen=True)
class Target:
    """A resolved target and where it came from (`target_source` in the outputs)."""

    value: float | None
    source: str
    file_row: int | None = None  # the targets-file row it was read from
    written: bool = False  # the config's own number (`value_problems` checks those)
    # The value in decimal when it was worked out (prorated, grown, summed): 2 × 8/18
    # is 0.888…889 to 28 digits, and an actual of 1 attains 1.125 of it, not the
    # 1.1250000000000002 of its float.
    exact: Decimal | None = None

    @property
    def in_decimal(self) -> Decimal | None:
        """The value in decimal: `exact`, else the decimal the float is written as."""
        if self.exact is not None or self.value is None:
            return self.exact
        return decimal(self.value)


@quick_init
@dataclass(frozen=True)
class FileTarget:
    """One usable row of the targets file."""

    person: str
    kpi: str
    value: float
    period: tuple[str, str] | None  # (start, end) ISO dates, or None for any period
    row: int


def _column(table: Table, key: str, required: bool, first: str | None = None) -> str | None:
    for candidate in (*([first] if first else []), *_HEADERS[key]):
        try:
            return table.column(candidate, "targets column")
        except SourceError:
            continue
    if required:
        table.column(key, "targets column")  # raises with the available headers
    return None


def read_target_rows(
    config: Config, table: Table, roster: Roster, fiscal_year_start: int
) -> tuple[list[FileTarget], list[Issue]]:
    """Parse the targets file; bad rows become issues, never silent zeros."""
    person_col = _column(table, "person", True, config.roster.person)
    kpi_col = _column(table, "kpi", True)
    target_col = _column(table, "target", True)
    period_col = _column(table, "period", False)
    assert person_col and kpi_col and target_col
    frame = table.frame.select(
        pl.col(ROW),
        clean_text(pl.col(person_col)).alias("person"),
        clean_text(pl.col(kpi_col)).alias("kpi"),
        clean_text(pl.col(target_col)).alias("raw"),
        parse_number(pl.col(target_col), config.targets.decimal).alias("target"),
        (clean_text(pl.col(period_col)) if period_col else pl.lit(None, pl.String)).alias("period"),
        # the cells as written, for the issues (a search of the file finds them)
        *(pl.col(c).str.strip_chars().alias(f"{c}|written") for c in (person_col, kpi_col)),
    )
    rows: list[FileTarget] = []
    issues: list[Issue] = []
    name = "targets"

    def flag(code: str, key: str, row: int, column: str, value: str | None, **more: str) -> None:
        issues.append(
            issue("warning", code, key, name, row=row, column=column, value=value, **more)
        )

    if config.targets.decimal == "." and not table.workbook:
        issues.extend(dot_thousands(name, table.frame, [target_col], "issue_dot_thousands_targets"))
    kpi_names = _kpi_names(config)
    # (person, KPI, period) → the row that last set it, and its value
    last: dict[tuple[str, str, tuple[str, str] | None], tuple[int, str]] = {}

    for rec in frame.to_dicts():
        row = int(rec[ROW])
        if not rec["person"] or not rec["kpi"]:
            flag(
                "bad-target",
                "issue_target_incomplete",
                row,
                person_col if not rec["person"] else kpi_col,
                None,
            )
            continue
        key = person_key_py(rec["person"])
        person = roster.lookup.get(key)
        if person is None and (bare := _STATUS.sub("", key)) != key:  # "王五（已离职）"
            person = roster.lookup.get(bare)
            if person is not None:
                issues.append(
                    issue(
                        "info",
                        "person-status",
                        "issue_person_status",
                        name,
                        row=row,
                        column=person_col,
                        value=rec["person"],
                        person=person,
                        name=person,
                    )
                )
        if person is None:
            written = rec[f"{person_col}|written"]
            flag("unknown-person", "issue_target_unknown_person", row, person_col, written)
            continue
        kpi = kpi_names.get(header_key(rec["kpi"]))
        if kpi is None:
            hint = closest(rec["kpi"], config.kpis)
            key = "issue_target_unknown_kpi_hint" if hint else "issue_target_unknown_kpi"
            flag("unknown-kpi", key, row, kpi_col, rec[f"{kpi_col}|written"], hint=hint)
            continue
        if rec["target"] is None:  # (an unusable row: bad-target, as the other ones)
            if rec["raw"] is None or not str(rec["raw"]).strip():
                flag("bad-target", "issue_target_empty", row, target_col, None)
            else:
                flag("bad-target", "issue_target_bad_number", row, target_col, rec["raw"])
            continue
        span = label = None
        if rec["period"]:
            try:
                period = period_cell(rec["period"], fiscal_year_start)
            except ConfigError as exc:
                key, more = "issue_target_bad_period", {}
                if exc.lines and exc.lines[0][0] == "err_fiscal_name":  # FY2027, year from April
                    key, more = "issue_target_fiscal_name", exc.lines[0][1]
                    more = {k: str(v) for k, v in more.items() if k != "text"}
                shown = _MIDNIGHT.sub("", rec["period"])  # a workbook's date cell: its day
                flag("bad-period", key, row, period_col or "period", shown, **more)
                continue
            span, label = (period.start.isoformat(), period.end.isoformat()), period.label
        earlier = last.get((person, kpi, span))
        last[(person, kpi, span)] = (row, rec["raw"])
        if earlier:  # the same person, KPI and period again: the later row is used
            flag(
                "duplicate-target",
                "issue_target_duplicate" if label else "issue_target_duplicate_any",
                row,
                target_col,
                rec["raw"],
                who=person,
                kpi=kpi,
                first=str(earlier[0]),
                first_value=earlier[1],
                **({"period": label} if label else {}),
            )
        rows.append(FileTarget(person, kpi, float(rec["target"]), span, row))
    return rows, issues


# How a workbook's date cell reads as text: 2026-10-15 00:00:00 is the day 2026-10-15.
_MIDNIGHT = re.compile(r"(?<=^\d{4}-\d{2}-\d{2}) 00:00:00$")


def _kpi_names(config: Config) -> dict[str, str]:
    """How a targets file may name a KPI → its id: the id in any case, or its label."""
    names: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    for kpi_id, kpi in config.kpis.items():
        if kpi.label:
            labels.setdefault(header_key(kpi.label), []).append(kpi_id)
    for key, ids in labels.items():
        if len(ids) == 1:  # a label two KPIs share names neither
            names[key] = ids[0]
    for kpi_id in config.kpis:
        names[header_key(kpi_id)] = kpi_id
    return names


def _base_text(base: float) -> str:
    """A growth target's baseline as its source shows it: 101,700; 42.57 (of 42.571428…)."""
    return f"{round(base, 2):,.10g}"


Baseline = Callable[[str, str, str, bool], tuple[str, float | None]]
"""(baseline mode, person or team, KPI, is_team) → (baseline period label, actual)."""


def _no_baseline(mode: str, who: str, kpi: str, team: bool) -> tuple[str, float | None]:
    return mode, None


@dataclass(frozen=True)
class TargetBook:
    """Every target of a run, resolved for one period."""

    config: Config
    file_rows: tuple[FileTarget, ...]
    period: Period
    baseline: Baseline = _no_baseline
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    # Each (person, KPI) is asked for by the scoring, the team roll-up and the checks.
    _known: dict[tuple[object, ...], Target | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _value(self, value: TargetValue, source: str, who: str, kpi: str, team: bool) -> Target:
        if not isinstance(value, Growth):
            return Target(value, source, written=True)
        label, base = self.baseline(value.baseline, who, kpi, team)
        growth = f"growth {value.growth:+.1%} on {label}"
        if base is None or base <= 0:  # (a net of refunds below 0 grows into no target)
            shown = "no value" if base is None else _base_text(base)
            return Target(None, f"{source} {growth}: baseline {shown}")
        # In decimal: 100 grown by 10% is 110, not 110.00000000000001 (which an actual
        # of exactly 110 would fall short of).
        grown = decimal(base) * (1 + decimal(value.growth))
        return Target(float(grown), f"{source} {growth} ({_base_text(base)})", exact=grown)

    def for_person(self, person: Person, kpi: str, written: bool = False) -> Target | None:
        """The person's target, prorated to their active days when `targets.prorate` is set.

        `written`: only a target written for them, in the targets file or for their role
        (`by_role`), not their team's (`by_team`) or everyone's (`defaults`).
        """
        # What the target depends on (hashing the whole Person costs more than resolving)
        person_key = (person.person, person.team, person.role, person.start_date, person.end_date)
        key = (*person_key, kpi, written)
        if key not in self._known:
            self._known[key] = self._prorated(person, kpi, written)
        return self._known[key]

    def unprorated(self, person: Person, kpi: str) -> Target | None:
        """The person's target as written, before any proration to their active days."""
        return self._resolve(person, kpi)

    def _prorated(self, person: Person, kpi: str, written: bool = False) -> Target | None:
        target = self._resolve(person, kpi, written)
        mode = self.config.targets.prorate
        if target is None or target.value is None or mode is None:
            return target
        if kpi_kind(self.config, kpi) not in ADDITIVE:
            return target  # ratios and means do not depend on the days worked
        span = person.active_days(self.period.start, self.period.end)
        total = self.calendar.count(self.period.start, self.period.end, mode)
        active = self.calendar.count(*span, mode) if span else 0
        if active == total or total == 0:
            return target
        prorated = f"{target.source}, prorated {active}/{total}"
        base = target.in_decimal
        assert base is not None  # (its value is, above)
        share = base * active / total
        return Target(float(share), prorated, target.file_row, target.written, share)

    @cached_property
    def _file_index(self) -> dict[tuple[str, str], tuple[FileTarget | None, FileTarget | None]]:
        """(person, KPI) → (the last file row for this period, the first with no period)."""
        span = (self.period.start.isoformat(), self.period.end.isoformat())
        index: dict[tuple[str, str], tuple[FileTarget | None, FileTarget | None]] = {}
        for row in self.file_rows:
            exact, any_period = index.get((row.person, row.kpi), (None, None))
            if row.period == span:
                exact = row
            elif row.period is None:
                any_period = row  # a later row for the same person and KPI corrects it
            index[row.person, row.kpi] = (exact, any_period)
        return index

    @cached_property
    def _by_team_key(self) -> tuple[dict[str, dict[str, TargetValue]], ...]:
        """`targets.by_team` and `targets.teams` by team key (`roster.team_key`)."""
        targets = self.config.targets
        return tuple(
            {team_key(team): values for team, values in level.items()}
            for level in (targets.by_team, targets.teams)
        )

    def _resolve(self, person: Person, kpi: str, written: bool = False) -> Target | None:
        """First found wins: file (this period), file (any period), by_team, by_role, defaults
        (`written`: file and by_role only)."""
        exact, any_period = self._file_index.get((person.person, kpi), (None, None))
        if exact:
            return Target(exact.value, f"file:{self.period.label}", exact.row)
        if any_period:
            return Target(any_period.value, "file", any_period.row)
        targets = self.config.targets
        found: tuple[TargetValue, str] | None = None
        by_team = {} if written else self._by_team_key[0].get(team_key(person.team), {})
        if kpi in by_team:
            found = by_team[kpi], f"by_team:{person.team}"
        elif person.role and kpi in targets.by_role.get(person.role, {}):
            found = targets.by_role[person.role][kpi], f"by_role:{person.role}"
        elif kpi in targets.defaults and not written:
            found = targets.defaults[kpi], "defaults"
        if found is None:
            return None
        return self._value(found[0], found[1], person.person, kpi, team=False)

    def for_team(self, team: str, members: list[Person], kpi: str) -> Target | None:
        """`teams`, else the sum (count/sum measures) or mean of members' targets.

        A member whose growth target has no baseline leaves the team without a
        derived target (a partial sum would understate it).
        """
        own = self._by_team_key[1].get(team_key(team), {})
        if kpi in own:
            return self._value(own[kpi], f"teams:{team}", team, kpi, team=True)
        targets = [t for m in members if (t := self._member_target(m, kpi)) is not None]
        if not targets:
            return None
        values = [t.in_decimal for t in targets if t.in_decimal is not None]
        if len(values) < len(targets):
            return Target(None, "members: a member's growth target has no baseline")
        total = sum(values, Decimal(0))
        if kpi_kind(self.config, kpi) in ADDITIVE:
            return Target(float(total), "members:sum", exact=total)
        mean = total / len(values)
        return Target(float(mean), "members:mean", exact=mean)

    def _member_target(self, member: Person, kpi: str) -> Target | None:
        """A member's part of a team's target: theirs, if their scorecard has the KPI.

        A member not scored on it (a presales person on a team's revenue) takes part
        only with a target written for them: for their role (`by_role`) or in the
        targets file. `defaults` and `by_team` are the targets of those scored on it:
        a presales member's unused revenue default is no part of the team's revenue.
        """
        scored = kpi in self.config.scorecards.get(member.role or "", {})
        return self.for_person(member, kpi, written=not scored)


def kpi_kind(config: Config, kpi: str) -> str:
    """The measure kind of a KPI (count, sum, ratio, ...)."""
    from scorecard.config import measure_kind

    return measure_kind(config.kpis[kpi].measure) or "count"


def target_problems(config: Config, book: TargetBook, people: Iterable[Person]) -> list[Line]:
    """Every KPI of every person's scorecard must resolve (bands KPIs excepted) and be > 0.

    People whose role has no scorecard are skipped (`roster.role_problems` names them).
    """
    missing: list[str] = []
    bad: list[str] = []
    for person in people:
        card = config.scorecards.get(person.role or "")
        for kpi in card or {}:
            scoring = config.kpis[kpi].scoring
            if scoring and scoring.bands:
                continue
            target = book.for_person(person, kpi)
            if target is None:
                missing.append(f"{person.person} ({kpi})")
            elif target.value is not None and target.value <= 0 and not target.written:
                target = book.unprorated(person, kpi) or target  # (the value to mend)
                assert target.value is not None  # (proration keeps a value)
                origin = target.source
                if target.file_row:
                    origin += f", {config.targets.file} row {target.file_row}"
                bad.append(f"{person.person} ({kpi}: {target.value:g} from {origin})")
    lines: list[Line] = []
    if missing:
        shown = ", ".join(missing[:20]) + (" ..." if len(missing) > 20 else "")
        lines.append(
            (
                "err_missing_targets",
                {"count": len(missing), "period": book.period.label, "pairs": shown},
            )
        )
    if bad:
        lines.append(("err_bad_targets", {"pairs": ", ".join(bad[:20])}))
    return lines
