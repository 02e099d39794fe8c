#!/usr/bin/env python3
"""Write docs/config-reference.md from the config models.

    python docs/make_reference.py          # rewrite docs/config-reference.md
    python docs/make_reference.py --check  # exit 1 when it is out of date

Types, defaults and constraints come from `Config.model_json_schema()` and the
models' fields; each section's text is the model's docstring, each key's text its
`Field(description=...)`, else the note below (NOTES). tests/test_docs_reference.py
fails when the committed file differs from what this script writes.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from scorecard import config as models  # noqa: E402

OUTPUT = ROOT / "docs" / "config-reference.md"

# Key texts for fields that carry no `description` of their own ("Model.field").
NOTES: dict[str, str] = {
    "Config.version": "The config format version.",
    "Config.title": "Shown on top of every report and as the workbook's title.",
    "Config.currency": "How `unit: currency` values are shown: CNY ¥, USD $, EUR €, GBP £, ...",
    "Config.period": "The kind of period scored when `--period` is not given: the last "
    "complete one before today.",
    "Config.fiscal_year_start": "The month in which quarters, halves and years begin; a "
    "fiscal year is named by the calendar year it starts in.",
    "Config.sources": "The exports to read, each under a name that KPIs refer to.",
    "Config.roster": "Who is scored.",
    "Config.kpis": "The indicators, each under an id used by `scorecards` and `targets`.",
    "Config.targets": "Targets at every level; the first found wins.",
    "Config.scorecards": "KPI weights per role (the roster's role column); weights need "
    "not add up to 100. With one scorecard and no role column, everyone is scored on it.",
    "Config.scoring": "Scoring defaults for every KPI.",
    "Config.grades": "Grade bands: the first from the top whose `min` ≤ total.",
    "Config.teams": "How teams are rolled up.",
    "Config.perspectives": "Balanced-scorecard perspectives: KPI ids per perspective; each "
    "person and team gets a subtotal per perspective. A KPI belongs to one perspective.",
    "Config.bonus": "Bonus per person from the grade or total, with gates and a pool.",
    "SourceConfig.path": "The file: .csv .tsv .txt .xlsx .xlsm .xls .ods; relative to the "
    "config file.",
    "SourceConfig.sheet": "Excel: a sheet name or a 1-based number; default the first "
    "visible sheet.",
    "SourceConfig.encoding": "`auto` (BOM, UTF-8, else GB18030), or any Python codec name: "
    "`utf-8`, `gb18030`, `utf-16`, ...",
    "SourceConfig.delimiter": "CSV field separator; `auto` detects it.",
    "SourceConfig.header_row": "The 1-based row holding the headers.",
    "SourceConfig.person": "The column naming the person a row belongs to.",
    "SourceConfig.date": "The column placing a row in a period; without it every row counts "
    "in every period.",
    "SourceConfig.date_format": "A strptime format for every date of this source, e.g. "
    '`"%d/%m/%Y"`; needed for day/month dates such as `05/10/2026`.',
    "SourceConfig.decimal": "The decimal separator of numbers: with `,`, `1.234,50` is 1234.5.",
    "SourceConfig.dedupe": "Keep one row per key (history or snapshot exports).",
    "SourceConfig.columns": "Derived columns: name → formula over other columns "
    "(`+ - * /`, parentheses, numbers, `[names with spaces]`).",
    "Dedupe.key": "The columns that identify a row, e.g. `[Deal ID]`.",
    "Dedupe.keep": "Which row of a key to keep.",
    "Dedupe.order_by": "The column ordering the rows of a key (default: file order).",
    "RosterConfig.path": "A roster file, mapped like a source (or use `people`).",
    "RosterConfig.people": "An inline roster instead of a file.",
    "RosterConfig.sheet": "Excel: a sheet name or a 1-based number.",
    "RosterConfig.encoding": "As for sources.",
    "RosterConfig.delimiter": "As for sources.",
    "RosterConfig.header_row": "The 1-based row holding the headers.",
    "RosterConfig.person": "The column holding the key that sources' person columns hold.",
    "RosterConfig.team": "The column naming the person's team.",
    "RosterConfig.role": "The column naming the role, which picks the scorecard.",
    "RosterConfig.name": "The column with the display name.",
    "RosterConfig.manager": "The column naming the manager.",
    "RosterConfig.email": "The column with the e-mail address.",
    "RosterConfig.aliases": 'The column of other spellings used in exports, ";"-separated.',
    "RosterConfig.start_date": "The column with the first active day (for `targets.prorate`).",
    "RosterConfig.end_date": "The column with the last active day (for `targets.prorate`).",
    "RosterConfig.bonus_base": "The column with the person's bonus base (for `bonus.base.column`).",
    "RosterEntry.person": "The key that sources' person columns hold.",
    "RosterEntry.team": "The person's team.",
    "RosterEntry.role": "The role, which picks the scorecard.",
    "RosterEntry.name": "The display name.",
    "RosterEntry.manager": "The manager.",
    "RosterEntry.email": "The e-mail address.",
    "RosterEntry.aliases": 'Other spellings used in exports: a list, or ";"-separated text.',
    "RosterEntry.start_date": "The first active day (for `targets.prorate`).",
    "RosterEntry.end_date": "The last active day (for `targets.prorate`).",
    "RosterEntry.bonus_base": "The bonus base (for `bonus.base.column`).",
    "KPI.label": "The name shown in reports (any language); default the KPI id.",
    "KPI.description": "What the KPI means, shown by `explain` and on the Rules sheet.",
    "KPI.source": "The source whose rows are measured.",
    "KPI.measure": "How the actual is computed from the rows.",
    "KPI.where": "Which rows count: column → condition; all must hold.",
    "KPI.unit": "How values are shown.",
    "KPI.better": "`higher`: attainment = actual ÷ target; `lower`: target ÷ actual.",
    "KPI.scoring": "This KPI's own scoring rule.",
    "KPI.anchors": "Texts for the levels of a rating scale, e.g. `{5: exceeds}`.",
    "_Measure.where": "A filter of this measure, applied after the KPI's `where`.",
    "CountMeasure.count": "`rows` counts rows; a column name counts rows where it is not empty.",
    "CountDistinctMeasure.count_distinct": "The column whose distinct non-empty values "
    "are counted.",
    "SumMeasure.sum": "The numeric column to add up.",
    "MeanMeasure.mean": "The numeric column to average.",
    "MedianMeasure.median": "The numeric column.",
    "MinMeasure.min": "The numeric column.",
    "MaxMeasure.max": "The numeric column.",
    "MeanDaysMeasure.mean_days": "`[FROM, TO]`: two date columns; the mean of TO − FROM in days.",
    "RatioMeasure.ratio": "The numerator and denominator measures.",
    "RatioParts.numerator": "A measure.",
    "RatioParts.denominator": "A measure; no value when it is 0.",
    "RatingMeasure.rating": "The column with the rating.",
    "RatingMeasure.rater": "The column with the rater type (manager, peer, customer, self).",
    "RatingMeasure.weights": "Weight per rater type, renormalised over the types present; "
    "without it the plain mean.",
    "RatingMeasure.min_raters": "Fewer ratings than this: no value.",
    "RatingMeasure.exclude": "Rater types to leave out, e.g. `[self]`.",
    "NewCustomersMeasure.new_customers": "The customer column.",
    "RetentionMeasure.retention": "The customer column.",
    "CrossSellMeasure.cross_sell": "The customer and product columns.",
    "CustomerColumn.customer": "The column naming the customer.",
    "CustomerProduct.customer": "The column naming the customer.",
    "CustomerProduct.product": "The column naming the product.",
    "Condition.eq": "Equals.",
    "Condition.ne": "Does not equal (an empty cell passes).",
    "Condition.gt": "Greater than.",
    "Condition.ge": "Greater than or equal to.",
    "Condition.lt": "Less than.",
    "Condition.le": "Less than or equal to.",
    "Condition.in_": "One of.",
    "Condition.not_in": "None of (an empty cell passes).",
    "Condition.between": "`[low, high]`, both ends inclusive.",
    "Condition.empty": "`true`: the cell is empty; `false`: it is not.",
    "Scoring.threshold": "Attainment below this scores 0.",
    "Scoring.cap": "Attainment above this scores as this.",
    "Scoring.missing": "A KPI with no value: `zero` scores 0; `exclude` leaves it out of "
    "the person's weights.",
    "ScoringOverride.threshold": "As `scoring.threshold`, for this KPI.",
    "ScoringOverride.cap": "As `scoring.cap`, for this KPI.",
    "ScoringOverride.missing": "As `scoring.missing`, for this KPI.",
    "ScoringOverride.curve": "`[[attainment, score], ...]`: piecewise linear; 0 below the "
    "first point, the last score beyond the last.",
    "ScoringOverride.bands": "Scores on the actual value; the KPI then needs no target.",
    "Band.min": "For `better: higher`: the band applies when actual ≥ min.",
    "Band.max": "For `better: lower`: the band applies when actual ≤ max.",
    "Band.score": "The score of the band.",
    "Targets.defaults": "KPI → target for everyone.",
    "Targets.by_role": "Role → KPI → target.",
    "Targets.by_team": "Team → KPI → target for each member.",
    "Targets.teams": "Team → KPI → the team's own target.",
    "Targets.file": "A targets file with the columns person, kpi, target and optionally "
    "period (人员, 指标, 目标, 期间 also work).",
    "Targets.prorate": "Prorate count and sum targets of joiners and leavers by active "
    "calendar days or workdays.",
    "Targets.holidays": "A file of holiday dates (first column) for `prorate: workdays`.",
    "Targets.makeup_workdays": "A file of weekend days worked (调休) for `prorate: workdays`.",
    "Growth.growth": "The growth on the baseline: `0.10` is +10%.",
    "Growth.baseline": "`previous`: the period just before; `last-year`: the same period "
    "a year earlier.",
    "GradeBand.grade": "The grade, e.g. `A`.",
    "GradeBand.min": "The lowest total with this grade.",
    "GradeBand.label": "A label shown beside the grade, e.g. `Excellent` or 优秀.",
    "TeamsConfig.method": "`pooled`: a team is scored like one person on its members' rows; "
    "`mean`: the mean of its members' totals.",
    "TeamsConfig.scorecard": "The scorecard whose weights score teams; default the first.",
    "Bonus.base": "The bonus base.",
    "Bonus.by_grade": "Grade → multiplier.",
    "Bonus.curve": "`[[total, multiplier], ...]`: piecewise linear on the total.",
    "Bonus.gates": "No bonus unless every gate passes.",
    "Bonus.pool": "When the bonuses add up to more, each is scaled by pool ÷ sum.",
    "BonusBase.column": "`bonus_base`: the roster's bonus_base column.",
    "BonusBase.amount": "One amount for everyone.",
    "Gate.kpi": "The KPI whose attainment is checked.",
    "Gate.min_attainment": "The lowest attainment that passes, e.g. `0.6`.",
}

# What the keys of a mapping stand for, by the field holding it (one name per level).
PLACEHOLDERS = {
    "sources": ("source",),
    "kpis": ("kpi",),
    "scorecards": ("scorecard", "kpi"),
    "perspectives": ("perspective",),
    "where": ("column",),
    "columns": ("column",),
    "defaults": ("kpi",),
    "by_role": ("role", "kpi"),
    "by_team": ("team", "kpi"),
    "teams": ("team", "kpi"),
    "by_grade": ("grade",),
    "weights": ("rater",),
    "anchors": ("level",),
}
SCALAR = ["text", "number", "date"]  # a filter value: text, a number or a date


@dataclass
class Section:
    """One model's table (or a choice between models) at a key path."""

    key: str  # a model name, or the model names of a choice joined by "|"
    path: str
    choices: list[str] = field(default_factory=list)

    @property
    def model(self) -> str | None:
        return None if self.choices else self.key


