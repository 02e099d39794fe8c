"""Records: a source's rows with values parsed, people mapped and periods assigned.

Unparseable cells and rows naming nobody become `Issue`s here; the rows stay in
the frame and only drop out of the measures that need the missing value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import polars as pl

from scorecard.config import KPI, RatingMeasure, SourceConfig
from scorecard.errors import ConfigError
from scorecard.i18n import issue
from scorecard.measures import (
    IN_PERIOD,
    IN_PREVIOUS,
    PERIOD_START,
    PERSON,
    TEAM,
    Compiler,
    codes_name,
    first_seen_name,
    parsed_name,
    unit_name,
    units_name,
)
from scorecard.nearest import closest
from scorecard.periods import Period, previous_period
from scorecard.report import Issue, Level, SourceSummary
from scorecard.roster import Roster
from scorecard.sources import ROW, TOTALS_LABEL, Table, labelled_totals
from scorecard.values import (
    CURRENCY_MARK,
    SAME_CURRENCY,
    SIGN_AFTER,
    SIGNS_BEFORE,
    by_unique,
    clean_by_distinct,
    clean_each,
    clean_series,
    clean_text,
    day_month_format,
    day_month_formats,
    grouped_number,
    is_ambiguous_date,
    is_excel_error,
    looks_distinct,
    mostly_distinct,
    parse_boolean,
    parse_date,
    parse_number,
    person_key,
    person_key_py,
    text_value,
    year_first_format,
)

DATE = "__date"
EXAMPLES = 5
SUGGESTED = 200  # spellings of unknown people given a "did you mean" (those of the most rows)
# The usual ways an export writes a date, as strptime formats: a column's first value
# picks the one its cells are parsed with directly (calamine writes a workbook's date
# cells as "2026-10-05 00:00:00"; CRMs add the time of day, Excel on a Chinese
# Windows writes 2026/10/5 9:05 or 2026年10月5日).
_DATE_TEXT = re.compile(
    r"\d{4}(?:(?P<sep>[-/])\d{1,2}(?P=sep)\d{1,2}|(?P<cjk>年)\d{1,2}月\d{1,2}日)"
    r"(?:(?P<at>[ T])\d{1,2}:\d{2}(?P<seconds>:\d{2})?)?"
)

_YEAR_1000 = dt.date(1000, 1, 1)
# A cell such as 12,34 or 12.000,50: cents after a comma, as Europe writes them.
_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?!\d)|\d\.\d{3},\d")
_DECIMAL_POINT = re.compile(r"\d\.\d{1,2}(?!\d)|\d,\d{3}\.\d")


@dataclass(frozen=True)
class Records:
    """A source's parsed rows; `scored` selects those in the period that name a roster person."""

    name: str
    frame: pl.DataFrame
    scored: pl.Expr
    issues: tuple[Issue, ...]
    summary: SourceSummary


@dataclass(eq=False)
class Parsed:
    """What `prepare` works out of a source whatever the period, kept for a run's other periods.

    A trend (`--by`), a comparison or a growth baseline scores the same rows again
    for another period: the rows left after `dedupe`, each column parsed as text,
    number or date, and the person cells' spellings are the same each time.
    """

    table: Table
    source: SourceConfig
    deduped: tuple[pl.DataFrame, int, list[Issue]] | None = None
    columns: dict[tuple[str, str], pl.Series] = field(default_factory=dict)
    # the person cells cleaned, their distinct spellings cleaned, each cell's position in those
    spellings: tuple[pl.Series, pl.Series, pl.Series] | None = None
    # each row's person and team, and the roster lookup and teams they were matched with
    people: tuple[object, tuple[pl.Series, pl.Series, pl.Series]] | None = None
    without_date: int | None = None  # rows whose date cell is empty
    fill_issues: tuple[Issue, ...] = ()  # subtotal rows left out by `fill_down`
    # (column, value) of filters that no row of the source matches
    unmatched: list[tuple[str, str]] | None = None
    currencies: dict[str, list[str]] = field(default_factory=dict)  # column → currencies
    marked: dict[str, str] = field(default_factory=dict)  # spelling with a status → person
    # number column → its values in whole units of their last decimal, and units per 1
    units: dict[str, tuple[pl.Series, float]] = field(default_factory=dict)
    # text column whose distinct values are counted → a code per cell (`_coded`)
    codes: dict[str, pl.Series] = field(default_factory=dict)

    @classmethod
    def reuse(cls, cache: Parsed | None, table: Table, source: SourceConfig) -> Parsed:
        """`cache` if it was worked out of exactly this table read with this config, else new."""
        if cache is not None and cache.table is table and cache.source == source:
            return cache
        return cls(table, source)


# Cents first (most amounts), then ten-thousandths (rates, unit prices): values with
# fewer decimals are whole numbers of either unit, and their sums exact just the same.
_UNITS = (100.0, 10_000.0)
# Scaled values below 2^47 hold their units to within 0.06 (a float's 52 bits), so
# a further decimal digit (off by 0.1 or more) is never taken for rounding error.
_WHOLE = 2.0**47
_INT64_SAFE = 2.0**62


def decimal_units(number: pl.Series) -> tuple[pl.Series, float]:
    """(each value in whole units of the column's decimals, as Int64; units per 1).

    1,234.50 and 0.1 are whole numbers of cents (100 per 1), and sums of them in
    cents are exact; a column with up to four decimals is counted in ten-thousandths.
    A column with more decimals, or whose total in such units could overflow, stays
    as it is (its values, 1 per 1), summed as floating-point numbers.
    """
    values = number.to_frame("n").lazy()
    for per in _UNITS:
        # The checks in one pass that keeps nothing, the units (if they hold) in
        # another; both in pieces of the column, by the streaming engine: computed
        # whole, each step's column-long result would be memory first touched, a
        # page fault per 4 KB (a million amounts: 40 ms of CPU, not 20).
        units = (pl.col("n") * per).round()
        off, top, total = (
            values.select(
                (pl.col("n") * per - units).abs().max(),
                units.abs().max().alias("top"),
                units.abs().sum().alias("all"),
            )
            .collect(engine="streaming")
            .row(0)
        )
        if top is None:  # no values
            return number, 1.0
        near = 1e-6 + top * 4.4e-16  # how far a float's product may be off
        if off <= near and top < _WHOLE and total < _INT64_SAFE:
            whole = values.select(units.cast(pl.Int64)).collect(engine="streaming")
            return whole.to_series().alias(number.name), per
    return number, 1.0


def _mixed_currency(source: str, frame: pl.DataFrame, header: str, named: list[str]) -> Issue:
    """The mixed-currency warning, naming the rows not in the currency most rows are in."""
    mark = clean_text(pl.col(header)).str.extract(CURRENCY_MARK)
    marked = frame.select(
        pl.col(ROW), pl.col(header), mark.replace(SAME_CURRENCY).alias("__currency")
    ).filter(pl.col("__currency").is_not_null())
    counts = marked["__currency"].value_counts(sort=True)
    main = str(counts["__currency"][0]) if counts.height else ""
    fewer = marked.filter(pl.col("__currency") != main)
    currencies = ", ".join(named)
    if not fewer.height:
        key = "issue_mixed_currency"
        return issue("warning", "mixed-currency", key, source, column=header, currencies=currencies)
    rows = fewer[ROW].to_list()
    shown = ", ".join(map(str, rows[:10])) + (", ..." if len(rows) > 10 else "")
    return issue(
        "warning",
        "mixed-currency",
        "issue_mixed_currency_rows",
        source,
        row=rows[0],
        column=header,
        value=str(fewer[header][0]),
        currencies=currencies,
        main=main,
        count=len(rows),
        rows=shown,
    )


