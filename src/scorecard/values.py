"""Vectorised parsing of export values: numbers, dates, names (SPEC §6).

Each parser is a polars expression over a text column, so a million rows parse
without Python per-row code. A non-empty cell that does not parse becomes null;
`records` turns those cells into data-quality issues.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable

import polars as pl

from scorecard.periods import MONTH_NUMBERS

EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
# Currency signs and codes that may stand before or after an amount.
_CODES = (
    "CNY|RMB|USD|EUR|HKD|GBP|JPY|AUD|CAD|CHF|INR|SGD|KRW|BRL|NZD|TWD|MOP|SEK|NOK|DKK"
    "|PLN|CZK|HUF|MXN|ZAR|AED|SAR|RUB|TRY|THB|MYR|IDR|PHP|VND|ILS"
)
# Currencies named in Chinese ("人民币1,000元", "500美元"); longer names before 元.
_CJK_CURRENCY = "人民币|美元|欧元|港币|港元|日元|英镑|韩元|新台币|台币|澳元|加元|元"
_CURRENCY = rf"(?:US|A|C|HK|NT|S|R|NZ)?\$|[¥€£₩₹₽₫฿₱₪₺]|{_CODES}|{_CJK_CURRENCY}"
# The currency an amount names, for telling mixed currencies apart (¥, CNY, RMB, 元
# are one, and so are $, US$ and USD).
CURRENCY_MARK = rf"((?:US|A|C|HK|NT|S|R|NZ)?\$|[¥€£₩₹₽₫฿₱₪₺]|{_CODES}|{_CJK_CURRENCY})"
# The currency signs Excel and WPS write before an amount ("￥1,234.00", "$12,500";
# the full-width ￥ is ¥) and the one Chinese exports write after it ("1,234.00元"):
# an amount beside one of them is read directly (records.parse_column).
SIGNS_BEFORE = ("¥", "\uffe5", "$", "€", "£")
SIGN_AFTER = "元"
SAME_CURRENCY = {
    "¥": "CNY",
    "RMB": "CNY",
    "元": "CNY",
    "人民币": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "港币": "HKD",
    "港元": "HKD",
    "HK$": "HKD",
    "日元": "JPY",
    "英镑": "GBP",
    "韩元": "KRW",
    "台币": "TWD",
    "新台币": "TWD",
    "NT$": "TWD",
    "澳元": "AUD",
    "A$": "AUD",
    "加元": "CAD",
    "C$": "CAD",
    "S$": "SGD",
    "R$": "BRL",
    "NZ$": "NZD",
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₩": "KRW",
    "₹": "INR",
    "₽": "RUB",
    "₫": "VND",
    "฿": "THB",
    "₱": "PHP",
    "₪": "ILS",
    "₺": "TRY",
}
_YMD = (
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:[T\s].*)?$"  # 2026年10月5日星期一
)
_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"
_SERIAL = r"^(\d{5})(?:\.\d+)?$"
# English month names, as Excel writes a formatted date cell to CSV ("5-Oct-26") and
# many CRMs write dates ("Oct 5, 2026", "05 October 2026"): never ambiguous. A
# weekday may come first ("Mon, Oct 5, 2026"), a time after.
_MONTHS = MONTH_NUMBERS
_WEEKDAY = r"(?:[a-z]+\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_NAMED_TAIL = r"(\d{4}|\d{2})(?:,?[t\s].*)?$"
_DAY_NAME_YEAR = rf"^{_WEEKDAY}(\d{{1,2}}){_ORDINAL}[-\s/.]*([a-z]+)\.?,?[-\s/.]+{_NAMED_TAIL}"
_NAME_DAY_YEAR = rf"^{_WEEKDAY}([a-z]+)\.?[-\s/.]*(\d{{1,2}}){_ORDINAL},?[-\s/.]+{_NAMED_TAIL}"
# How a date cell of a workbook reads as text (calamine: "2026-10-05 00:00:00"), or a serial.
_CELL_DATE = r"^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2}(?:\.\d+)?)?$|^\d{5}(?:\.\d+)?$"
# A time after a date: "9/28/2026 9:15 AM", "28.09.2026, 09:15:00", "2026/9/28 下午 3:05".
_TIME_TAIL = (
    r"(?:[T\s]+|\s*,\s*)(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"\s*(?:[AaPp]\.?\s?[Mm]\.?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT))?$"
)
# A day/month form that some order reads (31/13/2026 fits neither: it is no date at all)
_MONTH, _DAY = r"(?:0?[1-9]|1[0-2])", r"(?:0?[1-9]|[12]\d|3[01])"
AMBIGUOUS = rf"^(?:{_MONTH}[-/.]{_DAY}|{_DAY}[-/.]{_MONTH})[-/.]\d{{2,4}}(?:[T\s].*)?$"


def by_unique(parser: Callable[[pl.Expr], pl.Expr], column: str) -> pl.Expr:
    """Apply `parser` to the column's distinct values only, then map every cell.

    Export columns repeat their values (dates, names, stages), so parsing the
    distinct values and mapping back is several times faster than parsing every
    cell. `maintain_order` keeps both evaluations of `unique` aligned.
    """
    distinct = pl.col(column).unique(maintain_order=True)
    return pl.col(column).replace_strict(distinct, parser(distinct), default=None)


# Zero-width spaces and joiners, word joiners and stray byte-order marks: invisible in
# a cell, and copied in with names from web pages and chat.
_INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff]"
_INVISIBLE_PY = re.compile(_INVISIBLE)


# What Excel shows in a cell whose formula failed, and writes for it when it saves a
# CSV: the seven classic errors, then those of newer versions (dynamic arrays, data
# types, Python in Excel). In a column read as text such a cell holds no value.
EXCEL_ERRORS = (
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#PYTHON!",
)
_NO_TEXT = ["", *EXCEL_ERRORS]


def _normalised(expr: pl.Expr) -> pl.Expr:
    return expr.str.normalize("NFKC").str.replace_all(_INVISIBLE, "").str.strip_chars()


def clean_text(expr: pl.Expr) -> pl.Expr:
    """NFKC-normalised (full-width folded) and trimmed; empty text becomes null."""
    return _normalised(expr).replace("", None)  # one reference to the text: see parse_number


def text_value(expr: pl.Expr) -> pl.Expr:
    """A text cell's value: `clean_text`, and null for an Excel error (#N/A, #REF!)."""
    return _normalised(expr).replace(_NO_TEXT, None)


