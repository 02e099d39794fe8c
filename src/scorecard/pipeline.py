"""The whole flow: read sources → records → measures → scoring → teams → report."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import polars as pl
from pydantic import BaseModel

from scorecard import describe, readahead
from scorecard.bonus import award
from scorecard.calendar import WorkCalendar
from scorecard.config import Config
from scorecard.config_load import value_problems
from scorecard.errors import ConfigError, SourceError, Word
from scorecard.exact import written_percent
from scorecard.filespec import FileSpec, wanted_headers
from scorecard.i18n import ENGLISH, Translate, issue
from scorecard.measures import Actuals, Compiler, aggregate, empty_actual, no_rows
from scorecard.nearest import closest
from scorecard.periods import Period
from scorecard.records import Parsed, Records, parse, prepare, unknown_raters
from scorecard.report import Issue, KpiInfo, KpiResult, PersonResult, Report, TeamResult
from scorecard.roster import Person, Roster, build_roster, role_problems, team_problems
from scorecard.scoring import (
    NO_TARGET,
    competition_ranks,
    grade_for,
    kpi_rules,
    rule_for,
    score_kpis,
    subtotals,
)
from scorecard.sources import ROW, Table, read_table
from scorecard.targets import (
    KPI_HEADERS,
    PERSON_HEADERS,
    Baseline,
    FileTarget,
    TargetBook,
    read_target_rows,
    target_problems,
)
from scorecard.teams import roll_up
from scorecard.values import parse_date

ROSTER = "roster"
PARSED_DAY = "__day"
TARGETS = "targets"
T = TypeVar("T")


@dataclass(frozen=True)
class Inputs:
    """Every file a config names, read once."""

    sources: Mapping[str, Table]
    roster: Table | None
    targets: Table | None
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    # Each source's parsed columns, reused by the run's other periods (records.Parsed).
    parsed: dict[str, Parsed] = field(default_factory=dict, compare=False, repr=False)
    # What `score` works out alike for every period (the roster, the targets file's rows).
    _kept: dict[str, tuple[Config, Any]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    # Each source's parsing going on in the background (`parse_ahead`), by name.
    ahead: dict[str, Future[Parsed]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def parsed_so_far(self, name: str) -> Parsed | None:
        """What is parsed of source `name` (waiting for the parsing going on), if anything.

        Only one thread at a time works on a source's `Parsed`: the run's own
        parsing waits here for the one in the background.
        """
        ahead = self.ahead.pop(name, None)
        if ahead is not None and ahead.exception() is None:
            self.parsed[name] = ahead.result()
        return self.parsed.get(name)

    def once(self, name: str, config: Config, work: Callable[[], T]) -> T:
        """`work()`, worked out once for `config`: a trend's periods all use the first result."""
        kept = self._kept.get(name)
        if kept is None or kept[0] is not config:
            kept = self._kept[name] = (config, work())
        result: T = kept[1]
        return result

    def settle(self) -> None:
        """Wait for any source still being read (raising its error, as reading it would)."""
        _settle(self.sources)


def _settle(sources: Mapping[str, Table]) -> None:
    for _ in sources.values():  # each lookup waits for a table still arriving
        pass


class _Arriving(Mapping[str, Table]):
    """Source tables by name, some still being read: a lookup waits for its table."""

    def __init__(self, tables: dict[str, Table | Future[Table]]) -> None:
        self._tables = tables

    def __getitem__(self, name: str) -> Table:
        table = self._tables[name]
        if isinstance(table, Future):
            table = self._tables[name] = table.result()
        return table

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


ProgressHook = Callable[[str, Path, int], None]