def _currencies(amounts: pl.Series) -> list[str]:
    """The currencies that amounts such as "USD 1,000.00" and "€5" name, each once."""
    marks = amounts.to_frame().select(clean_text(pl.col(amounts.name)).str.extract(CURRENCY_MARK))
    found = {SAME_CURRENCY.get(m, m) for m in marks.to_series().drop_nulls().unique().to_list()}
    return sorted(found)


def _fast(raw: pl.Series, kind: str, source: SourceConfig) -> pl.Series:
    """The common clean forms, parsed directly: plain numbers, dates in the column's usual form.

    A cell the direct parse reads must read the same through the full parser;
    the cells it does not read go there. (A column whose first amount has a
    currency sign is left whole to `_after_sign`, which reads it beside the signs.)
    """
    if kind == "number":
        if source.decimal == "," or _signed(raw):  # (amounts beside a sign: `_after_sign`)
            return pl.Series(raw.name, [None] * len(raw), dtype=pl.Float64)
        return _fast_number(raw)
    if source.date_format:
        days = raw.str.to_date(source.date_format, strict=False)
        # a two-digit year read by %Y (the year 26) is the full parser's to refuse
        return days.set(days < _YEAR_1000, None) if "%Y" in source.date_format else days
    form = _date_form(raw)
    days = _dates_in(raw, form)
    # A column may mix forms (cells retyped in Excel, two exports pasted together,
    # "2026-10-05 09:30:00" beside "2026年10月5日 9:30"): the cells left over are read
    # in the form of the first of them, for a few forms.
    tried = {form}
    for _ in range(_MORE_FORMS):
        unread = days.is_null() & raw.is_not_null()
        if not unread.any():
            break
        rest = raw.filter(unread)
        form = _date_form(rest)
        if form in tried:
            break
        tried.add(form)
        days = days.scatter(unread.arg_true(), _dates_in(rest, form))
    return days


_MORE_FORMS = 3


def _dates_in(raw: pl.Series, form: str) -> pl.Series:
    """The cells that read as dates in strptime `form` (a usual form), null elsewhere."""
    # Cells with a time of day are mostly distinct: looking each up in a cache of the
    # texts parsed would cost more than it saves (a million datetimes: 62 ms, not 33).
    days = raw.str.to_date(form, strict=False, cache="%H" not in form)
    # strptime also takes a sign before the year ("+2026-10-05") and years of fewer
    # digits ("999/1/1"): text sorting before "0" (a sign, a space) and years before
    # 1000 are left to the full parser.
    odd = (raw < "0") | (days < _YEAR_1000)
    return days.set(odd, None) if odd.any() else days


def _fast_number(raw: pl.Series) -> pl.Series:
    """Plain numbers, and numbers with thousands separators ("12,500.00").

    The first number decides which is tried first (a column of "12,500.00" is not
    cast as plain numbers in vain); the other is tried on the cells left unread.
    """
    steps = [_thousands, _plain] if "," in _first_value(raw) else [_plain, _thousands]
    number = steps[0](raw)
    failed = number.is_null() & raw.is_not_null()
    if not failed.any():
        return number
    if number.null_count() == len(raw):  # none read: the other way over them all
        return steps[1](raw)
    return number.scatter(failed.arg_true(), steps[1](raw.filter(failed)))


def _plain(raw: pl.Series) -> pl.Series:
    return raw.cast(pl.Float64, strict=False)


def _thousands(raw: pl.Series) -> pl.Series:
    """Numbers with thousands separators, the usual reason a clean number fails; a comma
    anywhere else ("12,34", a decimal comma) is left to the full parser."""
    grouped = raw.str.replace_all(",", "", literal=True).cast(pl.Float64, strict=False)
    unread = ~raw.str.contains(grouped_number()).fill_null(False)
    return grouped.set(unread, None) if unread.any() else grouped


def _signed(raw: pl.Series) -> bool:
    """Whether the column's first amount has a currency sign before or after it (￥12,500)."""
    text = _first_value(raw)
    return text[:1] in SIGNS_BEFORE or text[-1:] == SIGN_AFTER


def _first_value(raw: pl.Series) -> str:
    """The column's first filled cell among its first thousand, or ""."""
    first = raw.head(1000).drop_nulls().head(1).to_list()
    return str(first[0]) if first else ""


def _finite(number: pl.Series) -> pl.Series:
    """`number` without its infinities and NaNs ("inf", "1e999" are no amounts)."""
    odd = number.is_infinite() | number.is_nan()
    return number.set(odd, None) if odd.any() else number


def _after_sign(raw: pl.Series, fast: pl.Series) -> tuple[pl.Series, list[str]]:
    """`fast` with the cells it left unread read too, each without its one currency sign.

    An amount that reads once its sign is taken off is a number the full parser
    reads the same (it takes off every currency mark): only the amounts left
    over, such as "¥(1,234)", "$ -" or "1.5万元", still need it. (The unread cells
    without a sign are read as they are: all the cells of a column `_signed` left
    to this.) Returns the signs read too.
    """
    unread = fast.is_null() & raw.is_not_null()
    if not unread.any():
        return fast, []
    rest = raw.filter(unread)
    first = rest.str.slice(0, 1)
    before = first.is_in(SIGNS_BEFORE)
    after = ~before & rest.str.ends_with(SIGN_AFTER)
    some_before, some_after = bool(before.any()), bool(after.any())
    if not (some_before or some_after):  # (never for a column `_signed` left to this)
        return fast, []
    if before.all():  # the usual ￥ column: one slice
        bare = rest.str.slice(1)
    else:
        bare = rest.str.head(-1).zip_with(after, rest) if some_after else rest
        if some_before:
            bare = rest.str.slice(1).zip_with(before, bare)
    amounts = _finite(_fast_number(bare))  # inf, NaN: no amounts
    read = amounts.is_not_null()
    signs = set(first.filter(before & read).unique().to_list()) if some_before else set()
    if some_after and (after & read).any():
        signs.add(SIGN_AFTER)
    if unread.all():
        return amounts, sorted(signs)
    return fast.scatter(unread.arg_true(), amounts), sorted(signs)


def _date_form(raw: pl.Series) -> str:
    """The strptime format of the column's first value if it is a usual form, else ISO's."""
    found = _DATE_TEXT.fullmatch(_first_value(raw).strip())
    if found is None:
        return "%Y-%m-%d"
    form = "%Y年%m月%d日" if found["cjk"] else "%Y{0}%m{0}%d".format(found["sep"])
    if found["at"]:
        form += found["at"] + ("%H:%M:%S" if found["seconds"] else "%H:%M")
    return form


# How a workbook's number cell reads as text (calamine writes 12.5, 0.75, 1e-05).
_CELL_NUMBER = r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$"