def is_excel_error(expr: pl.Expr) -> pl.Expr:
    """Whether a cell holds an Excel error value (#N/A, #REF!), spaces aside."""
    return clean_text(expr).is_in(EXCEL_ERRORS)


_HAN_GAP = r"([\x{3400}-\x{9fff}])\s+([\x{3400}-\x{9fff}])"
_HAN_GAP_PY = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
# The dot between the parts of a transliterated name (阿依古丽·买买提), typed as any
# of several characters, with or without spaces around it.
_NAME_DOT = r"\s*[\u00b7\u2022\u2027\u2219\u22c5\u30fb\uff65]\s*"
_NAME_DOT_PY = re.compile(_NAME_DOT)
_APOSTROPHE = "[\u2018\u2019\u02bc\u00b4`]"  # O’Brien is O'Brien
_APOSTROPHE_PY = re.compile(_APOSTROPHE)


def person_key(expr: pl.Expr) -> pl.Expr:
    """How a person's name is matched: trimmed, full-width folded, case-folded, inner
    spaces as one, none between Chinese characters (`李　娜` is 李娜, `Ann  Lee` Ann Lee),
    one name dot for all its forms (`阿依古丽•买买提` is 阿依古丽·买买提), one apostrophe
    (`O’Brien` is O'Brien)."""
    spaced = clean_text(expr).str.to_lowercase().str.replace_all(r"\s+", " ")
    spaced = spaced.str.replace_all(_NAME_DOT, "\u00b7").str.replace_all(_APOSTROPHE, "'")
    # twice: a gap shares its characters with the next one ("李 小 娜")
    return spaced.str.replace_all(_HAN_GAP, "$1$2").str.replace_all(_HAN_GAP, "$1$2")


@functools.lru_cache(maxsize=65_536)
def person_key_py(text: str) -> str:
    """`person_key` for one Python string (roster names and aliases).

    Kept per text: a run looks up the same few hundred names again and again (the
    roster, the targets file's rows, the checks of the report).
    """
    visible = _INVISIBLE_PY.sub("", unicodedata.normalize("NFKC", text))
    spaced = " ".join(visible.lower().split())
    spaced = _APOSTROPHE_PY.sub("'", _NAME_DOT_PY.sub("\u00b7", spaced))
    return _HAN_GAP_PY.sub("", spaced)


