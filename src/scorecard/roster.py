"""Who is scored: the roster, read from a mapped file or the config's inline list."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import polars as pl

from scorecard.config import Config, RosterConfig
from scorecard.errors import ConfigError, Line, SourceError
from scorecard.nearest import closest
from scorecard.sources import ROW, Table
from scorecard.values import (
    EXCEL_ERRORS,
    day_month_format,
    day_month_formats,
    person_key_py,
    scalar_date,
    scalar_number,
    year_first_format,
)


@dataclass(frozen=True)
class Person:
    """One roster entry; `person` is the key that exports use."""

    person: str
    team: str
    role: str | None
    name: str
    aliases: tuple[str, ...] = ()
    manager: str | None = None
    email: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    bonus_base: float | None = None
    row: int | None = field(default=None, compare=False)  # where the roster lists them

    def active_days(self, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
        """The part of start..end during which the person was on the team (None: none)."""
        first = max(start, self.start_date) if self.start_date else start
        last = min(end, self.end_date) if self.end_date else end
        return (first, last) if first <= last else None


@dataclass(frozen=True)
class Roster:
    """The people scored, in roster order, and how export spellings map to them."""

    people: tuple[Person, ...]
    lookup: Mapping[str, str]

    def team_names(self) -> list[str]:
        """Teams in order of first appearance."""
        return list(dict.fromkeys(p.team for p in self.people))

    def members(self, team: str) -> list[Person]:
        """The people of one team."""
        return list(self._teams.get(team, ()))

    @cached_property
    def _teams(self) -> dict[str, list[Person]]:
        """Team → its people, worked out once (a roster of 20,000 in 2,000 teams)."""
        teams: dict[str, list[Person]] = {}
        for person in self.people:
            teams.setdefault(person.team, []).append(person)
        return teams


# What HR sheets write in a date or number cell that has no value: "-", "N/A", and
# for a leaving date 在职 / 至今 / present (still on the team). Read as empty.
NO_VALUE = frozenset(
    {"-", "--", "—", "——", "/", "n/a", "na", "none", "null", "nil", "tbd", "无", "暂无", "空"}
    | {"在职", "至今", "今", "现在", "present", "current", "now", "ongoing"}
)


class _Fields:
    """Parses a roster entry's dates and numbers, collecting every bad value as a line."""

    def __init__(
        self, where: str, columns: Mapping[str, str], roster: RosterConfig, table: Table | None
    ) -> None:
        self.where = where
        self.columns = columns  # key → the file's column (empty for roster.people)
        self.problems: list[Line] = []
        # How the file writes dates: its format, and a workbook's date system
        self.date_format = roster.date_format
        self.date1904 = table.date1904 if table is not None else False
        self.workbook = table.workbook if table is not None else False

    def error(self, shown: int = 20) -> SourceError:
        """Every bad value, one line each (the first `shown`, then how many more)."""
        lines = self.problems[:shown]
        if len(self.problems) > shown:
            more = len(self.problems) - shown
            lines.append(("err_roster_more", {"count": more, "where": self.where}))
        return SourceError.of_lines(lines)

    def _value(self, entry: dict[str, Any], key: str) -> object:
        value = entry.get(key)
        if value is None or unicodedata.normalize("NFKC", str(value)).strip().lower() in NO_VALUE:
            return None
        return value if str(value).strip() else None

    def bad(self, message: str, key: str, row: int, value: object, **more: str) -> None:
        """A value that is no use, reported with the roster's other problems (its column
        named in a roster file)."""
        column = self.columns.get(key)
        if column:  # a roster file: name its column
            message, key = f"{message}_column", column
        params = {"where": self.where, "row": row, "field": key, "value": value, **more}
        self.problems.append((message, params))

    def date(self, entry: dict[str, Any], key: str, row: int) -> dt.date | None:
        value = self._value(entry, key)
        parsed = scalar_date(value, self.date_format, self.date1904, self.workbook)
        if value is not None and parsed is None:
            forms = None if self.date_format else day_month_formats(str(value))
            fits = day_month_format(str(value)) if forms else None
            year_first = year_first_format(str(value)) if fits else None
            if year_first and fits:  # 26-10-05: 5 October 2026, or 26 October 2005
                self.bad(
                    "err_roster_year_or_day", key, row, value, fits=fits, year_first=year_first
                )
            elif fits:  # 10/16/2026: month first, and the file must say so
                self.bad("err_roster_one_order", key, row, value, fits=fits)
            elif forms:  # 05/10/2026: day and month need a date_format to tell them apart
                self.bad("err_roster_day_month", key, row, value, day=forms[0], month=forms[1])
            else:
                self.bad("err_roster_date", key, row, value)
        return parsed

    def amount(self, entry: dict[str, Any], key: str, row: int) -> float | None:
        """An amount of money, 0 or more (a bonus base)."""
        value = self._value(entry, key)
        parsed = scalar_number(value)
        if value is not None and parsed is None:
            self.bad("err_roster_number", key, row, value)
        elif parsed is not None and parsed < 0:  # -4000, (4,000): it would cut the pool
            self.bad("err_roster_negative", key, row, value)
        return parsed


