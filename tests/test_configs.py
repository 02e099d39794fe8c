"""Every bundled config (configs/ and examples/) validates, matches the schema and runs."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from scorecard.cli import app
from scorecard.config import Config
from scorecard.config_load import load_config, parse_config, read_yaml
from scorecard.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = sorted(ROOT.glob("configs/*.yaml")) + sorted(ROOT.glob("examples/*/scorecard.yaml"))
IDS = [str(p.relative_to(ROOT)) for p in CONFIGS]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_there_are_starter_configs() -> None:
    names = {p.name for p in ROOT.glob("configs/*.yaml")}
    assert {
        "sales-monthly.yaml",
        "presales-monthly-zh.yaml",
        "key-accounts-quarterly.yaml",
    } <= names


@pytest.mark.parametrize("path", CONFIGS, ids=IDS)
def test_config_loads(path: Path) -> None:
    config = load_config(path)
    assert config.kpis and config.scorecards


@pytest.mark.parametrize("path", CONFIGS, ids=IDS)
def test_config_matches_json_schema(path: Path) -> None:
    schema = json.loads(json.dumps(Config.model_json_schema()))
    jsonschema.validate(_jsonable(read_yaml(path)), schema)


@pytest.mark.parametrize("path", CONFIGS, ids=IDS)
def test_config_runs(path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(path), "--period", "2026-10", "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["people"] and report["teams"]


@pytest.mark.parametrize("path", CONFIGS, ids=IDS)
def test_both_yaml_parsers_read_a_config_alike(path: Path) -> None:
    from scorecard import config_file

    text = path.read_text(encoding="utf-8-sig")
    fast = config_file._parse(text, path, config_file._FastLoader)
    assert fast == config_file._parse(text, path, config_file._Loader)


def test_yaml_booleans_are_yaml_1_2_in_either_parser(tmp_path: Path) -> None:
    from scorecard import config_file

    text = "a: Yes\nb: off\nc: True\nd: false\ne: 2026-10-05\n"
    expected = {"a": "Yes", "b": "off", "c": True, "d": False, "e": dt.date(2026, 10, 5)}
    for loader in (config_file._FastLoader, config_file._Loader):
        assert config_file._parse(text, tmp_path, loader) == expected


def test_yaml_numbers_are_yaml_1_2_in_either_parser(tmp_path: Path) -> None:
    from scorecard import config_file

    # 010 (Beijing's area code, a product code) is ten, not YAML 1.1's octal 8; 9:30 is
    # text, not the base-60 number 570; 0o17 and 0x1F are octal and hexadecimal.
    text = "a: 010\nb: 9:30\nc: 0o17\nd: 0x1F\ne: 100_000\nf: -007\ng: 1.5\nh: 1:30.5\n"
    expected = {"a": 10, "b": "9:30", "c": 15, "d": 31, "e": 100000, "f": -7, "g": 1.5}
    expected["h"] = "1:30.5"
    for loader in (config_file._FastLoader, config_file._Loader):
        assert config_file._parse(text, tmp_path, loader) == expected


def test_a_yaml_error_names_the_line_and_the_character(tmp_path: Path) -> None:
    tabbed = tmp_path / "tabbed.yaml"
    tabbed.write_text("version: 1\nkpis:\n\trevenue: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_yaml(tabbed)
    assert str(caught.value).endswith(
        "tabbed.yaml: line 3, column 1: invalid YAML: a tab character; YAML indents with "
        "spaces only."
    )
    # A quote left open on line 2 (or 3) runs on to the next quote: what follows it does
    # not close the { } it is in, or does not line up with the keys of its mapping.
    # One left open to the end of the file.
    unclosed = tmp_path / "unclosed.yaml"
    for text, message in (
        (
            'kpis:\n  a: {label: "Won}\n  b: {}\n  c: {label: "x"}\n',
            "line 4, column 15: invalid YAML: the { } or [ ] opened on line 2 does not close "
            "here: look for a missing comma, or a quote left open.",
        ),
        (
            'kpis:\n  a:\n    label: "Won\n  b: 1\n  c:\n    label: "x"\n',
            "line 6, column 13: invalid YAML: this does not line up with the keys of the "
            "mapping from line 3: check its indentation, or look for a quote left open above it.",
        ),
        (
            'title: "Sales\nversion: 1\n',
            "line 3, column 1: invalid YAML: the quote opened on line 1 is never closed.",
        ),
        (  # a trailing --- (two files pasted together): PyYAML said "but found another document"
            "version: 1\ntitle: x\n---\n",
            "line 3, column 1: invalid YAML: a second YAML document starts here (after `---`); "
            "a config is one document: remove the `---` line, and what follows it if it is not "
            "part of the config.",
        ),
    ):
        unclosed.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            read_yaml(unclosed)
        assert str(caught.value).endswith(message)


@pytest.mark.parametrize(
    ("text", "name", "first", "line"),
    [
        ("kpis:\n  revenue: {sum: A}\n  deals: {}\n  revenue: {sum: B}\n", "revenue", 2, 4),
        ("targets:\n  defaults: {revenue: 100, revenue: 200}\n", "revenue", 2, 2),
        ("version: 1\nkpis: {}\nversion: 1\n", "version", 1, 3),
        ("people:\n  - {person: 张伟, team: 东区, team: 西区}\n", "team", 2, 2),
    ],
)
def test_a_key_written_twice_is_refused(
    tmp_path: Path, text: str, name: str, first: int, line: int
) -> None:
    from scorecard import config_file

    path = tmp_path / "twice.yaml"
    for loader in (config_file._FastLoader, config_file._Loader):
        with pytest.raises(ConfigError) as caught:
            config_file._parse(text, path, loader)
        assert str(caught.value) == (
            f"{path}: line {line}: key '{name}' is written twice in the same mapping (first "
            f"at line {first}); YAML would keep only the last, so remove or rename one"
        )


def test_a_merge_key_may_be_overridden(tmp_path: Path) -> None:
    from scorecard import config_file

    text = "base: &base {weight: 1, unit: count}\nkpi:\n  <<: *base\n  weight: 2\n"
    for loader in (config_file._FastLoader, config_file._Loader):
        parsed = config_file._parse(text, tmp_path / "merge.yaml", loader)
        assert parsed["kpi"] == {"weight": 2, "unit": "count"}


ENCODED_TEXT = "version: 1\ntitle: 华东售前\n"
NOT_UTF8 = "{path}: line {line}, column {column}: the file is not {encoding} text"
SAVE_AS = "; save it as UTF-8 (e.g. in Notepad: Save As, Encoding: UTF-8)."


@pytest.mark.parametrize(
    "data",
    [
        ENCODED_TEXT.encode("utf-8"),
        ENCODED_TEXT.encode("utf-8-sig"),
        codecs.BOM_UTF16_LE + ENCODED_TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ENCODED_TEXT.encode("utf-16-be"),
        ENCODED_TEXT.encode("utf-32"),  # (its BOM begins with UTF-16's)
        codecs.BOM_UTF32_BE + ENCODED_TEXT.encode("utf-32-be"),
    ],
    ids=[
        "utf-8",
        "utf-8 with BOM",
        "utf-16-le with BOM",
        "utf-16-be with BOM",
        "utf-32 with BOM",
        "utf-32-be with BOM",
    ],
)
def test_a_config_is_read_as_utf8_or_utf16_with_a_bom(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "sc.yaml"
    path.write_bytes(data)
    assert read_yaml(path) == {"version": 1, "title": "华东售前"}


@pytest.mark.parametrize(
    ("data", "line", "column", "encoding", "tail"),
    [
        # 华 is BB AA in GBK: BB cannot start a UTF-8 character, after "title: " (7)
        (ENCODED_TEXT.encode("gb18030"), 2, 8, "UTF-8", " (it looks like GB18030/GBK)" + SAVE_AS),
        # "v" is 76 00: the zero byte is the file's second
        (
            ENCODED_TEXT.encode("utf-16-le"),
            1,
            2,
            "UTF-8",
            " (it looks like UTF-16 without a BOM)" + SAVE_AS,
        ),
        # é is E9 in Windows-1252, and "r" cannot follow it in UTF-8: "title: P" (8)
        ("version: 1\ntitle: Pérez\n".encode("cp1252"), 2, 9, "UTF-8", "; save it as UTF-8."),
        # a BOM, then a high surrogate that nothing follows
        (
            codecs.BOM_UTF16_LE + "version: 1\n".encode("utf-16-le") + b"\x00\xd8",
            2,
            1,
            "UTF-16",
            "; save it as UTF-8.",
        ),
    ],
    ids=["gb18030", "utf-16 without BOM", "cp1252", "broken utf-16"],
)
def test_a_config_not_in_utf8_names_the_place_and_the_fix(
    tmp_path: Path, data: bytes, line: int, column: int, encoding: str, tail: str
) -> None:
    path = tmp_path / "sc.yaml"
    path.write_bytes(data)
    with pytest.raises(ConfigError) as caught:
        read_yaml(path)
    where = NOT_UTF8.format(path=path, line=line, column=column, encoding=encoding)
    assert str(caught.value) == where + tail


def test_yaml_is_read_without_custom_tags(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("version: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(bad)


@pytest.mark.parametrize("written", ["2026-02-29", "2026-10-32", "2026-13-01"])
def test_a_date_the_calendar_lacks_is_an_error_at_its_line(tmp_path: Path, written: str) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text(f"version: 1\nroster:\n  people:\n    - {{start_date: {written}}}\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        read_yaml(bad)
    assert str(caught.value).startswith(f"{bad}: line 4, column 20: invalid YAML: '{written}' ")
    assert str(caught.value).endswith("write a real date, or quote it to keep it as text.")


def _minimal(**changes: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "version": 1,
        "sources": {"deals": {"path": "deals.csv", "person": "Owner", "date": "Close Date"}},
        "roster": {"people": [{"person": "Ann", "team": "East"}]},
        "kpis": {"revenue": {"source": "deals", "measure": {"sum": "Amount"}}},
        "targets": {"defaults": {"revenue": 1000}},
        "scorecards": {"sales": {"revenue": 100}},
    }
    for where, value in changes.items():
        *parents, last = where.split("__")
        node = config
        for part in parents:
            node = node[part]
        node[last] = value
    return config


@pytest.mark.parametrize(
    ("changes", "line"),
    [
        (
            {"targets__defaults__revenue": "1,000"},
            "targets.defaults.revenue: a target is a number (1000, without thousands "
            "separators) or a growth target such as {growth: 0.1}, not '1,000'",
        ),
        (
            {"targets__defaults__revenue": None},
            "targets.defaults.revenue: a target is a number",
        ),
        (
            {"targets__defaults__revenue": {"growth": "ten"}},
            "targets.defaults.revenue.growth: expected a number, not 'ten'",
        ),
        # what YAML reads as a number, a date or true/false where text belongs: quote it
        (
            {"roster__people": [{"person": "Ann", "team": 1}]},
            "roster.people[0].team: expected text: YAML reads 1 as a "
            'number; if it is a name, a header or a value, write it in quotes ("1")',
        ),
        (
            {"sources__deals__person": dt.date(2026, 10, 1)},
            "sources.deals.person: expected text: YAML reads 2026-10-01 as a "
            'date; if it is a name, a header or a value, write it in quotes ("2026-10-01")',
        ),
        (
            {"kpis__revenue__label": True},
            "kpis.revenue.label: expected text: YAML reads true as true or "
            'false; if it is a name, a header or a value, write it in quotes ("true")',
        ),
        (
            {"kpis__revenue__where": {"Stage": None}},
            "kpis.revenue.where.Stage: expected text, a number, a date, a list or an operator",
        ),
        # YAML's true is no number (pydantic would take it for 1), and the wording is plain
        (
            {"scorecards__sales__revenue": True},
            "scorecards.sales.revenue: expected a number, not true",
        ),
        # nor is an infinity or a NaN (YAML's .inf and .nan, or the text "inf")
        (
            {"scorecards__sales__revenue": float("inf")},
            "scorecards.sales.revenue: expected a number, not inf",
        ),
        (
            {"targets__defaults__revenue": float("nan")},
            "targets.defaults.revenue: a target is a number (1000, without thousands "
            "separators) or a growth target such as {growth: 0.1}, not nan",
        ),
        (
            {"grades": [{"grade": "A", "min": "-Infinity"}]},
            "grades[0].min: expected a number, not -Infinity",
        ),
        # an empty path named the config's own folder ("is a folder", exit 1)
        (
            {"sources__deals__path": ""},
            "sources.deals.path: expected the path of a file, not empty text",
        ),
        ({"targets__file": "  "}, "targets.file: expected the path of a file, not empty text"),
        ({"fiscal_year_start": True}, "fiscal_year_start: expected a whole number, not true"),
        ({"version": True}, "version: expected a whole number, not true"),
        (
            {"period": "fortnight"},
            "period: expected one of week, month, quarter, half, year, not 'fortnight'",
        ),
        ({"version": 2}, "version: must be 1, not 2"),
        ({"fiscal_year_start": 13}, "fiscal_year_start: must be at most 12"),
        ({"sources__deals": "deals.csv"}, "sources.deals: expected a mapping (keys with values)"),
        (
            {"grades": [{"grade": "A", "min": "high"}]},
            "grades[0].min: expected a number, not 'high'",
        ),
        (
            {"kpis__revenue__scoring": {"curve": [[0.5, 25], [1.0]]}},
            "kpis.revenue.scoring.curve[1]: expected a pair of two values, such as [1.0, 100]",
        ),
        # an encoding Python does not know: a config value, named where it is
        (
            {"sources__deals__encoding": "utf-9"},
            "sources.deals.encoding: unknown encoding 'utf-9'; use auto, utf-8, utf-8-sig, "
            "gb18030, utf-16, ...",
        ),
        # a mapping or a list of the wrong kind inside a filter: said where it is, not dropped
        (
            {"kpis__revenue__where": {"Stage": {"in": {"Won": 1}}}},
            "kpis.revenue.where.Stage.in: `in` takes a list of values, such as [Won, Lost]",
        ),
        (
            {"kpis__revenue__where": {"Amount": {"gt": [1, 2]}}},
            "kpis.revenue.where.Amount.gt: expected text",
        ),
    ],
)
def test_a_wrong_value_is_named_by_what_belongs_there(
    tmp_path: Path, changes: dict[str, Any], line: str
) -> None:
    path = tmp_path / "scorecard.yaml"
    with pytest.raises(ConfigError) as caught:
        parse_config(_minimal(**changes), path)
    [message] = str(caught.value).splitlines()
    assert message.startswith(f"{path}: {line}")


def test_an_inline_roster_takes_dates_as_a_roster_file_does(tmp_path: Path) -> None:
    # 2026年10月10日 and 2026/3/5 read in a roster file; inline they are dates too.
    data = _minimal()
    data["roster"] = {
        "people": [
            {"person": "Ann", "team": "T", "start_date": "2026/3/5", "end_date": "2026年10月10日"}
        ]
    }
    [ann] = parse_config(data, tmp_path / "scorecard.yaml").roster.people or []
    assert (ann.start_date, ann.end_date) == (dt.date(2026, 3, 5), dt.date(2026, 10, 10))


def test_an_invalid_kpi_or_sources_is_reported_once_not_at_every_reference(
    tmp_path: Path,
) -> None:
    # `revenue:` left empty is invalid, not unknown: the scorecard and the targets that
    # name it get no "unknown KPI" lines; nor do the KPIs of a `sources` that is no mapping.
    for changes, line in (
        ({"kpis__revenue": None}, "kpis.revenue: expected a mapping (keys with values)"),
        ({"sources": ["deals.csv"]}, "sources: expected a mapping (keys with values)"),
        ({"kpis": ["revenue"]}, "kpis: expected a mapping (keys with values)"),
    ):
        with pytest.raises(ConfigError) as caught:
            parse_config(_minimal(**changes), tmp_path / "scorecard.yaml")
        assert str(caught.value) == f"{tmp_path / 'scorecard.yaml'}: {line}"


def test_kpi_ids_that_differ_only_in_case_are_refused(tmp_path: Path) -> None:
    data = _minimal()
    data["kpis"]["Revenue"] = data["kpis"]["revenue"]
    data["targets"]["defaults"]["Revenue"] = 1
    with pytest.raises(ConfigError) as caught:
        parse_config(data, tmp_path / "scorecard.yaml")
    assert str(caught.value).endswith(
        "kpis: revenue, Revenue differ only in case, and a targets file (which names KPIs in "
        "any case) could not tell them apart; rename one of them"
    )


def test_a_windows_path_is_read_with_slashes_where_backslash_is_no_separator(
    tmp_path: Path,
) -> None:
    from scorecard.config_file import resolve_path

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "deals.csv").write_text("Owner\n", encoding="utf-8")
    expected = str(tmp_path / "data" / "deals.csv")
    assert resolve_path(tmp_path, "data\\deals.csv") == expected
    assert resolve_path(tmp_path, "data/deals.csv") == expected
    (tmp_path / "odd\\name.csv").write_text("Owner\n", encoding="utf-8")  # it exists: kept
    assert resolve_path(tmp_path, "odd\\name.csv") == str(tmp_path / "odd\\name.csv")
