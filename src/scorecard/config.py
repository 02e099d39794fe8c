"""The config file's model: what a YAML scorecard definition may contain (SPEC §2).

Every model forbids unknown keys; `config_load` turns pydantic's errors into lines
that name the key path and suggest a close match.

(Annotations here are evaluated as the classes are made, not kept as text as in
the other modules: pydantic would compile each text back into a type, a third of
this module's import time, on every run.)
"""

import codecs
import datetime as dt
import itertools
import math
import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

# A value a filter compares with; true/false compare with a column of booleans
# (Excel's TRUE/FALSE cells, "true" in an export), in any case.
Scalar = bool | str | int | float | dt.date
PeriodKind = Literal["week", "month", "quarter", "half", "year"]
Unit = Literal["number", "currency", "percent", "days", "score"]
Better = Literal["higher", "lower"]
Missing = Literal["zero", "exclude"]


def _no_bool(kind: str) -> BeforeValidator:
    """YAML's true or false where a number belongs is a slip, not the numbers 1 and 0;
    nor are `.inf`, `.nan` or "infinity" numbers a target or a weight can be.

    `kind`: "number" or "whole", the error's type (bool_number, bool_whole).
    """

    def check(value: Any) -> Any:
        if isinstance(value, bool):
            values = {"value": str(value).lower()}  # (worded by the catalogue: pyd_bool_*)
            raise PydanticCustomError(f"bool_{kind}", "expected a number, not {value}", values)
        if _not_finite(value):
            values = {"value": str(value)}  # (worded by the catalogue: pyd_not_finite)
            raise PydanticCustomError("not_finite", "expected a number, not {value}", values)
        return value

    return BeforeValidator(check)


def _not_finite(value: Any) -> bool:
    """An infinity or NaN, as YAML writes it (.inf, .nan) or as text ("inf", "-Infinity")."""
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return False
    return isinstance(value, float) and not math.isfinite(value)


NOT_BOOL = _no_bool("number")
Number = Annotated[
    float, NOT_BOOL
]  # (a bound goes before NOT_BOOL: Annotated[float, Field(gt=0), NOT_BOOL])
Whole = Annotated[int, _no_bool("whole")]


def _filled_path(value: Any) -> Any:
    """A file's path is some text: `path: ""` would name the config's own folder."""
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("empty_path", "a file's path, not empty text")
    return value


FilePath = Annotated[str, AfterValidator(_filled_path)]


class Model(BaseModel):
    """Base of every config model: immutable, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Condition(Model):
    """An operator mapping in a filter: every operator given must hold."""

    eq: Scalar | None = None
    ne: Scalar | None = None
    gt: Scalar | None = None
    ge: Scalar | None = None
    lt: Scalar | None = None
    le: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    not_in: list[Scalar] | None = None
    between: tuple[Scalar, Scalar] | None = None
    empty: bool | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> Self:
        if not self.model_fields_set:
            raise ValueError(
                "an operator mapping needs at least one of eq, ne, gt, ge, lt, le, "
                "in, not_in, between, empty"
            )
        return self


Where = dict[str, Scalar | list[Scalar] | Condition]


class _Measure(Model):
    where: Where | None = None


class CountMeasure(_Measure):
    """`count: rows` counts rows; `count: COL` counts rows where COL is not empty."""

    count: str


class CountDistinctMeasure(_Measure):
    """The number of distinct non-empty values of a column."""

    count_distinct: str


class SumMeasure(_Measure):
    """The sum of a numeric column."""

    sum: str


class MeanMeasure(_Measure):
    """The mean of a numeric column."""

    mean: str


class MedianMeasure(_Measure):
    """The median of a numeric column."""

    median: str


class MinMeasure(_Measure):
    """The smallest value of a numeric column."""

    min: str


class MaxMeasure(_Measure):
    """The largest value of a numeric column."""

    max: str


class MeanDaysMeasure(_Measure):
    """The mean number of days from one date column to another."""

    mean_days: tuple[str, str]


class RatingMeasure(_Measure):
    """360° feedback: mean per rater type, then the weighted mean over the types present."""

    rating: str
    rater: str | None = None
    weights: dict[str, Number] | None = None
    min_raters: Whole = Field(default=1, ge=1)
    exclude: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _weights_need_rater(self) -> Self:
        if (self.weights or self.exclude) and self.rater is None:
            raise ValueError("`weights` and `exclude` need the `rater` column")
        if self.weights and any(w <= 0 for w in self.weights.values()):
            raise ValueError("rater weights must be greater than 0")
        return self


class CustomerColumn(Model):
    """The column naming the customer."""

    customer: str


class CustomerProduct(Model):
    """The columns naming the customer and the product."""

    customer: str
    product: str


class NewCustomersMeasure(_Measure):
    """Distinct customers in the period with no earlier row in the source."""

    new_customers: CustomerColumn


class RetentionMeasure(_Measure):
    """Of the customers in the previous period, the share with rows in this one."""

    retention: CustomerColumn


class CrossSellMeasure(_Measure):
    """(customer, product) pairs in the period: a customer seen before, a product never before."""

    cross_sell: CustomerProduct


class RatioParts(Model):
    """Numerator and denominator of a ratio, each a measure."""

    numerator: "Measure"
    denominator: "Measure"


class RatioMeasure(_Measure):
    """numerator ÷ denominator; no value when the denominator is 0."""

    ratio: RatioParts


MEASURE_KINDS = (
    "count",
    "count_distinct",
    "sum",
    "mean",
    "median",
    "min",
    "max",
    "mean_days",
    "ratio",
    "rating",
    "new_customers",
    "retention",
    "cross_sell",
)


def measure_kind(value: Any) -> str | None:
    """The measure's kind: the one key of MEASURE_KINDS present (None when not exactly one)."""
    if isinstance(value, dict):
        kinds = [k for k in MEASURE_KINDS if k in value]
    else:  # a measure model: its kind is one of its fields (looking up others raises inside)
        fields = getattr(type(value), "model_fields", {})
        kinds = [k for k in MEASURE_KINDS if k in fields and getattr(value, k) is not None]
    return kinds[0] if len(kinds) == 1 else None


