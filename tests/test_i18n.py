"""The interface in English and Chinese: a complete catalogue, the language switch, UTF-8."""

from __future__ import annotations

import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.i18n import LANGUAGES, MESSAGES, default_language, translator

ROOT = Path(__file__).resolve().parents[1]
ZH_CONFIG = ROOT / "examples/presales-zh/scorecard.yaml"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_fields(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES)
    fields = [
        {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in LANGUAGES
    ]
    assert fields[0] == fields[1], key
    assert all(texts[lang].strip() for lang in LANGUAGES)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US"}, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN"}, "en"),
        ({}, "en"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
    ],
)
def test_default_language(environ: dict[str, str], expected: str) -> None:
    assert default_language(environ) == expected


def test_translator_formats() -> None:
    assert translator("zh")("team_title", team="华东", total="90.0") == "华东 — 总分 90.0"
    assert translator("xx")("total") == "Total"


def test_chinese_table_and_markdown() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["--lang", "zh", "run", str(ZH_CONFIG), "--period", "2026-10", "-f", "markdown", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert "期间：2026-10（2026-10-01 至 2026-10-31）" in result.stdout
    assert "| # | 人员 | 支持商机数 |" in result.stdout
    table = runner.invoke(
        app, ["--lang", "zh", "run", str(ZH_CONFIG), "--period", "2026-10", "-q"]
    ).stdout
    assert "团队合计" in table and "总分" in table


def test_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    result = CliRunner().invoke(app, ["validate", str(ZH_CONFIG), "--period", "2026-10"])
    assert result.exit_code == 0, result.output
    assert "：通过 — 3 个数据源" in result.stdout


def test_workbook_in_chinese(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "zh.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "--lang",
            "zh",
            "run",
            str(ZH_CONFIG),
            "--period",
            "2026-10",
            "-f",
            "xlsx",
            "-o",
            str(out),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "人员", "明细", "数据质量", "规则"]
    assert [c.value for c in book["人员"][1]][:4] == ["排名", "团队排名", "人员", "姓名"]


def test_utf8_output_under_the_c_locale() -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONPATH": str(ROOT / "src")}
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecard",
            "run",
            str(ZH_CONFIG),
            "--period",
            "2026-10",
            "-f",
            "markdown",
        ],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "李娜" in done.stdout.decode("utf-8")
    assert "郑凯" in done.stderr.decode("utf-8")