# What separates thousands: a comma (a point with a decimal comma) or a space (after
# NFKC, also the no-break and thin spaces); never a tab or a line break, which
# stand between two amounts typed in one cell.
_GROUP_POINT, _GROUP_COMMA = "[, ]", "[. ]"


# How a yes/no cell is written: Excel's TRUE/FALSE, CRMs' Yes/No and 是/否, 1/0, Y/N, ✓/✗.
BOOLEAN_WORDS: dict[str, bool] = {
    **dict.fromkeys(("true", "yes", "y", "t", "1", "1.0", "是", "对", "√", "✓", "✔"), True),
    **dict.fromkeys(
        ("false", "no", "n", "f", "0", "0.0", "否", "不是", "错", "×", "✗", "✘"), False
    ),
}


def parse_boolean(text: pl.Expr) -> pl.Expr:
    """A yes/no cell (cleaned text) as True or False; null when empty or written otherwise."""
    return text.str.to_lowercase().replace_strict(
        BOOLEAN_WORDS, default=None, return_dtype=pl.Boolean
    )


def grouped_number(decimal: str = ".") -> str:
    """The regex of a number whose separators, if any, sit between groups of three
    digits, one kind of separator in a number (`1,234 567` is none)."""
    point, seps = (r"\,", (r"\.", " ")) if decimal == "," else (r"\.", (",", " "))
    groups = "|".join(rf"\d{{1,3}}(?:{sep}\d{{3}})+" for sep in seps)
    return rf"^[+-]? *(?:\d+|{groups})(?:{point}\d*)?$"


def parse_number(expr: pl.Expr, decimal: str = ".") -> pl.Expr:
    """`1,234.50`, `¥1,234.50`, `$1,234`, `(1,234)`, `35%`, full-width digits → Float64.

    Also `1.5万` (15,000) and `2亿` (200,000,000), and Excel's accounting zero `$ -`.

    With `decimal=","` the separators swap: `1.234,50` is 1234.5. A separator is a
    thousands separator only between groups of three digits: `12,34` or `12.000,50`
    (a decimal comma where a point is expected) is not a number, never 1234 or 12.0005.
    Nor are `1,234 567` (two kinds of separator), `500⏎300` (two amounts in a cell),
    `￥(1,234` or `(-5)` (brackets unpaired, or with a sign of their own) and `1元2`.
    """
    # The steps are fields of one struct, each step naming the fields it reads
    # (`pl.field`) rather than repeating the expressions they came from: an
    # expression is a tree, so `when(a).then(-x).otherwise(x)` copies all of x, and
    # copies of copies made this parser 36,000 characters long and 20 ms to plan
    # before it read a single cell (a targets file, a column's few odd values).
    t, n = pl.field("text"), pl.field("number")
    point, group = (",", _GROUP_COMMA) if decimal == "," else (".", _GROUP_POINT)
    text = clean_text(expr).str.replace_all("\u2212", "-", literal=True)  # Unicode minus
    return (
        pl.struct(text.alias("text"))
        .struct.with_fields(
            currency=t.str.contains(_CURRENCY),
            # a mark between digits ("1元2") is no amount, not 12
            refused=t.str.contains(rf"\d[ ,.]*(?:{_CURRENCY})[ ,.]*\d"),
            text=t.str.replace_all(_CURRENCY, "").str.strip_chars(),
        )
        .struct.with_fields(
            # Excel's accounting format shows a zero as a dash: "$ -", "¥ -" saved to CSV.
            zero=pl.field("currency") & t.is_in(["-", "–"]),
            negative=t.str.starts_with("(") & t.str.ends_with(")"),
        )
        .struct.with_fields(  # one pair of brackets, taken off only as a pair ("(1,234" stays)
            text=pl.when(pl.field("negative"))
            .then(t.str.strip_prefix("(").str.strip_suffix(")").str.strip_chars())
            .otherwise(t),
        )
        .struct.with_fields(
            # a sign inside the brackets ("(-1,234)") says the sign twice: no amount
            refused=pl.field("refused") | (pl.field("negative") & t.str.contains("^[+-]")),
            percent=t.str.ends_with("%"),
            text=t.str.strip_suffix("%").str.strip_chars(),
        )
        .struct.with_fields(
            # 1.5万 (1.5 ten-thousands = 15,000), 2亿 (200,000,000), as Chinese reports write
            scale=pl.when(t.str.ends_with("万")).then(1e4).when(t.str.ends_with("亿")).then(1e8),
            text=t.str.strip_suffix("万").str.strip_suffix("亿").str.strip_chars(),
        )
        .struct.with_fields(
            number=pl.when(t.str.contains(grouped_number(decimal)))
            .then(t.str.replace_all(group, "").str.replace(point, ".", literal=True))
            # Excel's scientific format with a decimal comma: 1,5E+03
            .when(t.str.contains(rf"^[+-]?\d+(?:{point}\d+)?[eE][+-]?\d+$"))
            .then(t.str.replace(point, ".", literal=True))
            .when(~t.str.contains(group))  # text without separators (1e5, .5, inf) as it is
            .then(t)
            .cast(pl.Float64, strict=False)
        )
        .struct.with_fields(number=pl.when(pl.field("negative")).then(-n).otherwise(n))
        .struct.with_fields(
            number=pl.when(pl.field("scale").is_not_null())
            .then((n * pl.field("scale")).round(6))
            .otherwise(n)
        )
        .struct.with_fields(
            number=pl.when(pl.field("zero"))
            .then(0.0)
            .when(pl.field("refused"))
            .then(None)
            .otherwise(n)
        )
        # (35% is 0.35, not 0.35000000000000003: the division is rounded off at 12 places)
        .struct.with_fields(
            number=pl.when(pl.field("percent")).then((n / 100).round(12)).otherwise(n)
        )
        # "inf", "nan", "1e999": no amount (nor a target) anyone means
        .struct.with_fields(number=pl.when(n.is_finite()).then(n))
        .struct.field("number")
    )


