"""A deterministic CRM export shaped like the public "CRM sales opportunities" data set.

`write_dataset` writes two files:

- ``sales_pipeline.csv``: ``opportunity_id,sales_agent,product,account,deal_stage,
  engage_date,close_date,close_value`` — one row per opportunity. ``deal_stage`` is
  Won, Lost, Engaging or Prospecting; open deals (Engaging/Prospecting) have no
  close date and no close value; lost deals close at 0; won deals close at an
  integer amount.
- ``sales_teams.csv``: ``sales_agent,manager,regional_office`` — 35 agents under
  6 managers in the Central, East and West offices.

The export is a little messy, as real ones are: a handful of rows name agents who
are not on the team list, a few spell a listed agent with other case, stray spaces
or full-width letters, a few stages carry trailing spaces, two won deals have no
amount, and two listed agents have no deals at all.

`write_config` writes a scorecard YAML scoring the agents on six KPIs.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

PIPELINE_FILE = "sales_pipeline.csv"
TEAMS_FILE = "sales_teams.csv"
PIPELINE_COLUMNS = [
    "opportunity_id",
    "sales_agent",
    "product",
    "account",
    "deal_stage",
    "engage_date",
    "close_date",
    "close_value",
]
TEAM_COLUMNS = ["sales_agent", "manager", "regional_office"]

FIRST_DATE = dt.date(2025, 10, 1)
LAST_DATE = dt.date(2026, 12, 31)
ROWS = 8000

# product -> (list price, relative frequency)
PRODUCTS = {
    "GTX Basic": (550, 16),
    "GTX Pro": (4821, 14),
    "MG Special": (55, 16),
    "MG Advanced": (3393, 16),
    "GTX Plus Basic": (1096, 16),
    "GTX Plus Pro": (5482, 12),
    "GTK 500": (26768, 1),
}

OFFICES = {
    "Central": ["Dustin Brinkmann", "Melvin Marxen"],
    "East": ["Cara Losch", "Rocco Neubert"],
    "West": ["Celia Rouche", "Summer Sewald"],
}

_FIRST = [
    "Anna",
    "Boris",
    "Carla",
    "Darcel",
    "Elease",
    "Garret",
    "Gladys",
    "Hayden",
    "Jonathan",
    "Kami",
    "Kary",
    "Lajuana",
    "Maureen",
    "Marty",
    "Moses",
    "Niesha",
    "Rosalina",
    "Reed",
    "Vicki",
    "Versie",
    "Wilburn",
    "Zane",
    "Violet",
    "Markita",
    "Hilde",
    "Corliss",
    "Donn",
    "Cecily",
    "Rosie",
    "James",
    "Daniell",
    "Elizabeth",
    "Cassey",
    "Boris",
    "Ulrich",
]
_LAST = [
    "Snyder",
    "Faris",
    "Hayes",
    "Hammack",
    "Duck",
    "Cheatham",
    "Farfan",
    "Hunter",
    "Cantrell",
    "Bohn",
    "Cane",
    "Vanover",
    "Brockus",
    "Hellstrom",
    "Frase",
    "Koziol",
    "Smith",
    "Weidman",
    "Laflamme",
    "Hagan",
    "Farr",
    "Levitsky",
    "Meyers",
    "Thibodeaux",
    "Leonard",
    "Cosgrove",
    "Bolton",
    "Gomez",
    "Pham",
    "Perez",
    "Salazar",
    "Majewski",
    "Cress",
    "Iszlai",
    "Zimmer",
]
_ACCOUNT_STEMS = [
    "Acme",
    "Betasoloin",
    "Betatech",
    "Bioholding",
    "Bioplex",
    "Blackzim",
    "Bluth",
    "Bubba",
    "Cancity",
    "Cheers",
    "Codehow",
    "Condax",
    "Conecom",
    "Dalttechnology",
    "Dambase",
    "Domzoom",
    "Doncon",
    "Donquadtech",
    "Dontechi",
    "Donware",
    "Fasehatice",
    "Faxquote",
    "Finhigh",
    "Finjob",
    "Funholding",
    "Ganjaflex",
    "Gekko",
    "Genco",
    "Globex",
    "Goodsilron",
    "Golddex",
    "Gogozoom",
    "Groovestreet",
    "Hatfan",
    "Hottechi",
    "Initech",
    "Inity",
    "Isdom",
    "Iselectrics",
    "J-Texon",
    "Kan-code",
    "Kinnamplus",
    "Konex",
    "Konmatfix",
    "Labdrill",
    "Lexiqvolax",
    "Massive",
    "Mathtouch",
    "Nam-zim",
    "Newex",
    "Ontomedia",
    "Opentech",
    "Plexzap",
    "Plusstrip",
    "Plussunin",
    "Rangreen",
    "Rantouch",
    "Ron-tech",
    "Rundofase",
    "Scotfind",
    "Scottech",
    "Silis",
    "Singletechno",
    "Sonron",
    "Stanredtax",
    "Statholdings",
    "Streethex",
    "Sumace",
    "Sunnamplex",
    "Treequote",
    "Tranquote",
    "Umbrella",
    "Toughzap",
    "Treetech",
    "Warephase",
    "Xx-holding",
    "Xx-zobam",
    "Y-corporation",
    "Zathunicon",
    "Zencorporation",
    "Zoomit",
    "Zotware",
    "Zumgoity",
    "Xinhua",
    "Vehement",
]
_STRANGERS = ["Jordan Vale", "Unassigned", "Tomasz Wirth"]


def _agents(rng: random.Random) -> list[dict[str, str]]:
    """35 agents, 5-6 per manager, 2 managers per office."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < 35:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    managers = [(m, office) for office, ms in OFFICES.items() for m in ms]
    teams = []
    for i, name in enumerate(names):
        manager, office = managers[i % len(managers)]
        teams.append({"sales_agent": name, "manager": manager, "regional_office": office})
    return teams