def _full(kind: str, source: SourceConfig, table: Table) -> Callable[[pl.Expr], pl.Expr]:
    if kind == "number":
        if source.decimal == "," and table.workbook:
            # `decimal` is for the text cells: a value that does not read with a decimal
            # comma but is written as calamine writes a number cell (12.5) is that number.
            return lambda e: pl.coalesce(
                parse_number(e, ","),
                pl.when(clean_text(e).str.contains(_CELL_NUMBER)).then(parse_number(e)),
            )
        return lambda e: parse_number(e, source.decimal)
    return lambda e: parse_date(e, source.date_format, table.date1904, table.workbook)


def parse_column(
    raw: pl.Series,
    kind: str,
    source: SourceConfig,
    table: Table,
    currencies: dict[str, list[str]] | None = None,
) -> pl.Series:
    """A text column parsed as numbers or dates.

    Clean values take a direct cast; only the distinct values that fail it go
    through the full parser (currency signs, 年月日, serials), so the usual
    export costs one vectorised pass. The currencies that a number column's
    amounts name go to `currencies[column]` when there are several.
    """
    if kind == "text":
        return clean_series(raw)
    fast = _fast(raw, kind, source)
    signs: list[str] = []
    if kind == "number":
        if source.decimal == ".":
            fast, signs = _after_sign(raw, fast)
        fast = _finite(fast)
    failing = fast.is_null() & raw.is_not_null()
    named = _currencies(pl.Series(signs, dtype=pl.String)) if signs else []
    if failing.any():
        distinct = raw.filter(failing).unique(maintain_order=True)
        full = _full(kind, source, table)(pl.col(raw.name))
        parsed = distinct.to_frame().select(full).to_series()
        if kind == "number":
            parsed = _finite(parsed)
            named = sorted({*named, *_currencies(distinct.filter(parsed.is_not_null()))})
        slow = raw.replace_strict(distinct, parsed, default=None, return_dtype=fast.dtype)
        fast = fast.zip_with(~failing, slow)
    if len(named) > 1 and currencies is not None:
        currencies[str(raw.name)] = named
    return fast


def _parse_job(
    job: tuple[str, str],
    frame: pl.DataFrame,
    source: SourceConfig,
    table: Table,
    cache: Parsed,
    compiler: Compiler,
) -> pl.Series:
    """One column parsed (in a worker thread), with its units when a sum adds them up."""
    header, kind = job
    if kind == "text" and header in compiler.coded:
        text, cache.codes[header] = _coded(frame[header])
        return text
    parsed = parse_column(frame[header], kind, source, table, cache.currencies)
    if kind == "number" and header in compiler.exact:
        cache.units[header] = decimal_units(parsed)
    return parsed


def parse(
    table: Table, source: SourceConfig, compiler: Compiler, roster: Roster, cache: Parsed
) -> tuple[list[tuple[str, str]], tuple[pl.Series, pl.Series, pl.Series]]:
    """What `prepare` works out whatever the period, into `cache`: the rows left after
    `fill_down` and `dedupe`, each needed column parsed, each row's person and team.

    Returns the (header, kind) of the columns parsed, and the person columns.
    """
    person_col = table.column(source.person, "person column")
    date_col = table.column(source.date, "date column") if source.date else None
    if cache.deduped is None:
        filled, cache.fill_issues = _fill_down(table, source)
        cache.deduped = _dedupe(filled, source)
    frame = cache.deduped[0]
    needs = compiler.needs
    jobs = [(header, kind) for kind, headers in needs.items() for header in sorted(headers)]
    if date_col and date_col not in needs["date"]:
        jobs.append((date_col, "date"))
    missing = [job for job in jobs if job not in cache.columns]
    # Columns parse in parallel: polars releases the GIL inside each cast and lookup.
    # All at once (more threads than cores): each waits on polars' own pool in turn.
    with ThreadPoolExecutor(max_workers=len(missing) + 1) as pool:
        people = pool.submit(_people, frame[person_col], roster, cache)
        columns = pool.map(
            lambda job: _parse_job(job, frame, source, table, cache, compiler), missing
        )
        cache.columns.update(zip(missing, columns, strict=True))
    return jobs, people.result()


