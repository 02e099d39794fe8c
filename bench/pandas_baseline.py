"""An idiomatic pandas script computing the benchmark scorecard, the way one is written by hand.

python bench/pandas_baseline.py FILE  — prints JSON {person: [total, rank]} and team totals.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

TARGETS = {
    "revenue": 10_000_000,
    "won_deals": 500,
    "accounts": 1200,
    "win_rate": 0.45,
    "cycle_days": 60,
}
WEIGHTS = {
    "revenue": 30,
    "won_deals": 15,
    "accounts": 15,
    "win_rate": 15,
    "cycle_days": 15,
    "big_deals": 10,
}
BANDS = [(30000, 100), (20000, 80), (10000, 60), (0, 0)]


def read(path: Path) -> pd.DataFrame:
    if path.suffix == ".xlsx":
        return pd.read_excel(path, dtype=str, engine="calamine")
    encoding = "gb18030" if "gb18030" in path.name else "utf-8"
    return pd.read_csv(path, dtype=str, encoding=encoding, keep_default_na=False)


def kpis(df: pd.DataFrame, by: str) -> pd.DataFrame:
    won = df["Stage"] == "Won"
    decided = df["Stage"].isin(["Won", "Lost"])
    positive = df["amount"] > 0
    out = pd.DataFrame(
        {
            "revenue": df[won].groupby(by)["amount"].sum(),
            "won_deals": df[won & df["Type"].isin(["New", "Upsell"])].groupby(by).size(),
            "accounts": df[decided].groupby(by)["Account"].nunique(),
            "wins": df[won & positive].groupby(by).size(),
            "decided": df[decided & positive].groupby(by).size(),
            "cycle_days": df[won].groupby(by)["days"].mean(),
            "big_deals": df[won & (df["amount"] >= 1000)].groupby(by)["amount"].mean(),
        }
    )
    out["win_rate"] = out["wins"] / out["decided"]
    return out


def score(table: pd.DataFrame, targets: dict[str, float]) -> pd.Series:
    """Weighted total with threshold 0.5 / cap 1.2 and bands for big_deals."""
    scores = pd.DataFrame(index=table.index)
    for kpi in ("revenue", "won_deals", "accounts", "win_rate"):
        attained = table[kpi].fillna(0 if kpi != "win_rate" else np.nan) / targets[kpi]
        scores[kpi] = np.where(attained < 0.5, 0, 100 * np.minimum(attained, 1.2))
        scores[kpi] = scores[kpi].where(attained.notna(), 0)
    cycle = targets["cycle_days"] / table["cycle_days"]
    cycle = cycle.where(table["cycle_days"] != 0, 1.2)
    scores["cycle_days"] = np.where(cycle < 0.5, 0, 100 * np.minimum(cycle, 1.2))
    scores["cycle_days"] = scores["cycle_days"].where(cycle.notna(), 0)
    big = table["big_deals"]
    scores["big_deals"] = np.select([big >= b for b, _ in BANDS], [s for _, s in BANDS], 0)
    scores["big_deals"] = scores["big_deals"].where(big.notna(), 0)
    weights = pd.Series(WEIGHTS)
    return (scores[weights.index] * weights).sum(axis=1) / weights.sum()


def main() -> None:
    path = Path(sys.argv[1])
    roster = pd.read_csv(path.parent / "roster.csv", dtype=str)
    df = read(path)
    df["amount"] = pd.to_numeric(df["Amount"].str.replace(",", ""), errors="coerce")
    closed = pd.to_datetime(df["Close Date"].str[:10], errors="coerce")
    created = pd.to_datetime(df["Created Date"].str[:10], errors="coerce")
    df["days"] = (closed - created).dt.days
    df = df[(closed.dt.year == 2026) & df["Owner"].isin(roster["Owner"])]
    df = df.merge(roster, on="Owner")
    people = kpis(df, "Owner").reindex(roster["Owner"])
    people_total = score(people, TARGETS)
    ranks = people_total.round(9).rank(ascending=False, method="min").astype(int)
    members = roster.groupby("Team").size()
    team_targets = {
        k: v * members for k, v in TARGETS.items() if k in ("revenue", "won_deals", "accounts")
    }
    team_targets |= {k: TARGETS[k] for k in ("win_rate", "cycle_days")}
    teams = kpis(df, "Team").reindex(members.index)
    team_total = pd.Series(0.0, index=teams.index)
    for team in teams.index:
        row = teams.loc[[team]]
        targets = {k: (v[team] if isinstance(v, pd.Series) else v) for k, v in team_targets.items()}
        team_total[team] = score(row, targets).iloc[0]
    print(
        json.dumps(
            {
                "people": {p: [people_total[p], int(ranks[p])] for p in people_total.index},
                "teams": {t: team_total[t] for t in team_total.index},
            }
        )
    )


if __name__ == "__main__":
    main()