def parse_date(
    expr: pl.Expr, date_format: str | None = None, date1904: bool = False, workbook: bool = False
) -> pl.Expr:
    """Dates as written in exports → Date; ambiguous day/month forms → null.

    Without `date_format`: `2026-10-05`, `2026/10/5`, `2026.10.05`, `2026年10月5日`,
    English month names (`Oct 5, 2026`, `5-Oct-26`, `05 October 2026`), any of
    those followed by a time, `20261005`, and Excel serial numbers (counted from
    1904-01-01 when the workbook uses the 1904 date system).
    With `date_format` (strptime codes), every text value is read with that format;
    in a `workbook`, date cells (read as ISO text) and serial numbers stay dates.
    """
    text = clean_text(expr)
    if date_format:
        formatted = pl.coalesce(
            text.str.strptime(pl.Date, date_format, strict=False),
            text.str.strptime(pl.Datetime, date_format, strict=False).dt.date(),
        )
        if not re.search(r"%[HIMSpfTRrcX]", date_format):  # a date format, a cell with a time
            untimed = text.str.replace(_TIME_TAIL, "").str.strptime(
                pl.Date, date_format, strict=False
            )
            formatted = pl.coalesce(formatted, untimed)
        if "%Y" in date_format:  # strptime reads "10/06/26" as the year 26
            formatted = pl.when(formatted.dt.year() >= 1000).then(formatted)
        if not workbook:
            return formatted
        cell = pl.when(text.str.contains(_CELL_DATE)).then(parse_date(expr, None, date1904))
        return pl.coalesce(formatted, cell)
    # One struct whose steps name their inputs as fields: each regex runs once per
    # cell, and the expression stays small (every reference to `text` would copy it).
    t, lower = pl.field("text"), pl.field("lower")
    ymd, compact = pl.field("ymd"), pl.field("compact")
    serial = pl.field("serial").cast(pl.Int64, strict=False)
    from_serial = pl.lit(EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH) + pl.duration(days=serial)
    return (
        pl.struct(text.alias("text"))
        .struct.with_fields(
            lower=t.str.to_lowercase(),
            ymd=t.str.extract_groups(_YMD),
            compact=t.str.extract_groups(_COMPACT),
            serial=t.str.extract(_SERIAL, 1),
        )
        .struct.with_fields(
            day_name=lower.str.extract_groups(_DAY_NAME_YEAR),
            name_day=lower.str.extract_groups(_NAME_DAY_YEAR),
        )
        .struct.with_fields(
            date=pl.coalesce(
                _iso_date(*(ymd.struct.field(group) for group in "123")),
                _iso_date(*(compact.struct.field(group) for group in "123")),
                from_serial.cast(pl.Date),
                _named_month(pl.field("day_name"), day=1, month=2),
                _named_month(pl.field("name_day"), day=2, month=1),
            )
        )
        .struct.field("date")
    )


