"""The config and the arithmetic in words, in English and Chinese: measures, filters,
targets and where they came from, rules, the part of a rule that applied, the Rules notes,
and the Chinese `explain`, Detail and Rules sheets built from them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from scorecard import describe
from scorecard.config import Band
from scorecard.config_load import parse_config
from scorecard.i18n import ENGLISH, translator
from scorecard.scoring import Rule, score_steps

ROOT = Path(__file__).resolve().parents[1]
ZH = translator("zh")
LINEAR = Rule(better="higher", threshold=0.5, cap=1.2, missing="zero")
CURVE = Rule(
    better="higher",
    threshold=0.5,
    cap=1.2,
    missing="exclude",
    curve=((0.5, 25.0), (1.0, 100.0), (1.5, 150.0)),
)
BANDS = Rule(
    better="lower",
    threshold=0.5,
    cap=1.2,
    missing="zero",
    bands=(Band(max=2, score=100), Band(max=5, score=60)),
)

CONFIG: dict[str, Any] = {
    "sources": {
        "deals": {
            "path": "deals.csv",
            "person": "Owner",
            "date": "Close Date",
            "columns": {"net": "Amount - Refund"},
            "dedupe": {"key": ["Deal ID"], "keep": "last", "order_by": "Updated"},
        }
    },
    "roster": {"people": [{"person": "ann", "team": "East", "role": "ae"}]},
    "kpis": {
        "revenue": {
            "source": "deals",
            "measure": {"sum": "net"},
            "where": {"Stage": "Won", "Amount": {"gt": 0, "le": 50000}},
        },
        "win_rate": {
            "source": "deals",
            "measure": {
                "ratio": {
                    "numerator": {"count": "rows", "where": {"Stage": "Won"}},
                    "denominator": {"count": "rows", "where": {"Stage": ["Won", "Lost"]}},
                }
            },
            "unit": "percent",
        },
        "accounts": {
            "source": "deals",
            "measure": {"count_distinct": "Customer"},
            "where": {"Region": {"not_in": ["Test", "Demo"]}, "Owner": {"empty": False}},
        },
        "cycle": {
            "source": "deals",
            "measure": {"mean_days": ["Created", "Close Date"]},
            "better": "lower",
            "unit": "days",
        },
    },
    "scorecards": {"ae": {"revenue": 50, "win_rate": 30, "accounts": 20}},
    "targets": {
        "defaults": {"revenue": 120000, "win_rate": 0.35, "accounts": 5, "cycle": 30},
        "by_team": {"East": {"revenue": {"growth": 0.1, "baseline": "previous"}}},
        "by_role": {"ae": {"accounts": 8}},
        "teams": {"East": {"revenue": 1300000}},
        "prorate": "workdays",
    },
    "perspectives": {"Financial": ["revenue", "win_rate"]},
}


def _config() -> Any:
    return parse_config(CONFIG, Path("scorecard.yaml"))


def test_rules_in_both_languages() -> None:
    assert (
        LINEAR.words(ENGLISH)
        == LINEAR.text
        == ("100 × attainment, capped at 120%; 0 below 50% of target; no value scores 0")
    )
    assert LINEAR.words(ZH) == "100 × 达成率，上限 120%；低于目标的 50% 得 0；无值得 0 分"
    assert CURVE.words(ZH) == (
        "按达成率曲线：50% → 25、100% → 100、150% → 150（各点之间按直线插值；"
        "低于 50% 得 0，高于 150% 得 150）；无值：不计入总分"
    )
    assert BANDS.words(ENGLISH) == (
        "bands on the actual: ≤ 2 → 100; ≤ 5 → 60; otherwise 0; no value scores 0"
    )
    assert BANDS.words(ZH) == "按实际值分档：≤ 2 → 100；≤ 5 → 60；其余为 0；无值得 0 分"


@pytest.mark.parametrize(
    ("rule", "actual", "attained", "english", "chinese"),
    [
        (LINEAR, 1.0, 0.8, "100 × 80.0% = 80.00", "100 × 80.0% = 80.00"),
        (
            LINEAR,
            1.0,
            1.5,
            "attainment 150.0% is capped at 120%: 100 × 120% = 120.00",
            "达成率 150.0% 超过上限 120%：100 × 120% = 120.00",
        ),
        (
            LINEAR,
            1.0,
            0.4,
            "attainment 40.0% is below the threshold 50%: score 0",
            "达成率 40.0% 低于门槛 50%：得分 0",
        ),
        (
            LINEAR,
            None,
            None,
            "no attainment (no actual value or no target): scores 0",
            "无达成率（无实际值或无目标）：得 0 分",
        ),
        (
            CURVE,
            1.0,
            0.75,
            # 25 + 75 × (75% − 50%) ÷ (100% − 50%) = 62.5
            "curve segment 50%–100%: 25 + (100 − 25) × (75.0% − 50%) ÷ (100% − 50%) = 62.50",
            "曲线区间 50%–100%：25 + (100 − 25) × (75.0% − 50%) ÷ (100% − 50%) = 62.50",
        ),
        (
            CURVE,
            1.0,
            0.25,
            "attainment 25.0% is below the curve's first point 50%: score 0",
            "达成率 25.0% 低于曲线起点 50%：得分 0",
        ),
        (
            CURVE,
            1.0,
            2.0,
            "beyond the curve's last point 150%: score 150",
            "超过曲线终点 150%：得分 150",
        ),
        (
            CURVE,
            None,
            None,
            "no attainment (no actual value or no target): excluded from the total",
            "无达成率（无实际值或无目标）：不计入总分",
        ),
        (BANDS, 4.0, None, "band ≤ 5 applies: score 60", "适用分档 ≤ 5：得分 60"),
        (BANDS, 9.0, None, "below every band: score 0", "未达到任何分档：得分 0"),
        (BANDS, None, None, "no actual value: scores 0", "无实际值：得 0 分"),
    ],
)
def test_score_steps_in_both_languages(
    rule: Rule, actual: float | None, attained: float | None, english: str, chinese: str
) -> None:
    assert score_steps(rule, actual, attained) == english
    assert score_steps(rule, actual, attained, ZH) == chinese


def test_measures_and_filters_in_both_languages() -> None:
    config = _config()
    kpis = config.kpis
    assert describe.measure_text(kpis["revenue"].measure) == "sum of net"
    assert describe.measure_text(kpis["revenue"].measure, ZH) == "net 之和"
    assert (
        describe.kpi_filter_text(kpis["revenue"]) == "Stage = Won and Amount > 0 and Amount ≤ 50000"
    )
    assert describe.kpi_filter_text(kpis["revenue"], ZH) == (
        "Stage = Won 且 Amount > 0 且 Amount ≤ 50000"
    )
    assert describe.measure_text(kpis["win_rate"].measure) == (
        "(count of rows where Stage = Won) ÷ (count of rows where Stage is one of Won, Lost)"
    )
    assert describe.measure_text(kpis["win_rate"].measure, ZH) == (
        "（满足 Stage = Won 的行数）÷（满足 Stage 为 Won、Lost 之一 的行数）"
    )
    assert describe.measure_text(kpis["accounts"].measure, ZH) == "不同 Customer 的个数"
    assert describe.kpi_filter_text(kpis["accounts"], ZH) == (
        "Region 不为 Test、Demo 中任何一个 且 Owner 不为空"
    )
    assert describe.measure_text(kpis["cycle"].measure, ZH) == (
        "从 Created 到 Close Date 的平均天数"
    )


def test_targets_and_weights_in_both_languages() -> None:
    config = _config()
    assert describe.targets_text(config, "revenue") == (
        ("East", "team East: +10% on the previous period"),
        (None, "default: 120,000"),
        ("East", "team East as a whole: 1,300,000"),
    )
    assert describe.targets_text(config, "revenue", ZH) == (
        ("East", "团队 East：较上期 +10%"),
        (None, "默认：120,000"),
        ("East", "团队 East 整体：1,300,000"),
    )
    assert describe.targets_text(config, "accounts", ZH) == (
        (None, "角色 ae：8"),
        (None, "默认：5"),
    )
    # a percent KPI's target as a percent, as the config's 0.35 means
    assert describe.targets_text(config, "win_rate") == ((None, "default: 35%"),)
    # 50 of 100: 50%
    assert describe.weights_text(config, "revenue") == "ae: 50 (50%)"
    assert describe.weights_text(config, "revenue", ZH) == "ae：50（50%）"
    assert describe.weights_text(config, "cycle", ZH) == "未被任何计分卡使用"


def test_notes_in_chinese() -> None:
    notes = describe.config_notes(_config(), ZH)
    assert notes == (
        "总分 = Σ(权重 × 得分) ÷ Σ(权重)，按该人员计分卡中的指标计算。",
        "团队按成员的全部数据行像个人一样计分（比率和均值重新计算，不取平均）；"
        "团队总分使用“ae”计分卡的权重。",
        "排名：按总分从高到低；总分相同者名次相同（1、2、2、4）。",
        "数据源 deals：列 net = Amount - Refund（任一操作数为空时为空）。",
        "数据源 deals：每个 Deal ID 只保留一行，按 Updated 排序后取最后一行。",
        "维度 Financial：revenue、win_rate；小计 = 维度内的 Σ(权重 × 得分) ÷ Σ(权重)。",
        "计数和求和类指标的目标按人员在本期内在岗的工作日天数（周一至周五）折算"
        "（名单的 start_date / end_date）；比率和均值类指标不折算。",
    )
    english = describe.config_notes(_config())
    assert english[4] == "Source deals: one row per Deal ID, the last by Updated."
    assert english[6].startswith("Targets of count and sum KPIs are prorated to the workdays")


@pytest.mark.parametrize(
    ("source", "chinese"),
    [
        ("defaults", "默认目标"),
        ("file", "目标文件"),
        ("file:2026-10", "目标文件（2026-10）"),
        ("by_team:Key Accounts", "团队目标：Key Accounts"),
        ("by_role:presales", "角色目标：presales"),
        ("teams:华东", "团队 华东 整体目标"),
        ("members:sum", "成员目标之和"),
        ("members:mean", "成员目标的平均值"),
        ("members: a member's growth target has no baseline", "成员目标：有成员的增长目标没有基数"),
        ("defaults, prorated 12/18", "默认目标，按 12/18 折算"),
        (
            "by_team:East growth +10.0% on 2026-09 (12,000)",
            "团队目标：East，较 2026-09 增长 +10.0%（基数 12,000）",
        ),
        (
            "defaults growth -5.0% on 2025-10: baseline no value",
            "默认目标，较 2025-10 增长 -5.0%：基数为空",
        ),
        (
            "teams:North growth +10.0% on 2026-09: baseline 0",
            "团队 North 整体目标，较 2026-09 增长 +10.0%：基数为0",
        ),
        (
            "by_role:ae growth +12.5% on 2026-Q3 (1,234.5), prorated 3/22",
            "角色目标：ae，较 2026-Q3 增长 +12.5%（基数 1,234.5），按 3/22 折算",
        ),
        ("something else", "something else"),  # (not a known form: shown as it is)
    ],
)
def test_target_sources_in_words(source: str, chinese: str) -> None:
    assert describe.target_source_text(source) == source
    assert describe.target_source_text(source, ZH) == chinese


def _scorecard(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_explain_in_chinese_as_a_subprocess() -> None:
    example = ROOT / "examples/sales"
    done = _scorecard(
        "--lang", "zh", "explain", "scorecard.yaml", "--person", "Natalie Brooks",
        "--period", "2026-10", cwd=example,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Natalie Brooks — 团队 Key Accounts，计分卡 sales"
    assert lines[3] == "1. Won revenue [revenue] — 权重 40（占总分 40.0%）"
    assert lines[4] == "   数据源 deals；筛选：Stage = Won"
    assert lines[5] == "   计入行数：5（第 748、749、871、878、1014 行）"
    assert lines[6] == "   实际值：Amount 之和，共 5 行 = $604,500"
    # 604,500 ÷ 220,000 = 2.7477: beyond the curve's last point, 150
    assert lines[7] == (
        "   目标 $220,000（团队目标：Key Accounts）；达成率 $604,500 ÷ $220,000 = 274.8%"
    )
    assert lines[9] == "   得分：超过曲线终点 150%：得分 150"
    assert lines[10] == "   贡献：150.00 × 40.0% = 60.00 分"
    assert "   实际值：从 Created Date 到 Close Date 的平均天数，共 5 行 = 82.0 天" in lines
    assert lines[-1] == (
        "总分 122.90（上面各项贡献分别四舍五入后合计 122.91） → 等级 A（总分 ≥ 90，Excellent）；"
        "排名 1/24；团队内排名 1/8"
    )
    # JSON stays English whatever the language
    data = _scorecard(
        "--lang", "zh", "explain", "scorecard.yaml", "--person", "Natalie Brooks",
        "--period", "2026-10", "-f", "json", cwd=example,
    )  # fmt: skip
    assert '"actual_text": "sum of Amount over 5 row(s) = $604,500"' in data.stdout
    assert '"target_source": "by_team:Key Accounts"' in data.stdout


# The ASCII words a Chinese config's outputs may hold: its KPI ids and the roster's
# column names that the notes quote. Anything else is a word of the tool left in English.
ASCII_WORD = re.compile(r"[A-Za-z_][A-Za-z_0-9]{2,}")


@pytest.mark.parametrize("example", ["presales-zh", "presales-360-zh"])
def test_chinese_outputs_hold_no_english_words(example: str, tmp_path: Path) -> None:
    folder = ROOT / "examples" / example
    config = parse_config(
        yaml.safe_load((folder / "scorecard.yaml").read_text(encoding="utf-8")),
        folder / "scorecard.yaml",
    )
    allowed = set(config.kpis) | {"start_date", "end_date", "bonus_base"}
    out = tmp_path / "zh.xlsx"
    run = _scorecard(
        "--lang", "zh", "run", "scorecard.yaml", "--period", "2026-10", "-f", "xlsx",
        "-o", str(out), "-q", cwd=folder,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    book = openpyxl.load_workbook(out)
    texts = [
        value
        for name in ("明细", "规则")
        for row in book[name].iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    people = [str(row[2]) for row in book["人员"].iter_rows(min_row=2, values_only=True)]
    for person in people[:3]:
        done = _scorecard(
            "--lang", "zh", "explain", "scorecard.yaml", "--person", person,
            "--period", "2026-10", cwd=folder,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        texts += done.stdout.splitlines()
    levels = {row[0] for row in book["数据质量"].iter_rows(min_row=2, values_only=True)}
    assert levels - {None} <= {"警告", "提示", "错误"}, levels  # (None: "no issues")
    left = {word for text in texts for word in ASCII_WORD.findall(text)} - allowed
    assert not left, sorted(left)
    assert any(text.startswith("100 × 达成率") for text in texts)


def test_workbook_rules_and_detail_in_chinese_per_team(tmp_path: Path) -> None:
    """A per-team workbook in Chinese keeps only its own team's target lines."""
    example = ROOT / "examples/sales"
    done = _scorecard(
        "--lang", "zh", "run", "scorecard.yaml", "--period", "2026-10", "-f", "xlsx",
        "--split-by", "team", "--output-dir", str(tmp_path), "-q", cwd=example,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    books = {path.stem: openpyxl.load_workbook(path) for path in tmp_path.glob("*.xlsx")}
    key, other = books["Key Accounts"], books["East"]
    rules = {row[0]: row for row in key["规则"].iter_rows(min_row=2, values_only=True)}
    revenue = rules["revenue"]
    assert revenue[4] == "Amount 之和"
    assert revenue[5] == "Stage = Won"
    assert revenue[6:8] == ("越高越好", "金额")
    assert revenue[8] == "sales：40（40%）"
    assert revenue[9] == (
        "目标文件中列出的人员取其个人目标；团队 Key Accounts：220,000；角色 presales：20,000；"
        "默认：120,000；团队 Key Accounts 整体：1,300,000"
    )
    others = {row[0]: row for row in other["规则"].iter_rows(min_row=2, values_only=True)}
    assert others["revenue"][9] == (
        "目标文件中列出的人员取其个人目标；角色 presales：20,000；默认：120,000"
    )
    detail = list(key["明细"].iter_rows(min_row=2, values_only=True))
    natalie = next(r for r in detail if r[1] == "Natalie Brooks" and r[3] == "revenue")
    assert natalie[10] == "团队目标：Key Accounts"
    assert natalie[17] == (
        "$604,500 ÷ $220,000 = 274.8%；超过曲线终点 150%：得分 150；× 40.0% = 60.00 分"
    )


def test_bands_of_a_percent_kpi_are_worded_in_percent() -> None:
    # A win rate of 32.5% against bands from 0.3 and 0.2: the bands read 30% and 20%,
    # as the actual does, in the rule and in the step that applied.
    bands = (Band(min=0.3, score=100), Band(min=0.2, score=70))
    rule = Rule(better="higher", threshold=0.5, cap=1.2, missing="zero", bands=bands, percent=True)
    assert rule.words(ENGLISH).startswith("bands on the actual: ≥ 30% → 100; ≥ 20% → 70")
    assert score_steps(rule, 0.325, None) == "band ≥ 30% applies: score 100"
    plain = Rule(better="higher", threshold=0.5, cap=1.2, missing="zero", bands=bands)
    assert score_steps(plain, 0.325, None) == "band ≥ 0.3 applies: score 100"
