"""Sample exports, roster and targets for `scorecard init`, dated relative to the day it runs.

The rows cover the complete periods before today's (three months, or two
quarters) and today's period up to yesterday, so a plain `scorecard run` (the
last complete period) has data for everyone. Every random choice comes from
`random.Random` seeded with the template, the language and `today`: the same
day gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scorecard.periods import Period, month_period, period_containing, previous_period
from scorecard.templates.files import Cell, csv_bytes, day_text, money_text, xlsx_bytes
from scorecard.templates.vocab import (
    CUSTOMER_PARTS,
    FILES,
    KEY_ACCOUNT_TEAM,
    PRESALES_TEAM,
    PRODUCTS,
    SALES_TEAM,
    WORDS,
    Member,
)

Rows = list[list[Cell]]


@dataclass(frozen=True)
class Calendar:
    """The days sample rows fall on: the complete periods before today's, and today's so far."""

    periods: tuple[Period, ...]  # complete periods, oldest first
    current: Period
    today: dt.date

    @classmethod
    def before(cls, kind: str, today: dt.date, count: int) -> Calendar:
        """`count` complete periods of `kind` before the one holding `today`."""
        current = period_containing(kind, today)
        periods = [previous_period(current)]
        while len(periods) < count:
            periods.insert(0, previous_period(periods[0]))
        return cls(tuple(periods), current, today)

    def months(self) -> list[Period]:
        """Every month from the first period's start to today's month."""
        months = [month_period(self.periods[0].start.year, self.periods[0].start.month)]
        while months[-1].end < self.today:
            following = months[-1].end + dt.timedelta(days=1)
            months.append(month_period(following.year, following.month))
        return months

    def workdays(self, month: Period, before_today: bool = True) -> list[dt.date]:
        """Monday to Friday of `month` (only those before today, unless told)."""
        days = (month.start + dt.timedelta(days=i) for i in range(month.end.day))
        return [d for d in days if d.weekday() < 5 and (d < self.today or not before_today)]

    def share(self, month: Period) -> float:
        """The part of the month's working days that are already past (1.0 for a past month)."""
        return len(self.workdays(month)) / len(self.workdays(month, before_today=False))


def _rng(template: str, lang: str, today: dt.date, name: str) -> random.Random:
    """An independent, reproducible stream per file (string seeds are stable across runs)."""
    return random.Random(f"scorecard-init:{template}:{lang}:{today.isoformat()}:{name}")


def _customer(rng: random.Random, lang: str) -> str:
    first, second = CUSTOMER_PARTS[lang]
    joiner = "" if lang == "zh" else " "
    return f"{rng.choice(first)}{joiner}{rng.choice(second)}"


def _volume(rng: random.Random, low: int, high: int, perf: float, share: float) -> int:
    return round(rng.randint(low, high) * (0.6 + 0.4 * perf) * share)


def _round_to(value: float, step: int) -> float:
    return float(max(step, round(value / step) * step))


def _spelling(rng: random.Random, member: Member) -> str:
    """The person as a row spells them: now and then an alias, as real exports do."""
    return member.alias if member.alias and rng.random() < 0.25 else member.person


def _stamp(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today, dt.time(8, 0))


# ----------------------------------------------------------------------------------------
# Deals (sales and key-accounts)
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DealProfile:
    """Base figures of one month of deals for one person."""

    volume: tuple[int, int]  # deals closed
    win: float  # chance a deal is won
    amount: float  # median amount
    step: int  # amounts are rounded to this
    cycle: float  # typical days from creation to close


SALES_DEALS = DealProfile((5, 8), 0.42, 13_000, 500, 35)
PRESALES_DEALS = DealProfile((2, 4), 0.45, 9_000, 500, 45)
KEY_ACCOUNT_DEALS = DealProfile((2, 4), 0.42, 80_000, 5_000, 70)


