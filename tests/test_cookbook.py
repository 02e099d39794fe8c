"""Every snippet of docs/cookbook.md scores a small export as its notes say; the Python
API examples of docs/python-api.md run and print what the page shows."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from scorecard.config_load import parse_config, read_yaml
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score

ROOT = Path(__file__).resolve().parents[1]
COOKBOOK = (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8")
PYTHON_API = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
SNIPPETS = re.findall(r"^```yaml\n(.*?)^```", COOKBOOK, re.MULTILINE | re.DOTALL)
INDICATORS = [
    "销售额",
    "毛利润",
    "新客户数",
    "客户保留率",
    "交叉销售",
    "销售周期",
    "客户满意度",
    "回款率",
    "拜访数",
    "商机转化率",
    "方案转化率",
    "成功方案数",
    "技术考试成绩",
]
PERIOD = parse_period("2026-10")
ROSTER = {"people": [{"person": "张三", "team": "华东"}, {"person": "李四", "team": "华东"}]}

# One small export per source name of the cookbook: (encoding, header and rows).
# 张三 has rows in October 2026 (scored) and in September (outside the period).
EXPORTS: dict[str, tuple[str, list[list[str]]]] = {
    "订单": (
        "gb18030",
        [
            ["订单编号", "销售", "客户", "产品", "下单日期", "金额", "毛利", "首单", "交叉销售"],
            ["O1", "张三", "甲公司", "软件", "2026-10-03", "￥10,000.00", "2,500", "是", "否"],
            ["O2", "张三", "乙公司", "服务", "2026年10月8日", "20000", "4000", "是", "否"],
            ["O3", "张三", "甲公司", "服务", "2026/10/20", "5,000", "1,000", "否", "是"],
            ["O4", "张三", "丙公司", "软件", "2026-09-28", "8000", "2000", "是", "否"],
            ["O5", "李四", "丁公司", "软件", "2026-10-05", "7000", "1500", "是", "否"],
            ["O6", "张三", "丙公司", "软件", "2026-10-25", "3000", "600", "否", "否"],
            ["O7", "张三", "戊公司", "软件", "2026-09-10", "6000", "1200", "是", "否"],
            ["O8", "张三", "丙公司", "服务", "2026-10-26", "4000", "900", "否", "是"],
        ],
    ),
    "续约": (
        "utf-8-sig",
        [
            ["合同编号", "销售", "客户", "到期日期", "续约"],
            ["N1", "张三", "甲公司", "2026-10-10", "是"],
            ["N2", "张三", "乙公司", "2026-10-15", "否"],
            ["N3", "张三", "丙公司", "2026-10-20", "是"],
            ["N4", "张三", "丙公司", "2026-10-28", "是"],
            ["N5", "张三", "戊公司", "2026-09-20", "否"],
            ["N6", "李四", "丁公司", "2026-10-05", "是"],
        ],
    ),
    "商机": (
        "utf-8",
        [
            ["商机编号", "销售", "阶段", "创建日期", "结束日期", "金额"],
            ["S1", "张三", "赢单", "2026-09-01", "2026-10-01", "50000"],
            ["S2", "张三", "赢单", "2026-09-20", "2026-10-10", "30000"],
            ["S3", "张三", "丢单", "2026-08-15", "2026-10-15", "20000"],
            ["S4", "张三", "跟进中", "2026-10-02", "", "10000"],
            ["S5", "张三", "赢单", "2026-08-01", "2026-09-15", "40000"],
            ["S6", "李四", "赢单", "2026-09-01", "2026-10-12", "60000"],
        ],
    ),
    "满意度": (
        "utf-8",
        [
            ["日期", "销售", "客户", "评分"],
            ["2026-10-11", "张三", "甲公司", "5"],
            ["2026-10-18", "张三", "乙公司", "4"],
            ["2026-10-28", "张三", "丙公司", "4.5"],
            ["2026-09-20", "张三", "丙公司", "2"],
            ["2026-10-20", "李四", "丁公司", "3"],
        ],
    ),
    "回款": (
        "utf-8",
        [
            ["合同编号", "销售", "应收日期", "应收金额", "实收金额"],
            ["R1", "张三", "2026-10-05", "100,000", "80,000"],
            ["R2", "张三", "2026-10-15", "50,000", "50,000"],
            ["R3", "张三", "2026-10-31", "30,000", ""],
            ["R4", "张三", "2026-09-30", "40,000", "40,000"],
            ["R5", "李四", "2026-10-10", "20,000", "20,000"],
        ],
    ),
    "拜访": (
        "utf-8",
        [
            ["拜访日期", "销售", "客户", "拜访方式"],
            ["2026-10-09", "张三", "甲公司", "上门拜访"],
            ["2026-10-10", "张三", "乙公司", "电话拜访"],
            ["2026-10-16", "张三", "甲公司", "上门拜访"],
            ["2026-10-30", "张三", "丙公司", "上门拜访"],
            ["2026-09-30", "张三", "丙公司", "上门拜访"],
            ["2026-10-12", "李四", "丁公司", "上门拜访"],
        ],
    ),
    "方案": (
        "utf-8",
        [
            ["方案编号", "售前", "提交日期", "结果"],
            ["P1", "张三", "2026-10-03", "成功"],
            ["P2", "张三", "2026-10-09", "失败"],
            ["P3", "张三", "2026-10-17", "成功"],
            ["P4", "张三", "2026-10-29", "评审中"],
            ["P5", "张三", "2026-09-12", "成功"],
            ["P6", "李四", "2026-10-08", "失败"],
        ],
    ),
    "考试": (
        "utf-8",
        [
            ["考试日期", "姓名", "科目", "成绩"],
            ["2026-10-12", "张三", "产品知识", "92"],
            ["2026-10-26", "张三", "解决方案", "85"],
            ["2026-09-14", "张三", "产品知识", "60"],
            ["2026-10-12", "李四", "产品知识", "78"],
        ],
    ),
}

# 张三's actual for October 2026, worked out by hand from EXPORTS (and the score of
# the KPIs scored in bands).
ACTUALS: dict[str, float] = {
    "revenue": 10_000 + 20_000 + 5_000 + 3_000 + 4_000,
    "gross_profit": 2_500 + 4_000 + 1_000 + 600 + 900,
    "new_customers": 2,  # 甲, 乙 first seen in October; 丙 in September
    "new_customers_flag": 2,  # 首单 = 是: 甲 (O1), 乙 (O2)
    "retention": 1 / 2,  # September: 丙, 戊; 丙 ordered again in October
    "renewal_rate": 2 / 3,  # due: 甲, 乙, 丙; renewed: 甲, 丙
    "cross_sell": 1,  # (丙, 服务): 丙 known since September, 服务 new to 丙
    "cross_sell_orders": 2,  # O3, O8
    "cross_sell_share": 2 / 5,
    "cycle_days": (30 + 20) / 2,  # S1: 09-01 → 10-01, S2: 09-20 → 10-10
    "csat": (5 + 4 + 4.5) / 3,
    "collection_rate": (80_000 + 50_000) / (100_000 + 50_000 + 30_000),
    "visits": 3,  # on-site only
    "opportunity_conversion": 2 / 3,
    "proposal_conversion": 2 / 3,
    "winning_proposals": 2,
    "exam_score": (92 + 85) / 2,
}
BAND_SCORES = {"csat": 100.0, "exam_score": 80.0}


def _write_export(path: Path, encoding: str, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def _snippet_id(snippet: str) -> str:
    found = re.search(r"^kpis:\n  (\w+):", snippet, re.MULTILINE)
    return found[1] if found else "?"


def _score_snippet(folder: Path, snippet: str) -> Any:
    """The snippet with a two-person roster and one scorecard, scored for October 2026."""
    (folder / "snippet.yaml").write_text(snippet, encoding="utf-8")
    data = read_yaml(folder / "snippet.yaml")
    assert set(data) <= {"sources", "kpis", "targets"}, "a snippet holds sources, kpis, targets"
    for name, source in data["sources"].items():
        encoding, rows = EXPORTS[name]
        _write_export(folder / source["path"], encoding, rows)
    data["roster"] = ROSTER
    data["scorecards"] = {"销售": dict.fromkeys(data["kpis"], 1)}
    config = parse_config(data, folder / "scorecard.yaml")
    return score(config, read_sources(config), PERIOD)


def test_there_is_a_snippet_per_indicator() -> None:
    headings = re.findall(r"^## (.+)$", COOKBOOK, re.MULTILINE)
    assert [h.split(" · ")[0] for h in headings] == INDICATORS
    ids = [kpi for s in SNIPPETS for kpi in re.findall(r"^  (\w+):$", s, re.MULTILINE)]
    assert sorted(i for i in ids if i in ACTUALS) == sorted(ACTUALS)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[_snippet_id(s) for s in SNIPPETS])
def test_snippet_scores_the_export(tmp_path: Path, snippet: str) -> None:
    report = _score_snippet(tmp_path, snippet)
    assert not [i for i in report.issues if i.level != "info"], report.issues
    zhang = next(p for p in report.people if p.person == "张三")
    assert zhang.kpis
    for kpi in zhang.kpis:
        assert kpi.id in ACTUALS, f"work out 张三's {kpi.id} by hand and add it to ACTUALS"
        assert kpi.actual == pytest.approx(ACTUALS[kpi.id]), kpi.id
        if kpi.id in BAND_SCORES:
            assert kpi.score == pytest.approx(BAND_SCORES[kpi.id])
        else:
            assert kpi.target is not None and kpi.target_source == "defaults"


def test_python_api_examples_print_what_the_page_shows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"^```(python|text)\n(.*?)^```", PYTHON_API, re.MULTILINE | re.DOTALL)
    assert sum(kind == "python" for kind, _ in blocks) >= 5
    namespace: dict[str, Any] = {}
    for index, (kind, code) in enumerate(blocks):
        if kind != "python":
            continue
        exec(compile(code, f"docs/python-api.md, example {index + 1}", "exec"), namespace)
        following = blocks[index + 1] if index + 1 < len(blocks) else ("python", "")
        expected = following[1] if following[0] == "text" else ""
        assert capsys.readouterr().out == expected, f"example {index + 1}"
