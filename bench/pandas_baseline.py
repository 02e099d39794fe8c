"""The benchmark scorecard written by hand in pandas, the way an analyst would.

    python bench/pandas_baseline.py FILE [--roster ROSTER] [--targets TARGETS]

FILE is any of the generated exports (deals.csv, deals-gb18030.csv, deals-text.csv
with amounts such as "12,500.00", deals-messy.csv with "￥12,500.00" and dates such
as 2026/3/1 and 2026年3月17日 14:05, deals.xlsx); the roster and the targets file
default to roster.csv and targets.csv beside it. The rules of bench/scorecard.yaml
are written out below: actuals per person, targets (file row for 2026, then the
row with no period, then by team, then the defaults), attainment, scores with the
threshold and cap, bands for the deal size, weighted totals, ranks overall and
within the team, and teams scored on their members' pooled rows.

Prints JSON: {"people": {person: {"team", "total", "rank", "team_rank"}},
"teams": {team: {"total", "rank"}}}.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

YEAR = "2026"
WEIGHTS = pd.Series(
    {
        "revenue": 30,
        "new_business": 15,
        "accounts": 15,
        "win_rate": 15,
        "cycle_days": 15,
        "deal_size": 10,
    },
    dtype=float,
)
DEFAULTS = {
    "revenue": 10_000_000,
    "new_business": 400,
    "accounts": 150,
    "win_rate": 0.4,
    "cycle_days": 45,
}
BY_TEAM = {"华南一组": {"win_rate": 0.45}, "Key Accounts": {"cycle_days": 60}}
ADDITIVE = ["revenue", "new_business", "accounts"]  # team target = sum of members' targets
LOWER_IS_BETTER = ["cycle_days"]
THRESHOLD, CAP = 0.5, 1.2
DEAL_SIZE_BANDS = [(25_000, 100), (20_000, 80), (15_000, 60), (0, 30)]


DATES = ["Created Date", "Close Date"]
# The forms the exports write dates in: ISO, 2026/3/1, datetimes, 2026年3月17日 14:05.
DATE_FORMS = ("%Y-%m-%d", "%Y/%m/%d")
DATETIME_FORMS = ("%Y-%m-%d %H:%M:%S", "%Y年%m月%d日 %H:%M")


def read_deals(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return pd.read_excel(path, engine="calamine", parse_dates=DATES)
    try:
        deals = pd.read_csv(path, thousands=",", parse_dates=DATES)
    except UnicodeDecodeError:  # saved by Excel or WPS on a Chinese system
        deals = pd.read_csv(path, thousands=",", parse_dates=DATES, encoding="gb18030")
    if not pd.api.types.is_numeric_dtype(deals["Amount"]):  # "￥12,500.00"
        deals["Amount"] = deals["Amount"].str.replace("[,￥]", "", regex=True).astype(float)
    for column in DATES:
        if not pd.api.types.is_datetime64_any_dtype(deals[column]):  # 2026年3月17日 14:05
            deals[column] = _dates(deals[column])
    return deals


def _dates(text: pd.Series) -> pd.Series:
    """A column of dates in the form of its first value, or datetimes in either form."""
    first = text.dropna().iloc[0]
    for form in DATE_FORMS:
        if not pd.isna(pd.to_datetime(first, format=form, errors="coerce")):
            return pd.to_datetime(text, format=form, errors="coerce")
    stamps = [pd.to_datetime(text, format=form, errors="coerce") for form in DATETIME_FORMS]
    return stamps[0].fillna(stamps[1]).dt.normalize()


def actuals(deals: pd.DataFrame, by: str) -> pd.DataFrame:
    """The six KPI actuals per value of `by`."""
    won = deals["Stage"] == "Won"
    decided = deals["Stage"].isin(["Won", "Lost"])
    priced = deals["Amount"] > 0
    recent = deals["Created Date"] >= "2025-10-01"
    groups = deals.assign(
        won_amount=deals["Amount"].where(won),
        new_business=won & deals["Type"].isin(["New", "Upsell"]),
        account=deals["Account"].where(deals["Stage"] != "Lost"),
        priced_won=won & priced,
        priced_decided=decided & priced,
        cycle=(deals["Close Date"] - deals["Created Date"]).dt.days.where(won & recent),
        big_amount=deals["Amount"].where(won & (deals["Amount"] >= 1000)),
    ).groupby(by)
    out = groups.agg(
        revenue=("won_amount", "sum"),
        new_business=("new_business", "sum"),
        accounts=("account", "nunique"),
        wins=("priced_won", "sum"),
        decided=("priced_decided", "sum"),
        cycle_days=("cycle", "mean"),
        deal_size=("big_amount", "mean"),
    )
    out["win_rate"] = (out["wins"] / out["decided"]).where(out["decided"] > 0)
    return out[WEIGHTS.index]


def targets_per_person(roster: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Each person's target per KPI: file (this year, then any period), by team, defaults."""
    rows = pd.read_csv(path, dtype={"period": str})
    rows = rows[rows["period"].isna() | (rows["period"] == YEAR)]
    rows = rows.assign(specific=rows["period"].notna()).sort_values("specific", kind="stable")
    from_file = rows.pivot_table(index="person", columns="kpi", values="target", aggfunc="last")
    team_rules = pd.DataFrame.from_dict(BY_TEAM, orient="index")
    by_team = team_rules.reindex(roster["Team"]).set_axis(roster["Person"])
    defaults = pd.DataFrame([DEFAULTS] * len(roster), index=roster["Person"])
    kpis = [k for k in WEIGHTS.index if k in DEFAULTS]
    return (
        from_file.reindex(index=roster["Person"], columns=kpis)
        .fillna(by_team.reindex(columns=kpis))
        .fillna(defaults[kpis])
    )