def _deals(
    rng: random.Random,
    lang: str,
    team: Sequence[Member],
    calendar: Calendar,
    profile_of: Callable[[Member], DealProfile],
) -> tuple[list[str], Rows]:
    """Closed deals per person and month (at least one won and one lost), plus open ones."""
    words = WORDS[lang]
    found: list[tuple[dt.date, dt.date, str, str, float]] = []
    for month in calendar.months():
        days = calendar.workdays(month)
        if not days:
            continue
        for member in team:
            profile = profile_of(member)
            count = _volume(rng, *profile.volume, member.perf, calendar.share(month))
            for index in range(count):
                won = index == 0 or (index > 1 and rng.random() < profile.win * member.perf)
                amount = _round_to(
                    profile.amount * member.perf**0.5 * rng.lognormvariate(0, 0.35), profile.step
                )
                closed = rng.choice(days)
                cycle = rng.gauss(profile.cycle / member.perf**0.3, profile.cycle / 4)
                created = closed - dt.timedelta(days=max(5, round(cycle)))
                stage = words["won"] if won else words["lost"]
                found.append((closed, created, _spelling(rng, member), stage, amount))
    latest = max(day for day, *_ in found)
    opened = []
    for member in team:  # open deals: no close date, so in no period
        profile = profile_of(member)
        created = latest - dt.timedelta(days=rng.randint(3, 40))
        amount = _round_to(profile.amount * rng.lognormvariate(0, 0.35), profile.step)
        opened.append((dt.date.max, created, member.person, words["open"], amount))
    rows: Rows = []
    prefix = "SJ" if lang == "zh" else "D-"
    for number, (closed, created, owner, stage, amount) in enumerate(
        sorted(found + opened), start=10001
    ):
        rows.append(
            [
                f"{prefix}{number}",
                owner,
                _customer(rng, lang),
                stage,
                money_text(lang, amount),
                day_text(lang, created),
                day_text(lang, None if closed == dt.date.max else closed),
            ]
        )
    header = [words[k] for k in ("deal_id", "owner", "account", "stage", "amount")]
    return [*header, words["created"], words["closed"]], rows


def _visits(rng: random.Random, lang: str, team: Sequence[Member], calendar: Calendar) -> Rows:
    words = WORDS[lang]
    found: list[tuple[dt.date, str, str, str]] = []
    for month in calendar.months():
        days = calendar.workdays(month)
        if not days:
            continue
        for member in team:
            low, high = (9, 14) if member.role in ("presales", "售前") else (7, 12)
            for _ in range(_volume(rng, low, high, member.perf, calendar.share(month))):
                kind = words["on_site"] if rng.random() < 0.6 else words["remote"]
                found.append((rng.choice(days), _spelling(rng, member), _customer(rng, lang), kind))
    return [list(row) for row in sorted(found)]


# ----------------------------------------------------------------------------------------
# Roster and targets
# ----------------------------------------------------------------------------------------


def _roster(lang: str, team: Sequence[Member], with_role: bool) -> bytes:
    words = WORDS[lang]
    if lang == "zh":
        keys = ["employee_id", "employee", "team", "role", "manager", "aliases"]
        rows: Rows = [
            [f"E{i:03d}", m.person, m.team, m.role, m.manager, m.alias]
            for i, m in enumerate(team, start=1)
        ]
    else:
        keys = ["employee", "full_name", "team", "role", "manager", "aliases"]
        rows = [[m.person, m.name, m.team, m.role, m.manager, m.alias] for m in team]
    if not with_role:
        keys.remove("role")
        rows = [row[:3] + row[4:] for row in rows]
    return csv_bytes([words[k] for k in keys], rows, "utf-8-sig" if lang == "zh" else "utf-8")


def _targets(lang: str, rows: Rows) -> bytes:
    words = WORDS[lang]
    header = [words[k] for k in ("t_person", "t_kpi", "t_target", "t_period")]
    return csv_bytes(header, rows, "utf-8-sig" if lang == "zh" else "utf-8")


def _quota_rows(
    team: Sequence[Member], calendar: Calendar, kpi: str, base: float, lead_extra: float
) -> Rows:
    """One target per person and period (the sample periods and today's), as quota sheets hold."""
    leads = {m.manager for m in team}
    rows: Rows = []
    for period in (*calendar.periods, calendar.current):
        for member in team:
            quota = base + (lead_extra if member.person in leads else 0)
            rows.append([member.person, kpi, f"{quota:,.0f}", period.label])
    return rows


# ----------------------------------------------------------------------------------------
# Templates
# ----------------------------------------------------------------------------------------