Measure = Annotated[
    Annotated[CountMeasure, Tag("count")]
    | Annotated[CountDistinctMeasure, Tag("count_distinct")]
    | Annotated[SumMeasure, Tag("sum")]
    | Annotated[MeanMeasure, Tag("mean")]
    | Annotated[MedianMeasure, Tag("median")]
    | Annotated[MinMeasure, Tag("min")]
    | Annotated[MaxMeasure, Tag("max")]
    | Annotated[MeanDaysMeasure, Tag("mean_days")]
    | Annotated[RatioMeasure, Tag("ratio")]
    | Annotated[RatingMeasure, Tag("rating")]
    | Annotated[NewCustomersMeasure, Tag("new_customers")]
    | Annotated[RetentionMeasure, Tag("retention")]
    | Annotated[CrossSellMeasure, Tag("cross_sell")],
    Discriminator(
        measure_kind,
        custom_error_type="measure_kind",
        custom_error_message="a measure needs exactly one of: " + ", ".join(MEASURE_KINDS),
    ),
]
RatioParts.model_rebuild()


class Band(Model):
    """One scoring band on the actual value: `min` for higher-is-better, `max` for lower."""

    min: Number | None = None
    max: Number | None = None
    score: Number

    @model_validator(mode="after")
    def _one_bound(self) -> Self:
        if (self.min is None) == (self.max is None):
            raise ValueError("a band needs exactly one of min or max")
        return self


class ScoringOverride(Model):
    """A KPI's own scoring rule, overriding the `scoring` defaults."""

    threshold: Annotated[float, Field(ge=0), NOT_BOOL] | None = None
    cap: Annotated[float, Field(gt=0), NOT_BOOL] | None = None
    missing: Missing | None = None
    curve: list[tuple[Number, Number]] | None = None
    bands: list[Band] | None = None

    @field_validator("curve")
    @classmethod
    def _curve_increasing(
        cls, curve: list[tuple[float, float]] | None
    ) -> list[tuple[float, float]] | None:
        if curve is not None:
            if not curve:
                raise ValueError("a curve needs at least one [attainment, score] point")
            xs = [x for x, _ in curve]
            if any(b <= a for a, b in itertools.pairwise(xs)):
                raise ValueError("curve attainments must increase from point to point")
        return curve

    @model_validator(mode="after")
    def _curve_or_bands(self) -> Self:
        if self.curve is not None and self.bands is not None:
            raise ValueError("use either curve or bands, not both")
        if self.bands is not None and not self.bands:
            raise ValueError("bands needs at least one band")
        return self


class Scoring(Model):
    """Scoring defaults for every KPI."""

    threshold: Number = Field(default=0.5, ge=0)
    cap: Number = Field(default=1.2, gt=0)
    missing: Missing = "zero"


