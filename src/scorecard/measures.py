"""KPI actuals: filters and measures compiled to polars expressions, one pass per source.

Every KPI of a source becomes a pair of aggregation expressions (value, rows);
all of a source's KPIs are aggregated together, in one `group_by` per person, and
teams are pooled: a team's actual is measured over the union of its members' rows.

Filters are worked out per row before grouping: a KPI's masked values become
columns of their own (`when(mask).then(value)`), so that every aggregation is a
plain sum, count, minimum or distinct count of a column, which polars computes
per group directly, instead of filtering each group's rows one group at a time.

Teams come from the people's aggregates: a KPI's value is a formula over partial
aggregates (a mean is a sum and a count), and the partials that add up (sums,
counts, minimums, maximums) are combined from the members' instead of grouping
the rows again. Only distinct counts, medians and retention are counted again
over the team's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from typing import Any, Literal

import polars as pl

from scorecard.config import (
    KPI,
    Condition,
    CountDistinctMeasure,
    CountMeasure,
    CrossSellMeasure,
    MaxMeasure,
    MeanDaysMeasure,
    MeanMeasure,
    MedianMeasure,
    MinMeasure,
    NewCustomersMeasure,
    RatingMeasure,
    RatioMeasure,
    RetentionMeasure,
    Scalar,
    SumMeasure,
    Where,
)
from scorecard.errors import ConfigError
from scorecard.exact import decimal, exact_ratio
from scorecard.filespec import header_key
from scorecard.formula import parse_formula, to_expr
from scorecard.frozen import quick_init
from scorecard.sources import ROW, Table
from scorecard.values import iso_day, parse_boolean

PERSON = "__person"
TEAM = "__team"
IN_PERIOD = "__in_period"
IN_PREVIOUS = "__in_previous"
PERIOD_START = "__period_start"
KINDS = ("text", "number", "date")
ADDITIVE_EMPTY = (
    CountMeasure,
    CountDistinctMeasure,
    SumMeasure,
    NewCustomersMeasure,
    CrossSellMeasure,
)
# A mask that is true on every row: a bare `pl.lit(True)` would be one value, and
# `count: rows` would count 1 per group instead of the group's rows.
EVERY_ROW = pl.col(ROW).is_not_null()


def parsed_name(header: str, kind: str) -> str:
    """The frame column holding `header` parsed as `kind`."""
    return f"{header}\x00{kind}"


def units_name(header: str) -> str:
    """The frame column holding `header`'s numbers in whole units of its last decimal."""
    return f"{header}\x00units"


def unit_name(header: str) -> str:
    """The frame column holding the size of that unit (0.01 for cents), as 1 ÷ it (100)."""
    return f"{header}\x00per"


def codes_name(header: str) -> str:
    """The frame column holding a code per distinct (cleaned) text of `header`, as UInt32."""
    return f"{header}\x00codes"


def first_seen_name(headers: tuple[str, ...]) -> str:
    """The frame column holding the first date seen for these columns' values."""
    return "\x00".join((*headers, "first"))