def prepare(
    table: Table,
    source: SourceConfig,
    compiler: Compiler,
    roster: Roster,
    period: Period,
    cache: Parsed | None = None,
    fiscal_year_start: int = 1,
) -> Records:
    """Parse the needed columns, map people, keep the period's rows of roster people.

    `cache` (from an earlier period of the same run) saves parsing the columns again;
    `fiscal_year_start` places the period before a quarter, half or year (retention).
    """
    person_col = table.column(source.person, "person column")
    date_col = table.column(source.date, "date column") if source.date else None
    cache = Parsed.reuse(cache, table, source)
    jobs, people = parse(table, source, compiler, roster, cache)
    assert cache.deduped is not None  # (worked out by `parse`)
    frame, deduped, dedupe_issues = cache.deduped
    needs = compiler.needs
    parsed = {
        parsed_name(header, kind): cache.columns[header, kind].alias(parsed_name(header, kind))
        for header, kind in jobs
    }
    if date_col:
        parsed[DATE] = parsed[parsed_name(date_col, "date")].alias(DATE)
    per_unit: list[pl.Expr] = []
    for header in sorted(compiler.exact):
        if header not in cache.units:
            cache.units[header] = decimal_units(cache.columns[header, "number"])
        units, per = cache.units[header]
        parsed[units_name(header)] = units.alias(units_name(header))
        per_unit.append(pl.lit(per, dtype=pl.Float64).alias(unit_name(header)))
    for header in sorted(compiler.coded):
        if header not in cache.codes:  # (its text parsed without them)
            cache.codes[header] = _coded(cache.columns[header, "text"])[1]
        parsed[codes_name(header)] = cache.codes[header].alias(codes_name(header))
    frame = frame.with_columns(*parsed.values(), *per_unit, *people)
    frame = frame.with_columns(
        _period_columns(compiler, date_col, period, source, fiscal_year_start)
    )
    if compiler.first_seen:
        frame = frame.with_columns(
            pl.col(DATE)
            .min()
            .over([parsed_name(h, "text") for h in headers])
            .alias(first_seen_name(headers))
            for headers in sorted(compiler.first_seen)
        )

    # A formula without a saved value matters where the scorecard reads its column (as
    # an error cell does): one in a column nothing reads is no warning to act on.
    read = {person_col, date_col, *(header for header, _ in jobs)}
    kept = [i for i in table.issues if i.code != "formula-without-value" or i.column in read]
    kept = _owned(kept, frame, table, person_col, roster)
    issues: list[Issue] = [*kept, *cache.fill_issues, *dedupe_issues]
    if deduped:
        keys = ", ".join(source.dedupe.key) if source.dedupe else ""
        issues.append(
            issue(
                "info", "deduplicated", "issue_deduplicated", table.name, count=deduped, keys=keys
            )
        )
    lazy = frame.lazy()
    in_scope = pl.col(IN_PERIOD)
    scored = in_scope & pl.col(PERSON).is_not_null()
    rows = (in_scope | pl.col(IN_PREVIOUS)) & pl.col(PERSON).is_not_null()
    # Only a column whose parsed form has more nulls than its text has cells that failed.
    unparsed = {
        parsed_name(header, kind)
        for header, kind in jobs
        if frame[parsed_name(header, kind)].null_count() > frame[header].null_count()
    }
    if date_col and parsed_name(date_col, "date") in unparsed:
        issues += _value_issues(
            table.name, lazy, date_col, DATE, "date", source.date_format, pl.lit(True)
        )
    for kind, headers in needs.items():
        for header in sorted(headers):
            if kind == "text" or (kind == "date" and header == date_col):
                continue
            if parsed_name(header, kind) not in unparsed:
                continue
            issues += _value_issues(
                table.name,
                lazy,
                header,
                parsed_name(header, kind),
                kind,
                source.date_format,
                scored,
                source.decimal,
            )
    for start, end in sorted(compiler.spans):
        issues += _reversed_spans(table.name, lazy, start, end, scored)
    issues += _error_cells(table.name, frame, person_col, pl.col("__person_text"), in_scope)
    for header in _text_columns(jobs, person_col, source, table):
        cleaned = pl.col(parsed_name(header, "text")) if (header, "text") in jobs else None
        issues += _error_cells(table.name, frame, header, cleaned, scored)
    unknown = in_scope & pl.col(PERSON).is_null() & pl.col("__person_text").is_not_null()
    inactive = in_scope & pl.col(PERSON).is_not_null() & pl.col(TEAM).is_null()
    operands = [] if cache.unmatched is not None else _operands(compiler)
    counts = frame.select(
        in_scope.sum().alias("in_period"),
        (in_scope & pl.col("__person_text").is_null()).sum().alias("without_person"),
        unknown.sum().alias("unknown"),
        inactive.sum().alias("inactive"),
        *(
            (pl.col(parsed_name(h, "text")) == v).any().alias(f"\x00has{i}")
            for i, (h, v) in operands
        ),
    ).row(0, named=True)
    if cache.unmatched is None:
        cache.unmatched = [hv for i, hv in operands if not counts[f"\x00has{i}"]]
    if cache.without_date is None:
        cache.without_date = _without_date(frame, date_col) if date_col else 0
    counts["without_date"] = cache.without_date
    if date_col and not counts["in_period"]:
        issues += _outside_dates(table.name, frame[DATE], date_col, period)
    if counts["unknown"]:
        issues += _unknown_people(table.name, lazy.filter(unknown), person_col, roster)
    if date_col:
        issues += _outside_active_days(table.name, lazy.filter(in_scope), roster, period)
    if counts["inactive"]:  # matched to someone not on the team in this period
        issues += _per_spelling(
            lazy.filter(inactive),
            pl.col(PERSON).cast(pl.String),
            "inactive-person",
            "issue_inactive_person",
            table.name,
            person_col,
            of_person=True,
        )
    if cache.marked:
        issues += _marked_people(table.name, lazy.filter(in_scope), person_col, cache.marked)
    issues += _unmatched_filters(table.name, frame, cache.unmatched)
    issues += _not_booleans(table.name, frame, compiler.booleans, scored)
    if source.decimal == "." and not table.workbook:
        issues += dot_thousands(table.name, frame, sorted(needs["number"]))
    for header in sorted(h for h in cache.currencies if h in needs["number"]):
        issues.append(_mixed_currency(table.name, frame, header, cache.currencies[header]))
    for count, code, column in (
        (counts["without_date"], "missing-date", source.date),
        (counts["without_person"], "missing-person", source.person),
    ):
        if count:
            severity: Level = "info"
            message_key = "issue_" + code.replace("-", "_")
            if code == "missing-person" and _grouped(frame["__person_text"]):
                # most rows would count for no one: a warning (`--strict` fails on it)
                severity, message_key = "warning", "issue_missing_person_grouped"
            issues.append(
                issue(severity, code, message_key, table.name, count=count, column=column)
            )
    summary = SourceSummary(
        name=table.name,
        path=str(table.path),
        rows=frame.height,
        rows_in_period=int(counts["in_period"]),
        rows_without_date=int(counts["without_date"]),
        rows_without_person=int(counts["without_person"]),
        rows_unknown_person=int(counts["unknown"]),
    )
    return Records(table.name, frame, rows, tuple(issues), summary)


# What CRMs add to the name of a user who left: HubSpot's "(Deactivated User)",
# Fxiaoke's "（已离职）" (matched after person_key: NFKC, lower case).
# An e-mail address beside a name, in brackets: how some CRMs and mail exports name a user
_MAIL_IN_CELL = (
    r"[(<（\[]\s*([^\s()<>（）\[\]@]+@[^\s()<>（）\[\]@]+\.[^\s()<>（）\[\]@]+)\s*[)>）\]]\s*$"
)
STATUS_SUFFIX = (
    r"\s*[(\[]\s*(?:deactivated(?: user)?|inactive(?: user)?|disabled|former employee"
    r"|已离职|离职|已停用|停用|已禁用|禁用)\s*[)\]]$"
)


def _outside_dates(source: str, days: pl.Series, column: str, period: Period) -> list[Issue]:
    """A warning when the period lies wholly before or after every date of the source.

    A stale export, or a --period from another year, would score everyone 0. (A
    period between the source's first and last dates may be without rows: no
    complaints in October.)
    """
    first, last = days.min(), days.max()
    if not isinstance(first, dt.date) or not isinstance(last, dt.date):
        return []
    if first <= period.end and period.start <= last:
        return []
    return [
        issue(
            "warning",
            "period-outside-data",
            "issue_period_outside_data",
            source,
            column=column,
            period=period.label,
            first=first.isoformat(),
            last=last.isoformat(),
        )
    ]


def _outside_active_days(
    source: str, in_period: pl.LazyFrame, roster: Roster, period: Period
) -> list[Issue]:
    """A note per person who joined or left within the period and has rows dated outside
    their days on the team: those rows count for them (a prorated target is for their
    days, the actual is the period's), so the note says how many."""
    spans = [
        (person, span)
        for person in roster.people
        if (span := person.active_days(period.start, period.end)) is not None
        and span != (period.start, period.end)
    ]
    if not spans:
        return []
    # Only the three columns it looks at (the period's rows of a million-row source with
    # all their columns would be copied for nothing), joined to every span at once.
    days = pl.DataFrame(
        {
            "span": range(len(spans)),
            PERSON: [person.person for person, _ in spans],
            "first": [first for _, (first, _) in spans],
            "last": [last for _, (_, last) in spans],
        },
        schema={"span": pl.Int64, PERSON: pl.String, "first": pl.Date, "last": pl.Date},
    )
    outside = (
        in_period.select(pl.col(PERSON).cast(pl.String), DATE, ROW)
        .join(days.lazy(), on=PERSON)
        .filter((pl.col(DATE) < pl.col("first")) | (pl.col(DATE) > pl.col("last")))
        .group_by("span")
        .agg(pl.len().alias("count"), pl.col(ROW).sort().head(EXAMPLES).alias("rows"))
        .sort("span")
        .collect()
    )
    issues = []
    for index, count, rows in outside.iter_rows():
        person, (first, last) = spans[index]
        shown = ", ".join(str(r) for r in rows[:EXAMPLES])
        more = ", ..." if count > EXAMPLES else ""
        issues.append(
            issue(
                "info",
                "outside-active-days",
                "issue_outside_active_days",
                source,
                row=int(rows[0]),
                value=person.person,
                person=person.person,
                count=count,
                first=first.isoformat(),
                last=last.isoformat(),
                rows=shown + more,
            )
        )
    return issues