def _refs(node: dict[str, Any]) -> list[str]:
    """The model names a union node offers (only when every member is a model)."""
    members = node.get("oneOf") or node.get("anyOf") or []
    names = [m["$ref"].rsplit("/", 1)[-1] for m in members if "$ref" in m]
    return names if len(names) > 1 and len(names) == len(members) else []


def _depth(path: str) -> int:
    return path.count(".") + path.count("[]")


def _placeholder(key: str, level: int) -> str:
    names = PLACEHOLDERS.get(key, ())
    return f"<{names[level] if level < len(names) else 'key'}>"


class Reference:
    """Walks the schema, giving each model a section at its shortest key path; renders them."""

    def __init__(self) -> None:
        self.schema = models.Config.model_json_schema()
        self.defs: dict[str, Any] = self.schema.get("$defs", {})
        self.sections: dict[str, Section] = {}  # in order of discovery
        self._visit_model("Config", "", ())

    # -- walking -----------------------------------------------------------------------

    def _node(self, name: str) -> dict[str, Any]:
        return self.schema if name == "Config" else self.defs[name]

    def _place(self, key: str, path: str, choices: list[str] | None = None) -> None:
        known = self.sections.get(key)
        if known is None:
            self.sections[key] = Section(key, path, choices or [])
        elif _depth(path) < _depth(known.path):
            known.path = path

    def _visit_model(self, name: str, path: str, stack: tuple[str, ...]) -> None:
        if name in stack:
            return
        self._place(name, path)
        for key, prop in self._node(name).get("properties", {}).items():
            self._visit(prop, f"{path}.{key}" if path else key, key, 0, (*stack, name))

    def _visit(
        self, node: dict[str, Any], path: str, key: str, level: int, stack: tuple[str, ...]
    ) -> None:
        choices = _refs(node)
        if choices:
            self._place("|".join(choices), path, choices)
            for name in choices:  # the alternatives' tables follow the choice, together
                self._place(name, path)
            for name in choices:
                self._visit_model(name, path, stack)
            return
        if "$ref" in node:
            self._visit_model(node["$ref"].rsplit("/", 1)[-1], path, stack)
        for member in node.get("anyOf", []) + node.get("oneOf", []):
            self._visit(member, path, key, level, stack)
        if isinstance(node.get("additionalProperties"), dict):
            child = f"{path}.{_placeholder(key, level)}"
            self._visit(node["additionalProperties"], child, key, level + 1, stack)
        if isinstance(node.get("items"), dict):
            self._visit(node["items"], f"{path}[]", key, level, stack)
        for item in node.get("prefixItems", []):
            self._visit(item, f"{path}[]", key, level, stack)

    # -- rendering ---------------------------------------------------------------------

    def render(self) -> str:
        """The whole reference as markdown."""
        lines = [
            "# Config reference",
            "",
            "<!-- Generated by `python docs/make_reference.py` from src/scorecard/config.py;",
            "     do not edit: tests/test_docs_reference.py fails when this file is stale. -->",
            "",
            "Every key of a scorecard config file (`scorecard.yaml`), section by section. A",
            "key path such as `kpis.<kpi>.measure` reads: under `kpis`, under any KPI id,",
            "the key `measure`; `[]` marks the items of a list. Keys not listed here are",
            "errors (reported with the closest valid key). Relative paths are relative to",
            "the config file. `scorecard schema` prints the same model as JSON Schema for",
            "editor completion; `scorecard init` writes it beside a starter config.",
            "",
            "Types are written as YAML sees them: *text*, *number*, *integer*, *date*",
            "(`2026-10-01`), a *list* `[a, b]`, a *mapping* `{key: value}`; a *value* (in",
            "filters) is text, a number or a date. A default of — means the key is unset",
            "unless given.",
            "",
            "## Contents",
            "",
        ]
        alternatives = {name for s in self.sections.values() for name in s.choices}
        for section in self.sections.values():
            if section.key not in alternatives:
                lines.append(f"- [{self._title(section)}](#{self._anchor(section.key)})")
        lines.append("")
        for section in self.sections.values():
            lines += self._render_section(section, section.key in alternatives)
        return "\n".join(lines).rstrip() + "\n"

    def _anchor(self, key: str) -> str:
        """A model's anchor is its name; a choice's, the key holding it (`measure-kinds`)."""
        if "|" in key:
            return _slug(self.sections[key].path.rsplit(".", 1)[-1] + "-kinds")
        return _slug(key)

    def _title(self, section: Section) -> str:
        return "Top level" if section.key == "Config" else f"`{section.path}`"

    def _render_section(self, section: Section, alternative: bool) -> list[str]:
        anchor = f'<a id="{self._anchor(section.key)}"></a>'
        if section.model is None:
            kinds = ", ".join(f"[`{self._kind(n)}`](#{_slug(n)})" for n in section.choices)
            return [
                anchor,
                "",
                f"## {self._title(section)}: one of",
                "",
                f"A mapping with exactly one of these keys: {kinds}.",
                "",
            ]
        model = getattr(models, section.model)
        if alternative:
            heading = f"### `{self._kind(section.model)}`"
        else:
            heading = f"## {self._title(section)}"
        lines = [anchor, "", heading, ""]
        doc = _doc(model)
        if doc:
            lines += [doc, ""]
        lines += ["| key | type | default | description |", "| --- | --- | --- | --- |"]
        node = self._node(section.model)
        required = set(node.get("required", []))
        for name, info in model.model_fields.items():
            key = info.alias or name
            cells = [
                f"`{key}`",
                self._type(node["properties"][key], key),
                "**required**" if key in required else _default(info),
                _escape(info.description or _note(model, name)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        return lines

    def _kind(self, name: str) -> str:
        """A measure's key (its one required key other than `where`)."""
        required = [k for k in self._node(name).get("required", []) if k != "where"]
        return required[0] if len(required) == 1 else name

    def _type(self, node: dict[str, Any], key: str) -> str:
        text = self._type_text(node, key, 0)
        limits = _limits(node)
        return _escape(f"{text} ({limits})" if limits else text)

    def _type_text(self, node: dict[str, Any], key: str, level: int) -> str:
        choices = _refs(node)
        if choices:
            return f"[one of {len(choices)} kinds](#{self._anchor('|'.join(choices))})"
        if "$ref" in node:
            return f"[mapping](#{_slug(node['$ref'].rsplit('/', 1)[-1])})"
        if "const" in node:
            return f"`{node['const']}`"
        if "enum" in node:
            return " | ".join(f"`{v}`" for v in node["enum"])
        members = node.get("anyOf") or node.get("oneOf")
        if members:
            texts: list[str] = []
            for member in members:
                text = "" if member.get("type") == "null" else self._type_text(member, key, level)
                if text and text not in texts:
                    texts.append(text)
            if "number" in texts and "integer" in texts:
                texts.remove("integer")
            if all(t in texts for t in SCALAR):
                texts = ["value", *(t for t in texts if t not in SCALAR)]
            return _or(texts)
        kind = node.get("type")
        if kind == "string":
            return "date" if node.get("format") == "date" else "text"
        if kind == "boolean":
            return "`true` | `false`"
        if kind in ("integer", "number"):
            return str(kind)
        if kind == "array":
            if "prefixItems" in node:
                items = ", ".join(self._type_text(i, key, level) for i in node["prefixItems"])
                return f"[{items}]"
            items = self._type_text(node.get("items", {}), key, level)
            return "list of values" if items == "value" else f"list of {items}"
        if kind == "object" and isinstance(node.get("additionalProperties"), dict):
            value = self._type_text(node["additionalProperties"], key, level + 1)
            return f"{{`{_placeholder(key, level)}`: {value}}}"
        return "mapping" if kind == "object" else "any"


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _doc(model: type[BaseModel]) -> str:
    return (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")


def _note(model: type[BaseModel], name: str) -> str:
    for cls in model.__mro__:
        note = NOTES.get(f"{cls.__name__}.{name}")
        if note:
            return note
    return ""


def _or(texts: list[str]) -> str:
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " or " + texts[-1]


def _limits(node: dict[str, Any]) -> str:
    """Constraints in words: `1–12`, `> 0`, `at least 1`."""
    for member in node.get("anyOf", []):
        if member.get("type") != "null":
            found = _limits(member)
            if found:
                return found
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"≥ {low}"
    if node.get("exclusiveMinimum") is not None:
        return f"> {node['exclusiveMinimum']}"
    if high is not None:
        return f"≤ {high}"
    least = node.get("minItems", node.get("minProperties"))
    if least and "prefixItems" not in node:
        return f"at least {least}"
    return ""


def _flow(value: Any) -> str:
    """A value as YAML flow text."""
    if isinstance(value, BaseModel):
        value = value.model_dump(by_alias=True, exclude_defaults=True)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if value == "" or ":" in value else value
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return str(value)


def _default(info: Any) -> str:
    if info.default_factory is not None:
        value = info.default_factory()
    else:
        value = info.default
    if value is None:
        return "—"
    return _escape(f"`{_flow(value)}`")


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    """docs/config-reference.md as it should be."""
    return Reference().render()


def undescribed() -> list[str]:
    """Keys with neither a `Field(description=...)` nor a note: "Model.field"."""
    reference = Reference()
    missing = []
    for section in reference.sections.values():
        if section.model is None:
            continue
        model = getattr(models, section.model)
        for name, info in model.model_fields.items():
            if not (info.description or _note(model, name)):
                missing.append(f"{section.model}.{name}")
    return missing


def main(argv: list[str]) -> int:
    text = render()
    for key in undescribed():
        print(f"warning: {key} has no description (add one to NOTES)", file=sys.stderr)
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python docs/make_reference.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