def test_errors_in_chinese(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "period: monthly\nsources: {d: {path: x.csv, person: A, colour: 1}}\n"
        "roster: {people: [{person: A, team: T}]}\n"
        "kpis: {r: {source: d, measure: {summ: A}}}\nscorecards: {s: {r: 1}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["--lang", "zh", "validate", str(bad)])
    assert result.exit_code == 2
    assert (
        "period：应为以下之一：week, month, quarter, half, year（而不是 'monthly'）"
        in result.stderr
    )
    assert "sources.d.colour：未知的键 — 是否应为“columns”？" in result.stderr
    assert "kpis.r.measure：计量方式必须是以下之一" in result.stderr
    missing = CliRunner().invoke(app, ["--lang", "zh", "run", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 2
    assert missing.stderr == f"错误：{tmp_path / 'none.yaml'}：找不到配置文件。\n"
    period = CliRunner().invoke(app, ["--lang", "zh", "run", str(ZH_CONFIG), "-p", "2026-13"])
    assert "“2026-13”不是期间" in period.stderr


def test_every_error_message_is_in_the_catalogue() -> None:
    import re

    root = Path(__file__).resolve().parents[1] / "src" / "scorecard"
    for path in root.rglob("*.py"):
        if path.name == "errors.py":  # defines .of; its docstring shows the call
            continue
        text = path.read_text(encoding="utf-8")
        plain = re.findall(r"raise (?:ConfigError|SourceError)\((?!\))", text)
        assert not plain, f"{path.name}: raise the tool's errors with .of(key, ...)"
        for key in re.findall(r"Error\.of\(\s*\"(\w+)\"", text):
            assert key in MESSAGES, (path.name, key)


def test_workbook_columns_in_chinese_with_compare_perspectives_and_bonus(tmp_path: Path) -> None:
    import openpyxl

    config = ZH_CONFIG.parents[1] / "key-accounts" / "scorecard.yaml"
    out = tmp_path / "ka.xlsx"
    args = ["--lang", "zh", "run", str(config), "--period", "2026-10", "--compare", "previous"]
    result = CliRunner().invoke(app, [*args, "-f", "xlsx", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    headers = [str(c.value) for c in book["人员"][1]]
    assert "总分变化" in headers and "排名变化" in headers and "奖金" in headers
    assert any(h.startswith("维度：") for h in headers)
    english = ("Perspective", "Bonus", "Rank", "Total", "Grade", "Δ total")
    assert not [h for h in headers if h.startswith(english)]
    summary = [str(c.value) for row in book["汇总"].iter_rows() for c in row if c.value]
    assert summary[1].startswith("期间：2026-10（")


def test_no_value_in_chinese_tables(tmp_path: Path) -> None:
    from scorecard.config_load import load_config
    from scorecard.periods import parse_period
    from scorecard.pipeline import read_sources, score
    from scorecard.render import render

    config = load_config(ROOT / "examples/sales/scorecard.yaml")  # some KPIs with no value
    report = score(config, read_sources(config), parse_period("2026-10"))
    for output_format in ("markdown", "table"):
        english = render(report, output_format, lang="en").decode()
        chinese = render(report, output_format, lang="zh").decode()
        assert english.count("n/a") > 0
        assert "n/a" not in chinese
        assert chinese.count("无") == english.count("n/a") + english.count("无")


def test_issues_that_name_no_source_read_cleanly() -> None:
    from types import SimpleNamespace

    from scorecard.i18n import issue
    from scorecard.render.quality import issue_lines

    def baseline(who: str) -> object:
        return issue(
            "warning",
            "growth-baseline",
            "issue_growth_baseline",
            None,
            who=who,
            kpi="revenue",
            target="growth +10.0% on 2026-09: baseline 0",
        )

    one = SimpleNamespace(issues=[baseline("Ann")])
    assert issue_lines(one) == [  # type: ignore[arg-type]
        "warning: growth-baseline: Ann: revenue: growth +10.0% on 2026-09: baseline 0; "
        "the KPI has no target and follows the missing rule"
    ]
    two = SimpleNamespace(issues=[baseline("Ann"), baseline("Ben")])
    lines = issue_lines(two)  # type: ignore[arg-type]
    assert lines[0] == "warning: growth-baseline: 2"
    assert lines[1].startswith("    Ann: revenue:") and lines[2].startswith("    Ben: revenue:")


def test_target_issues_are_worded_in_chinese_throughout() -> None:
    # The JSON message stays English; in zh, "team" and the target's source are Chinese.
    from types import SimpleNamespace

    from scorecard.i18n import issue, translator
    from scorecard.render.quality import issue_lines

    person = issue(
        "warning",
        "growth-baseline",
        "issue_growth_baseline",
        None,
        person="Ann",
        who="Ann",
        kpi="k",
        target="defaults growth +10.0% on 2026-09: baseline 0",
    )
    team = issue(
        "warning",
        "growth-baseline",
        "issue_growth_baseline_team",
        None,
        team="T1",
        kpi="k",
        target="members: a member's growth target has no baseline",
    )
    no_target = issue("warning", "team-target", "issue_team_target", None, team="T2", kpi="k")
    assert team.message.startswith("team T1: k: members: a member's growth target")
    assert no_target.message.startswith("team T2: k: no target (no member is scored on k")
    zh = translator("zh")
    lines = issue_lines(SimpleNamespace(issues=[person, team, no_target]), t=zh)  # type: ignore[arg-type]
    assert lines[1:3] == [
        "    Ann：k：默认目标，较 2026-09 增长 +10.0%：基数为0；该指标没有目标，按缺失规则处理",
        "    团队 T1：k：成员目标：有成员的增长目标没有基数；该指标没有目标，按缺失规则处理",
    ]
    assert lines[3].startswith("警告：team-target：团队 T2：k：没有目标")
    english = ("team ", "defaults", "members", "no baseline", " on 2026")
    assert not any(word in line for line in lines for word in english)


def test_workbook_bonus_gates_in_chinese(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "zh.xlsx"
    config = ROOT / "examples/key-accounts/scorecard.yaml"
    args = ["--lang", "zh", "run", str(config), "--period", "2026-10", "-f", "xlsx"]
    result = CliRunner().invoke(app, [*args, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["人员"]
    header = [c.value for c in sheet[1]]
    column = header.index("奖金门槛")
    gates = {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "已达到" in gates
    assert all(g == "已达到" or str(g).startswith("未达到：") for g in gates if g), gates


def test_text_that_reads_like_a_catalogue_word_is_shown_as_written(tmp_path: Path) -> None:
    # Owners "@new" and "@trend" (handles in a chat-based CRM) are names, not the words
    # "new" and "trend"; a source without its person column is still said in words.
    (tmp_path / "deals.csv").write_text(
        "Owner,Amount,Date\nAnn,10,2026-10-01\n@new,20,2026-10-02\n@trend,5,2026-10-03\n",
        encoding="utf-8",
    )
    config = tmp_path / "sc.yaml"
    config.write_text(
        "sources: {deals: {path: deals.csv, person: Owner, date: Date}}\n"
        "roster:\n  people:\n    - {person: Ann, team: T}\n"
        "kpis: {amount: {source: deals, measure: {sum: Amount}}}\n"
        "targets: {defaults: {amount: 10}}\nscorecards: {s: {amount: 1}}\n",
        encoding="utf-8",
    )
    run = ["run", str(config), "--period", "2026-10"]
    english = CliRunner().invoke(app, [*run, "-f", "json", "-q"])
    messages = [i["message"] for i in json.loads(english.stdout)["issues"]]
    assert messages == [
        "1 row(s) name '@new', who is not in the roster (rows 3); they score no one",
        "1 row(s) name '@trend', who is not in the roster (rows 4); they score no one",
    ]
    chinese = CliRunner().invoke(app, ["--lang", "zh", *run])
    assert "@new" in chinese.stderr and "@trend" in chinese.stderr
    assert "新" not in chinese.stderr and "趋势" not in chinese.stderr
    config.write_text(config.read_text(encoding="utf-8").replace("person: Owner", "person: 负责人"))
    missing = CliRunner().invoke(app, ["--lang", "zh", *run])
    assert missing.exit_code == 1
    assert "人员列" in missing.stderr and "负责人" in missing.stderr