class KPI(Model):
    """One indicator: where its rows come from, how its actual is measured, how it scores."""

    label: str | None = None
    description: str | None = None
    source: str
    measure: Measure
    where: Where | None = None
    unit: Unit = "number"
    better: Better = "higher"
    scoring: ScoringOverride | None = None
    anchors: dict[str | float, str] | None = None

    @model_validator(mode="after")
    def _bands_match_direction(self) -> Self:
        bands = self.scoring.bands if self.scoring else None
        if bands:
            key = "max" if self.better == "lower" else "min"
            if any(getattr(b, key) is None for b in bands):
                raise ValueError(
                    f"bands of a better: {self.better} KPI use `{key}` "
                    f"(first band whose {key} {'>=' if key == 'max' else '<='} actual)"
                )
        return self


class Dedupe(Model):
    """Keep one row per key in history/snapshot exports (one row per stage change)."""

    key: list[str] = Field(min_length=1)
    keep: Literal["first", "last"] = "last"
    order_by: str | None = None


def _known_encoding(value: str) -> str:
    """`auto` or an encoding Python can decode (utf-8, gb18030, utf-16, big5, ...)."""
    if value.lower() != "auto":
        try:
            codecs.lookup(value)
        except LookupError:
            raise PydanticCustomError(  # (worded by the catalogue: pyd_unknown_encoding)
                "unknown_encoding",
                "unknown encoding '{encoding}'; use auto, utf-8, utf-8-sig, gb18030, utf-16, ...",
                {"encoding": value},
            ) from None
    return value


class SourceConfig(Model):
    """A named input file and how its rows map to people and periods."""

    path: FilePath
    sheet: str | Whole | None = None
    encoding: str = "auto"
    delimiter: str = "auto"
    header_row: Whole = Field(default=1, ge=1)
    person: str
    date: str | None = None
    date_format: str | None = None
    decimal: Literal[".", ","] = "."
    fill_down: list[str] = Field(default_factory=list)
    dedupe: Dedupe | None = None
    columns: dict[str, str] = Field(default_factory=dict)

    @field_validator("delimiter")
    @classmethod
    def _known_delimiter(cls, value: str) -> str:
        if value not in ("auto", ",", ";", "\t", "|"):
            raise ValueError('delimiter must be auto, ",", ";", "\\t" or "|"')
        return value

    _encoding = field_validator("encoding")(_known_encoding)


_TIMED_DATE = re.compile(r"^\s*\d{4}-\d\d-\d\d[ T]\d\d?:\d\d")
_WRITTEN_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:年|/|\.)\s*(\d{1,2})\s*(?:月|/|\.)\s*(\d{1,2})\s*日?\s*$"
)


def _written_date(value: Any) -> Any:
    """A date as a roster file may hold it, 2026年10月5日 or 2026/10/5, as a date.

    A time of day (`2026-10-15 09:00`, as HR systems export a start) is left out.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and (found := _WRITTEN_DATE.match(value)):
        try:
            return dt.date(*map(int, found.groups()))
        except ValueError:
            return value  # (31 February: the date validator says it is no date)
    if isinstance(value, str) and _TIMED_DATE.match(value):
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return value
    return value


class RosterEntry(Model):
    """One person in an inline roster."""

    person: str
    team: str
    role: str | None = None
    name: str | None = None
    manager: str | None = None
    email: str | None = None
    aliases: list[str] | str | None = None
    # (any other text is read as a roster file's cell is: `在职` is no end date, and
    # `10/16/2026` is an error that names the date_format to set)
    start_date: dt.date | str | None = None
    end_date: dt.date | str | None = None
    bonus_base: Number | None = None

    _dates = field_validator("start_date", "end_date", mode="before")(_written_date)


class RosterConfig(Model):
    """Who is scored: a mapped file, or an inline list under `people`."""

    path: FilePath | None = None
    people: list[RosterEntry] | None = None
    sheet: str | Whole | None = None
    encoding: str = "auto"
    delimiter: str = "auto"
    header_row: Whole = Field(default=1, ge=1)
    person: str = "person"
    team: str = "team"
    role: str | None = None
    name: str | None = None
    manager: str | None = None
    email: str | None = None
    aliases: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    date_format: str | None = None
    bonus_base: str | None = None
    fill_down: list[str] = Field(default_factory=list)

    _encoding = field_validator("encoding")(_known_encoding)

    @model_validator(mode="after")
    def _file_or_inline(self) -> Self:
        if (self.path is None) == (self.people is None):
            raise ValueError("the roster needs either `path` (a file) or `people` (a list)")
        return self


class Growth(Model):
    """A SMART growth target: the KPI's actual in a baseline period × (1 + growth)."""

    growth: Number
    baseline: Literal["previous", "last-year"] = "previous"


