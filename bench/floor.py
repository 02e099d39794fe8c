"""The floor: bare polars reading an export and computing the benchmark KPIs per person.

python bench/floor.py FILE [--json]  — no config, no validation, no scoring: only the
reading and the aggregates `scorecard run` also has to do.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polars as pl


def read(path: Path) -> pl.DataFrame:
    """The export as text columns (GB18030 decoded first; .xlsx through fastexcel)."""
    if path.suffix == ".xlsx":
        import fastexcel

        return fastexcel.read_excel(str(path)).load_sheet(0, dtypes="string").to_polars()
    if "gb18030" in path.name:
        data = path.read_bytes().decode("gb18030").encode("utf-8")
        return pl.read_csv(data, infer_schema=False)
    return pl.read_csv(path, infer_schema=False)


def actuals(frame: pl.DataFrame, roster: set[str]) -> pl.DataFrame:
    """Per person: revenue, won_deals, accounts, win_rate, cycle_days, big_deals (2026)."""
    amount = pl.col("Amount").str.replace_all(",", "").cast(pl.Float64)
    closed = pl.col("Close Date").str.slice(0, 10).str.to_date(strict=False)
    created = pl.col("Created Date").str.slice(0, 10).str.to_date(strict=False)
    stage = pl.col("Stage")
    won = stage == "Won"
    decided = stage.is_in(["Won", "Lost"])
    in_year = closed.dt.year() == 2026
    kept = frame.filter(in_year & pl.col("Owner").is_in(list(roster)))
    return kept.group_by("Owner").agg(
        amount.filter(won).sum().alias("revenue"),
        (won & pl.col("Type").is_in(["New", "Upsell"])).sum().alias("won_deals"),
        pl.col("Account").filter(decided).n_unique().alias("accounts"),
        ((won & (amount > 0)).sum() / (decided & (amount > 0)).sum()).alias("win_rate"),
        (closed - created).dt.total_days().filter(won).mean().alias("cycle_days"),
        amount.filter(won & (amount >= 1000)).mean().alias("big_deals"),
    )


def main() -> None:
    path = Path(sys.argv[1])
    roster = set(pl.read_csv(path.parent / "roster.csv")["Owner"].to_list())
    result = actuals(read(path), roster)
    if "--json" in sys.argv:
        print(json.dumps({r["Owner"]: r for r in result.to_dicts()}, default=str))
    else:
        print(result.height)


if __name__ == "__main__":
    main()
