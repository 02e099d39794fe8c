"""GB18030 and Big5 exports are split into cells as bytes, each distinct cell decoded once.

Every file here is scored twice, that way and by decoding the whole file first (the
reader for other encodings): the reports must be the same, byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scorecard import sources_csv
from scorecard.config_load import parse_config
from scorecard.errors import SourceError
from scorecard.periods import parse_period
from scorecard.pipeline import read_sources, score
from scorecard.render.tabular import to_json

HEADER = "编号,销售,日期,金额,阶段,备注"
ROWS = [
    "D1,张三,2026-10-01,100,赢单,亅字",  # 亅: its second byte in GB18030 is "|"
    "D2,张三,2026-10-02,十元,赢单,亝",  # 亝: its second byte is 0x85 (NEL in Latin-1)
    "D3,李四,2026-10-03,40,赢单,",
    "D4,张三,2026-10-04,7,输单,",
]


def _report(folder: Path, source: dict[str, Any]) -> str:
    traditional = source.get("encoding") == "big5"
    seller, owner = ("銷售", "張三") if traditional else ("销售", "张三")
    amount, stage, won = ("金額", "階段", "贏單") if traditional else ("金额", "阶段", "赢单")
    people = [{"person": owner, "team": "华南"}, {"person": "李四", "team": "华南"}]
    data = {
        "sources": {"deals": {"path": "deals.csv", "person": seller, "date": "日期", **source}},
        "roster": {"people": people},
        "kpis": {"won": {"source": "deals", "measure": {"sum": amount}, "where": {stage: won}}},
        "targets": {"defaults": {"won": 100}},
        "scorecards": {"s": {"won": 1}},
    }
    config = parse_config(data, folder / "sc.yaml")
    try:
        return to_json(score(config, read_sources(config), parse_period("2026-10")))
    except SourceError as error:
        return f"error: {error}"


def _both(
    folder: Path, source: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str, bool]:
    """The report read by cells, the one read from the decoded text, and whether the
    first was read by cells (not left to the other way)."""
    taken: list[bool] = []
    by_cells = sources_csv._read_by_cells

    def spy(*args: Any) -> Any:
        found = by_cells(*args)
        taken.append(found is not None)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(sources_csv, "_read_by_cells", spy)
        fast = _report(folder, source)
    with monkeypatch.context() as patch:
        patch.setattr(sources_csv, "_FRAMED_BY_ASCII", frozenset())
        slow = _report(folder, source)
    return fast, slow, all(taken) and bool(taken)


def _write(folder: Path, text: str, encoding: str = "gb18030", extra: bytes = b"") -> None:
    (folder / "deals.csv").write_bytes(extra + text.encode(encoding))


def test_a_gb18030_export_reads_as_its_decoded_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 张三 won 100 (十元 is no number, D4 was lost), 李四 40.
    _write(tmp_path, "\n".join([HEADER, *ROWS]) + "\n")
    fast, slow, by_cells = _both(tmp_path, {}, monkeypatch)
    assert by_cells and fast == slow
    assert '"actual": 100' in fast and '"actual": 40' in fast and '"value": "十元"' in fast


@pytest.mark.parametrize(
    ("name", "text", "source", "by_cells"),
    [
        (
            "bom and title",
            "\ufeff导出：十月\n" + "\n".join([HEADER, *ROWS]),
            {"header_row": 2},
            True,
        ),
        ("crlf", "\r\n".join([HEADER, *ROWS]) + "\r\n", {}, True),
        ("cr only", "\r".join([HEADER, *ROWS]) + "\r", {}, True),
        (
            "ragged and stray quote",
            "\n".join([HEADER, *ROWS, 'D5,李四,2026-10-05,5,赢单,5" 屏,多']),
            {},
            True,
        ),
        (
            "quoted notes",
            "\n".join([HEADER, *ROWS, 'D6,李四,2026-10-06,1,赢单,"第一行\n第二行"']),
            {},
            True,
        ),
        ("semicolons", "\n".join([HEADER, *ROWS]).replace(",", ";"), {}, True),
        ("bars", "\n".join([HEADER, *ROWS]).replace(",", "|"), {}, False),
        ("declared gbk", "\n".join([HEADER, *ROWS]), {"encoding": "GBK"}, True),
    ],
)
def test_exports_of_every_shape_read_the_same_by_cells(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    source: dict[str, Any],
    by_cells: bool,
) -> None:
    # "|" can be a character's second byte (亅): such a file is decoded whole first.
    _write(
        tmp_path, text.replace("\ufeff", ""), extra=b"\x84\x31\x95\x33" if "\ufeff" in text else b""
    )
    fast, slow, taken = _both(tmp_path, source, monkeypatch)
    assert fast == slow, name
    assert taken == by_cells, name
    assert '"actual": ' in fast, name


def test_nul_bytes_and_big5_read_the_same_by_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big5 = "編號,銷售,日期,金額,階段,備註\n"
    big5 += "D1,張三,2026-10-01,100,贏單,電話\nD2,李四,2026-10-02,40,贏單,"
    (tmp_path / "deals.csv").write_bytes(big5.encode("big5"))
    fast, slow, taken = _both(tmp_path, {"encoding": "big5"}, monkeypatch)
    assert fast == slow and taken and '"actual": 100' in fast
    text = "\n".join([HEADER, *ROWS])
    (tmp_path / "deals.csv").write_bytes(text.encode("gb18030").replace(b"D3", b"D\x003"))
    fast, slow, taken = _both(tmp_path, {}, monkeypatch)
    assert fast == slow and taken and '"nul-bytes"' in fast


@pytest.mark.parametrize("declared", ["auto", "gb18030"])
def test_bytes_that_do_not_decode_are_left_to_the_whole_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, declared: str
) -> None:
    # An amount holding bytes that are no GB18030 character: read as the decoded text
    # reads it (declared: an error naming the file; detected: another encoding guessed).
    body = "\n".join([HEADER, *ROWS]).encode("gb18030").replace(b"40", b"4\xff\xff0")
    (tmp_path / "deals.csv").write_bytes(body)
    fast, slow, taken = _both(tmp_path, {"encoding": declared}, monkeypatch)
    assert fast == slow and not taken


def test_a_column_of_mostly_distinct_chinese_text_is_decoded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 20,000 distinct notes in 20,000 rows: decoding each once costs more than the text.
    notes = [f"D{i},张三,2026-10-01,1,赢单,备注{i}号" for i in range(20000)]
    _write(tmp_path, "\n".join([HEADER, *notes]))
    fast, slow, taken = _both(tmp_path, {}, monkeypatch)
    assert fast == slow and not taken and '"actual": 20000' in fast


def test_a_big_wide_export_is_read_in_part_by_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 20,000 rows of 16 columns (over 1 MB): the columns the run names are read, their
    # headers told from the first rows decoded; 张三 won 1 on each of his 10,000 rows.
    # Bytes that are no character in a column the run does not read (字段3) are not
    # looked at, as no other cell of such a column is; decoded whole, they stop the run.
    extra = [f"字段{i}" for i in range(10)]
    rows = [
        f"D{i},{'张三' if i % 2 else '李四'},2026-10-05,1,赢单,,{','.join('备注' for _ in extra)}"
        for i in range(20000)
    ]
    body = "\n".join([f"{HEADER},{','.join(extra)}", *rows]).encode("gb18030")
    (tmp_path / "deals.csv").write_bytes(body)
    assert len(body) > sources_csv.READ_SOME_FROM
    fast, slow, taken = _both(tmp_path, {"encoding": "gb18030"}, monkeypatch)
    assert fast == slow and taken and '"actual": 10000' in fast
    at = body.rindex("备注".encode("gb18030"))
    (tmp_path / "deals.csv").write_bytes(body[:at] + b"\xff\xff" + body[at + 4 :])
    fast, slow, taken = _both(tmp_path, {"encoding": "gb18030"}, monkeypatch)
    assert taken and '"actual": 10000' in fast and slow.startswith("error:")