def _split_aliases(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).replace("；", ";").split(";")
    return tuple(a.strip() for a in items if a and a.strip())


def _columns(roster: RosterConfig) -> dict[str, str]:
    """Each roster key → the column of the roster file that holds it."""
    mapped = {
        "person": roster.person,
        "team": roster.team,
        "role": roster.role,
        "name": roster.name,
        "manager": roster.manager,
        "email": roster.email,
        "aliases": roster.aliases,
        "start_date": roster.start_date,
        "end_date": roster.end_date,
        "bonus_base": roster.bonus_base,
    }
    return {key: col for key, col in mapped.items() if col}


def _from_table(roster: RosterConfig, table: Table) -> list[tuple[int, dict[str, Any]]]:
    mapped = _columns(roster)
    columns = {key: table.column(col, "roster column") for key, col in mapped.items()}
    filled = {table.column(col, "roster fill_down column") for col in roster.fill_down}
    frame = table.frame.with_columns(
        pl.when(pl.col(col).str.strip_chars() != "").then(pl.col(col)).forward_fill().alias(col)
        for col in filled
    ).select(
        pl.col(ROW), *[pl.col(col).str.strip_chars().alias(key) for key, col in columns.items()]
    )
    return [(int(r[ROW]), {k: (r.get(k) or None) for k in mapped}) for r in frame.to_dicts()]