def sales(lang: str, today: dt.date) -> dict[str, bytes]:
    """Deals (CSV) and visits (.xlsx) of two teams of sales and presales people."""
    words, names, team = WORDS[lang], FILES[lang], SALES_TEAM[lang]
    calendar = Calendar.before("month", today, 3)
    presales = {"presales", "售前"}
    header, deals = _deals(
        _rng("sales", lang, today, "deals"),
        lang,
        team,
        calendar,
        lambda m: PRESALES_DEALS if m.role in presales else SALES_DEALS,
    )
    visits = _visits(_rng("sales", lang, today, "visits"), lang, team, calendar)
    visit_header = [words[k] for k in ("visit_date", "rep", "account", "visit_type")]
    date_format = 'yyyy"年"m"月"d"日"' if lang == "zh" else "yyyy-mm-dd"
    sellers = [m for m in team if m.role not in presales]
    targets = _quota_rows(sellers, calendar, "revenue", 50_000, 10_000)
    targets.append([team[-1].person, "visits", "14", ""])  # empty period: every period
    return {
        names["deals"]: csv_bytes(header, deals, "gb18030" if lang == "zh" else "utf-8"),
        names["visits"]: xlsx_bytes(
            words["visits_sheet"], visit_header, visits, _stamp(today), date_format
        ),
        names["roster"]: _roster(lang, team, with_role=True),
        names["targets"]: _targets(lang, targets),
    }


def key_accounts(lang: str, today: dt.date) -> dict[str, bytes]:
    """Large deals of two key-account teams, scored per quarter."""
    names, team = FILES[lang], KEY_ACCOUNT_TEAM[lang]
    calendar = Calendar.before("quarter", today, 2)
    header, deals = _deals(
        _rng("key-accounts", lang, today, "deals"),
        lang,
        team,
        calendar,
        lambda m: KEY_ACCOUNT_DEALS,
    )
    targets = _quota_rows(team, calendar, "revenue", 450_000, 50_000)
    return {
        names["deals"]: csv_bytes(header, deals, "gb18030" if lang == "zh" else "utf-8"),
        names["roster"]: _roster(lang, team, with_role=False),
        names["targets"]: _targets(lang, targets),
    }


def presales(lang: str, today: dt.date) -> dict[str, bytes]:
    """Opportunities and proposals (CSV) and customer ratings (.xlsx) of two presales teams."""
    names, team = FILES[lang], PRESALES_TEAM[lang]
    calendar = Calendar.before("month", today, 3)
    leads = {m.person for m in team if m.role in ("lead", "售前主管")}
    opp_header, opportunities = _opportunities(
        _rng("presales", lang, today, "opportunities"), lang, team, leads, calendar
    )
    proposal_header, proposals = _proposals(
        _rng("presales", lang, today, "proposals"), lang, team, leads, calendar
    )
    feedback_header, feedback = _feedback(
        _rng("presales", lang, today, "feedback"), lang, team, calendar
    )
    date_format = 'yyyy"年"m"月"d"日"' if lang == "zh" else "yyyy-mm-dd"
    last = calendar.periods[-1].label
    targets: Rows = [
        [team[1].person, "opportunities", "6", ""],
        [team[4].person, "opportunities", "7", last],
        [team[4].person, "winning_proposals", "3", last],
    ]
    return {
        names["opportunities"]: csv_bytes(
            opp_header, opportunities, "gb18030" if lang == "zh" else "utf-8"
        ),
        names["proposals"]: csv_bytes(
            proposal_header, proposals, "utf-8-sig" if lang == "zh" else "utf-8"
        ),
        names["feedback"]: xlsx_bytes(
            WORDS[lang]["feedback_sheet"], feedback_header, feedback, _stamp(today), date_format
        ),
        names["roster"]: _roster(lang, team, with_role=True),
        names["targets"]: _targets(lang, targets),
    }