def file_specs(config: Config, overrides: Mapping[str, str] | None = None) -> list[FileSpec]:
    """Every file a run reads: the sources, then the roster and targets files."""
    overrides = dict(overrides or {})
    for name in overrides:
        if name not in config.sources:
            raise ConfigError.of(
                "err_no_source",
                name=name,
                suggestion=closest(name, config.sources),
                sources=", ".join(config.sources),
            )
    specs = []
    for name, src in config.sources.items():
        path = Path(overrides.get(name, src.path))
        expect = tuple(c for c in (src.person, src.date) if c)
        # The columns its config and KPIs name: a wide export's others may go unread.
        kpis = [k for k in config.kpis.values() if k.source == name]
        wanted = wanted_headers(*(_as_written(part) for part in (src, *kpis)))
        spec = FileSpec(name, path, src.sheet, src.encoding, src.delimiter, src.header_row, expect)
        specs.append(replace(spec, wanted=wanted))
    roster = config.roster
    if roster.path:
        specs.append(
            FileSpec(
                ROSTER,
                Path(roster.path),
                roster.sheet,
                roster.encoding,
                roster.delimiter,
                roster.header_row,
                (roster.person, roster.team),
            )
        )
    if config.targets.file:
        # (the targets file's headers in Chinese, or the roster's own person header)
        people = dict.fromkeys([*([roster.person] if roster.path else []), *PERSON_HEADERS])
        also = tuple((p, k) for p in people for k in KPI_HEADERS if (p, k) != ("person", "kpi"))
        specs.append(
            FileSpec(TARGETS, Path(config.targets.file), expect=("person", "kpi"), also_expect=also)
        )
    for name in ("holidays", "makeup_workdays"):
        path = getattr(config.targets, name)
        if path:
            specs.append(FileSpec(name, Path(path)))
    return specs


def _as_written(model: BaseModel) -> dict[str, Any]:
    """A config model's keys and values as the config wrote them (defaults and a
    source's file path left out)."""
    return model.model_dump(by_alias=True, exclude_defaults=True, exclude={"path"})


def read_sources(
    config: Config,
    overrides: Mapping[str, str] | None = None,
    on_file: ProgressHook | None = None,
    wait: bool = True,
) -> Inputs:
    """Read each source, the roster file and the targets file (SourceError when unusable).

    `on_file(name, path, size)` is called before each file is read (for a progress bar).
    With `wait=False`, a source still being read ahead is waited for when it is first
    looked up (`Inputs.settle` waits for all): the roster and targets files are read
    meanwhile. Errors come in the order of the files either way.
    """
    specs = file_specs(config, overrides)
    count = len(config.sources)
    tables: dict[str, Table | Future[Table]] = {}
    try:
        for spec in specs[:count]:
            _notify(on_file, spec)
            arriving = readahead.claim(spec)
            if arriving is None:
                tables[spec.name] = read_table(spec)
            else:
                tables[spec.name] = arriving.result() if wait else arriving
        sources = _Arriving(tables)
        try:
            extra = []
            for spec in specs[count:]:
                _notify(on_file, spec)
                extra.append(readahead.take(spec) or read_table(spec))
        except Exception:
            _settle(sources)  # a source's own error comes first
            raise
    finally:
        readahead.discard()
    rest = iter(extra)
    roster = next(rest) if config.roster.path else None
    targets = next(rest) if config.targets.file else None
    days = {
        name: _dates(next(rest)) if getattr(config.targets, name) else frozenset()
        for name in ("holidays", "makeup_workdays")
    }
    return Inputs(sources, roster, targets, WorkCalendar(days["holidays"], days["makeup_workdays"]))


def _notify(on_file: ProgressHook | None, spec: FileSpec) -> None:
    if on_file is not None:
        size = spec.path.stat().st_size if spec.path.is_file() else 0
        on_file(spec.name, spec.path, size)


def _dates(table: Table) -> frozenset[dt.date]:
    """The dates in the first column of a holidays / make-up workdays file.

    A list of dates often has no header: a first line that is a date is one of them.
    """
    if not table.headers:
        return frozenset()
    header = table.headers[0]
    parsed = table.frame.select(
        parse_date(pl.col(header)).alias(PARSED_DAY), pl.col(header), pl.col(ROW)
    )
    bad = parsed.filter(pl.col(PARSED_DAY).is_null() & pl.col(header).is_not_null())
    if bad.height:
        row = bad.row(0, named=True)
        raise SourceError.of("err_calendar_date", path=table.path, row=row[ROW], value=row[header])
    first = pl.select(parse_date(pl.lit(header, dtype=pl.String))).item()
    return frozenset([*parsed[PARSED_DAY].drop_nulls().to_list(), *([first] if first else [])])


