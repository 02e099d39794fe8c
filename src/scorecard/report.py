"""The result of a run: one immutable report that every renderer reads (SPEC §5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from scorecard.frozen import quick_init

if TYPE_CHECKING:
    from scorecard.i18n import Translate

# Totals this close are equal: they tie in rank and reach the same grade.
TIE_TOLERANCE = 1e-9

Level = Literal["error", "warning", "info"]
# A bound where a score jumps: (the bound, True when reached at or above it, False at or below)
Edge = tuple[float, bool]


@quick_init
@dataclass(frozen=True)
class Issue:
    """A row-level or data-quality problem; stable kebab-case `code`."""

    level: Level
    code: str
    source: str | None
    row: int | None
    column: str | None
    value: str | None
    message: str
    person: str | None = None
    key: str = ""
    params: tuple[tuple[str, str], ...] = ()
    words: tuple[str, ...] = ()  # the params that are catalogue words (`errors.Word`)


@quick_init
@dataclass(frozen=True)
class KpiResult:
    """One KPI for one person or team: actual, target, attainment, score."""

    id: str
    label: str
    actual: float | None
    target: float | None
    target_source: str | None
    attainment: float | None
    score: float
    weight: float
    rows: int
    excluded: bool
    unit: str = "number"
    rule: str = ""
    numerator: float | None = None
    denominator: float | None = None
    # Writes `steps` in a language; called only when they are read (a trend's periods
    # never are).
    explain: Callable[[Translate], str] | None = field(default=None, repr=False, compare=False)
    # Where the rule's score jumps, on the actual (bands) and on the attainment (the
    # threshold): a figure is shown with the decimals that keep it on its side of each.
    edges: tuple[Edge, ...] = field(default=(), repr=False, compare=False)
    attainment_edges: tuple[Edge, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def steps(self) -> str:
        """The part of the rule that applied, with its arithmetic."""
        from scorecard.i18n import ENGLISH

        return self.steps_in(ENGLISH)

    def steps_in(self, t: Translate) -> str:
        """`steps` in the language of `t`."""
        return self.explain(t) if self.explain is not None else ""


@dataclass(frozen=True)
class KpiBefore:
    """A KPI's figures in the comparison period."""

    id: str
    actual: float | None
    target: float | None
    score: float


@dataclass(frozen=True)
class Comparison:
    """A person's or team's figures in the comparison period (`--compare`)."""

    period: str
    total: float | None
    grade: str | None
    rank: int | None
    kpis: tuple[KpiBefore, ...]


@quick_init
@dataclass(frozen=True)
class Subtotal:
    """A balanced-scorecard perspective's subtotal: Σ weight × score ÷ Σ weight within it."""

    name: str
    total: float | None
    weight: float


@dataclass(frozen=True)
class BonusResult:
    """A person's bonus: base × multiplier when every gate passes, scaled to the pool."""

    base: float
    multiplier: float
    gates_passed: bool
    failed_gates: tuple[str, ...]
    amount: float
    pool_factor: float = 1.0


@quick_init
@dataclass(frozen=True)
class PersonResult:
    """A scored person."""

    person: str
    name: str
    team: str
    role: str | None
    total: float | None
    grade: str | None
    rank: int | None
    team_rank: int | None
    kpis: tuple[KpiResult, ...]
    compare: Comparison | None = None
    delta_total: float | None = None
    trend: tuple[float | None, ...] = ()
    perspectives: tuple[Subtotal, ...] = ()
    bonus: BonusResult | None = None


@quick_init
@dataclass(frozen=True)
class TeamResult:
    """A scored team with its members' mean total beside its own."""

    team: str
    total: float | None
    grade: str | None
    rank: int | None
    kpis: tuple[KpiResult, ...]
    members: tuple[str, ...]
    members_mean_total: float | None
    compare: Comparison | None = None
    delta_total: float | None = None
    trend: tuple[float | None, ...] = ()
    perspectives: tuple[Subtotal, ...] = ()
    bonus: BonusResult | None = None


Scale = tuple[float, float, float]
# The colour scales of the default rule (threshold 50%, 100 × attainment): red, yellow, green.
DEFAULT_ATTAINMENT_SCALE: Scale = (0.5, 0.75, 1.0)
DEFAULT_SCORE_SCALE: Scale = (0.0, 75.0, 100.0)


@dataclass(frozen=True)
class KpiInfo:
    """What renderers need to know about a KPI besides its per-person results."""

    id: str
    label: str
    unit: str
    better: str
    source: str = ""
    measure: str = ""
    filter: str = ""
    rule: str = ""
    targets: tuple[tuple[str | None, str], ...] = ()
    weights: str = ""
    description: str = ""
    anchors: tuple[tuple[str, str], ...] = ()
    # (red, yellow, green) points of the workbook's colour scales under the KPI's rule
    attainment_scale: Scale = DEFAULT_ATTAINMENT_SCALE
    score_scale: Scale = DEFAULT_SCORE_SCALE


@dataclass(frozen=True)
class SourceSummary:
    """Counts of one source's rows, for the data-quality summary."""

    name: str
    path: str
    rows: int
    rows_in_period: int
    rows_without_date: int
    rows_without_person: int
    rows_unknown_person: int


