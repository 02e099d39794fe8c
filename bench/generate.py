"""Deterministic CRM exports for the benchmark.

    python bench/generate.py --rows 1000000 --out bench/data [--xlsx] [--seed 2026]

Writes into OUT:

- deals.csv           UTF-8, amounts as plain numbers (12500.00), ISO dates
- deals-gb18030.csv   the same rows and headers, encoded GB18030 (as Excel/WPS on a
                      Chinese Windows save "CSV")
- deals-text.csv      the same rows, amounts as quoted text with thousands
                      separators ("12,500.00")
- deals-messy.csv     the same rows as a Chinese CRM or Excel writes them: a UTF-8
                      BOM, amounts as "￥12,500.00", created dates as 2026/3/1,
                      close dates as datetimes (2026-03-17 14:05:33), one in ten
                      of them as 2026年3月17日 14:05
- deals.xlsx          the same rows as a workbook (only with --xlsx): numbers as
                      numbers, dates as date cells
- roster.csv          500 people (Chinese and English names) in 25 teams
- targets.csv         per-person quotas (revenue, new business, accounts) scaled to
                      the number of rows; a few people have a 2026 revenue row that
                      overrides their any-period one
- manifest.json       what was generated (rows, seed, generator version)

Columns: Deal ID, Owner, Account, Stage, Amount, Created Date, Close Date, Type.
Stages are Won / Lost / Open (an Open deal has no close date); close dates cover
the 12 months of 2026 and every deal was created before it closed. About 0.1 % of
the rows name people who are not on the roster (reps who left).

The same seed gives byte-identical files; a run with fewer rows writes a prefix
of the rows of a run with more.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import csv
import datetime as dt
import itertools
import json
import math
import random
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VERSION = 4  # bump when the generated content changes
HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PEOPLE = 500
TEAMS = 25
YEAR = 2026
HEADER = ["Deal ID", "Owner", "Account", "Stage", "Amount", "Created Date", "Close Date", "Type"]
OPEN_SHARE = 0.18  # deals still open at export time
ZERO_AMOUNT = 0.02  # deals with no amount (pilots, free renewals)
AMOUNT_MU, AMOUNT_SIGMA = 9.6, 0.7  # lognormal deal size, about 19,000 on average
TYPES = (("New", 0.45), ("Renewal", 0.35), ("Upsell", 0.20))
NEW_BUSINESS = ("New", "Upsell")
FORMER_REPS = ("Former Rep", "离职员工", "Zhang Wei (old)")
FORMER_SHARE = 0.001

COMMON_CHINESE = (
    "张伟 王芳 李娜 刘洋 陈静 杨磊 赵敏 黄强 周杰 吴霞 "
    "徐丽 孙涛 马超 朱明 胡军 郭勇 何艳 高娟 林平 罗刚"
).split()
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉玲燕红鹏飞宇浩婷雪琳晨欣"
FIRST = (
    "Alice Bob Carol David Emma Frank Grace Henry Ivy Jack Karen Leo Mia Noah Olivia Paul "
    "Quinn Rachel Sam Tina Uma Victor Wendy Xavier Yara Zoe Aaron Bella Chris Diana"
).split()
LAST = (
    "Chen Smith Garcia Kim Müller Rossi Tanaka Nair Walsh Park Johnson Brown Lee Wong Singh "
    "Lopez Martin Dubois Novak Silva Cohen Ivanova Okafor Jensen Haddad Nguyen Costa Fischer"
).split()
TEAM_NAMES = [
    *"华北一组 华北二组 华东一组 华东二组 华东三组 华南一组 华南二组 西南一组 西北一组".split(),
    *"华中一组 东北一组 渠道一组 渠道二组".split(),
    "Enterprise East",
    "Enterprise West",
    "Enterprise North",
    "Mid-Market 1",
    "Mid-Market 2",
    "Mid-Market 3",
    "SMB Inside Sales",
    "Key Accounts",
    "Public Sector",
    "Healthcare",
    "Financial Services",
    "Partners",
]
CITIES = "北京 上海 广州 深圳 杭州 成都 武汉 南京 西安 苏州 天津 重庆".split()
WORDS = "星辰 华信 启明 远航 恒通 博瑞 中科 新源 金桥 天成 汇智 东方 瑞丰 鼎盛 宏达".split()
TRADES = "科技 信息 医疗 物流 制造 能源 电子 软件".split()
EN_WORDS = (
    "Acme Globex Initech Umbrella Stark Wayne Wonka Hooli Vandelay Soylent Tyrell Cyberdyne"
).split()
EN_TRADES = "Labs Systems Logistics Foods Health Capital Motors Retail".split()


@dataclass(frozen=True)
class Rep:
    """A person on the roster and how they sell (hidden from the exports)."""

    name: str
    team: str
    activity: float  # relative number of deals
    win: float  # P(Won | decided)
    scale: float  # deal-size multiplier
    cycle: float  # mean days from creation to close, beyond the first 3
    accounts: tuple[str, ...]  # the rep's book of accounts


def _names(rng: random.Random) -> list[str]:
    chinese = list(COMMON_CHINESE)
    while len(chinese) < PEOPLE // 2:
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))
        if name not in chinese:
            chinese.append(name)
    english: list[str] = []
    while len(english) < PEOPLE - len(chinese):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in english:
            english.append(name)
    return [n for pair in zip(chinese, english, strict=True) for n in pair]


def _accounts() -> list[str]:
    """A pool of 7,200 distinct company names, Chinese and English."""
    chinese = [
        f"{city}{word}{trade}有限公司"
        for city, word, trade in itertools.product(CITIES, WORDS, TRADES)
    ]
    english = [f"{word} {trade} {n}" for word in EN_WORDS for trade in EN_TRADES for n in range(60)]
    return chinese + english


def reps(seed: int) -> list[Rep]:
    """The 500 people of the roster, 20 per team, with how each of them sells."""
    rng = random.Random(f"reps-{seed}")
    names = _names(rng)
    pool = _accounts()
    out = []
    for index, name in enumerate(names):
        book = rng.randint(30, 300)
        out.append(
            Rep(
                name=name,
                team=TEAM_NAMES[index % TEAMS],
                activity=rng.lognormvariate(0, 0.4),
                win=rng.uniform(0.2, 0.6),
                scale=rng.uniform(0.6, 1.5),
                cycle=rng.uniform(15, 90),
                accounts=tuple(rng.sample(pool, book)),
            )
        )
    return out


def deals(rows: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """The deal rows: (id, owner, account, stage, amount, created, closed or None, type)."""
    people = reps(seed)
    rng = random.Random(f"deals-{seed}")
    owners: list[Rep | str] = [*people, *FORMER_REPS]
    known = sum(p.activity for p in people)
    weights = [p.activity for p in people]
    weights += [known * FORMER_SHARE / len(FORMER_REPS)] * len(FORMER_REPS)
    cumulative = list(itertools.accumulate(weights))
    total = cumulative[-1]
    type_names = [t for t, _ in TYPES]
    type_cumulative = list(itertools.accumulate(p for _, p in TYPES))
    start = dt.date(YEAR, 1, 1)
    days = (dt.date(YEAR + 1, 1, 1) - start).days
    pool = _accounts()
    random_ = rng.random
    for index in range(rows):
        owner = owners[bisect.bisect_right(cumulative, random_() * total)]
        if isinstance(owner, Rep):
            name, win, scale, cycle = owner.name, owner.win, owner.scale, owner.cycle
            account = owner.accounts[int(random_() * len(owner.accounts))]
        else:
            name, win, scale, cycle = owner, 0.3, 1.0, 40.0
            account = pool[int(random_() * len(pool))]
        if random_() < OPEN_SHARE:
            stage = "Open"
        else:
            stage = "Won" if random_() < win else "Lost"
        closed = start + dt.timedelta(days=int(random_() * days))
        created = closed - dt.timedelta(days=3 + min(int(rng.expovariate(1 / cycle)), 400))
        if random_() < ZERO_AMOUNT:
            amount = 0.0
        else:
            amount = round(scale * rng.lognormvariate(AMOUNT_MU, AMOUNT_SIGMA), 2)
        kind = type_names[bisect.bisect_right(type_cumulative, random_() * type_cumulative[-1])]
        yield (
            f"D{YEAR}-{index + 1:07d}",
            name,
            account,
            stage,
            amount,
            created,
            None if stage == "Open" else closed,
            kind,
        )


def _text(row: tuple[Any, ...], amounts: str) -> list[str]:
    deal, owner, account, stage, amount, created, closed, kind = row
    return [
        deal,
        owner,
        account,
        stage,
        format(amount, amounts),
        created.isoformat(),
        closed.isoformat() if closed else "",
        kind,
    ]


def _messy(row: tuple[Any, ...]) -> list[str]:
    """The row as a Chinese export writes it (which close dates take 年月日 and the time
    of day follow from the deal number)."""
    deal, owner, account, stage, amount, created, closed, kind = row
    number = int(deal[-7:])
    minute, second = number * 37 % 1440, number * 13 % 60
    if closed is None:
        close = ""
    elif number % 10 == 3:
        close = f"{closed.year}年{closed.month}月{closed.day}日 {minute // 60}:{minute % 60:02d}"
    else:
        close = f"{closed.isoformat()} {minute // 60:02d}:{minute % 60:02d}:{second:02d}"
    return [
        deal,
        owner,
        account,
        stage,
        f"￥{amount:,.2f}",
        f"{created.year}/{created.month}/{created.day}",
        close,
        kind,
    ]


def _expected_targets(people: list[Rep], rows: int, seed: int) -> list[list[str]]:
    """Quotas near what each person can reach (80-125 % of the expected figures)."""
    rng = random.Random(f"targets-{seed}")
    known = sum(p.activity for p in people)
    total = known * (1 + FORMER_SHARE)
    mean_amount = math.exp(AMOUNT_MU + AMOUNT_SIGMA**2 / 2) * (1 - ZERO_AMOUNT)
    new_share = sum(p for t, p in TYPES if t in NEW_BUSINESS)
    out = [["person", "kpi", "target", "period"]]
    for rep in people:
        won = rows * rep.activity / total * (1 - OPEN_SHARE) * rep.win
        book = len(rep.accounts)
        figures = {
            "revenue": won * rep.scale * mean_amount,
            "new_business": won * new_share,
            "accounts": book * (1 - (1 - 1 / book) ** won),
        }
        for kpi, expected in figures.items():
            out.append([rep.name, kpi, _quota(kpi, expected * rng.uniform(0.8, 1.25)), ""])
        if rng.random() < 0.1:  # a mid-year revision for this year only
            revised = _quota("revenue", figures["revenue"] * rng.uniform(0.7, 1.1))
            out.append([rep.name, "revenue", revised, str(YEAR)])
    return out


def _quota(kpi: str, value: float) -> str:
    """Revenue in whole thousands, counts in whole numbers (never 0)."""
    return str(max(1000, round(value / 1000) * 1000) if kpi == "revenue" else max(1, round(value)))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def files(out: Path, xlsx: bool = False) -> dict[str, Path]:
    """The files `generate` writes into `out`."""
    found = {
        "csv": out / "deals.csv",
        "gb18030": out / "deals-gb18030.csv",
        "text": out / "deals-text.csv",
        "messy": out / "deals-messy.csv",
        "roster": out / "roster.csv",
        "targets": out / "targets.csv",
    }
    if xlsx:
        found["xlsx"] = out / "deals.xlsx"
    return found


def _manifest(rows: int, seed: int) -> dict[str, int]:
    return {"rows": rows, "seed": seed, "version": VERSION}


def is_current(out: Path, rows: int, seed: int, xlsx: bool = False) -> bool:
    """Whether `out` already holds these exports (same rows, seed and generator version)."""
    manifest = out / "manifest.json"
    if not manifest.is_file() or not all(p.is_file() for p in files(out, xlsx).values()):
        return False
    return bool(json.loads(manifest.read_text()) == _manifest(rows, seed))


CSV_FORMS = ("csv", "gb18030", "text", "messy")  # the CSV forms of the deals export


def generate(
    rows: int,
    out: Path = DATA,
    xlsx: bool = False,
    seed: int = YEAR,
    forms: Collection[str] = CSV_FORMS,
) -> dict[str, Path]:
    """Write the exports for `rows` rows into `out`; returns their paths.

    `forms`: which CSV forms of the deals to write (all of `CSV_FORMS` for the bench;
    a test that reads only deals.csv writes only it). The manifest that tells the
    exports current is written only when every form is."""
    out.mkdir(parents=True, exist_ok=True)
    paths = files(out, xlsx)
    (out / "manifest.json").unlink(missing_ok=True)
    people = reps(seed)
    _write_rows(paths["roster"], [["Person", "Team"]] + [[p.name, p.team] for p in people])
    _write_rows(paths["targets"], _expected_targets(people, rows, seed))

    book = sheet = None
    if xlsx:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Deals")
        sheet.append(HEADER)
    encodings = {"csv": "utf-8", "gb18030": "gb18030", "text": "utf-8", "messy": "utf-8-sig"}
    cells_of: dict[str, Callable[[tuple[Any, ...]], list[str]]] = {
        "csv": lambda row: _text(row, ".2f"),
        "gb18030": lambda row: _text(row, ".2f"),
        "text": lambda row: _text(row, ",.2f"),  # "12,500.00": quoted, it holds a comma
        "messy": _messy,
    }
    with contextlib.ExitStack() as stack:
        writers = []
        for form in (f for f in CSV_FORMS if f in forms):
            handle = stack.enter_context(
                paths[form].open("w", encoding=encodings[form], newline="")
            )
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADER)
            writers.append((writer, cells_of[form]))
        for row in deals(rows, seed):
            for writer, cells in writers:
                writer.writerow(cells(row))
            if sheet is not None:
                sheet.append(row)
    if book is not None:
        book.save(paths["xlsx"])
    if set(CSV_FORMS) <= set(forms):
        (out / "manifest.json").write_text(json.dumps(_manifest(rows, seed)) + "\n")
    return {name: path for name, path in paths.items() if name not in CSV_FORMS or name in forms}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000, help="deal rows (default 100000)")
    parser.add_argument("--out", type=Path, default=DATA, help="folder (default bench/data)")
    parser.add_argument("--xlsx", action="store_true", help="also write deals.xlsx")
    parser.add_argument("--seed", type=int, default=YEAR, help="random seed (default 2026)")
    parser.add_argument(
        "--if-missing", action="store_true", help="do nothing when OUT already holds these exports"
    )
    args = parser.parse_args()
    if args.if_missing and is_current(args.out, args.rows, args.seed, args.xlsx):
        return
    for name, path in generate(args.rows, args.out, args.xlsx, args.seed).items():
        print(f"{name:>8}: {path}")


if __name__ == "__main__":
    main()