def _grouped(person: pl.Series) -> bool:
    """Whether the person column looks printed once per group: each name once, then blanks.

    That is a grouped report, or a sheet saved from cells merged over a person's rows;
    `fill_down` reads it. (A CRM export with unassigned rows repeats the names.)
    """
    names = person.drop_nulls()
    names = names.filter(~names.str.contains(TOTALS_LABEL))  # and a Subtotal row per group
    return 2 <= names.len() <= person.null_count() and names.n_unique() == names.len()


def _people(
    raw: pl.Series, roster: Roster, cache: Parsed
) -> tuple[pl.Series, pl.Series, pl.Series]:
    """The person cells cleaned, the roster person each names (or null), and their team.

    Worked out once per distinct spelling: the cells become category codes (one
    hash of the column), and each code's person and team are picked by position.
    The person and team columns are categorical, which is also what the
    aggregation groups by fastest. The spellings are kept in `cache`, and the
    people and teams found for as long as another period has the same members
    in the same teams (a joiner or a leaver has them worked out again).
    """
    matched_with = (roster.lookup, {p.person: p.team for p in roster.people})
    if cache.people is not None and cache.people[0] == matched_with:
        return cache.people[1]  # another period with the same members in the same teams
    if cache.spellings is None:
        cache.spellings = _spellings(raw)
    text, cleaned, at = cache.spellings
    keys = cleaned.to_frame().select(person_key(pl.col(cleaned.name))).to_series()
    people = keys.replace_strict(dict(roster.lookup), default=None, return_dtype=pl.String)
    cache.marked = {}
    if people.null_count():  # "Dan Lee (Deactivated User)", "张三（已离职）": Dan Lee, 张三
        bare = keys.str.replace(STATUS_SUFFIX, "").replace_strict(
            dict(roster.lookup), default=None, return_dtype=pl.String
        )
        marked = people.is_null() & bare.is_not_null()
        cache.marked = dict(zip(cleaned.filter(marked), bare.filter(marked), strict=True))
        people = people.fill_null(bare)
    if people.null_count():  # "Ann Lee (ann@acme.com)", "Ann <ann@acme.com>": by the e-mail
        mailed = keys.str.extract(_MAIL_IN_CELL).replace_strict(
            dict(roster.lookup), default=None, return_dtype=pl.String
        )
        people = people.fill_null(mailed)
    teams = people.replace_strict(matched_with[1], default=None, return_dtype=pl.String)
    found = (
        text.alias("__person_text"),
        people.cast(pl.Categorical).gather(at).alias(PERSON),
        teams.cast(pl.Categorical).gather(at).alias(TEAM),
    )
    cache.people = (matched_with, found)
    return found


def _spellings(raw: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series]:
    """(the cells cleaned, their distinct spellings cleaned, each cell's position in those)."""
    text, distinct, at = _categorised(raw)
    text, cleaned = clean_by_distinct(text, distinct)
    return text, cleaned, at


def _categorised(raw: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series]:
    """(the cells as text, their distinct values, each cell's position in those): one hash."""
    text = raw if raw.dtype == pl.String else raw.cast(pl.String)
    # Categories of the column's own: each spelling's code is its position among them.
    # (The categories live as long as a column of them: `cells` keeps them.)
    categories = pl.Categories.random()
    cells = text.cast(pl.Categorical(categories))
    distinct = categories.to_series().alias(text.name)
    return text, distinct, cells.to_physical()


def _coded(raw: pl.Series) -> tuple[pl.Series, pl.Series]:
    """(the cells cleaned, a code per cell: the same for the same cleaned text, null for none).

    The codes come with the cleaning: the column's distinct values are cleaned
    once, and a cell's code is its value's position among them. Spellings that
    clean to one text (or to none) have their codes merged.
    """
    if raw.dtype == pl.String and looks_distinct(raw):  # IDs: cleaned cell by cell,
        text = clean_each(raw)  # then coded by rank (cheaper than categories of them all)
        return text, text.rank("dense")
    text, distinct, codes = _categorised(raw)
    if mostly_distinct(text, distinct):
        text = clean_each(text)
        return text, text.rank("dense")
    text, cleaned = clean_by_distinct(text, distinct)
    if cleaned.null_count() or cleaned.n_unique() < cleaned.len():
        merged = cleaned.cast(pl.Categorical(pl.Categories.random())).to_physical()
        codes = merged.gather(codes)
    return text, codes


def _period_columns(
    compiler: Compiler,
    date_col: str | None,
    period: Period,
    source: SourceConfig,
    fiscal_year_start: int,
) -> list[pl.Expr]:
    """In this period?  In the one before (only retention needs it)?  The period's start."""
    if date_col is None:
        if compiler.previous or compiler.first_seen:
            raise ConfigError.of("err_customer_date", source=compiler.table.name)
        return [
            pl.lit(True).alias(IN_PERIOD),
            pl.lit(False).alias(IN_PREVIOUS),
            pl.lit(period.start).alias(PERIOD_START),
        ]
    day = pl.col(DATE)
    columns = [
        day.is_between(pl.lit(period.start), pl.lit(period.end)).fill_null(False).alias(IN_PERIOD),
        pl.lit(period.start).alias(PERIOD_START),
    ]
    if compiler.previous:
        earlier = previous_period(period, fiscal_year_start)
        columns.append(
            day.is_between(pl.lit(earlier.start), pl.lit(earlier.end))
            .fill_null(False)
            .alias(IN_PREVIOUS)
        )
    else:
        columns.append(pl.lit(False).alias(IN_PREVIOUS))
    return columns


def _without_date(frame: pl.DataFrame, date_col: str) -> int:
    """Rows whose date cell is empty (looked for only among the rows without a date)."""
    if frame[DATE].null_count() == 0:
        return 0
    # Empty cells are read as nulls; only the few filled cells without a date (spaces,
    # unreadable dates) are trimmed to tell. (The frame's other columns are not copied.)
    raw, undated = pl.col(date_col), pl.col(DATE).is_null()
    filled = raw.filter(undated & raw.is_not_null())
    return int(frame.select((undated & raw.is_null()).sum() + _blank(filled).sum()).item())


def _blank(raw: pl.Expr) -> pl.Expr:
    """An empty cell: missing, or only spaces (an unparseable value is not blank)."""
    return raw.is_null() | (raw.str.strip_chars() == "")


def _fill_down(table: Table, source: SourceConfig) -> tuple[Table, tuple[Issue, ...]]:
    """The `fill_down` columns' empty cells take the value above; subtotal rows are left out.

    A grouped report prints the group's value (the owner) on its first row only,
    and a subtotal row (小计, Subtotal) under each group: once the owner is filled
    in, such a row would be scored as one of the owner's, so it is flagged instead.
    """
    if not source.fill_down:
        return table, ()
    columns = [table.column(c, "fill_down column") for c in source.fill_down]
    # A subtotal row has no owner of its own (or its label in the owner's place) and
    # no date: a customer named "Total" on a dated row of an owner's is data.
    ownerless = pl.all_horizontal(
        clean_text(pl.col(c)).str.contains(TOTALS_LABEL).fill_null(True) for c in columns
    )
    undated = clean_text(pl.col(table.column(source.date))).is_null() if source.date else True
    flagged = labelled_totals(table.frame.filter(ownerless & undated), table.headers)
    subtotal = pl.col(ROW).is_in(flagged[ROW].implode())
    frame = table.frame.filter(~subtotal).with_columns(
        pl.when(clean_text(pl.col(c)).is_null())
        .then(None)
        .otherwise(pl.col(c))
        .forward_fill()
        .alias(c)
        for c in columns
    )
    issues = tuple(
        issue("info", "totals-row", "issue_totals_row", table.name, row=row, value=word, word=word)
        for row, word in flagged.iter_rows()
    )
    return replace(table, frame=frame), issues