def _opportunities(
    rng: random.Random, lang: str, team: Sequence[Member], leads: set[str], calendar: Calendar
) -> tuple[list[str], Rows]:
    """Closed opportunities, some with one row per product line (so counted distinct)."""
    words = WORDS[lang]
    found: list[tuple[dt.date, dt.date, str, str, float, int]] = []
    for month in calendar.months():
        days = calendar.workdays(month)
        if not days:
            continue
        for member in team:
            low, high = (2, 4) if member.person in leads else (4, 7)
            for _ in range(max(1, _volume(rng, low, high, member.perf, calendar.share(month)))):
                closed = rng.choice(days)
                created = closed - dt.timedelta(days=rng.randint(20, 90))
                won = rng.random() < 0.45 * member.perf
                amount = _round_to(60_000 * rng.lognormvariate(0, 0.4), 1_000)
                lines = 2 if rng.random() < 0.25 else 1
                stage = words["won"] if won else words["lost"]
                found.append((closed, created, member.person, stage, amount, lines))
    for member in team:  # one open opportunity each: no close date, so in no period
        created = calendar.today - dt.timedelta(days=rng.randint(3, 30))
        amount = _round_to(60_000 * rng.lognormvariate(0, 0.4), 1_000)
        found.append((dt.date.max, created, member.person, words["open"], amount, 1))
    rows: Rows = []
    prefix = "SJ" if lang == "zh" else "OPP-"
    for number, (closed, created, person, stage, amount, lines) in enumerate(sorted(found), 1001):
        customer = _customer(rng, lang)
        for product in rng.sample(PRODUCTS[lang], lines):
            rows.append(
                [
                    f"{prefix}{number}",
                    person,
                    customer,
                    product,
                    stage,
                    money_text(lang, amount / lines),
                    day_text(lang, created),
                    day_text(lang, None if closed == dt.date.max else closed),
                ]
            )
    keys = ("opp_id", "presales", "customer", "product", "stage", "amount")
    return [*(words[k] for k in keys), words["opp_created"], words["opp_closed"]], rows


def _proposals(
    rng: random.Random, lang: str, team: Sequence[Member], leads: set[str], calendar: Calendar
) -> tuple[list[str], Rows]:
    """Proposals with their result; those of today's period are partly still in review."""
    words = WORDS[lang]
    found: list[tuple[dt.date, str, str, str]] = []
    for month in calendar.months():
        days = calendar.workdays(month)
        if not days:
            continue
        current = month.start >= calendar.current.start
        for member in team:
            low, high = (1, 3) if member.person in leads else (2, 5)
            for _ in range(max(1, _volume(rng, low, high, member.perf, calendar.share(month)))):
                if current and rng.random() < 0.6:
                    result = words["in_review"]
                elif rng.random() < min(0.85, 0.5 * member.perf):
                    result = words["accepted"]
                else:
                    result = words["rejected"]
                found.append((rng.choice(days), member.person, _customer(rng, lang), result))
    prefix = "FA-" if lang == "zh" else "P-"
    rows: Rows = [
        [f"{prefix}{number:04d}", person, customer, day_text(lang, day, "slash"), result]
        for number, (day, person, customer, result) in enumerate(sorted(found), 1)
    ]
    keys = ("proposal_id", "presales", "customer", "submitted", "result")
    return [words[k] for k in keys], rows


def _feedback(
    rng: random.Random, lang: str, team: Sequence[Member], calendar: Calendar
) -> tuple[list[str], Rows]:
    """Customer ratings (1-5); the last person has none in the last complete month."""
    words = WORDS[lang]
    last = calendar.periods[-1]
    found: list[tuple[dt.date, str, str, int]] = []
    for month in calendar.months():
        days = calendar.workdays(month)
        if not days:
            continue
        for member in team:
            if member is team[-1] and month.start == last.start:
                continue  # no ratings: the KPI is left out of this person's total
            for _ in range(rng.randint(1, 3) if calendar.share(month) > 0.3 else 1):
                rating = min(5, max(1, round(rng.gauss(3.1 + member.perf, 0.6))))
                found.append((rng.choice(days), member.person, _customer(rng, lang), rating))
    keys = ("feedback_date", "presales", "customer", "rating")
    return [words[k] for k in keys], [list(row) for row in sorted(found)]


GENERATORS: dict[str, Callable[[str, dt.date], dict[str, bytes]]] = {
    "sales": sales,
    "presales": presales,
    "key-accounts": key_accounts,
}