def _opportunity_id(rng: random.Random, used: set[str]) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    while True:
        oid = "".join(rng.choice(alphabet) for _ in range(8))
        if oid not in used:
            used.add(oid)
            return oid


def _full_width(text: str) -> str:
    """ASCII letters and digits folded to their full-width forms (spaces kept)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() and c.isascii() else c for c in text)


def generate(seed: int = 20260301) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(pipeline rows, team rows), every value a string as it would be in the CSV."""
    rng = random.Random(seed)
    teams = _agents(rng)
    agents = [t["sales_agent"] for t in teams]
    idle = set(rng.sample(agents, 2))
    active = [a for a in agents if a not in idle]
    # each agent has a volume, a win rate, a deal-size mix and a speed
    profile = {
        a: {
            "volume": rng.uniform(0.55, 1.5),
            "win": rng.uniform(0.45, 0.78),
            "upmarket": rng.uniform(0.6, 1.5),
            "speed": rng.uniform(0.6, 1.5),
        }
        for a in active
    }
    accounts = list(_ACCOUNT_STEMS)
    products = list(PRODUCTS)
    span = (LAST_DATE - FIRST_DATE).days
    used: set[str] = set()
    rows: list[dict[str, str]] = []
    weights = [profile[a]["volume"] for a in active]
    for _ in range(ROWS):
        agent = rng.choices(active, weights=weights)[0]
        p = profile[agent]
        mix = [
            PRODUCTS[name][1] * (p["upmarket"] if PRODUCTS[name][0] > 2000 else 1.0)
            for name in products
        ]
        product = rng.choices(products, weights=mix)[0]
        engage = FIRST_DATE + dt.timedelta(days=rng.randint(0, span))
        cycle = int(rng.expovariate(1 / (45 * p["speed"])))
        if rng.random() < 0.01:
            cycle = 0  # closed the day it was engaged
        close = engage + dt.timedelta(days=cycle)
        roll = rng.random()
        if close > LAST_DATE or roll < 0.14:
            stage = "Engaging" if rng.random() < 0.75 else "Prospecting"
        elif rng.random() < p["win"]:
            stage = "Won"
        else:
            stage = "Lost"
        if stage == "Won":
            price = PRODUCTS[product][0]
            value = str(round(price * rng.uniform(0.82, 1.12)))
        elif stage == "Lost":
            value = "0"
        else:
            value = ""
        rows.append(
            {
                "opportunity_id": _opportunity_id(rng, used),
                "sales_agent": agent,
                "product": product,
                "account": rng.choice(accounts),
                "deal_stage": stage,
                "engage_date": engage.isoformat(),
                "close_date": close.isoformat() if stage in ("Won", "Lost") else "",
                "close_value": value,
            }
        )

    # the mess
    closed = [i for i, r in enumerate(rows) if r["deal_stage"] in ("Won", "Lost")]
    won = [i for i, r in enumerate(rows) if r["deal_stage"] == "Won"]
    picks = rng.sample(closed, 24)
    for i in picks[:7]:  # agents who are not on the team list
        rows[i]["sales_agent"] = rng.choice(_STRANGERS)
    for i in picks[7:11]:  # other case
        rows[i]["sales_agent"] = rows[i]["sales_agent"].upper()
    for i in picks[11:15]:  # stray spaces
        rows[i]["sales_agent"] = "  " + rows[i]["sales_agent"] + " "
    for i in picks[15:17]:  # full-width letters, as typed with a CJK input method
        rows[i]["sales_agent"] = _full_width(rows[i]["sales_agent"])
    for i in picks[17:21]:  # stage with trailing spaces
        rows[i]["deal_stage"] = rows[i]["deal_stage"] + "  "
    for i in [j for j in rng.sample(won, 6) if j not in picks][:2]:  # won with no amount
        rows[i]["close_value"] = ""
    return rows, teams