def _iso_date(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """The date of year, month and day given as digits ("2026", "10", "5"); null if none."""
    return pl.concat_str(
        year, pl.lit("-"), month.str.zfill(2), pl.lit("-"), day.str.zfill(2)
    ).str.strptime(pl.Date, "%Y-%m-%d", strict=False)


def _named_month(groups: pl.Expr, day: int, month: int) -> pl.Expr:
    """A date with its month in English words; a two-digit year is 1930-2029, as in Excel.

    `groups` are the day, month name and year a pattern found, the day and month
    as groups `day` and `month`, the year as group 3.
    """
    number = groups.struct.field(str(month)).replace_strict(
        _MONTHS, default=None, return_dtype=pl.Int32
    )
    year = groups.struct.field("3")
    short = year.str.len_chars() == 2
    full_year = year.cast(pl.Int32, strict=False)
    full_year = (
        pl.when(short & (full_year < 30))
        .then(full_year + 2000)
        .otherwise(pl.when(short).then(full_year + 1900).otherwise(full_year))
    )
    return _iso_date(
        full_year.cast(pl.String), number.cast(pl.String), groups.struct.field(str(day))
    )


def is_ambiguous_date(expr: pl.Expr) -> pl.Expr:
    """Whether a cell is a day/month form such as 05/10/2026 that needs `date_format`."""
    return clean_text(expr).str.contains(AMBIGUOUS)


_DAY_MONTH = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{2,4})\b")


def day_month_format(value: str) -> str | None:
    """The one `date_format` a day/month cell fits (31/10/2026 → %d/%m/%Y), if only one does.

    Used to word the ambiguous-date issue; the cell itself is still not guessed.
    """
    forms = day_month_formats(value)
    match = _DAY_MONTH.match(unicodedata.normalize("NFKC", value).strip())
    if not forms or not match:
        return None
    first, _, second, _ = match.groups()
    if int(first) > 12 >= int(second):
        return forms[0]
    if int(second) > 12 >= int(first):
        return forms[1]
    return None


def year_first_format(value: str) -> str | None:
    """%y-%m-%d in the cell's separator when a cell of three two-digit parts reads so.

    26-10-05 is 26 October 2005 day first, and 5 October 2026 year first, as short
    dates are written in China, Japan and Korea: either may be meant.
    """
    cell = unicodedata.normalize("NFKC", value).strip()
    match = _DAY_MONTH.match(cell)
    if not match or len(match[1]) != 2 or len(match[4]) != 2 or match.end() != len(cell):
        return None
    form = "%y{0}%m{0}%d".format(match[2])
    try:
        dt.datetime.strptime(cell, form)
    except ValueError:
        return None
    return form


def day_month_formats(value: str) -> tuple[str, str] | None:
    """(day first, month first) formats of a day/month cell, in its own separator and year.

    05.10.2026 → ("%d.%m.%Y", "%m.%d.%Y"); None for a cell of another form.
    """
    match = _DAY_MONTH.match(unicodedata.normalize("NFKC", value).strip())
    if not match:
        return None
    _, separator, _, year = match.groups()
    year_code = "%Y" if len(year) == 4 else "%y"
    day_first = f"%d{separator}%m{separator}{year_code}"
    return day_first, f"%m{separator}%d{separator}{year_code}"