def measure_sources(
    config: Config, inputs: Inputs, roster: Roster, period: Period
) -> tuple[Actuals, Actuals, list[Records]]:
    """Every KPI's actual per person and per team (pooled), one pass per source."""
    by_person: Actuals = {}
    by_team: Actuals = {}
    prepared: list[Records] = []
    for name, table in inputs.sources.items():
        compiler, kpi_ids, exprs = _compiled(config, name, table)
        source = config.sources[name]
        cache = inputs.parsed[name] = Parsed.reuse(inputs.parsed_so_far(name), table, source)
        records = prepare(table, source, compiler, roster, period, cache, config.fiscal_year_start)
        raters = [i for k in kpi_ids for i in unknown_raters(records, table, k, config.kpis[k])]
        prepared.append(replace(records, issues=records.issues + tuple(raters)))
        people, teams = aggregate(records.frame, records.scored, compiler, exprs, kpi_ids)
        for target, found in ((by_person, people), (by_team, teams)):
            for who, values in found.items():
                target.setdefault(who, {}).update(values)
    return by_person, by_team, prepared


def _compiled(config: Config, name: str, table: Table) -> tuple[Compiler, list[str], list[pl.Expr]]:
    """A source's expression compiler, its KPIs, and their expressions."""
    compiler = Compiler(table, config.sources[name].columns)
    kpi_ids = [k for k, kpi in config.kpis.items() if kpi.source == name]
    exprs = [e for k in kpi_ids for e in compiler.kpi(k, config.kpis[k])]
    return compiler, kpi_ids, exprs


def parse_ahead(config: Config, inputs: Inputs, roster: Roster) -> None:
    """Start parsing every source's columns (and matching its people) in the background.

    The targets and the checks of the config are then worked out meanwhile: they are
    Python, and the parsing is polars, which runs without holding the interpreter.
    `Inputs.parsed_so_far` waits for it. Best effort: when the parsing fails, the run
    parses the source itself and the error comes where it always does.
    """
    for name in config.sources:
        future: Future[Parsed] = Future()
        cache = inputs.parsed_so_far(name)  # (another period's, for a trend)
        thread = threading.Thread(
            target=_parse_in_background,
            args=(config, inputs, roster, name, cache, future),
            name=f"scorecard-parse-{name}",
            daemon=True,  # a run that stops on a config error does not wait for it
        )
        inputs.ahead[name] = future
        thread.start()


def _parse_in_background(
    config: Config,
    inputs: Inputs,
    roster: Roster,
    name: str,
    cache: Parsed | None,
    future: Future[Parsed],
) -> None:
    try:
        table = inputs.sources[name]  # (waits for a table still being read)
        source = config.sources[name]
        cache = Parsed.reuse(cache, table, source)
        parse(table, source, _compiled(config, name, table)[0], roster, cache)
        future.set_result(cache)
    except BaseException as exc:  # reported by the run's own parsing, in its place
        future.set_exception(exc)


def score_people(
    config: Config, roster: Roster, actuals: Actuals, book: TargetBook
) -> list[PersonResult]:
    """Score, grade and rank every roster person (overall and within the team)."""
    scored = []
    rules = kpi_rules(config)
    for person in roster.people:
        weights = config.scorecards[person.role or ""]
        measured = actuals.get(person.person, {})
        values = {}
        targets = {}
        for kpi_id in weights:
            actual = measured.get(kpi_id) or no_rows(config.kpis[kpi_id])
            values[kpi_id] = actual
            target = book.for_person(person, kpi_id)
            targets[kpi_id] = (target.value, target.source, target.exact) if target else NO_TARGET
        scored.append((person, *score_kpis(config, weights, values, targets, rules)))
    ranks = competition_ranks(scored, lambda s: s[2])
    teams: dict[str, list[int]] = {}
    for index, (person, _, _) in enumerate(scored):
        teams.setdefault(person.team, []).append(index)
    team_ranks: dict[int, int | None] = {}
    for indexes in teams.values():
        ranked = competition_ranks([scored[i] for i in indexes], lambda s: s[2])
        team_ranks.update(zip(indexes, ranked, strict=True))
    people = [
        PersonResult(
            person=person.person,
            name=person.name,
            team=person.team,
            role=person.role,
            total=total,
            grade=grade_for(total, config.grades),
            rank=ranks[index],
            team_rank=team_ranks[index],
            kpis=kpis,
            perspectives=subtotals(config.perspectives, kpis),
        )
        for index, (person, kpis, total) in enumerate(scored)
    ]
    return sorted(people, key=lambda p: (p.rank is None, p.rank or 0, p.person))