def write_dataset(dirpath: str | Path, seed: int = 20260301) -> tuple[Path, Path]:
    """Write sales_pipeline.csv and sales_teams.csv into `dirpath`; return their paths."""
    folder = Path(dirpath)
    folder.mkdir(parents=True, exist_ok=True)
    rows, teams = generate(seed)
    pipeline = folder / PIPELINE_FILE
    with pipeline.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=PIPELINE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    roster = folder / TEAMS_FILE
    with roster.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=TEAM_COLUMNS)
        writer.writeheader()
        writer.writerows(teams)
    return pipeline, roster


TARGETS_FILE = "targets.csv"


def config_dict(method: str = "pooled", depth: bool = False) -> dict[str, Any]:
    """The scorecard definition used with this data set.

    `depth` adds what the plain config leaves out: a fiscal year from April, KPIs
    with no value excluded (`missing: exclude`) and a per-person targets file.
    """
    config = _base_config(method)
    if depth:
        config["fiscal_year_start"] = 4
        config["scoring"]["missing"] = "exclude"
        config["targets"]["file"] = TARGETS_FILE
    return config


def write_targets(dirpath: str | Path, teams: list[dict[str, str]]) -> Path:
    """A targets file: every third agent's revenue for any period, some for fiscal 2026-Q2."""
    path = Path(dirpath) / TARGETS_FILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person", "kpi", "target", "period"])
        for index, agent in enumerate(teams):
            name = agent["sales_agent"]
            if index % 3 == 0:
                writer.writerow([name, "revenue", 15000 + 500 * index, ""])
            if index % 4 == 1:
                writer.writerow([name, "won_deals", 5 + index % 5, ""])
                writer.writerow([name, "revenue", 40000 + 1000 * index, "2026-Q2"])
    return path


def _base_config(method: str) -> dict[str, Any]:
    won = {"deal_stage": "Won"}
    return {
        "version": 1,
        "title": "CRM pipeline scorecard",
        "currency": "USD",
        "period": "month",
        "fiscal_year_start": 1,
        "sources": {
            "pipeline": {
                "path": PIPELINE_FILE,
                "person": "sales_agent",
                "date": "close_date",
            }
        },
        "roster": {"path": TEAMS_FILE, "person": "sales_agent", "team": "regional_office"},
        "kpis": {
            "revenue": {
                "label": "Won revenue",
                "source": "pipeline",
                "measure": {"sum": "close_value"},
                "where": dict(won),
                "unit": "currency",
            },
            "won_deals": {
                "label": "Deals won",
                "source": "pipeline",
                "measure": {"count": "rows"},
                "where": dict(won),
            },
            "win_rate": {
                "label": "Win rate",
                "source": "pipeline",
                "measure": {
                    "ratio": {
                        "numerator": {"count": "rows", "where": dict(won)},
                        "denominator": {"count": "rows", "where": {"deal_stage": ["Won", "Lost"]}},
                    }
                },
                "unit": "percent",
            },
            "cycle": {
                "label": "Sales cycle (days)",
                "source": "pipeline",
                "measure": {"mean_days": ["engage_date", "close_date"]},
                "where": dict(won),
                "better": "lower",
                "unit": "days",
            },
            "avg_deal": {
                "label": "Average deal",
                "source": "pipeline",
                "measure": {"mean": "close_value"},
                "where": dict(won),
                "unit": "currency",
                "scoring": {"curve": [[0.5, 25], [1.0, 100], [1.5, 150]]},
            },
            "accounts": {
                "label": "Accounts won",
                "source": "pipeline",
                "measure": {"count_distinct": "account"},
                "where": dict(won),
                "scoring": {
                    "bands": [
                        {"min": 10, "score": 100},
                        {"min": 5, "score": 60},
                        {"min": 0, "score": 0},
                    ]
                },
            },
        },
        "targets": {
            "defaults": {
                "revenue": 18000,
                "won_deals": 7,
                "win_rate": 0.62,
                "cycle": 42,
                "avg_deal": 2300,
            },
            "by_team": {"East": {"revenue": 21000, "won_deals": 8, "accounts": 6}},
            "teams": {"West": {"revenue": 200000, "win_rate": 0.6, "cycle": 38}},
        },
        "scorecards": {
            "sales": {
                "revenue": 30,
                "won_deals": 10,
                "win_rate": 20,
                "cycle": 15,
                "avg_deal": 15,
                "accounts": 5,
            }
        },
        "scoring": {"threshold": 0.5, "cap": 1.2, "missing": "zero"},
        "grades": [
            {"grade": "A", "min": 90},
            {"grade": "B", "min": 75},
            {"grade": "C", "min": 60},
            {"grade": "D", "min": 0},
        ],
        "teams": {"method": method, "scorecard": "sales"},
    }


def write_config(dirpath: str | Path, method: str = "pooled", depth: bool = False) -> Path:
    """Write scorecard.yaml (beside the data files) for team method `method`; return its path."""
    folder = Path(dirpath)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "scorecard.yaml"
    text = yaml.safe_dump(config_dict(method, depth), sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path
