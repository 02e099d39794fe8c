#!/usr/bin/env python3
"""Regenerate every data file of the bundled examples.

    python examples/generate.py

Writes, next to this script:

- ``sales/roster.csv``, ``sales/deals.csv``, ``sales/visits.xlsx``,
  ``sales/targets.csv`` — an English sales team of 24 people in three teams,
  July to October 2026;
- ``presales-zh/人员.csv``, ``presales-zh/商机.csv`` (GB18030),
  ``presales-zh/方案.csv`` (UTF-8 with BOM), ``presales-zh/反馈.xlsx`` — a Chinese
  presales team of 12 people in two teams, July to October 2026.

The output depends only on this file: every random choice comes from
``random.Random`` with a fixed seed, nothing reads the current date, and the
workbooks carry fixed document properties and zip timestamps, so running the
script twice gives byte-identical files. The YAML configs beside the data are
written by hand and are not touched.

The data is deliberately a little messy, the way real CRM exports are: some
rows spell a person with an alias or stray spaces, a few name people who are
not on the roster, a couple of won deals have no amount, dates and amounts come
in several notations, and one person has no activity at all in October 2026.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

HERE = Path(__file__).resolve().parent
SALES_DIR = HERE / "sales"
ZH_DIR = HERE / "presales-zh"

SEED = 20261101
FIXED_TIME = dt.datetime(2026, 11, 1, 8, 0, 0)
MONTHS = ((2026, 7), (2026, 8), (2026, 9), (2026, 10))
LAST_DAY = dt.date(2026, 10, 31)
OCTOBER = (2026, 10)


def rng_for(name: str) -> random.Random:
    """An independent, reproducible random stream per file (string seeds are stable)."""
    return random.Random(f"{SEED}:{name}")


def business_days(year: int, month: int) -> list[dt.date]:
    """Monday to Friday of one month."""
    day = dt.date(year, month, 1)
    days = []
    while day.month == month:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def round_to(value: float, step: int) -> float:
    """`value` rounded to a multiple of `step` (never below one step)."""
    return float(max(step, round(value / step) * step))


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    encoding: str = "utf-8",
    newline: str = "\n",
) -> None:
    """Write a CSV file with minimal quoting (fields holding a comma are quoted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save a workbook with fixed properties and zip timestamps (byte-stable output)."""
    props = workbook.properties
    props.creator = "CRM export"
    props.lastModifiedBy = "CRM export"
    props.created = FIXED_TIME
    raw = io.BytesIO()
    workbook.save(raw)  # openpyxl stamps `modified` with the clock; replaced below
    props.modified = FIXED_TIME
    core_xml = tostring(props.to_tree())
    stamp = FIXED_TIME.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = core_xml if info.filename == "docProps/core.xml" else source.read(info)
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def style_sheet(sheet: Worksheet, widths: Sequence[int]) -> None:
    """Bold, shaded header; frozen header row; filters; column widths."""
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


# --------------------------------------------------------------------------------------
# English sales team (examples/sales)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rep:
    """One roster person plus the profile used to generate their activity."""

    employee: str
    full_name: str
    team: str
    role: str
    manager: str
    aliases: tuple[str, ...] = ()
    perf: float = 1.0  # drives volume, win rate and deal size
    active_months: tuple[tuple[int, int], ...] = MONTHS


HEAD_OF_SALES = "Morgan Hayes"
NOT_OCTOBER = MONTHS[:3]
FROM_AUGUST = MONTHS[1:]

REPS: tuple[Rep, ...] = (
    # East
    Rep("Alice Chen", "Alice Chen", "East", "sales", HEAD_OF_SALES, perf=1.20),
    Rep("Robert Li", "Robert Li", "East", "sales", "Alice Chen", ("Bob Li", "Li, Bob"), 1.05),
    Rep("Maria Garcia", "María García", "East", "sales", "Alice Chen", perf=0.95),
    Rep("James O'Brien", "James Patrick O'Brien", "East", "sales", "Alice Chen", perf=0.80),
    Rep("Hannah Schmidt", "Hannah Schmidt", "East", "sales", "Alice Chen", perf=1.10),
    Rep("Kevin Wright", "Kevin Wright", "East", "sales", "Alice Chen", perf=0.70),
    # on leave in October 2026: no rows at all that month
    Rep(
        "Priya Nair",
        "Priya Nair",
        "East",
        "presales",
        "Alice Chen",
        perf=1.00,
        active_months=NOT_OCTOBER,
    ),
    Rep("Tom Fischer", "Thomas Fischer", "East", "presales", "Alice Chen", perf=0.90),
    # West
    Rep("Daniel Kim", "Daniel Kim", "West", "sales", HEAD_OF_SALES, perf=0.95),
    Rep(
        "Catherine Moore",
        "Catherine Moore",
        "West",
        "sales",
        "Daniel Kim",
        ("Cathy Moore", "C. Moore"),
        1.15,
    ),
    Rep("Luis Hernandez", "Luis Hernández", "West", "sales", "Daniel Kim", perf=0.85),
    Rep("Emily Zhang", "Emily Zhang", "West", "sales", "Daniel Kim", perf=1.25),
    Rep("Marcus Johnson", "Marcus Johnson", "West", "sales", "Daniel Kim", perf=0.75),
    Rep("Sofia Rossi", "Sofia Rossi", "West", "sales", "Daniel Kim", perf=1.00),
    Rep("Ahmed Hassan", "Ahmed Hassan", "West", "presales", "Daniel Kim", perf=1.10),
    Rep("Laura Bennett", "Laura Bennett", "West", "presales", "Daniel Kim", perf=0.85),
    # Key Accounts
    Rep(
        "Jonathan Park",
        "Jonathan S. Park",
        "Key Accounts",
        "sales",
        HEAD_OF_SALES,
        ("Jon Park",),
        1.10,
    ),
    Rep("Olivia Turner", "Olivia Turner", "Key Accounts", "sales", "Jonathan Park", perf=1.20),
    Rep("William Foster", "William Foster", "Key Accounts", "sales", "Jonathan Park", perf=0.90),
    Rep("Grace Liu", "Grace Liu", "Key Accounts", "sales", "Jonathan Park", perf=1.05),
    Rep("Samuel Adeyemi", "Samuel Adeyemi", "Key Accounts", "sales", "Jonathan Park", perf=0.80),
    Rep("Natalie Brooks", "Natalie Brooks", "Key Accounts", "sales", "Jonathan Park", perf=1.00),
    Rep("Ethan Walsh", "Ethan Walsh", "Key Accounts", "presales", "Jonathan Park", perf=1.05),
    # joined on 2026-08-01
    Rep(
        "Mei Tanaka",
        "Mei Tanaka",
        "Key Accounts",
        "presales",
        "Jonathan Park",
        perf=0.95,
        active_months=FROM_AUGUST,
    ),
)

DEPARTED_REP = "Greg Holloway"  # left in August; still owns a few rows in the export


@dataclass(frozen=True)
class Profile:
    """Per-segment base figures for one month."""

    deals: int
    win: float
    amount: float  # median deal size, USD
    cycle_mode: float  # most likely days from creation to close
    visits: int
    on_site: float


def profile(rep: Rep) -> Profile:
    if rep.role == "presales":
        return Profile(deals=6, win=0.40, amount=8_000, cycle_mode=40, visits=13, on_site=0.5)
    if rep.team == "Key Accounts":
        return Profile(deals=10, win=0.42, amount=52_000, cycle_mode=75, visits=9, on_site=0.75)
    return Profile(deals=21, win=0.36, amount=15_000, cycle_mode=35, visits=9, on_site=0.6)


ACCOUNT_FIRST = (
    "Acme",
    "Northwind",
    "Blue Ridge",
    "Summit",
    "Harbor",
    "Pioneer",
    "Redwood",
    "Silverline",
    "Granite",
    "Evergreen",
    "Lakeside",
    "Ironclad",
    "Brightway",
    "Cedar",
    "Keystone",
    "Meridian",
    "Orchard",
    "Riverbend",
    "Sterling",
    "Trailhead",
    "Vantage",
    "Westfield",
    "Horizon",
    "Copperleaf",
    "Foxglove",
    "Highland",
    "Juniper",
    "Maple Grove",
    "Oakmont",
    "Quarry",
    "Bluewater",
    "Crescent",
    "Driftwood",
    "Fairview",
    "Golden Gate",
)
ACCOUNT_SECOND = (
    "Logistics",
    "Foods",
    "Health",
    "Manufacturing",
    "Retail",
    "Energy",
    "Software",
    "Construction",
    "Dental Group",
    "Insurance",
    "Hotels",
    "Labs",
    "Motors",
    "Outfitters",
    "Partners",
    "Pharma",
    "Supply",
    "Systems",
    "Textiles",
    "Utilities",
)
ACCOUNT_SUFFIX = ("Inc.", ", Inc.", "LLC", "Ltd", "Co.", "Group", "")
KEY_ACCOUNT_SUFFIX = ("Corporation", "Holdings", "Global", "International", "plc")


def account_names(rng: random.Random, count: int, suffixes: Sequence[str]) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        first, second = rng.choice(ACCOUNT_FIRST), rng.choice(ACCOUNT_SECOND)
        suffix = rng.choice(suffixes)
        if suffix.startswith(","):
            names.add(f"{first} {second}{suffix}")
        else:
            names.add(f"{first} {second} {suffix}".strip())
    return sorted(names)


def books_of_accounts(rng: random.Random) -> dict[str, list[str]]:
    """Each rep's accounts: smaller books of bigger customers in Key Accounts."""
    regular = account_names(rng, 380, ACCOUNT_SUFFIX)
    regular.append("@Home Furnishings")
    key = account_names(rng, 100, KEY_ACCOUNT_SUFFIX)
    rng.shuffle(regular)
    rng.shuffle(key)
    books: dict[str, list[str]] = {}
    for rep in REPS:
        pool, size = (key, 12) if rep.team == "Key Accounts" else (regular, 22)
        books[rep.employee] = sorted(pool[:size])
        del pool[:size]
    books[DEPARTED_REP] = sorted(regular[:6])
    return books


def money(value: float) -> str:
    return f"{value:,.2f}"


@dataclass
class Deal:
    owner: str
    account: str
    stage: str
    amount: float | None
    created: dt.date
    closed: dt.date | None

    def row(self, deal_id: str) -> list[str]:
        return [
            deal_id,
            self.owner,
            self.account,
            self.stage,
            "" if self.amount is None else money(self.amount),
            self.created.isoformat(),
            "" if self.closed is None else self.closed.isoformat(),
        ]


def deal_amount(rng: random.Random, rep: Rep, base: Profile) -> float:
    median = base.amount * (0.8 + 0.2 * rep.perf)
    step = 500 if base.amount >= 50_000 else 50
    return round_to(rng.lognormvariate(0, 0.55) * median, step)


def generate_deals(books: dict[str, list[str]]) -> list[list[str]]:
    rng = rng_for("deals")
    deals: list[Deal] = []
    for rep in REPS:
        base = profile(rep)
        book = books[rep.employee]
        for year, month in rep.active_months:
            days = business_days(year, month)
            count = max(1, round(base.deals * rep.perf**0.5) + rng.randint(-3, 3))
            win = min(0.7, max(0.15, base.win * rep.perf + rng.uniform(-0.05, 0.05)))
            mode = base.cycle_mode / rep.perf
            wins = min(count, max(0, round(count * win + rng.uniform(-1.5, 1.5))))
            outcomes = [True] * wins + [False] * (count - wins)
            rng.shuffle(outcomes)
            for won in outcomes:
                closed = rng.choice(days)
                cycle = round(rng.triangular(5, 120, min(120, max(5, mode))))
                deals.append(
                    Deal(
                        rep.employee,
                        rng.choice(book),
                        "Won" if won else "Lost",
                        deal_amount(rng, rep, base),
                        closed - dt.timedelta(days=cycle),
                        closed,
                    )
                )
        # open pipeline: created over the last months, no close date yet
        last_active = dt.date(*rep.active_months[-1], 1)
        for _ in range(rng.randint(4, 8)):
            created = last_active + dt.timedelta(days=rng.randint(-75, 25))
            created = min(created, LAST_DAY - dt.timedelta(days=1))
            if rep.active_months == NOT_OCTOBER:
                created = min(created, dt.date(2026, 9, 25))
            deals.append(
                Deal(
                    rep.employee,
                    rng.choice(book),
                    "Open",
                    deal_amount(rng, rep, base),
                    created,
                    None,
                )
            )
    # deals still in the name of a rep who has left
    for closed, stage, amount in (
        (dt.date(2026, 7, 14), "Won", 18_400.0),
        (dt.date(2026, 8, 6), "Lost", 9_750.0),
        (dt.date(2026, 10, 8), "Won", 22_300.0),
    ):
        deals.append(
            Deal(
                DEPARTED_REP,
                rng.choice(books[DEPARTED_REP]),
                stage,
                amount,
                closed - dt.timedelta(days=rng.randint(20, 90)),
                closed,
            )
        )

    deals.sort(key=lambda d: (d.created, d.owner, d.account, d.closed or LAST_DAY))
    apply_deal_mess(rng, deals)
    return [deal.row(f"D-{10001 + i}") for i, deal in enumerate(deals)]


def in_month(day: dt.date | None, year_month: tuple[int, int]) -> bool:
    return day is not None and (day.year, day.month) == year_month


def apply_deal_mess(rng: random.Random, deals: list[Deal]) -> None:
    """Spellings a CRM export really contains: aliases, stray spaces, missing amounts."""
    closed = [d for d in deals if d.closed is not None]
    # ten rows owned under an alias, at least four of them in October
    aliases = {rep.employee: rep.aliases for rep in REPS if rep.aliases}
    aliased = [d for d in closed if d.owner in aliases]
    october = [d for d in aliased if in_month(d.closed, OCTOBER)]
    earlier = [d for d in aliased if not in_month(d.closed, OCTOBER)]
    picked = rng.sample(october, 5) + rng.sample(earlier, 5)
    for i, deal in enumerate(picked):
        names = aliases[deal.owner]
        deal.owner = names[i % len(names)]
    # five rows whose owner carries extra spaces
    others = [d for d in closed if d.owner in {r.employee for r in REPS if not r.aliases}]
    for i, deal in enumerate(rng.sample(others, 5)):
        deal.owner = ("  {}", "{} ", " {}  ", "{}   ", "  {}  ")[i].format(deal.owner)
    # two won deals exported without an amount (one in October)
    won_october = [
        d
        for d in closed
        if d.stage == "Won" and in_month(d.closed, OCTOBER) and d.owner.strip() == d.owner
    ]
    won_earlier = [
        d
        for d in closed
        if d.stage == "Won" and in_month(d.closed, (2026, 8)) and d.owner.strip() == d.owner
    ]
    rng.choice(won_october).amount = None
    rng.choice(won_earlier).amount = None


@dataclass
class Visit:
    rep: str
    customer: str
    day: dt.date | None
    kind: str


def generate_visits(books: dict[str, list[str]]) -> list[list[object]]:
    rng = rng_for("visits")
    visits: list[Visit] = []
    for rep in REPS:
        base = profile(rep)
        for year, month in rep.active_months:
            days = business_days(year, month)
            count = max(1, round(base.visits * rep.perf**0.5) + rng.randint(-2, 2))
            for _ in range(count):
                kind = "On-site" if rng.random() < base.on_site else "Remote"
                visits.append(
                    Visit(rep.employee, rng.choice(books[rep.employee]), rng.choice(days), kind)
                )
    visits.sort(key=lambda v: (v.day or LAST_DAY, v.rep, v.customer))
    # a few spellings from the CRM's free-text "Rep" field, in October
    october = [v for v in visits if in_month(v.day, OCTOBER)]
    for employee, alias in (("Robert Li", "Bob Li"), ("Catherine Moore", "Cathy Moore")):
        next(v for v in october if v.rep == employee).rep = alias
    # one visit logged without a date
    visits[len(visits) // 2].day = None
    return [[f"V-{20001 + i}", v.rep, v.customer, v.day, v.kind] for i, v in enumerate(visits)]


def write_visits(path: Path, rows: list[list[object]]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Visits"
    sheet.append(["Visit ID", "Rep", "Customer", "Visit Date", "Type"])
    for row in rows:
        sheet.append(row)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "yyyy-mm-dd"
    style_sheet(sheet, (10, 18, 34, 12, 10))
    save_workbook(workbook, path)


def write_sales() -> None:
    books = books_of_accounts(rng_for("accounts"))
    write_csv(
        SALES_DIR / "roster.csv",
        ("Employee", "Full Name", "Team", "Role", "Manager", "Aliases"),
        ((r.employee, r.full_name, r.team, r.role, r.manager, ";".join(r.aliases)) for r in REPS),
    )
    write_csv(
        SALES_DIR / "deals.csv",
        ("Deal ID", "Owner", "Account", "Stage", "Amount", "Created Date", "Close Date"),
        generate_deals(books),
    )
    write_visits(SALES_DIR / "visits.xlsx", generate_visits(books))
    write_csv(
        SALES_DIR / "targets.csv",
        ("person", "kpi", "target", "period"),
        (
            # October quota uplifts
            ("Alice Chen", "revenue", "150,000", "2026-10"),
            ("Olivia Turner", "revenue", "300,000", "2026-10"),
            ("Robert Li", "visits", "12", "2026-10"),
            # standing overrides, any period
            ("Kevin Wright", "revenue", "80,000", ""),  # still ramping up
            ("Daniel Kim", "revenue", "90,000", ""),  # team lead, reduced quota
            ("Mei Tanaka", "visits", "10", ""),  # joined in August
            ("Ethan Walsh", "visits", "16", ""),
            # a quarterly quota, used when scoring 2026-Q3
            ("Grace Liu", "revenue", "650,000", "2026-Q3"),
        ),
    )


# --------------------------------------------------------------------------------------
# Chinese presales team (examples/presales-zh)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Presales:
    """One presales engineer (售前) or presales lead (售前主管)."""

    number: str
    name: str
    team: str
    role: str
    perf: float
    rating: float  # typical customer rating


ZH_PEOPLE: tuple[Presales, ...] = (
    Presales("PS001", "王磊", "华东售前", "售前主管", 1.10, 4.5),
    Presales("PS002", "李娜", "华东售前", "售前", 1.20, 4.6),
    Presales("PS003", "张伟", "华东售前", "售前", 0.90, 4.0),
    Presales("PS004", "刘洋", "华东售前", "售前", 1.00, 4.2),
    Presales("PS005", "陈静", "华东售前", "售前", 0.75, 3.6),
    Presales("PS006", "杨帆", "华东售前", "售前", 1.05, 4.4),
    Presales("PS007", "黄志强", "华南售前", "售前主管", 0.95, 4.1),
    Presales("PS008", "赵敏", "华南售前", "售前", 1.15, 4.7),
    Presales("PS009", "周杰", "华南售前", "售前", 0.85, 3.8),
    Presales("PS010", "吴婷", "华南售前", "售前", 1.00, 4.3),
    Presales("PS011", "徐晨", "华南售前", "售前", 0.80, 3.9),
    Presales("PS012", "孙悦", "华南售前", "售前", 1.10, 4.5),
)
ZH_DEPARTED = "郑凯"  # left in September; a few rows still carry the name

ZH_CITY = ("上海", "杭州", "苏州", "南京", "宁波", "广州", "深圳", "佛山", "东莞", "厦门")
ZH_BRAND = (
    "华信",
    "远航",
    "恒通",
    "鼎盛",
    "瑞丰",
    "嘉禾",
    "明德",
    "新锐",
    "天成",
    "汇智",
    "博远",
    "盛达",
    "安泰",
    "中科",
    "金桥",
    "永辉",
    "启航",
    "东方",
    "海纳",
    "宏图",
)
ZH_TRADE = ("科技", "制造", "物流", "医药", "能源", "电子", "食品", "建设", "软件", "零售")
ZH_FORM = ("有限公司", "股份有限公司", "集团有限公司")


def zh_customers(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(
            rng.choice(ZH_CITY) + rng.choice(ZH_BRAND) + rng.choice(ZH_TRADE) + rng.choice(ZH_FORM)
        )
    return sorted(names)


def zh_date_style(rng: random.Random) -> str:
    """Most rows as 2026年10月5日, some as 2026/10/5 (exports merged from two systems)."""
    return "{y}年{m}月{d}日" if rng.random() < 0.8 else "{y}/{m}/{d}"


def zh_date(style: str, day: dt.date) -> str:
    return style.format(y=day.year, m=day.month, d=day.day)


def yuan(value: float) -> str:
    return f"￥{value:,.2f}"


def split_amount(rng: random.Random, total: float) -> list[float]:
    """An opportunity exported as one to three product lines."""
    lines = 1 if rng.random() < 0.75 else (2 if rng.random() < 0.8 else 3)
    if lines == 1:
        return [total]
    cuts = sorted(round_to(total * rng.uniform(0.2, 0.8), 100) for _ in range(lines - 1))
    parts, previous = [], 0.0
    for cut in cuts:
        parts.append(max(100.0, cut - previous))
        previous = cut
    parts.append(max(100.0, total - previous))
    return parts


def generate_opportunities(books: dict[str, list[str]]) -> list[list[str]]:
    rng = rng_for("商机")
    opportunities: list[tuple[str, str, str, float, dt.date, dt.date | None]] = []
    for person in ZH_PEOPLE:
        lead = person.role == "售前主管"
        median = 280_000 if lead else 150_000
        for year, month in MONTHS:
            days = business_days(year, month)
            count = max(1, round((4 if lead else 6) * person.perf**0.5) + rng.randint(-2, 2))
            win = min(0.75, max(0.2, 0.45 * person.perf + rng.uniform(-0.08, 0.08)))
            for _ in range(count):
                closed = rng.choice(days)
                created = closed - dt.timedelta(days=round(rng.triangular(10, 120, 45)))
                amount = round_to(rng.lognormvariate(0, 0.6) * median * person.perf, 1000)
                stage = "赢单" if rng.random() < win else "丢单"
                customer = rng.choice(books[person.name])
                opportunities.append((person.name, customer, stage, amount, created, closed))
        for _ in range(rng.randint(2, 5)):
            created = dt.date(2026, 8, 1) + dt.timedelta(days=rng.randint(0, 90))
            amount = round_to(rng.lognormvariate(0, 0.6) * median, 1000)
            customer = rng.choice(books[person.name])
            opportunities.append((person.name, customer, "进行中", amount, created, None))
    for closed, stage, amount in (
        (dt.date(2026, 7, 20), "赢单", 126_000.0),
        (dt.date(2026, 10, 12), "丢单", 88_000.0),
    ):
        opportunities.append(
            (
                ZH_DEPARTED,
                rng.choice(books[ZH_DEPARTED]),
                stage,
                amount,
                closed - dt.timedelta(days=60),
                closed,
            )
        )
    opportunities.sort(key=lambda o: (o[4], o[0], o[1]))

    rows: list[list[str]] = []
    for index, (name, customer, stage, amount, created, closed) in enumerate(opportunities):
        number = f"SJ2026{index + 1:04d}"
        style = zh_date_style(rng)
        for part in split_amount(rng, amount):
            rows.append(
                [
                    number,
                    name,
                    customer,
                    stage,
                    yuan(part),
                    zh_date(style, created),
                    "" if closed is None else zh_date(style, closed),
                ]
            )
    # names typed with a trailing full-width (ideographic) space
    for row in rng.sample([r for r in rows if r[1] in ("李娜", "周杰")], 3):
        row[1] += "\u3000"
    return rows


def generate_proposals(books: dict[str, list[str]]) -> list[list[str]]:
    rng = rng_for("方案")
    proposals: list[tuple[dt.date, str, str, str]] = []
    for person in ZH_PEOPLE:
        lead = person.role == "售前主管"
        success = min(0.85, max(0.2, 0.55 * person.perf))
        for year, month in MONTHS:
            days = business_days(year, month)
            count = max(1, round((3 if lead else 4) * person.perf) + rng.randint(-1, 2))
            for _ in range(count):
                submitted = rng.choice(days)
                if (LAST_DAY - submitted).days < 21 and rng.random() < 0.35:
                    result = "评审中"
                else:
                    result = "成功" if rng.random() < success else "失败"
                proposals.append((submitted, person.name, rng.choice(books[person.name]), result))
    proposals.sort()
    return [
        [f"FA-{i + 1:04d}", name, customer, f"{day.year}/{day.month:02d}/{day.day:02d}", result]
        for i, (day, name, customer, result) in enumerate(proposals)
    ]


def generate_feedback(books: dict[str, list[str]]) -> list[list[object]]:
    rng = rng_for("反馈")
    ratings: list[list[object]] = []
    for person in ZH_PEOPLE:
        for year, month in MONTHS:
            days = business_days(year, month)
            for _ in range(rng.randint(1, 4)):
                value = min(5.0, max(1.0, round(rng.gauss(person.rating, 0.5) * 2) / 2))
                if value != int(value) and rng.random() < 0.6:
                    value = float(round(value + rng.choice((-0.5, 0.5))))
                score: object = int(value) if value == int(value) else value
                ratings.append(
                    [person.name, rng.choice(books[person.name]), score, rng.choice(days)]
                )
    ratings.sort(key=lambda r: (str(r[3]), str(r[0])))
    return ratings


def write_feedback(path: Path, rows: list[list[object]]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "客户反馈"
    sheet.append(["售前", "客户", "评分", "日期"])
    for row in rows:
        sheet.append(row)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "yyyy-mm-dd"
    for (cell,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        cell.number_format = "0.0"
    style_sheet(sheet, (10, 30, 8, 12))
    save_workbook(workbook, path)


def write_presales_zh() -> None:
    rng = rng_for("客户")
    customers = zh_customers(rng, 150)
    rng.shuffle(customers)
    books = {p.name: sorted(customers[i * 12 : (i + 1) * 12]) for i, p in enumerate(ZH_PEOPLE)}
    books[ZH_DEPARTED] = sorted(customers[-6:])
    write_csv(
        ZH_DIR / "人员.csv",
        ("工号", "姓名", "团队", "角色"),
        ((p.number, p.name, p.team, p.role) for p in ZH_PEOPLE),
        encoding="utf-8-sig",
        newline="\r\n",
    )
    write_csv(
        ZH_DIR / "商机.csv",
        ("商机编号", "售前", "客户", "阶段", "金额", "创建日期", "结束日期"),
        generate_opportunities(books),
        encoding="gb18030",
        newline="\r\n",
    )
    write_csv(
        ZH_DIR / "方案.csv",
        ("方案编号", "售前", "客户", "提交日期", "结果"),
        generate_proposals(books),
        encoding="utf-8-sig",
        newline="\r\n",
    )
    write_feedback(ZH_DIR / "反馈.xlsx", generate_feedback(books))


def main() -> None:
    import generate_depth  # the 360° presales and key-account examples

    write_sales()
    write_presales_zh()
    generate_depth.main()
    for path in sorted([*SALES_DIR.iterdir(), *ZH_DIR.iterdir()]):
        if path.suffix in (".csv", ".xlsx"):
            print(f"wrote {path.relative_to(HERE)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