def score(config: Config, inputs: Inputs, period: Period) -> Report:
    """Score everyone on the roster for one period."""
    # Roster and targets first: a source may still be arriving (read_sources(wait=False)).
    try:
        everyone = inputs.once(
            "roster", config, lambda: build_roster(config, inputs.roster, check_roles=False)
        )
        active = tuple(p for p in everyone.people if _is_active(config, inputs, p, period))
        active_names = {p.person for p in active}
        away = tuple(p for p in everyone.people if p.person not in active_names)
        roster = Roster(active, everyone.lookup)
        parse_ahead(config, inputs, roster)
        issues: list[Issue] = []
        file_rows: list[FileTarget] = []
        if inputs.targets is not None:
            targets = inputs.targets
            file_rows, target_issues = inputs.once(  # (`roster.lookup` is everyone's)
                "targets",
                config,
                lambda: read_target_rows(config, targets, roster, config.fiscal_year_start),
            )
            issues += target_issues
        baseline = _baselines(config, inputs, everyone, period)
        book = TargetBook(config, tuple(file_rows), period, baseline, inputs.calendar)
        # Values of the config that `parse_config(defer=True)` left for now, then roles
        # without a scorecard, unknown teams and missing targets, all reported together.
        problems = value_problems(config)
        problems += role_problems(config, everyone.people)
        problems += team_problems(config, everyone.people)
        problems += target_problems(config, book, roster.people)
        if problems:
            raise ConfigError.of_lines([config.at_file(line) for line in problems])
    except Exception:
        inputs.settle()  # an unreadable source is reported before these problems
        raise
    by_person, by_team, records = measure_sources(config, inputs, roster, period)
    people = score_people(config, roster, by_person, book)
    if config.bonus is not None:
        bases = {p.person: p.bonus_base for p in roster.people}
        people = award(config.bonus, people, bases)
        if config.bonus.base.column:  # an empty cell is no base: a bonus of 0, said so
            issues += [
                issue("warning", "no-bonus-base", "issue_no_bonus_base", None, person=p, who=p)
                for p, base in bases.items()
                if base is None
            ]
    teams = roll_up(config, roster, people, by_team, book)
    for rec in records:
        issues += rec.issues
    issues += _baseline_issues(people, teams) + _teams_without_target(config, teams)
    issues += _percent_targets(people)
    return Report(
        title=config.title,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        currency=config.currency,
        kpis=tuple(_kpi_info(config, k) for k in config.kpis),
        people=tuple(people),
        teams=tuple(teams),
        issues=tuple(issues),
        sources=tuple(r.summary for r in records),
        grade_labels=tuple((g.grade, g.min, g.label) for g in config.grades),
        notes=describe.config_notes(config),
        perspectives=tuple(config.perspectives),
        away=tuple((p.person, p.name, p.team) for p in away),
        bonus=config.bonus is not None,
        team_method=config.teams.method,
        words=partial(_words, config),
    )


def _is_active(config: Config, inputs: Inputs, person: Person, period: Period) -> bool:
    """On the team for at least one day (one workday when targets prorate by workdays)."""
    span = person.active_days(period.start, period.end)
    if span is None:
        return False
    mode = config.targets.prorate
    return mode is None or inputs.calendar.count(*span, mode) > 0


def _anchor(level: str | float) -> str:
    return f"{level:g}" if isinstance(level, float) else str(level)


def _words(config: Config, t: Translate) -> tuple[tuple[KpiInfo, ...], tuple[str, ...]]:
    """The KPIs and the notes in the language of `t` (`Report.in_language`)."""
    return tuple(_kpi_info(config, k, t) for k in config.kpis), describe.config_notes(config, t)


