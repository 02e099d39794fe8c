"""The examples that use the deeper scoring features (360° ratings, customer KPIs,
proration, perspectives, bonus): python examples/generate_depth.py.

Writes examples/presales-360-zh/ and examples/key-accounts/ data files
deterministically (fixed seeds, no dependence on today's date).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
ZH_360 = HERE / "presales-360-zh"
KEY_ACCOUNTS = HERE / "key-accounts"
BOM = "\ufeff"


def _write_csv(path: Path, header: list[str], rows: list[list[object]], bom: bool = False) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text((BOM if bom else "") + buffer.getvalue(), encoding="utf-8")


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


# ---------------------------------------------------------------- presales 360 (Chinese)

PRESALES = [
    ("王磊", "华东售前", "售前主管"),
    ("李娜", "华东售前", "售前"),
    ("张伟", "华东售前", "售前"),
    ("刘洋", "华东售前", "售前"),
    ("黄志强", "华南售前", "售前主管"),
    ("赵敏", "华南售前", "售前"),
    ("周杰", "华南售前", "售前"),
    ("吴婷", "华南售前", "售前"),
]
LEVEL = {
    "王磊": 4.4,
    "李娜": 4.6,
    "张伟": 3.6,
    "刘洋": 4.0,
    "黄志强": 4.2,
    "赵敏": 3.2,
    "周杰": 4.7,
    "吴婷": 3.9,
}


def _ratings(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    colleagues = [name for name, _, _ in PRESALES]
    for month in (7, 8, 9, 10):
        for name, team, _ in PRESALES:
            base = LEVEL[name] + rng.uniform(-0.4, 0.4)
            manager = "王磊" if team == "华东售前" and name != "王磊" else "黄志强"
            if name in ("王磊", "黄志强"):
                manager = "销售总监"
            raters = [(manager, "上级")]
            raters += [(p, "同事") for p in rng.sample([c for c in colleagues if c != name], 2)]
            if not (name == "周杰" and month == 10):  # no customer ratings for 周杰 in October
                raters += [(f"客户{rng.randrange(1, 40):02d}", "客户") for _ in range(2)]
            raters.append((name, "本人"))  # self-ratings are excluded by the config
            if name == "吴婷" and month == 10:
                raters = raters[:1] + raters[-1:]  # only one usable rating: below min_raters
            for rater, kind in raters:
                score = round(min(5.0, max(1.0, base + rng.uniform(-0.6, 0.6))) * 2) / 2
                day = dt.date(2026, month, rng.randrange(1, 28))
                rows.append([name, rater, kind, score if kind != "本人" else 5, day.isoformat()])
    return rows


def _proposals(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    number = 1
    for month in (7, 8, 9, 10):
        for name, _, _ in PRESALES:
            for _ in range(rng.randrange(2, 7)):
                day = dt.date(2026, month, rng.randrange(1, 29))
                result = rng.choices(("成功", "失败", "评审中"), (LEVEL[name] - 2.5, 2.0, 1.0))[0]
                rows.append([f"FA{number:04d}", name, day.strftime("%Y/%m/%d"), result])
                number += 1
    return rows


def write_presales_360() -> None:
    ZH_360.mkdir(exist_ok=True)
    rng = random.Random(360)
    _write_csv(ZH_360 / "人员.csv", ["姓名", "团队", "角色"], [list(p) for p in PRESALES], bom=True)
    _write_csv(
        ZH_360 / "评价.csv",
        ["被评价人", "评价人", "评价人类型", "评分", "评价日期"],
        _ratings(rng),
        bom=True,
    )
    _write_csv(
        ZH_360 / "方案.csv", ["方案编号", "售前", "提交日期", "结果"], _proposals(rng), bom=True
    )


# ---------------------------------------------------------------- key accounts (English)

REPS = [
    # (employee, team, start, end, bonus base, skill)
    ("Grace Liu", "North", "", "", 8000, 1.2),
    ("Samuel Adeyemi", "North", "", "", 6000, 0.9),
    ("Olivia Turner", "North", "2026-10-15", "", 5000, 0.8),  # joins mid-October
    ("William Foster", "South", "", "", 7000, 1.1),
    ("Natalie Brooks", "South", "", "2026-10-16", 7000, 1.0),  # leaves mid-October
    ("Ethan Walsh", "South", "", "2026-09-20", 5000, 1.0),  # left in September
    ("Mei Tanaka", "South", "", "", 6000, 0.7),
]
PRODUCTS = {
    "Core Platform": 12000.0,
    "Analytics": 4500.0,
    "Support Plus": 1800.0,
    "Training": 950.0,
}


def _orders(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    customers: dict[str, list[str]] = {rep: [] for rep, *_ in REPS}
    number = 1
    for day in _days(dt.date(2026, 1, 5), dt.date(2026, 10, 31)):
        if day.weekday() >= 5:
            continue
        for rep, _, start, end, _, skill in REPS:
            if (start and day.isoformat() < start) or (end and day.isoformat() > end):
                continue
            if rng.random() > 0.22 * skill:
                continue
            book = customers[rep]
            if not book or rng.random() < 0.18:
                book.append(f"{rep.split()[1]} Client {len(book) + 1:02d}")
            customer = rng.choice(book)
            product = rng.choices(list(PRODUCTS), (4, 3, 2, 1))[0]
            quantity = rng.randrange(1, 6)
            discount = rng.choice(("0", "0.05", "0.1", "0.15", ""))
            rows.append(
                [
                    f"SO{number:05d}",
                    rep,
                    customer,
                    product,
                    f"{PRODUCTS[product]:.2f}",
                    quantity,
                    discount,
                    day.isoformat(),
                ]
            )
            number += 1
    return rows


def write_key_accounts() -> None:
    KEY_ACCOUNTS.mkdir(exist_ok=True)
    rng = random.Random(2026)
    _write_csv(
        KEY_ACCOUNTS / "roster.csv",
        ["Employee", "Team", "Start Date", "End Date", "Bonus Base"],
        [[rep, team, start, end, f"{base:,}"] for rep, team, start, end, base, _ in REPS],
    )
    _write_csv(
        KEY_ACCOUNTS / "orders.csv",
        [
            "Order ID",
            "Owner",
            "Customer",
            "Product",
            "UnitPrice",
            "Quantity",
            "Discount",
            "Order Date",
        ],
        _orders(rng),
    )
    holidays = [d.isoformat() for d in _days(dt.date(2026, 10, 1), dt.date(2026, 10, 7))]
    _write_csv(KEY_ACCOUNTS / "holidays.csv", ["Holiday"], [[d] for d in holidays])
    _write_csv(KEY_ACCOUNTS / "makeup.csv", ["Workday"], [["2026-09-27"], ["2026-10-10"]])


def main() -> None:
    write_presales_360()
    write_key_accounts()


if __name__ == "__main__":
    main()