def _owned(
    issues: list[Issue], frame: pl.DataFrame, table: Table, person_col: str, roster: Roster
) -> list[Issue]:
    """The file's row-level issues (a formula without a value, a ragged row, an unclosed
    quote) with the roster person of their row: their explain and team workbook show them."""
    rows = {i.row for i in issues if i.person is None and i.row is not None}
    if not rows:
        return issues
    wanted = pl.col(ROW).is_in(list(rows))
    found = frame.filter(wanted).select(ROW, pl.col(PERSON).cast(pl.String))
    owners: dict[int, str | None] = dict(found.iter_rows())
    if table.set_aside is not None:  # not scored, but someone's: by their person cell
        for row, cell in table.set_aside.filter(wanted).select(ROW, person_col).iter_rows():
            owners[row] = roster.lookup.get(person_key_py(cell)) if cell else None
    return [
        replace(i, person=owner)
        if i.person is None and i.row is not None and (owner := owners.get(i.row))
        else i
        for i in issues
    ]


def _dedupe(table: Table, source: SourceConfig) -> tuple[pl.DataFrame, int, list[Issue]]:
    """One row per dedupe key: first or last by `order_by` (a date, else text), then file order.

    Rows with an empty key cell are all kept: an empty key identifies nothing. In an
    `order_by` column of dates, a repeated key's cell that reads as no date (`13/10/2026`
    without a date_format, `yesterday`) is reported (`dedupe-order`): it sorts before
    every date, so the row kept may not be the latest.
    """
    rule = source.dedupe
    if rule is None:
        return table.frame, 0, []
    keys = [table.column(k, "dedupe key column") for k in rule.key]
    key_names = [f"__key{i}" for i in range(len(keys))]
    frame = table.frame.with_columns(
        text_value(pl.col(k)).alias(n) for k, n in zip(keys, key_names, strict=True)
    )
    keyed = pl.all_horizontal(pl.col(n).is_not_null() for n in key_names)
    issues: list[Issue] = []
    if rule.order_by:
        order = table.column(rule.order_by, "dedupe order_by column")
        as_date = by_unique(_full("date", source, table), order)
        frame = frame.with_columns(
            as_date.alias("__order_date"), clean_text(pl.col(order)).alias("__order_text")
        )
        issues = _undated_order(table.name, frame, order, keyed, key_names, source.date_format)
        frame = frame.sort(["__order_date", "__order_text", ROW], nulls_last=False)
        frame = frame.drop("__order_date", "__order_text")
    kept = (
        pl.concat(
            [
                frame.filter(keyed).unique(subset=key_names, keep=rule.keep, maintain_order=True),
                frame.filter(~keyed),
            ]
        )
        .drop(key_names)
        .sort(ROW)
    )
    return kept, frame.height - kept.height, issues


def _undated_order(
    source: str,
    frame: pl.DataFrame,
    order: str,
    keyed: pl.Expr,
    key_names: list[str],
    date_format: str | None,
) -> list[Issue]:
    """The `dedupe-order` warning: repeated keys whose order_by cell reads as no date."""
    dated = pl.col("__order_date").is_not_null()
    if not frame.select(dated.any()).item():
        return []  # a column of versions or codes: ordered as text, as meant
    repeated = keyed & (pl.len().over(key_names) > 1)
    undated = frame.filter(repeated & ~dated & pl.col("__order_text").is_not_null())
    if not undated.height:
        return []
    rows = undated[ROW].to_list()
    shown = ", ".join(map(str, rows[:10])) + (", ..." if len(rows) > 10 else "")
    value = str(undated[order][0])
    either = not date_format and undated.select(is_ambiguous_date(pl.col(order)).any()).item()
    key = "issue_dedupe_order_day_month" if either else "issue_dedupe_order"
    at = {"row": rows[0], "column": order, "value": value}
    return [issue("warning", "dedupe-order", key, source, count=len(rows), rows=shown, **at)]


def _text_columns(
    jobs: list[tuple[str, str]], person_col: str, source: SourceConfig, table: Table
) -> list[str]:
    """The columns read as text besides the person column: parsed ones, then dedupe keys."""
    parsed = [header for header, kind in jobs if kind == "text" and header != person_col]
    keys = (
        [table.column(k, "dedupe key column") for k in source.dedupe.key] if source.dedupe else []
    )
    return [*parsed, *(k for k in dict.fromkeys(keys) if k not in parsed and k != person_col)]


def _error_cells(
    source: str, frame: pl.DataFrame, header: str, cleaned: pl.Expr | None, scope: pl.Expr
) -> list[Issue]:
    """A warning per Excel error value (#N/A, #REF!) of a text column within `scope`.

    Such a cell is read as empty (`text_value`): no account, no filter value, no one.
    With `cleaned` (the column as read), only a column that has more empty cells read
    than written is looked at, and there only those cells.
    """
    raw = pl.col(header)
    if cleaned is not None:
        if frame.select(cleaned.null_count() == raw.null_count()).item():
            return []
        scope = scope & cleaned.is_null()
    # (two filters: the error values are looked up only in the cells with a "#")
    marked = frame.filter(scope & raw.str.contains("#", literal=True))
    flagged = marked.filter(is_excel_error(raw)).select(
        pl.col(ROW), pl.col(PERSON).cast(pl.String), raw.str.strip_chars()
    )
    return [
        issue(
            "warning",
            "error-cell",
            "issue_error_cell",
            source,
            row=row,
            column=header,
            value=value,
            person=person,
        )
        for row, person, value in flagged.iter_rows()
    ]


def _reversed_spans(
    source: str, lazy: pl.LazyFrame, start: str, end: str, scope: pl.Expr
) -> list[Issue]:
    """Rows of `scope` whose `end` date is before their `start` date (mean_days)."""
    days = pl.col(parsed_name(end, "date")) - pl.col(parsed_name(start, "date"))
    flagged = (
        lazy.filter(scope & (days.dt.total_days() < 0))
        .select(pl.col(ROW), pl.col(PERSON).alias("person"), pl.col(start), pl.col(end))
        .collect()
    )
    return [
        issue(
            "warning",
            "negative-span",
            "issue_negative_span",
            source,
            row=row[ROW],
            column=end,
            value=row[end],
            person=row["person"],
            start=start,
            start_value=row[start],
        )
        for row in flagged.iter_rows(named=True)
    ]