@dataclass(frozen=True)
class Report:
    """Everything a run produced; renderers are pure functions of this."""

    title: str
    period_label: str
    period_start: dt.date
    period_end: dt.date
    currency: str | None
    kpis: tuple[KpiInfo, ...]
    people: tuple[PersonResult, ...]
    teams: tuple[TeamResult, ...]
    issues: tuple[Issue, ...]
    sources: tuple[SourceSummary, ...] = field(default=())
    grade_labels: tuple[tuple[str, float, str | None], ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    compare_period: str | None = None
    compare_after: bool = False  # the comparison period comes after this one
    # (person, name, team) of each roster person off the team all period (not scored)
    away: tuple[tuple[str, str, str], ...] = ()
    bonus: bool = False
    perspectives: tuple[str, ...] = ()
    trend_periods: tuple[tuple[str, dt.date, dt.date], ...] = field(default=())
    team_method: str = "pooled"  # how team totals are made (SPEC §3.6): "pooled" or "mean"
    # The KPIs' and notes' words in a language: t → (kpis, notes); `in_language` uses it.
    words: Callable[[Translate], tuple[tuple[KpiInfo, ...], tuple[str, ...]]] | None = field(
        default=None, repr=False, compare=False
    )

    def in_language(self, t: Translate) -> Report:
        """The report with the words of its KPIs (measure, filter, rule, targets, weights)
        and of its notes in the language of `t`; figures and names unchanged. A report kept
        to one team (`for_team`) keeps only the target lines it had."""
        from dataclasses import replace

        if self.words is None:
            return self
        kpis, notes = self.words(t)
        worded = {k.id: k for k in kpis}
        out = []
        for k in self.kpis:
            new = worded.get(k.id)
            if new is None:
                out.append(k)
                continue
            teams = {team for team, _ in k.targets}
            targets = tuple(line for line in new.targets if line[0] is None or line[0] in teams)
            out.append(
                replace(
                    k,
                    measure=new.measure,
                    filter=new.filter,
                    rule=new.rule,
                    targets=targets,
                    weights=new.weights,
                )
            )
        return replace(self, kpis=tuple(out), notes=notes)

    @property
    def inactive(self) -> tuple[str, ...]:
        """The roster people off the team all period, by key."""
        return tuple(person for person, _, _ in self.away)

    @property
    def grade_minimums(self) -> tuple[float, ...]:
        """The total each grade starts from (where a displayed total must not cross)."""
        return tuple(minimum for _, minimum, _ in self.grade_labels)

    def kpi(self, kpi_id: str) -> KpiInfo:
        """The KpiInfo for an id."""
        return next(k for k in self.kpis if k.id == kpi_id)

    def named(self, wanted: str) -> tuple[PersonResult, ...]:
        """The people a `--person` value names: the one whose roster key it is, else all
        of that display name (two 张伟 on one roster are normal). Spellings match as in
        the exports: trimmed, in any case, full-width folded."""
        from scorecard.values import person_key_py

        key = person_key_py(wanted)
        by_key = tuple(p for p in self.people if person_key_py(p.person) == key)
        return by_key or tuple(p for p in self.people if person_key_py(p.name) == key)

    def team_named(self, wanted: str) -> TeamResult | None:
        """The team a `--team` value names, whatever its case, spacing or full-width letters."""
        from scorecard.roster import team_key

        key = team_key(wanted)
        return next((t for t in self.teams if team_key(t.team) == key), None)

    def person_away(self, wanted: str) -> bool:
        """Whether `wanted` (key or display name) names someone off the team all period."""
        from scorecard.values import person_key_py

        key = person_key_py(wanted)
        return any(key in (person_key_py(p), person_key_py(n)) for p, n, _ in self.away)

    def team_away(self, wanted: str) -> bool:
        """Whether `wanted` names a team whose members are all off the team all period."""
        from scorecard.roster import team_key

        key = team_key(wanted)
        return self.team_named(wanted) is None and any(team_key(t) == key for *_, t in self.away)

    def only(self, teams: list[str] | None, people: list[str] | None) -> Report:
        """The report restricted to some teams and/or people (ranks stay as computed)."""
        from dataclasses import replace

        kept_people = self.people
        kept_teams = self.teams
        if teams:
            wanted = {found.team for name in teams if (found := self.team_named(name))}
            kept_people = tuple(p for p in kept_people if p.team in wanted)
            kept_teams = tuple(t for t in kept_teams if t.team in wanted)
        if people:
            named = {p.person for name in people for p in self.named(name)}
            kept_people = tuple(p for p in kept_people if p.person in named)
            names = {p.team for p in kept_people}
            kept_teams = tuple(t for t in kept_teams if t.team in names)
        return replace(self, people=kept_people, teams=kept_teams)

    def for_team(self, team: str) -> Report:
        """Only one team's people, team figures, issues and rules: for a per-team workbook.

        The team is matched exactly ("East" and "east" are two teams here, unlike
        `--team`). Issues that name no one on the team and are not about the team
        itself (unknown spellings, file-level notes), target lines about other teams
        and the list of inactive people (who belong to no scored team) are left out,
        so nothing of anyone else's remains.
        """
        from dataclasses import replace

        kept = replace(
            self,
            people=tuple(p for p in self.people if p.team == team),
            teams=tuple(t for t in self.teams if t.team == team),
            away=(),
        )
        members = {p.person for p in kept.people}
        kpis = tuple(
            replace(k, targets=tuple(t for t in k.targets if t[0] in (None, team)))
            for k in self.kpis
        )
        issues = tuple(i for i in self.issues if i.person in members or ("team", team) in i.params)
        return replace(kept, kpis=kpis, issues=issues, sources=())