def scores(actual: pd.DataFrame, target: pd.DataFrame) -> pd.DataFrame:
    """KPI scores: 100 × attainment between the threshold and the cap; bands on deal size."""
    target = target.reindex(actual.index)
    attainment = actual[target.columns] / target
    for kpi in LOWER_IS_BETTER:
        attainment[kpi] = (target[kpi] / actual[kpi]).where(actual[kpi] != 0, CAP)
    out = (100 * attainment.clip(upper=CAP)).where(attainment >= THRESHOLD, 0.0).fillna(0.0)
    size = actual["deal_size"]
    bands = np.select([size >= low for low, _ in DEAL_SIZE_BANDS], [s for _, s in DEAL_SIZE_BANDS])
    out["deal_size"] = pd.Series(bands, index=size.index, dtype=float)
    return out[WEIGHTS.index]


def totals(score: pd.DataFrame) -> pd.Series:
    return (score * WEIGHTS).sum(axis=1) / WEIGHTS.sum()


def ranks(total: pd.Series) -> pd.Series:
    """1, 2, 2, 4: equal totals (to 9 decimals) share a rank."""
    return total.round(9).rank(method="min", ascending=False).astype(int)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", type=Path)
    parser.add_argument("--roster", type=Path)
    parser.add_argument("--targets", type=Path)
    args = parser.parse_args()
    roster = pd.read_csv(args.roster or args.file.parent / "roster.csv")
    target = targets_per_person(roster, args.targets or args.file.parent / "targets.csv")

    deals = read_deals(args.file)
    deals = deals[deals["Close Date"].dt.year.eq(int(YEAR))]
    deals = deals.merge(roster, left_on="Owner", right_on="Person")  # unknown people drop out

    people = actuals(deals, "Person").reindex(roster["Person"])
    people[ADDITIVE] = people[ADDITIVE].fillna(0)  # nobody's rows: counts and sums are 0
    people["total"] = totals(scores(people, target))
    people["team"] = roster.set_index("Person")["Team"]
    people["rank"] = ranks(people["total"])
    people["team_rank"] = people.groupby("team")["total"].transform(ranks)

    teams = actuals(deals, "Team").reindex(roster["Team"].unique())
    teams[ADDITIVE] = teams[ADDITIVE].fillna(0)
    member_targets = target.groupby(roster.set_index("Person")["Team"])
    team_target = pd.concat(
        [
            member_targets[ADDITIVE].sum(),
            member_targets[target.columns.difference(ADDITIVE)].mean(),
        ],
        axis=1,
    )
    teams["total"] = totals(scores(teams, team_target))
    teams["rank"] = ranks(teams["total"])

    result = {
        "people": {
            person: {
                "team": row["team"],
                "total": row["total"],
                "rank": int(row["rank"]),
                "team_rank": int(row["team_rank"]),
            }
            for person, row in people.iterrows()
        },
        "teams": {
            team: {"total": row["total"], "rank": int(row["rank"])}
            for team, row in teams.iterrows()
        },
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