@dataclass
class Compiler:
    """Turns one source's filters and measures into expressions; records what to parse."""

    table: Table
    derived: Mapping[str, str] = field(default_factory=dict)
    needs: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    first_seen: set[tuple[str, ...]] = field(default_factory=set)
    previous: bool = False
    row_columns: dict[str, pl.Expr] = field(default_factory=dict)
    partials: dict[str, tuple[pl.Expr, str | None]] = field(default_factory=dict)
    # the per-row columns that partials add up (`row_columns` names)
    summed: set[str] = field(default_factory=set)
    # the text values that filters compare each column with (header → values)
    text_operands: dict[str, set[str]] = field(default_factory=dict)
    # the columns that filters compare with true or false (their cells are yes/no words)
    booleans: set[str] = field(default_factory=set)
    # the number columns summed in whole units of their decimals (`units_name`)
    exact: set[str] = field(default_factory=set)
    # the text columns whose distinct values are counted, by code (`codes_name`)
    coded: set[str] = field(default_factory=set)
    # the (from, to) date columns of mean_days measures, whose reversed spans are reported
    spans: set[tuple[str, str]] = field(default_factory=set)
    # KPI id → how its value follows, in decimal, from its `|parts` (medians, ratings)
    combiners: dict[str, Combiner] = field(default_factory=dict)
    _computing: set[str] = field(default_factory=set)

    def _partial(self, aggregation: pl.Expr, combine: str | None) -> pl.Expr:
        """A per-group aggregation; its column in the grouped frame.

        `combine` is how a team's value follows from its members' (`sum`, `min`,
        `max`), or None when it must be worked out from the team's rows.
        """
        for name, (known, how) in self.partials.items():
            if how == combine and known.meta.eq(aggregation):  # asked for twice (ratios)
                return pl.col(name)
        name = f"\x00part{len(self.partials)}"
        self.partials[name] = (aggregation, combine)
        return pl.col(name)

    def _sum(self, expr: pl.Expr) -> pl.Expr:
        """Σ `expr` over the group (the number of rows, for a mask)."""
        return self._partial(self._summed(self._row(expr)), "sum")

    def _summed(self, row: pl.Expr) -> pl.Expr:
        """The sum of a per-row column (noted: a sum of floats depends on the order)."""
        self.summed.add(row.meta.output_name())
        return row.sum()

    def _mean(self, expr: pl.Expr, mask: pl.Expr) -> pl.Expr:
        """The mean of `expr` where `mask` holds, as Σ ÷ count (no value over no rows)."""
        values = self._masked(expr, mask)
        total = self._partial(self._summed(values), "sum")
        count = self._partial(values.count(), "sum")
        mean: pl.Expr = pl.when(count > 0).then(total.cast(pl.Float64) / count)
        return mean

    def _exact_sum(self, name: str, mask: pl.Expr, count: pl.Expr | None = None) -> pl.Expr | None:
        """Σ of a number column where `mask` holds, exact to its decimals (None if derived).

        Amounts of at most k decimals add up in whole units (cents) as integers, and
        the total is divided once: 0.10 + 0.20 is 0.3, not 0.30000000000000004, and
        a million rows add up to the cent. (`records` makes the units columns.) With
        `count`, the mean: the total divided once by units per 1 × count, so that
        4.3, 4.4 and 4.5 average to 4.4, not 4.3999999999999995.
        """
        if self._formula(name) is not None:
            return None
        self.col(name, "number")
        header = self.table.column(name)
        self.exact.add(header)
        total = self._partial(self._summed(self._masked(pl.col(units_name(header)), mask)), "sum")
        per = self._partial(self._row(pl.col(unit_name(header))).max(), "max")
        # (+ 0 × total: a divisor of one value per group, not one for all, which polars
        # would turn into a multiplication by 0.01, giving 118290.51000000001.)
        divisor = per if count is None else per * count.cast(pl.Float64)
        exact: pl.Expr = total.cast(pl.Float64) / (divisor + total.cast(pl.Float64) * 0.0)
        return exact

    def _row(self, expr: pl.Expr) -> pl.Expr:
        """A per-row expression, computed once before grouping: its column, to aggregate."""
        for name, known in self.row_columns.items():
            if known.meta.eq(expr):
                return pl.col(name)
        name = f"\x00row{len(self.row_columns)}"
        self.row_columns[name] = expr
        return pl.col(name)

    def _masked(self, expr: pl.Expr, mask: pl.Expr) -> pl.Expr:
        """`expr` where `mask` holds, null elsewhere (aggregations skip nulls)."""
        return self._row(pl.when(mask).then(expr))

    def _distinct(self, text: pl.Expr, mask: pl.Expr, codes: pl.Expr | None = None) -> pl.Expr:
        """The number of distinct non-empty `text` values where `mask` holds.

        The values are counted by their codes: the same count, several times faster
        than hashing the text in every group. `codes` are a column's own, made as
        its text is cleaned (`records`); other text is coded here.
        """
        if codes is None:
            codes = text.cast(pl.Categorical).to_physical()
        distinct = self._masked(codes, mask).drop_nulls().n_unique()
        return self._partial(distinct, None).cast(pl.Int64)

    def _codes(self, name: str) -> pl.Expr | None:
        """A configured text column's codes (None for a derived column)."""
        if self._formula(name) is not None:
            return None
        header = self.table.column(name)
        self.coded.add(header)
        return pl.col(codes_name(header))

    def col(self, name: str, kind: str) -> pl.Expr:
        """A configured column, parsed as text, number or date (derived columns are numbers)."""
        formula = self._formula(name)
        if formula is not None:
            number = self._derived(name, formula)
            if kind == "date":
                raise ConfigError.of("err_derived_date", name=name)
            return number if kind == "number" else number.cast(pl.String)
        header = self.table.column(name)
        self.needs[kind].add(header)
        return pl.col(parsed_name(header, kind))

    def _formula(self, name: str) -> str | None:
        key = header_key(name)
        return next((f for n, f in self.derived.items() if header_key(n) == key), None)

    def _derived(self, name: str, formula: str) -> pl.Expr:
        key = header_key(name)
        if key in self._computing:
            raise ConfigError.of("err_derived_cycle", name=name)
        self._computing.add(key)
        try:
            where = f"sources.{self.table.name}.columns.{name}"
            node = parse_formula(formula, where)
            return to_expr(node, lambda column: self.col(column, "number"))
        finally:
            self._computing.discard(key)

    def _typed(self, column: str, operand: Scalar) -> tuple[pl.Expr, Any]:
        if isinstance(operand, int | float) and not isinstance(operand, bool):
            return self.col(column, "number"), float(operand)
        if isinstance(operand, dt.datetime):
            return self.col(column, "date"), operand.date()
        if isinstance(operand, str) and (day := iso_day(operand)) is not None:
            # "2026-10-05" quoted is the date YAML reads unquoted: a workbook's date
            # cells (and 2026/10/5 in a CSV) are that day too, and `le` includes it
            # (2026-02-30 is no day: compared as text)
            operand = day
        if isinstance(operand, dt.date):
            return self.col(column, "date"), operand
        expr = self.col(column, "text")
        if isinstance(operand, bool):  # TRUE, Yes, 是, 1, ✓: a yes/no cell as it is written
            self.booleans.add(self.table.column(column))
            return parse_boolean(expr), operand
        text = str(operand).strip()
        if self._formula(column) is None:
            self.text_operands.setdefault(self.table.column(column), set()).add(text)
        return expr, text

    def _any_equal(self, column: str, operands: Iterable[Scalar]) -> pl.Expr:
        """True/False per row; null when the cell is empty or does not parse as the operand."""
        typed = [self._typed(column, operand) for operand in operands]
        if not typed:
            return pl.lit(False)
        tests: list[pl.Expr] = [expr == value for expr, value in typed]
        return reduce(lambda a, b: a | b, tests)

    def _one_of(self, column: str, operands: Iterable[Scalar]) -> pl.Expr:
        return self._any_equal(column, operands).fill_null(False)

    def _none_of(self, column: str, operands: Iterable[Scalar]) -> pl.Expr:
        """Empty cells are none of the values; a cell that does not parse is left out."""
        blank = self.col(column, "text").is_null()
        return (
            pl.when(blank).then(True).otherwise(~self._any_equal(column, operands)).fill_null(False)
        )

    def _condition(self, column: str, cond: Condition) -> pl.Expr:
        tests: list[pl.Expr] = []
        compare = {"eq": "__eq__", "gt": "__gt__", "ge": "__ge__", "lt": "__lt__", "le": "__le__"}
        for op, method in compare.items():
            operand = getattr(cond, op)
            if operand is not None:
                expr, value = self._typed(column, operand)
                tests.append(getattr(expr, method)(value).fill_null(False))
        if cond.ne is not None:
            tests.append(self._none_of(column, [cond.ne]))
        if cond.in_ is not None:
            tests.append(self._one_of(column, cond.in_))
        if cond.not_in is not None:
            tests.append(self._none_of(column, cond.not_in))
        if cond.between is not None:
            low, high = cond.between
            low_expr, low_value = self._typed(column, low)
            high_expr, high_value = self._typed(column, high)
            tests.append(((low_expr >= low_value) & (high_expr <= high_value)).fill_null(False))
        if cond.empty is not None:
            blank = self.col(column, "text").is_null()
            tests.append(blank if cond.empty else ~blank)
        return reduce(lambda a, b: a & b, tests) if tests else EVERY_ROW

    def where(self, where: Where | None) -> pl.Expr:
        """A boolean mask: every condition of the filter holds (empty cells fail comparisons)."""
        if not where:
            return EVERY_ROW
        tests = []
        for column, condition in where.items():
            if isinstance(condition, Condition):
                tests.append(self._condition(column, condition))
            elif isinstance(condition, list):
                tests.append(self._one_of(column, condition))
            else:
                tests.append(self._one_of(column, [condition]))
        return reduce(lambda a, b: a & b, tests)

    def measure(self, measure: Any, mask: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        """(value aggregation, mask of the rows that contribute) of a measure under `mask`.

        `mask` holds the filters only; every measure but retention keeps to the period.
        """
        mask = mask & self.where(measure.where)
        if isinstance(measure, RetentionMeasure):
            return self._retention(measure, mask)
        mask = mask & pl.col(IN_PERIOD)
        if isinstance(measure, NewCustomersMeasure | CrossSellMeasure):
            return self._customers(measure, mask)
        if isinstance(measure, CountMeasure):
            if measure.count.strip().casefold() == "rows":
                counted = mask
            else:
                counted = mask & self.col(measure.count, "text").is_not_null()
            return self._sum(counted).cast(pl.Int64), counted
        if isinstance(measure, CountDistinctMeasure):
            text = self.col(measure.count_distinct, "text")
            codes = self._codes(measure.count_distinct)
            return self._distinct(text, mask, codes), mask & text.is_not_null()
        if isinstance(measure, MeanDaysMeasure):
            start, end = measure.mean_days
            span = (self.col(end, "date") - self.col(start, "date")).dt.total_days()
            self.spans.add((self.table.column(start), self.table.column(end)))
            # a span ending before it starts (closed before created) is no span: reported
            days = pl.when(span >= 0).then(span)
            return self._mean(days, mask), mask & days.is_not_null()
        if isinstance(measure, RatioMeasure):
            numerator, _ = self.measure(measure.ratio.numerator, mask)
            denominator, rows = self.measure(measure.ratio.denominator, mask)
            value = pl.when(denominator != 0).then(numerator.cast(pl.Float64) / denominator)
            return value, rows
        if isinstance(measure, RatingMeasure):
            return self._rating(measure, mask)
        column, reducer = _numeric(measure)
        number = self.col(column, "number")
        if reducer == "sum":
            exact = self._exact_sum(column, mask)
        elif reducer == "mean":
            count = self._partial(self._masked(number, mask).count(), "sum")
            exact = self._exact_sum(column, mask, count)
        else:
            exact = None
        if exact is not None and reducer == "sum":
            reduced = exact
        elif exact is not None:  # the exact mean
            reduced = pl.when(count > 0).then(exact)
        elif reducer == "mean":
            reduced = self._mean(number, mask)
        else:
            masked = self._masked(number, mask)
            aggregation = self._summed(masked) if reducer == "sum" else getattr(masked, reducer)()
            reduced = self._partial(aggregation, None if reducer == "median" else reducer)
        return reduced.cast(pl.Float64), mask & number.is_not_null()

    def _rating(self, measure: RatingMeasure, mask: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        """Mean per rater type, weighted over the types present; too few ratings → no value."""
        rating = self.col(measure.rating, "number")
        mask = mask & rating.is_not_null()
        rater = self.col(measure.rater, "text").str.to_lowercase() if measure.rater else None
        if rater is not None and measure.exclude:
            excluded = [e.strip().lower() for e in measure.exclude]
            mask = mask & ~rater.is_in(excluded).fill_null(False)
        if rater is None or not measure.weights:
            enough = self._sum(mask) >= measure.min_raters
            exact = self._exact_sum(measure.rating, mask, self._sum(mask))
            mean = self._mean(rating, mask) if exact is None else exact
            return pl.when(enough).then(mean), mask
        weighted = pl.lit(0.0)
        weights = pl.lit(0.0)
        counted = pl.lit(False)
        for kind, weight in measure.weights.items():
            chosen = mask & (rater == kind.strip().lower()).fill_null(False)
            present = self._sum(chosen) > 0
            weighted = weighted + pl.when(present).then(
                self._mean(rating, chosen) * weight
            ).otherwise(0.0)
            weights = weights + pl.when(present).then(pl.lit(weight)).otherwise(0.0)
            counted = counted | chosen
        enough = (self._sum(counted) >= measure.min_raters) & (weights > 0)
        return pl.when(enough).then(weighted / weights), counted

    def first_seen_column(self, columns: tuple[str, ...]) -> pl.Expr:
        """The date of the first row in the whole source for these columns' values."""
        headers = tuple(self.table.column(c) for c in columns)
        for header in headers:
            self.needs["text"].add(header)
        self.first_seen.add(headers)
        return pl.col(first_seen_name(headers))

    def _customers(
        self, measure: NewCustomersMeasure | CrossSellMeasure, mask: pl.Expr
    ) -> tuple[pl.Expr, pl.Expr]:
        start = pl.col(PERIOD_START)
        if isinstance(measure, NewCustomersMeasure):
            customer = self.col(measure.new_customers.customer, "text")
            first = self.first_seen_column((measure.new_customers.customer,))
            chosen = mask & customer.is_not_null() & (first >= start).fill_null(False)
            return self._distinct(customer, chosen), chosen
        names = (measure.cross_sell.customer, measure.cross_sell.product)
        customer, product = (self.col(n, "text") for n in names)
        seen_before = (self.first_seen_column(names[:1]) < start).fill_null(False)
        product_new = (self.first_seen_column(names) >= start).fill_null(False)
        chosen = mask & customer.is_not_null() & product.is_not_null() & seen_before & product_new
        pair = pl.concat_str([customer, product], separator="\x00")
        return self._distinct(pair, chosen), chosen

    def _retention(self, measure: RetentionMeasure, mask: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        """Share of the previous period's customers that have rows in this period."""
        kept, count, rows = self._retained(measure, mask)
        value = pl.when(count > 0).then(kept.cast(pl.Float64) / count)
        return value, rows

    def _retained(
        self, measure: RetentionMeasure, mask: pl.Expr
    ) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
        """(customers of the previous period with rows in this one, customers of the
        previous period, the previous period's rows that name them)."""
        self.previous = True
        customer = self.col(measure.retention.customer, "text")
        known = mask & customer.is_not_null()
        before = self._masked(customer, known & pl.col(IN_PREVIOUS)).drop_nulls().unique()
        now = self._masked(customer, known & pl.col(IN_PERIOD)).drop_nulls().unique()
        count = self._partial(before.n_unique(), None)
        kept = self._partial(before.is_in(now.implode()).sum(), None)
        return kept, count, known & pl.col(IN_PREVIOUS)

    def contributing(self, kpi: KPI) -> pl.Expr:
        """A mask of the rows that count towards the KPI (for a ratio: the denominator's)."""
        return self.measure(kpi.measure, self.where(kpi.where))[1]

    def kpi(self, kpi_id: str, kpi: KPI) -> list[pl.Expr]:
        """The KPI's aggregations: `<id>|value`, `<id>|rows` and, for ratios, `|num`/`|den`."""
        base = self.where(kpi.where)
        value, rows = self.measure(kpi.measure, base)
        rows_sum = self._sum(rows).cast(pl.Int64)
        exprs = [value.alias(f"{kpi_id}|value"), rows_sum.alias(f"{kpi_id}|rows")]
        if isinstance(kpi.measure, RetentionMeasure):  # customers kept of customers before
            kept, count, _ = self._retained(kpi.measure, base & self.where(kpi.measure.where))
            exprs += [
                kept.cast(pl.Float64).alias(f"{kpi_id}|num"),
                count.cast(pl.Float64).alias(f"{kpi_id}|den"),
            ]
        if isinstance(kpi.measure, RatioMeasure):
            mask = base & self.where(kpi.measure.where)
            numerator, _ = self.measure(kpi.measure.ratio.numerator, mask)
            denominator, _ = self.measure(kpi.measure.ratio.denominator, mask)
            exprs += [
                numerator.cast(pl.Float64).alias(f"{kpi_id}|num"),
                denominator.cast(pl.Float64).alias(f"{kpi_id}|den"),
            ]
        parts = self._parts(kpi.measure, base & self.where(kpi.measure.where))
        if parts is not None:
            exprs.append(pl.concat_list(parts[0]).alias(f"{kpi_id}|parts"))
            self.combiners[kpi_id] = parts[1]
        return exprs

    def _parts(
        self, measure: Any, mask: pl.Expr, nested: bool = False
    ) -> tuple[list[pl.Expr], Combiner] | None:
        """The figures a median, a weighted rating, or a ratio of one, is worked out from
        in decimal.

        polars averages in binary floating point: the median of 0.3 and 0.6 would be
        0.44999999999999996, and a rating of (0.2 × 5 + 0.3 × 4.5) ÷ 0.5 4.699999999999999,
        either just below a band or a target it meets exactly. A ratio whose numerator or
        denominator is such a measure (or a ratio: 0.21 ÷ 0.28 per deal) divides their
        decimal values. (A KPI's own ratio of sums and counts needs no parts: its `|num`
        and `|den` are divided in decimal. `nested`: a ratio inside a ratio, which has.)
        """
        if isinstance(measure, RatioMeasure):
            sides = []
            for side in (measure.ratio.numerator, measure.ratio.denominator):
                found = self._parts(side, mask & self.where(side.where), nested=True)
                value = [self.measure(side, mask)[0].cast(pl.Float64)] if found is None else []
                sides.append(found or (value, _first))
            (top, over), (bottom, under) = sides
            if over is _first and under is _first and not nested:
                return None
            return [*top, *bottom], RatioParts(over, len(top), under)
        if isinstance(measure, MedianMeasure):
            number = self._masked(self.col(measure.median, "number"), mask & pl.col(IN_PERIOD))
            middle = [
                self._partial(number.quantile(0.5, side), None).cast(pl.Float64)
                for side in ("lower", "higher")
            ]
            return middle, _median_of_middle
        if isinstance(measure, RatingMeasure) and measure.rater and measure.weights:
            rating = self.col(measure.rating, "number")
            mask = mask & pl.col(IN_PERIOD) & rating.is_not_null()
            rater = self.col(measure.rater, "text").str.to_lowercase()
            if measure.exclude:
                excluded = [e.strip().lower() for e in measure.exclude]
                mask = mask & ~rater.is_in(excluded).fill_null(False)
            parts = []
            for kind in measure.weights:
                chosen = mask & (rater == kind.strip().lower()).fill_null(False)
                count = self._sum(chosen)
                exact = self._exact_sum(measure.rating, chosen)
                total = (
                    exact
                    if exact is not None
                    else self._partial(self._summed(self._masked(rating, chosen)), "sum")
                )
                parts += [total.cast(pl.Float64), count.cast(pl.Float64)]
            return parts, _weighted_means(list(measure.weights.values()))
        return None


def _numeric(measure: Any) -> tuple[str, str]:
    for cls, attr in (
        (SumMeasure, "sum"),
        (MeanMeasure, "mean"),
        (MedianMeasure, "median"),
        (MinMeasure, "min"),
        (MaxMeasure, "max"),
    ):
        if isinstance(measure, cls):
            return str(getattr(measure, attr)), attr
    raise TypeError(f"not a measure: {measure!r}")


Combiner = Callable[[list[float | None]], float | None]


def _first(parts: list[float | None]) -> float | None:
    """A measure polars works out exactly enough: its one part (a sum, a count, a mean)."""
    return parts[0]


@dataclass(frozen=True)
class RatioParts:
    """A ratio from its sides' parts: `count` numerator parts, then the denominator's."""

    numerator: Combiner
    count: int
    denominator: Combiner

    def sides(self, parts: list[float | None]) -> tuple[float | None, float | None]:
        """(numerator, denominator), each from its own parts."""
        return self.numerator(parts[: self.count]), self.denominator(parts[self.count :])

    def __call__(self, parts: list[float | None]) -> float | None:
        numerator, denominator = self.sides(parts)
        if numerator is None or not denominator:
            return None
        return exact_ratio(numerator, denominator)


def _median_of_middle(parts: list[float | None]) -> float | None:
    """The median from the two middle values (the same one for an odd count)."""
    low, high = parts
    if low is None or high is None:
        return None
    return float((decimal(low) + decimal(high)) / 2)


def _weighted_means(weights: list[float]) -> Combiner:
    """Σ weight × mean over the rater types present ÷ Σ their weights, from (Σ, count) pairs."""

    def combine(parts: list[float | None]) -> float | None:
        weighted, total_weight = Decimal(0), Decimal(0)
        pairs = zip(parts[::2], parts[1::2], strict=True)
        for weight, (total, count) in zip(weights, pairs, strict=True):
            if total is None or not count:
                continue
            weighted += decimal(weight) * decimal(total) / decimal(count)
            total_weight += decimal(weight)
        return float(weighted / total_weight) if total_weight else None

    return combine


def empty_actual(kpi: KPI) -> float | None:
    """The actual over no rows: 0 for counts, 0.0 for sums, no value for the rest."""
    return _over_no_rows(kpi.measure)


def _over_no_rows(measure: Any) -> float | None:
    if isinstance(measure, SumMeasure):
        return 0.0  # the same type as a sum over rows, in JSON too
    return 0 if isinstance(measure, ADDITIVE_EMPTY) else None


def no_rows(kpi: KPI) -> Actual:
    """The Actual of someone with no rows: a ratio's count over none is 0 ÷ 0, as it is
    for someone with rows of which none count (SPEC §3.2: a count over no rows is 0)."""
    if isinstance(kpi.measure, RatioMeasure):
        sides = (kpi.measure.ratio.numerator, kpi.measure.ratio.denominator)
        numerator, denominator = (_over_no_rows(side) for side in sides)
        return Actual(None, 0, numerator, denominator)
    return Actual(empty_actual(kpi), 0)


@quick_init
@dataclass(frozen=True)
class Actual:
    """A KPI's measured value for one person or team, and how many rows it counted."""

    value: float | None
    rows: int
    numerator: float | None = None
    denominator: float | None = None


Actuals = dict[str, dict[str, Actual]]


def aggregate(
    frame: pl.DataFrame,
    rows: pl.Expr,
    compiler: Compiler,
    exprs: list[pl.Expr],
    kpi_ids: list[str],
) -> tuple[Actuals, Actuals]:
    """All of a source's KPIs over the `rows` selected: (per person, per team).

    One group_by per person gives the partial aggregates; the teams' follow from
    their members' where they add up, and from one group_by of the rows per team
    for the rest (distinct counts, medians, retention). The KPI values are then
    worked out from the partials, alike for people and teams.
    """
    if not kpi_ids:
        return {}, {}
    selected = frame.lazy().filter(rows).select(PERSON, TEAM, **compiler.row_columns)
    partials = compiler.partials
    recounted = [agg.alias(name) for name, (agg, how) in partials.items() if how is None]
    # One query for both groupings, so the per-row columns are worked out once.
    queries = [
        selected.group_by(PERSON).agg(
            pl.col(TEAM).first(), *(agg.alias(name) for name, (agg, _) in partials.items())
        )
    ]
    if recounted:
        queries.append(selected.group_by(TEAM).agg(recounted))
    people, *recount = pl.collect_all(queries, engine=engine_for(selected, compiler))
    combined = [getattr(pl.col(n), how)().alias(n) for n, (_, how) in partials.items() if how]
    # Members in a fixed order: floating-point sums then come out the same on every run.
    teams = (
        people.sort(pl.col(PERSON).cast(pl.String))
        .group_by(TEAM, maintain_order=True)
        .agg(combined)
    )
    if recount:
        teams = teams.join(recount[0], on=TEAM, nulls_equal=True)
    combiners = {k: c for k, c in compiler.combiners.items() if k in kpi_ids}
    return (
        _actuals(people.select(PERSON, *exprs), PERSON, kpi_ids, combiners),
        _actuals(teams.select(TEAM, *exprs), TEAM, kpi_ids, combiners),
    )


def engine_for(selected: pl.LazyFrame, compiler: Compiler) -> Literal["in-memory", "streaming"]:
    """The engine that groups `selected`: streaming, unless a sum is of floating-point numbers.

    Sums of whole numbers (counts, cents, days) come out the same in any order,
    and the streaming engine adds up a million rows in parallel pieces, faster. A
    sum of floating-point numbers depends on the order: the in-memory engine adds
    up each group in a fixed one, and a run gives the same bytes every time.
    """
    schema = selected.collect_schema()
    floats = any(schema[name].is_float() for name in compiler.summed)
    return "in-memory" if floats else "streaming"


def _actuals(
    result: pl.DataFrame, by: str, kpi_ids: list[str], combiners: Mapping[str, Combiner]
) -> Actuals:
    columns = result.to_dict(as_series=False)  # column by column: no dict per row
    keys = columns[by]
    actuals: Actuals = {key: {} for key in keys}
    absent = [None] * len(keys)
    for kpi_id, combine in combiners.items():  # the value in decimal, where it has one
        every_parts = columns[f"{kpi_id}|parts"]
        columns[f"{kpi_id}|value"] = [
            None if value is None else combine(parts)
            for value, parts in zip(columns[f"{kpi_id}|value"], every_parts, strict=True)
        ]
        if isinstance(combine, RatioParts):  # its sides in decimal too (explain shows them)
            sides = [combine.sides(parts) for parts in every_parts]
            columns[f"{kpi_id}|num"] = [numerator for numerator, _ in sides]
            columns[f"{kpi_id}|den"] = [denominator for _, denominator in sides]
    for kpi_id in kpi_ids:
        exact = kpi_id in combiners  # (its value is worked out in decimal already)
        found = zip(
            keys,
            columns[f"{kpi_id}|value"],
            columns[f"{kpi_id}|rows"],
            columns.get(f"{kpi_id}|num", absent),
            columns.get(f"{kpi_id}|den", absent),
            strict=True,
        )
        for key, value, rows, numerator, denominator in found:
            if isinstance(value, float) and value != value:  # NaN never reaches the outputs
                value = None
            elif value is not None and numerator is not None and denominator and not exact:
                # a ratio in decimal: 0.21 of 0.28 is 0.75, not 0.7499999999999999
                value = exact_ratio(numerator, denominator)
            actuals[key][kpi_id] = Actual(value, int(rows or 0), numerator, denominator)
    return actuals