def _value_issues(
    source: str,
    lazy: pl.LazyFrame,
    header: str,
    parsed: str,
    kind: str,
    date_format: str | None,
    scope: pl.Expr,
    decimal: str = ".",
) -> list[Issue]:
    """Cells that hold text but did not parse as `kind`, within `scope`."""
    raw = pl.col(header)
    flagged = (
        lazy.filter(scope & raw.is_not_null() & pl.col(parsed).is_null())
        .select(
            pl.col(ROW),
            pl.col(PERSON).alias("person"),
            raw.alias("value"),
            (is_ambiguous_date(raw) if kind == "date" and not date_format else pl.lit(False)).alias(
                "ambiguous"
            ),
        )
        .filter(pl.col("value").str.strip_chars() != "")
        .collect()
    )
    records = list(flagged.iter_rows(named=True))
    proof = _order_proof([(r[ROW], r["value"]) for r in records if r["ambiguous"]])
    issues = []
    if kind == "date" and date_format and records:
        issues += _swapped_format(source, header, date_format, records)
    for rec in records:
        value, fits = rec["value"], None
        example: dict[str, str | int] = {}
        if kind == "number":
            code = "bad-number"
            key = "issue_bad_number"
            if decimal == "." and _DECIMAL_COMMA.search(value):  # 12,50 with a decimal point
                key = "issue_decimal_comma"
            elif decimal == "," and _DECIMAL_POINT.search(value):  # 12.50 with a decimal comma
                key = "issue_decimal_point"
        elif rec["ambiguous"]:
            fits = day_month_format(value)  # 31/10/2026 can be read one way only
            code, key = "ambiguous-date", "issue_day_month_date" if fits else "issue_ambiguous_date"
            if fits and (year_first := year_first_format(value)):  # 26-10-05: 2026-10-05?
                key, example = "issue_year_or_day_first", {"year_first": year_first}
            elif not fits and proof:  # 05/10/2026 in a column where 31/10/2026 settles it
                fits, example = proof[0], {"example": proof[1], "example_row": proof[2]}
                key = "issue_ambiguous_date_column"
            elif not fits:  # the formats for either order, in the cell's separator
                day_first, month_first = day_month_formats(value) or ("%d/%m/%Y", "%m/%d/%Y")
                example = {"day_first": day_first, "month_first": month_first}
        else:
            code, key = "bad-date", "issue_bad_date_format" if date_format else "issue_bad_date"
            if date_format and (fits := _in_own_separators(value, date_format)):
                key = "issue_bad_date_separator"  # 05.10.2026 with %d/%m/%Y: %d.%m.%Y
            elif date_format and (fits := _with_short_year(value, date_format)):
                key = "issue_bad_date_short_year"  # 10/06/26 with %m/%d/%Y: %m/%d/%y
        issues.append(
            issue(
                "warning",
                code,
                key,
                source,
                row=rec[ROW],
                column=header,
                value=value,
                person=rec["person"],
                format=date_format or "",
                fits=fits or "",
                **example,
            )
        )
    return issues


def _in_own_separators(value: str, date_format: str) -> str | None:
    """`date_format` with the separators of a cell that it does not read, when it then does.

    05.10.2026 and %d/%m/%Y → %d.%m.%Y; None when the separators are not the reason.
    """
    found = _SEPARATOR.match(value.strip())
    if not found:
        return None
    own = _FORMAT_SEPARATOR.sub(found.group(1), date_format)
    try:
        dt.datetime.strptime(value.strip(), own)
    except ValueError:
        return None
    return own if own != date_format else None


def _with_short_year(value: str, date_format: str) -> str | None:
    """`date_format` with a two-digit year (%y for %Y) when that reads the cell, else None."""
    if "%Y" not in date_format:
        return None
    short = date_format.replace("%Y", "%y")
    try:
        dt.datetime.strptime(value.strip(), short)
    except ValueError:
        return None
    return short


_SEPARATOR = re.compile(r"^\d{1,4}([-/.])\d{1,2}\1\d{1,4}")
_FORMAT_SEPARATOR = re.compile(r"(?<=%[a-zA-Z])[-/.](?=%)")


def _swapped_format(
    source: str, header: str, date_format: str, records: list[dict[str, object]]
) -> list[Issue]:
    """A warning when every cell that fails `date_format` reads with day and month swapped.

    Then the format is the wrong way round, and the cells that did read with it
    (1/6/2003 read as 1 June, not 6 January) are most likely dated wrong too.
    """
    if "%d" not in date_format or "%m" not in date_format:
        return []
    swapped = date_format.replace("%d", "\x00").replace("%m", "%d").replace("\x00", "%m")
    cells = pl.Series("cell", [str(r["value"]) for r in records], dtype=pl.String)
    read = cells.to_frame().select(parse_date(pl.col("cell"), swapped)).to_series()
    if read.null_count():
        return []
    first = records[0]
    return [
        issue(
            "warning",
            "date-format-swapped",
            "issue_date_format_swapped",
            source,
            row=int(str(first[ROW])),
            column=header,
            value=str(first["value"]),
            count=len(records),
            format=date_format,
            swapped=swapped,
        )
    ]


def _order_proof(cells: list[tuple[int, str]]) -> tuple[str, str, int] | None:
    """The one day/month order that the column's decidable cells fit, with the first of them.

    (format, value, row) when every day/month cell that fits one order only fits the
    same one (31/10/2026 → %d/%m/%Y); None when there is none or they disagree.
    """
    orders: dict[str, tuple[str, int]] = {}
    for row, value in cells:
        if fits := day_month_format(value):
            orders.setdefault(fits, (value, row))
    if len(orders) != 1:
        return None
    [(fits, (value, row))] = orders.items()
    return fits, value, row


_THREE_PLACES = r"^\s*[+-]?\d{1,3}\.\d{3}\s*$"  # 1.500: 1.5, or 1500 with a dot for thousands
_OTHER_PLACES = r"\.(?:\d{1,2}|\d{4,})\s*$"


def dot_thousands(
    source: str, frame: pl.DataFrame, headers: list[str], key: str = "issue_dot_thousands"
) -> list[Issue]:
    """A warning per number column whose decimals all look like thousands written with a dot.

    German, Dutch and other exports write 1.500 for 1500; read with a decimal point
    it is 1.5, a number all the same, so nothing else flags it. The column's first
    values are looked at: some with three digits after the point and none with
    any other number of decimals.
    """
    issues = []
    for header in headers:
        sample = frame[header].drop_nulls().head(2000)
        if sample.dtype != pl.String:
            continue
        three = sample.filter(sample.str.contains(_THREE_PLACES))
        if three.len() and not sample.str.contains(_OTHER_PLACES).any():
            example = three[0].strip()
            issues.append(
                issue(
                    "warning",
                    "dot-thousands",
                    key,
                    source,
                    column=header,
                    value=example,
                    read=f"{float(example):g}",
                )
            )
    return issues


def _operands(compiler: Compiler) -> list[tuple[int, tuple[str, str]]]:
    """The (column, text value) pairs the source's filters compare, numbered."""
    pairs = [(h, v) for h, values in sorted(compiler.text_operands.items()) for v in sorted(values)]
    return list(enumerate(pairs))


_SPELLINGS_COMPARED = 2_000  # a column of more distinct values holds IDs, not categories


