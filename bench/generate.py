"""Deterministic benchmark exports: python bench/generate.py --rows 1000000 [--xlsx].

Writes into bench/data/: deals-<N>.csv (UTF-8, plain amounts), deals-<N>-gb18030.csv
(the same rows in GB18030), deals-<N>-text.csv (amounts as quoted text with
thousands separators), deals-<N>.xlsx (with --xlsx), and roster.csv: 500 people
(Chinese and English names) in 25 teams, 12 months of 2026, Won/Lost/Open stages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PEOPLE = 500
TEAMS = 25
HEADER = ["Deal ID", "Owner", "Account", "Stage", "Amount", "Created Date", "Close Date", "Type"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
FIRST = ["Alice", "Bob", "Carol", "David", "Emma", "Frank", "Grace", "Henry", "Ivy", "Jack"]
LAST = ["Chen", "Smith", "Garcia", "Kim", "Müller", "Rossi", "Tanaka", "Nair", "Walsh", "Park"]


def people() -> list[tuple[str, str]]:
    """(name, team) for 500 people: half Chinese names, half English."""
    rng = random.Random(500)
    names: list[str] = []
    while len(names) < PEOPLE:
        if len(names) % 2:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {len(names)}"
        if name not in names:
            names.append(name)
    return [(name, f"Team {index % TEAMS + 1:02d}") for index, name in enumerate(names)]


def deals(rows: int) -> list[list[object]]:
    """The deal rows (amounts as numbers, dates as dates; Open deals have no close date)."""
    rng = random.Random(rows)
    names = [name for name, _ in people()] + ["Former Rep"]
    weights = [1.0] * PEOPLE + [0.2]
    start = dt.date(2026, 1, 1)
    out: list[list[object]] = []
    for index in range(rows):
        stage = rng.choices(("Won", "Lost", "Open"), (0.35, 0.45, 0.2))[0]
        closed = start + dt.timedelta(days=rng.randrange(365))
        created = closed - dt.timedelta(days=rng.randrange(3, 120))
        amount = round(rng.lognormvariate(9.5, 0.8), 2)
        out.append(
            [
                f"D{index:07d}",
                rng.choices(names, weights)[0],
                f"Account {rng.randrange(20_000)}",
                stage,
                amount,
                created,
                None if stage == "Open" else closed,
                rng.choice(("New", "Renewal", "Upsell")),
            ]
        )
    return out


def _csv_cell(value: object, text_amounts: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f'"{value:,.2f}"' if text_amounts else f"{value:.2f}"
    return str(value)


def write_csv(path: Path, rows: list[list[object]], encoding: str, text_amounts: bool) -> None:
    lines = [",".join(HEADER)]
    lines += [",".join(_csv_cell(v, text_amounts) for v in row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Deals")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def write_roster(path: Path) -> None:
    lines = ["Owner,Team"] + [f"{name},{team}" for name, team in people()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def paths(rows: int, xlsx: bool = False, folder: Path = DATA) -> dict[str, Path]:
    """Where the exports for `rows` rows live."""
    found = {
        "csv": folder / f"deals-{rows}.csv",
        "gb18030": folder / f"deals-{rows}-gb18030.csv",
        "text": folder / f"deals-{rows}-text.csv",
        "roster": folder / "roster.csv",
    }
    if xlsx:
        found["xlsx"] = folder / f"deals-{rows}.xlsx"
    return found


def generate(rows: int, xlsx: bool = False, folder: Path = DATA) -> dict[str, Path]:
    """Write the exports for `rows` rows (skipping files already there); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = paths(rows, xlsx, folder)
    if all(p.exists() for p in written.values()):
        return written
    data = deals(rows)
    write_csv(written["csv"], data, "utf-8", text_amounts=False)
    write_csv(written["gb18030"], data, "gb18030", text_amounts=False)
    write_csv(written["text"], data, "utf-8", text_amounts=True)
    if xlsx:
        write_xlsx(written["xlsx"], data)
    write_roster(written["roster"])
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx", action="store_true")
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    for name, path in generate(args.rows, args.xlsx, args.out).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