def build_roster(config: Config, table: Table | None, check_roles: bool = True) -> Roster:
    """Validate the roster and build the spelling → person lookup.

    With `check_roles=False` a role without a scorecard is left for the caller to
    report (see `role_problems`), so it can list it beside other problems.
    """
    roster = config.roster
    where = roster.path or config.in_file("roster.people")
    entries: list[tuple[int, dict[str, Any]]]
    if table is not None:
        entries = _from_table(roster, table)
    else:
        entries = [
            (
                i + 1,
                {
                    k: (str(v).strip() if v is not None and not isinstance(v, list) else v)
                    for k, v in e.model_dump().items()
                },
            )
            for i, e in enumerate(roster.people or [])
        ]
    fields = _Fields(where, _columns(roster) if table is not None else {}, roster, table)
    people: list[Person] = []
    rows: dict[str, int] = {}  # each person → the row that lists them
    lookup: dict[str, str] = {}
    first_row: dict[str, int] = {}
    single_card = next(iter(config.scorecards)) if len(config.scorecards) == 1 else None
    spellings: dict[str, str] = {}  # a team's key → the spelling it was first written in
    for row, entry in entries:
        # A formula's error (a VLOOKUP's #N/A for the team) is no name, team or role
        failed = [k for k, v in entry.items() if isinstance(v, str) and v.strip() in EXCEL_ERRORS]
        for key in failed:
            fields.bad("err_roster_error_cell", key, row, entry[key])
        if failed:
            continue  # (said with the roster's other problems, below)
        person = entry.get("person")
        if not person:
            if entry.get("name") or entry.get("team"):  # a person's row without its key
                raise SourceError.of(
                    "err_roster_no_person",
                    where=where,
                    row=row,
                    name=entry.get("name") or "",
                    team=entry.get("team") or "",
                )
            continue
        if not entry.get("team"):
            raise SourceError.of("err_roster_no_team", where=where, row=row, person=person)
        key = person_key_py(str(person))
        if key in first_row:
            raise SourceError.of(
                "err_roster_twice", where=where, row=row, person=person, other=first_row[key]
            )
        first_row[key] = rows[str(person)] = row
        role = entry.get("role") or single_card
        team = " ".join(str(entry["team"]).split())
        start, end = fields.date(entry, "start_date", row), fields.date(entry, "end_date", row)
        if start and end and end < start:  # (swapped, or a typo: on the team on no day)
            values = {"where": where, "row": row, "person": person, "start": start, "end": end}
            fields.problems.append(("err_roster_end_before_start", values))
        people.append(
            Person(
                person=str(person),
                team=spellings.setdefault(team_key(team), team),
                role=role,
                name=str(entry.get("name") or person),
                aliases=_split_aliases(entry.get("aliases")),
                manager=entry.get("manager"),
                email=entry.get("email"),
                start_date=start,
                end_date=end,
                bonus_base=fields.amount(entry, "bonus_base", row),
                row=row,
            )
        )
    if fields.problems:
        raise fields.error()
    if not people:
        raise SourceError.of("err_roster_empty", where=where)
    for p in people:
        lookup[person_key_py(p.person)] = p.person
    for p in people:
        # An export that names its owners by e-mail (Owner Email) matches by the roster's.
        for kind, alias in (*(("aliases", a) for a in p.aliases), ("email", p.email)):
            key = person_key_py(alias or "")
            if alias and lookup.get(key, p.person) != p.person:
                other = lookup[key]
                raise SourceError.of(
                    "err_alias_taken_column" if fields.columns else "err_alias_taken",
                    where=where,
                    row=rows[p.person],
                    field=fields.columns.get(kind, kind),
                    alias=alias,
                    person=p.person,
                    other=other,
                    other_row=rows[other],
                )
            if alias:
                lookup[key] = p.person
    if check_roles and (lines := role_problems(config, people)):
        raise ConfigError.of_lines([config.at_file(line) for line in lines])
    return Roster(tuple(people), lookup)


def role_problems(config: Config, people: Iterable[Person]) -> list[Line]:
    """One line per role (or missing role) that names no scorecard, with its people."""
    missing: dict[str, list[Person]] = {}
    for p in people:
        if p.role is None:
            missing.setdefault("", []).append(p)
        elif p.role not in config.scorecards:
            missing.setdefault(p.role, []).append(p)
    lines: list[Line] = []
    cards = ", ".join(config.scorecards)
    for role, found in missing.items():
        names = [p.person for p in found]
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        if role:
            lines.append(("err_role_no_card", {"role": role, "people": shown, "scorecards": cards}))
            continue
        roster = config.roster
        rows = ", ".join(str(p.row) for p in found[:10] if p.row is not None)
        values = {"people": shown, "scorecards": cards, "rows": rows}
        if roster.role and roster.path:  # mapped, and empty on these rows
            lines.append(
                ("err_no_role_cell", {**values, "where": roster.path, "column": roster.role})
            )
        elif roster.people is not None:
            lines.append(("err_no_role_entry", values))
        else:
            lines.append(("err_no_role", values))
    return lines


def team_key(team: str) -> str:
    """What a team is known by: `Key  Accounts`, `key accounts` and `Ｋｅｙ Accounts` are one."""
    return " ".join(unicodedata.normalize("NFKC", team).casefold().split())


def team_problems(config: Config, people: Iterable[Person]) -> list[Line]:
    """One line per team named in `targets.by_team` or `targets.teams` that no one on the
    roster is in: a misspelt team would otherwise silently fall back to other targets."""
    teams = list(dict.fromkeys(p.team for p in people))
    keys = {team_key(team) for team in teams}
    lines: list[Line] = []
    for level, named in (("by_team", config.targets.by_team), ("teams", config.targets.teams)):
        for name in named:
            if team_key(name) not in keys:
                values = {
                    "where": f"targets.{level}.{name}",
                    "name": name,
                    "suggestion": closest(name, teams),
                    "teams": ", ".join(teams),
                }
                lines.append(("cfg_unknown_team", values))
    return lines
