"""The floor: bare polars reading an export and computing the benchmark's KPI actuals.

    python bench/floor.py FILE [--roster ROSTER] [--json]

FILE is any of the generated exports (deals.csv, deals-gb18030.csv, deals-text.csv,
deals-messy.csv, deals.xlsx); ROSTER defaults to roster.csv beside it. For every roster person with
rows closed in 2026 it computes the six actuals of bench/scorecard.yaml - revenue,
new_business, accounts, win_rate, cycle_days, deal_size - with the same filters,
in one group_by. No config, no validation, no data-quality checks, no targets or
scores: only the reading and the aggregation that any scoring run has to do.

Prints the number of people and the total revenue; --json prints every actual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import polars as pl

KPIS = ("revenue", "new_business", "accounts", "win_rate", "cycle_days", "deal_size")


def read(path: Path) -> pl.DataFrame:
    """The export as a frame, types inferred (decoded from GB18030 when it is not UTF-8)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import fastexcel

        return fastexcel.read_excel(path).load_sheet(0).to_polars()
    try:
        return pl.read_csv(path, try_parse_dates=True)
    except pl.exceptions.ComputeError:  # not UTF-8: decode it first
        return pl.read_csv(path, try_parse_dates=True, encoding="gb18030")


def _number(frame: pl.DataFrame, column: str) -> pl.Expr:
    """A number column, also when it holds text with thousands separators and ￥."""
    if frame.schema[column] == pl.String:
        return pl.col(column).str.replace_all("[,￥]", "").cast(pl.Float64)
    return pl.col(column).cast(pl.Float64)


# The forms the exports write dates in: ISO, 2026/3/1, datetimes, 2026年3月17日 14:05.
DATE_FORMS = ("%Y-%m-%d", "%Y/%m/%d")
DATETIME_FORMS = ("%Y-%m-%d %H:%M:%S", "%Y年%m月%d日 %H:%M")


def _date(frame: pl.DataFrame, column: str) -> pl.Expr:
    """A date column (text in CSV, date or datetime cells in a workbook)."""
    if frame.schema[column] != pl.String:
        return pl.col(column).cast(pl.Date)
    text = pl.col(column)
    first = text.drop_nulls().first()
    for form in DATE_FORMS:  # a column in one form: that form
        if frame.select(first.str.to_date(form, strict=False)).item() is not None:
            return text.str.to_date(form, strict=False)
    # datetimes, in either form: each cell as the form that reads it
    stamps = (text.str.to_datetime(form, strict=False) for form in DATETIME_FORMS)
    return pl.coalesce(stamps).dt.date()


def actuals(frame: pl.DataFrame, roster: list[str]) -> pl.DataFrame:
    """One row per roster person with rows closed in 2026: Owner and the six actuals."""
    amount = _number(frame, "Amount")
    closed = _date(frame, "Close Date")
    created = _date(frame, "Created Date")
    stage = pl.col("Stage")
    won = stage == "Won"
    decided = stage.is_in(["Won", "Lost"])
    priced = amount > 0
    return (
        frame.lazy()
        .filter(closed.dt.year() == 2026, pl.col("Owner").is_in(roster))
        .group_by("Owner")
        .agg(
            amount.filter(won).sum().alias("revenue"),
            (won & pl.col("Type").is_in(["New", "Upsell"])).sum().alias("new_business"),
            pl.col("Account").filter(stage != "Lost").n_unique().alias("accounts"),
            pl.when((decided & priced).sum() > 0)
            .then((won & priced).sum() / (decided & priced).sum())
            .alias("win_rate"),
            (closed - created)
            .dt.total_days()
            .filter(won & (created >= dt.date(2025, 10, 1)))
            .mean()
            .alias("cycle_days"),
            amount.filter(won & (amount >= 1000)).mean().alias("deal_size"),
        )
        .collect()
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--roster", type=Path)
    parser.add_argument("--json", action="store_true", help="print every actual as JSON")
    args = parser.parse_args()
    roster = pl.read_csv(args.roster or args.file.parent / "roster.csv")["Person"].to_list()
    result = actuals(read(args.file), roster)
    if args.json:
        people = {rec.pop("Owner"): rec for rec in result.to_dicts()}
        print(json.dumps(people, ensure_ascii=False, sort_keys=True))
    else:
        print(f"{result.height} people, revenue {result['revenue'].sum():,.2f}")


if __name__ == "__main__":
    main()
