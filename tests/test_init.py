"""`scorecard init`: every template and language validates and scores as written."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.config_load import load_config, read_yaml
from scorecard.errors import ConfigError
from scorecard.init import CONFIG_NAME, SCHEMA_NAME, init_project, next_commands
from scorecard.periods import default_period
from scorecard.pipeline import read_sources, score
from scorecard.templates import LANGS, TEMPLATES

CASES = [(template, lang) for template in TEMPLATES for lang in LANGS]
IDS = [f"{template}-{lang}" for template, lang in CASES]
runner = CliRunner()


@pytest.mark.parametrize(("template", "lang"), CASES, ids=IDS)
def test_validate_and_run_without_edits(tmp_path: Path, template: str, lang: str) -> None:
    written = init_project(tmp_path, template, lang)
    config = tmp_path / CONFIG_NAME
    assert written[:2] == [config, tmp_path / SCHEMA_NAME]
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)

    checked = runner.invoke(app, ["validate", str(config)])
    assert checked.exit_code == 0, checked.output
    assert f"{config}: OK" in checked.stdout

    table = runner.invoke(app, ["run", str(config)])
    assert table.exit_code == 0, table.output
    assert table.stdout.strip()

    # --strict: the sample data has no warnings, so the cron recipe works on it too
    result = runner.invoke(app, ["run", str(config), "-f", "json", "--strict"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    kind = load_config(config).period
    assert report["period"]["label"] == default_period(kind, dt.date.today()).label
    assert len(report["people"]) == 6 + 2 * (template == "sales")
    for person in report["people"]:
        assert person["total"] is not None, person
        assert sum(k["rows"] for k in person["kpis"]) > 0, person
    assert len(report["teams"]) == 2
    assert not [i for i in report["issues"] if i["level"] != "info"]


@pytest.mark.parametrize(("template", "lang"), CASES, ids=IDS)
def test_config_points_editors_at_the_schema(tmp_path: Path, template: str, lang: str) -> None:
    init_project(tmp_path, template, lang)
    text = (tmp_path / CONFIG_NAME).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=./{SCHEMA_NAME}"
    schema = json.loads((tmp_path / SCHEMA_NAME).read_text(encoding="utf-8"))
    jsonschema.validate(read_yaml(tmp_path / CONFIG_NAME), schema)
    printed = runner.invoke(app, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == schema


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("today", [dt.date(2027, 1, 15), dt.date(2027, 1, 1), dt.date(2024, 3, 1)])
def test_any_day_scores_the_last_complete_period(
    tmp_path: Path, template: str, today: dt.date
) -> None:
    init_project(tmp_path, template, "zh", today=today)
    config = load_config(tmp_path / CONFIG_NAME)
    period = default_period(config.period, today, config.fiscal_year_start)
    report = score(config, read_sources(config), period)
    assert period.end < today
    assert all(p.total is not None for p in report.people)
    assert all(s.rows_in_period > 0 for s in report.sources)
    assert not [i for i in report.issues if i.level != "info"]


def test_year_boundary_periods(tmp_path: Path) -> None:
    today = dt.date(2027, 1, 15)
    labels = {}
    for template in TEMPLATES:
        init_project(tmp_path / template, template, "en", today=today)
        config = load_config(tmp_path / template / CONFIG_NAME)
        labels[template] = default_period(config.period, today).label
    assert labels == {"sales": "2026-12", "presales": "2026-12", "key-accounts": "2026-Q4"}
    with (tmp_path / "sales" / "deals.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # the three months before January 2027, and January up to yesterday; open deals: no date
    closed = [dt.date.fromisoformat(r["Close Date"]) for r in rows if r["Close Date"]]
    assert len(closed) < len(rows)
    assert min(closed) >= dt.date(2026, 10, 1)
    assert max(closed) < today
    assert {(d.year, d.month) for d in closed} == {(2026, 10), (2026, 11), (2026, 12), (2027, 1)}


@pytest.mark.parametrize(("template", "lang"), CASES, ids=IDS)
def test_same_day_same_bytes(tmp_path: Path, template: str, lang: str) -> None:
    today = dt.date(2026, 11, 3)
    first = init_project(tmp_path / "a", template, lang, today=today)
    second = init_project(tmp_path / "b", template, lang, today=today)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    later = init_project(tmp_path / "c", template, lang, today=today + dt.timedelta(days=40))
    assert first[2].read_bytes() != later[2].read_bytes()


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    init_project(tmp_path, "sales", "en")  # other files in the folder are fine
    (tmp_path / "roster.csv").write_text("edited", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        init_project(tmp_path, "sales", "en")
    message = str(error.value)
    for name in (CONFIG_NAME, SCHEMA_NAME, "deals.csv", "visits.xlsx", "roster.csv"):
        assert name in message
    assert "--force" in message
    assert (tmp_path / "roster.csv").read_text(encoding="utf-8") == "edited"

    written = init_project(tmp_path, "sales", "en", force=True)
    assert tmp_path / "roster.csv" in written
    assert (tmp_path / "roster.csv").read_text(encoding="utf-8") != "edited"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_one_existing_file_stops_everything(tmp_path: Path) -> None:
    (tmp_path / "人员.csv").write_text("姓名,团队\n", encoding="utf-8")
    with pytest.raises(
        ConfigError, match=re.escape("人员.csv already exists; nothing was written")
    ):
        init_project(tmp_path, "presales", "zh")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["人员.csv"]


def test_creates_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "project"
    written = init_project(folder, "key-accounts", "en")
    assert all(p.parent == folder for p in written)
    assert next_commands(folder) == [
        f"scorecard validate {folder / CONFIG_NAME}",
        f"scorecard run {folder / CONFIG_NAME}",
    ]
    assert next_commands(Path("my team")) == [
        "scorecard validate 'my team/scorecard.yaml'",
        "scorecard run 'my team/scorecard.yaml'",
    ]


@pytest.mark.parametrize(
    ("template", "lang", "message"),
    [
        ("sale", "en", "unknown template 'sale' — did you mean 'sales'?"),
        ("sales", "cn", "unknown language 'cn'"),
    ],
)
def test_unknown_choices(tmp_path: Path, template: str, lang: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        init_project(tmp_path, template, lang)
    assert not list(tmp_path.iterdir())


def test_chinese_exports_look_like_wps_exports(tmp_path: Path) -> None:
    init_project(tmp_path, "sales", "zh", today=dt.date(2026, 11, 3))
    raw = (tmp_path / "商机.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gb18030")
    assert text.startswith("商机编号,销售,客户,阶段,金额,创建日期,成交日期\r\n")
    assert '"￥' in text and "2026年10月" in text
    assert (tmp_path / "人员.csv").read_bytes().startswith("\ufeff工号,姓名".encode())
    assert (tmp_path / "目标.csv").read_bytes().startswith("\ufeff人员,指标,目标,期间".encode())
    config = (tmp_path / CONFIG_NAME).read_text(encoding="utf-8")
    assert "title: 销售团队月度记分卡" in config and "label: 销售额" in config


def _has_command(name: str) -> bool:
    return any(
        (c.name or getattr(c.callback, "__name__", "")) == name for c in app.registered_commands
    )


@pytest.mark.skipif(not _has_command("init"), reason="`scorecard init` is not registered")
def test_init_command(tmp_path: Path) -> None:
    folder = tmp_path / "团队"
    args = ["init", str(folder), "--template", "key-accounts", "--lang", "zh"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert f"wrote {folder / CONFIG_NAME}" in first.stdout
    assert f"scorecard run {folder / CONFIG_NAME}" in first.stdout
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "already exist" in again.output and "--force" in again.output
    assert f"{CONFIG_NAME}, scorecard.schema.json, " in again.output  # "a, b, … and z"
    # the list in the interface's words: 和, not "and"
    chinese = runner.invoke(app, ["--lang", "zh", *args])
    assert f"{CONFIG_NAME}, scorecard.schema.json, " in chinese.output
    assert " 和 " in chinese.output and " and " not in chinese.output
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    scored = runner.invoke(app, ["run", str(folder / CONFIG_NAME), "-f", "json"])
    assert scored.exit_code == 0, scored.output