def _unmatched_filters(
    source: str, frame: pl.DataFrame, unmatched: list[tuple[str, str]]
) -> list[Issue]:
    """A warning per filter value that no row holds: a typo there would make a KPI 0.

    It names the column's values (the first ten), and the one that differs only in
    case or spacing, or else the closest spelling (`GTX Pro` for `GTXPro`), when
    there is one.
    """
    issues = []
    columns: dict[str, tuple[pl.Series, pl.Series]] = {}  # (each column's values once)
    for header, value in unmatched:
        if header not in columns:
            values = frame[parsed_name(header, "text")].drop_nulls().unique().sort()
            columns[header] = values, values.str.to_lowercase().str.replace_all(r"\s+", " ")
        values, loose = columns[header]
        near = values.filter(loose == " ".join(value.lower().split())).to_list()
        if not near and len(values) <= _SPELLINGS_COMPARED:
            near = [close] if (close := closest(value, values.to_list())) else []
        shown = ", ".join(values.head(10).to_list()) + (", ..." if len(values) > 10 else "")
        key = "issue_filter_no_match_near" if near else "issue_filter_no_match"
        issues.append(
            issue(
                "warning",
                "filter-no-match",
                key,
                source,
                column=header,
                value=value,
                values=shown or "-",
                near=near[0] if near else "",
            )
        )
    return issues


def _not_booleans(
    source: str, frame: pl.DataFrame, headers: set[str], rows: pl.Expr
) -> list[Issue]:
    """A warning per column compared with true or false that holds other words: its
    rows would match neither, without a word (`Closed: true` on `Won`, `pending`)."""
    issues = []
    for header in sorted(headers):
        text = pl.col(parsed_name(header, "text"))
        odd = (
            frame.lazy()
            .filter(rows & text.is_not_null() & parse_boolean(text).is_null())
            .group_by(text.alias("value"))
            .agg(pl.len().alias("count"), pl.col(ROW).min().alias("row"))
            .sort("row")
            .collect()
        )
        if odd.height:
            values = odd["value"].head(5).to_list()
            shown = ", ".join(f"'{v}'" for v in values) + (", ..." if odd.height > 5 else "")
            issues.append(
                issue(
                    "warning",
                    "bad-boolean",
                    "issue_bad_boolean",
                    source,
                    row=int(odd["row"][0]),
                    column=header,
                    value=values[0],
                    count=int(odd["count"].sum()),
                    values=shown,
                )
            )
    return issues


def _marked_people(
    source: str, in_period: pl.LazyFrame, person_col: str, marked: dict[str, str]
) -> list[Issue]:
    """One note per spelling of the period read as a person once its status was taken off.

    The spelling is shown as the file writes it (its first row's cell): 张三（已离职）.
    """
    spelt = pl.col("__person_text")
    present = (
        in_period.filter(spelt.is_in(list(marked)))
        .group_by(spelt.alias("spelling"))
        .agg(pl.col(person_col).sort_by(ROW).first().str.strip_chars().alias("written"))
        .sort("spelling")
        .collect()
    )
    return [
        issue(
            "info",
            "person-status",
            "issue_person_status",
            source,
            column=person_col,
            value=written,
            person=marked[spelling],
            name=marked[spelling],
        )
        for spelling, written in present.iter_rows()
    ]


def _unknown_people(
    source: str, unknown: pl.LazyFrame, person_col: str, roster: Roster
) -> list[Issue]:
    """One warning per spelling of a person not on the roster, with the likeliest one."""
    return _per_spelling(
        unknown,
        pl.col("__person_text"),
        "unknown-person",
        "issue_unknown_person",
        source,
        person_col,
        near=lambda spelling: _near_person(spelling, roster),
        written=pl.col(person_col).str.strip_chars(),
    )


_BRACKETED = re.compile(r"\s*[(\[（【].*[)\]）】]\s*$")


def _near_person(spelling: str, roster: Roster) -> str:
    """The roster person a spelling most likely means, or "".

    "Alice Chen (alice@acme.com)" without its brackets, "Chen, Alice" turned round,
    else the closest name.
    """
    bare = _BRACKETED.sub("", spelling)
    if "," in bare:
        last, _, first = bare.partition(",")
        candidates = [bare, f"{first.strip()} {last.strip()}"]
    else:
        candidates = [bare]
    for candidate in candidates:
        person = roster.lookup.get(person_key_py(candidate))
        if person and candidate != spelling:
            return person
    return closest(spelling, [p.person for p in roster.people])


def _per_spelling(
    rows: pl.LazyFrame,
    spelling: pl.Expr,
    code: str,
    key: str,
    source: str,
    column: str,
    near: Callable[[str], str] | None = None,
    of_person: bool = False,
    written: pl.Expr | None = None,
    **params: str,
) -> list[Issue]:
    """One warning per distinct `spelling` among `rows`: its count and first row numbers.

    With `near`, a spelling for which it names someone gets the message `key`_near,
    naming them. With `of_person`, the spellings are roster people, whom each names.
    `written`: the cell as the file writes it, shown for the spelling (the first
    row's, when the cells of one spelling differ in width or case).
    """
    as_written = (written if written is not None else spelling).sort_by(ROW).first()
    groups = (
        rows.group_by(spelling.alias("spelling"))
        .agg(pl.col(ROW).sort().alias("rows"), pl.len().alias("n"), as_written.alias("written"))
        .sort("spelling")
        .collect()
    )
    # A suggestion compares the spelling with every roster name: only the spellings of
    # the most rows get one (a company-wide export names thousands of other people).
    suggested = (
        set(groups.sort(["n", "spelling"], descending=[True, False]).head(SUGGESTED)["spelling"])
        if near
        else set()
    )
    issues = []
    for rec in groups.iter_rows(named=True):
        numbers = rec["rows"]
        more = ", ..." if len(numbers) > EXAMPLES else ""
        shown = ", ".join(str(r) for r in numbers[:EXAMPLES]) + more
        likely = near(rec["spelling"]) if near and rec["spelling"] in suggested else ""
        issues.append(
            issue(
                "warning",
                code,
                f"{key}_near" if likely else key,
                source,
                row=numbers[0],
                column=column,
                value=rec["written"],
                person=rec["spelling"] if of_person else None,
                count=rec["n"],
                rows=shown,
                **({"near": likely} if likely else {}),
                **params,
            )
        )
    return issues


def unknown_raters(records: Records, table: Table, kpi_id: str, kpi: KPI) -> list[Issue]:
    """Ratings in the period whose rater type is empty or none of the KPI's `weights`.

    They count for no rater type, so they would silently not count at all: one
    warning per spelling, with the number of ratings and the first rows.
    """
    measure = kpi.measure
    if not isinstance(measure, RatingMeasure) or not measure.weights or not measure.rater:
        return []
    rater_col = table.column(measure.rater, "column")
    rater = pl.col(parsed_name(rater_col, "text"))
    rating = pl.col(parsed_name(table.column(measure.rating, "column"), "number"))
    known = [t.strip().lower() for t in [*measure.weights, *measure.exclude]]
    unknown = rater.is_null() | ~rater.str.to_lowercase().is_in(known)
    return _per_spelling(
        records.frame.lazy().filter(records.scored & rating.is_not_null() & unknown),
        rater.fill_null(""),
        "unknown-rater",
        "issue_unknown_rater",
        records.name,
        rater_col,
        kpi=kpi_id,
        types=", ".join(measure.weights),
    )