def _kpi_info(config: Config, kpi_id: str, t: Translate = ENGLISH) -> KpiInfo:
    kpi = config.kpis[kpi_id]
    rule = rule_for(config, kpi)
    attainment_scale, score_scale = rule.colour_points
    return KpiInfo(
        id=kpi_id,
        label=config.kpi_label(kpi_id),
        unit=kpi.unit,
        better=kpi.better,
        source=kpi.source,
        measure=describe.measure_text(kpi.measure, t),
        filter=describe.kpi_filter_text(kpi, t),
        rule=rule.words(t),
        targets=describe.targets_text(config, kpi_id, t),
        weights=describe.weights_text(config, kpi_id, t),
        description=kpi.description or "",
        anchors=tuple((_anchor(level), text) for level, text in (kpi.anchors or {}).items()),
        attainment_scale=attainment_scale,
        score_scale=score_scale,
    )


def _baselines(config: Config, inputs: Inputs, everyone: Roster, period: Period) -> Baseline:
    """Actuals of the baseline periods that growth targets need, measured once per mode.

    A baseline period is measured as it was scored: with the people on the team then
    (a joiner's rows from before the start scored no one, and are no baseline).
    """
    from scorecard.compare import comparison_period

    measured: dict[str, tuple[Period, Actuals, Actuals, set[str]]] = {}

    def lookup(mode: str, who: str, kpi: str, team: bool) -> tuple[str, float | None]:
        if mode not in measured:
            earlier = comparison_period(mode, period, config.fiscal_year_start)
            then = tuple(p for p in everyone.people if _is_active(config, inputs, p, earlier))
            roster = Roster(then, everyone.lookup)
            by_person, by_team, _ = measure_sources(config, inputs, roster, earlier)
            measured[mode] = (earlier, by_person, by_team, {p.person for p in then})
        earlier, by_person, by_team, members = measured[mode]
        if not team and who not in members:  # not on the team then: no baseline
            return earlier.label, None
        actual = (by_team if team else by_person).get(who, {}).get(kpi)
        return earlier.label, actual.value if actual else empty_actual(config.kpis[kpi])

    return lookup


def _baseline_issues(people: list[PersonResult], teams: list[TeamResult]) -> list[Issue]:
    """A growth target whose baseline is missing or zero: the KPI follows the missing rule."""
    issues = []
    owners: list[tuple[str | None, str, tuple[KpiResult, ...]]] = [
        (p.person, "", p.kpis) for p in people
    ]
    owners += [(None, t.team, t.kpis) for t in teams]
    for person, team, kpis in owners:
        for kpi in kpis:
            if kpi.target is None and kpi.target_source and "growth" in kpi.target_source:
                issues.append(
                    issue(
                        "warning",
                        "growth-baseline",
                        "issue_growth_baseline" if person else "issue_growth_baseline_team",
                        None,
                        person=person,
                        who=person or "",
                        kpi=kpi.id,
                        target=kpi.target_source,
                        team=team,  # (a team's own issue: kept in its split file)
                    )
                )
    return issues


def _teams_without_target(config: Config, teams: list[TeamResult]) -> list[Issue]:
    """A team KPI with no target: none in `targets.teams`, and no member scored on it.

    (A team of presales people on a team scorecard of sales KPIs.) The KPI follows the
    missing rule; a person's missing target stops the run instead.
    """
    issues = []
    for team in teams:
        for kpi in team.kpis:
            scoring = config.kpis[kpi.id].scoring
            if kpi.target is None and kpi.target_source is None and not (scoring and scoring.bands):
                issues.append(
                    issue(
                        "warning",
                        "team-target",
                        "issue_team_target",
                        None,
                        kpi=kpi.id,
                        team=team.team,
                    )
                )
    return issues


# A percent KPI's target above this (1000%) is a percentage written as a number: 60 for 60%.
_PERCENT_TARGET_MAX = 10.0