TargetValue = Number | Growth
TargetMap = dict[str, TargetValue]


class Targets(Model):
    """Targets: the targets file, by_team, by_role and defaults per person; teams per team."""

    defaults: TargetMap = Field(default_factory=dict)
    by_role: dict[str, TargetMap] = Field(default_factory=dict)
    by_team: dict[str, TargetMap] = Field(default_factory=dict)
    teams: dict[str, TargetMap] = Field(default_factory=dict)
    file: FilePath | None = None
    decimal: Literal[".", ","] = "."
    prorate: Literal["days", "workdays"] | None = None
    holidays: FilePath | None = None
    makeup_workdays: FilePath | None = None


class GradeBand(Model):
    """A grade awarded when the total is at least `min`."""

    grade: str
    min: Number
    label: str | None = None


def _default_grades() -> list[GradeBand]:
    return [
        GradeBand(grade="A", min=90),
        GradeBand(grade="B", min=75),
        GradeBand(grade="C", min=60),
        GradeBand(grade="D", min=0),
    ]


class BonusBase(Model):
    """The bonus base: the roster's `bonus_base` column, or one amount for everyone."""

    column: Literal["bonus_base"] | None = None
    amount: Annotated[float, Field(ge=0), NOT_BOOL] | None = None

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.column is None) == (self.amount is None):
            raise ValueError("the bonus base needs exactly one of column: bonus_base or amount")
        return self


class Gate(Model):
    """No bonus unless this KPI's attainment reaches `min_attainment`."""

    kpi: str
    min_attainment: Number


class Bonus(Model):
    """Bonus = base × multiplier (by grade, or a curve on the total) when every gate passes."""

    base: BonusBase
    by_grade: dict[str, Annotated[float, Field(ge=0), NOT_BOOL]] | None = None
    curve: list[tuple[Number, Annotated[float, Field(ge=0), NOT_BOOL]]] | None = None
    gates: list[Gate] = Field(default_factory=list)
    pool: Annotated[float, Field(gt=0), NOT_BOOL] | None = None

    @model_validator(mode="after")
    def _multiplier(self) -> Self:
        if (self.by_grade is None) == (self.curve is None):
            raise ValueError("the bonus needs exactly one of by_grade or curve")
        if self.curve is not None:
            xs = [x for x, _ in self.curve]
            if not xs or any(b <= a for a, b in itertools.pairwise(xs)):
                raise ValueError("bonus curve totals must increase from point to point")
        return self


class TeamsConfig(Model):
    """How teams are rolled up."""

    method: Literal["pooled", "mean"] = "pooled"
    scorecard: str | None = None


class Config(Model):
    """A whole scorecard definition."""

    version: Annotated[Literal[1], _no_bool("whole")] = 1  # (true == 1 to Python)
    title: str = "Scorecard"
    currency: str | None = None
    period: PeriodKind = "month"
    fiscal_year_start: Whole = Field(default=1, ge=1, le=12)
    sources: dict[str, SourceConfig] = Field(min_length=1)
    roster: RosterConfig
    kpis: dict[str, KPI] = Field(min_length=1)
    targets: Targets = Field(default_factory=Targets)
    scorecards: dict[str, dict[str, Annotated[float, Field(gt=0), NOT_BOOL]]] = Field(min_length=1)
    scoring: Scoring = Field(default_factory=Scoring)
    grades: list[GradeBand] = Field(default_factory=_default_grades, min_length=1)
    teams: TeamsConfig = Field(default_factory=TeamsConfig)
    perspectives: dict[str, list[str]] = Field(default_factory=dict)
    bonus: Bonus | None = None
    # The file the config was read from, which errors found later name (not a key).
    _file: str | None = PrivateAttr(default=None)

    def at_file(self, line: tuple[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
        """An error line about this config, prefixed with its file (when it has one)."""
        return line if self._file is None else ("cfg_at_file", {"path": self._file, "line": line})

    def in_file(self, key: str) -> str:
        """A key of this config as errors name it: after its file, when it has one."""
        return key if self._file is None else f"{self._file}: {key}"

    def kpi_label(self, kpi_id: str) -> str:
        """The KPI's display label (its id when it has none)."""
        return self.kpis[kpi_id].label or kpi_id

    @property
    def team_scorecard(self) -> str:
        """The scorecard whose weights score teams: `teams.scorecard`, else the first."""
        return self.teams.scorecard or next(iter(self.scorecards))