def scalar_number(value: object) -> float | None:
    """Parse one value (e.g. a targets-file cell) with the same rules as `parse_number`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    if value is None:
        return None
    parsed = pl.select(parse_number(pl.lit(str(value), dtype=pl.String))).item()
    return float(parsed) if parsed is not None else None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(text: str) -> dt.date | None:
    """The day `text` writes as YYYY-MM-DD (spaces aside), or None (2026-02-30 too)."""
    text = text.strip()
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def scalar_date(
    value: object, date_format: str | None = None, date1904: bool = False, workbook: bool = False
) -> dt.date | None:
    """Parse one value (e.g. a roster start date) with the same rules as `parse_date`."""
    if value is None or isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if not date_format and isinstance(value, str) and (day := iso_day(value)) is not None:
        return day  # (read directly: a query per cell costs 2 ms)
    cell = pl.lit(str(value), dtype=pl.String)
    parsed = pl.select(parse_date(cell, date_format, date1904, workbook)).item()
    return parsed if isinstance(parsed, dt.date) else None


def clean_series(raw: pl.Series, distinct: pl.Series | None = None) -> pl.Series:
    """`text_value` for a whole column, cleaning each distinct value once.

    Export columns repeat a few values (stages, names, accounts), and those are
    usually clean already: then the column is returned as it is (a column of a few
    values is first compared with the clean values of its first cells, which costs
    less than hashing every cell), and only the cells whose value changes are
    remapped otherwise. A column of mostly
    distinct values (IDs) is cleaned cell by cell, ASCII columns by trimming only
    (NFKC folding only changes non-ASCII text). `distinct`: the column's distinct
    values, when they are known.
    """
    if raw.dtype != pl.String:
        raw = raw.cast(pl.String)
    if distinct is None:
        if _clean_few(raw):
            return raw
        distinct = raw.unique(maintain_order=True)  # also the faster of the two here
    if mostly_distinct(raw, distinct):
        return clean_each(raw)
    return clean_by_distinct(raw, distinct)[0]


def clean_each(raw: pl.Series) -> pl.Series:
    """`text_value` cell by cell, for a text column of mostly distinct values (IDs):
    ASCII columns by trimming only (NFKC folding only changes non-ASCII text)."""
    if (raw.str.len_bytes() == raw.str.len_chars()).all():
        text = raw.str.strip_chars()
        return _without_errors(text.set(text == "", None))
    return raw.to_frame().select(text_value(pl.col(raw.name))).to_series()


def _without_errors(text: pl.Series) -> pl.Series:
    """Trimmed `text` with its Excel errors as nulls (looked up only if a cell starts with #)."""
    marked = text.str.starts_with("#")
    if not marked.any():
        return text
    return text.set(marked & text.is_in(EXCEL_ERRORS), None)


# A column whose first cells hold at most this many values (stages, types, regions)
# is first checked against those: a comparison per value costs less than a hash per cell.
_FEW = 6


def _clean_few(raw: pl.Series) -> bool:
    """Whether every cell is empty or one of a few clean values seen in the first cells."""
    seen = raw.head(1000).drop_nulls().unique()
    if not 0 < seen.len() <= _FEW or raw.len() <= 1000:
        return False
    if _changed(seen, _cleaned(seen)).any():
        return False  # a value that cleaning changes: the distinct values are cleaned below
    known = pl.any_horizontal([pl.col(raw.name) == value for value in seen.to_list()])
    return bool(raw.to_frame().select((pl.col(raw.name).is_null() | known).all()).item())


def _cleaned(values: pl.Series) -> pl.Series:
    """`text_value` of each of `values`."""
    return values.to_frame().select(text_value(pl.col(values.name))).to_series()


def _changed(values: pl.Series, cleaned: pl.Series) -> pl.Series:
    """Which of `values` their cleaning changes (to other text, or to none)."""
    return cleaned.ne_missing(values)


def mostly_distinct(raw: pl.Series, distinct: pl.Series) -> bool:
    """Whether a column of these `distinct` values has few repeats (IDs, free text)."""
    return 4 * distinct.len() > max(raw.len(), 64)


def looks_distinct(raw: pl.Series) -> bool:
    """Whether a column's first cells (4,096 filled ones at most) hardly repeat: a
    column of IDs, told without hashing all of it (a guess: either way its values
    are the same, told this way only faster)."""
    first = raw.head(_FIRST_CELLS).drop_nulls()
    return first.len() >= 64 and 10 * first.n_unique() >= 9 * first.len()


_FIRST_CELLS = 4096


def clean_by_distinct(raw: pl.Series, distinct: pl.Series) -> tuple[pl.Series, pl.Series]:
    """(`raw` cleaned, `distinct` cleaned): `text_value` applied to `raw`'s distinct values.

    Only the cells whose value changes are remapped; a clean column is returned as it is.
    """
    cleaned = _cleaned(distinct)
    changed = _changed(distinct, cleaned)
    if not changed.any():
        return raw, cleaned
    return raw.replace(distinct.filter(changed), cleaned.filter(changed)), cleaned