def _percent_targets(people: list[PersonResult]) -> list[Issue]:
    """A warning per percent KPI target written as a percentage (60, not 0.6)."""
    found: dict[tuple[str, float, str], int] = {}
    for person in people:
        for kpi in person.kpis:
            if (
                kpi.unit == "percent"
                and kpi.target is not None
                and kpi.target > _PERCENT_TARGET_MAX
            ):
                key = (kpi.id, kpi.target, kpi.target_source or "")
                found[key] = found.get(key, 0) + 1
    return [
        issue(
            "warning",
            "target-percent",
            "issue_target_percent",
            None,
            kpi=kpi,
            target=f"{target:g}",
            percent=written_percent(target),
            fraction=f"{target / 100:g}",
            origin=origin,
            count=count,
        )
        for (kpi, target, origin), count in sorted(found.items())
    ]


def score_over_time(
    config: Config,
    inputs: Inputs,
    period: Period,
    compare: str | None = None,
    by: str | None = None,
) -> Report:
    """Score a period, with another period beside it (`compare`) and/or a trend (`by`).

    The files are read once (`inputs`); each period is scored exactly as its own run.
    """
    from scorecard.compare import attach_comparison, attach_trend, comparison_period
    from scorecard.periods import clipped, periods_between

    report = score(config, inputs, period)
    report = longer_than_targets(config, report, period)
    if compare is not None:  # an empty --compare is an error, not no comparison
        earlier = comparison_period(compare, period, config.fiscal_year_start)
        report = attach_comparison(report, score(config, inputs, earlier))
    if by:
        periods = periods_between(by, period.start, period.end, config.fiscal_year_start)
        if len(periods) == 1 and (periods[0].start, periods[0].end) != (period.start, period.end):
            # one bucket longer than the period: its figures would count rows outside it
            raise ConfigError.of(
                "err_by_coarser", by=by, bucket=periods[0].label, period=period.label
            )
        # the first and last columns hold only their days inside the period
        periods = [clipped(p, period.start, period.end) for p in periods]
        trend = [score(config, inputs, p) for p in periods]
        report = attach_trend(report, periods, trend)
        report = _shorter_than_targets(config, report, by, trend)
    return report


_MONTHS = {"week": 7 / 30.4375, "month": 1.0, "quarter": 3.0, "half": 6.0, "year": 12.0}


def _general_targets(report: Report) -> list[str]:
    """The sources of the targets that are one config period's: not from the targets
    file for a period, not growth targets."""
    return [
        k.target_source
        for p in report.people
        for k in p.kpis
        if k.target is not None
        and k.target_source
        and "growth" not in k.target_source
        and not k.target_source.startswith("file:")
    ]


def _shorter_than_targets(config: Config, report: Report, by: str, trend: list[Report]) -> Report:
    """A warning when trend columns are shorter than the period of the config's targets.

    A week scored against a month's `defaults` is scored against a whole month's
    target: every week falls short.
    """
    if _MONTHS[by] >= _MONTHS[config.period] or not any(_general_targets(t) for t in trend):
        return report
    found = issue(
        "warning",
        "target-period",
        "issue_target_period_by",
        None,
        by=by,
        kind=config.period,
        by_word=Word(f"span_{by}"),
        kind_word=Word(f"span_{config.period}"),
    )
    return replace(report, issues=(*report.issues, found))


def longer_than_targets(config: Config, report: Report, period: Period) -> Report:
    """A warning when the period is longer than the one the config's targets are for.

    `defaults`, `by_team`, `by_role` and targets-file rows without a period are
    the targets of one `period:` (a month, by default) and are used as they are:
    a quarter scored against them is scored against a month's targets.
    """
    if period.kind in _MONTHS:
        months = _MONTHS[period.kind]
    else:
        months = ((period.end - period.start).days + 1) / 30.4375
    if months <= _MONTHS[config.period] * 1.05:  # (a 31-day range is a month)
        return report
    general = _general_targets(report)
    if not general:
        return report
    found = issue(
        "warning",
        "target-period",
        "issue_target_period",
        None,
        period=period.label,
        kind=config.period,
        kind_word=Word(f"span_{config.period}"),
        count=len(general),
    )
    return replace(report, issues=(*report.issues, found))
