"""Reading a config file: safe YAML, pydantic validation, cross-checks, readable errors."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from scorecard.config import MEASURE_KINDS, Config, Growth, TargetValue, measure_kind
from scorecard.config_file import read_yaml, resolve_path
from scorecard.errors import ConfigError, Word
from scorecard.formula import parse_formula
from scorecard.nearest import closest


def _fields_at(model: type[BaseModel], loc: Sequence[str | int], data: Any) -> list[str] | None:
    """The keys allowed in the mapping at `loc` (None when it is not a model)."""
    node: Any = model
    value = data
    for part in loc:
        node = _unwrap(node, value)
        if isinstance(node, type) and issubclass(node, BaseModel):
            field = _field(node, str(part))
            if field is None:
                return None
            node = field
        else:
            origin = typing.get_origin(node)
            args = typing.get_args(node)
            if origin in (dict, list, tuple) and args:
                node = args[-1] if origin is dict else args[0]
            else:
                return None
        value = _child(value, part)
    node = _unwrap(node, value)
    if isinstance(node, type) and issubclass(node, BaseModel):
        return [f.alias or name for name, f in node.model_fields.items()]
    return None


def _field(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field.annotation
    return None


def _child(value: Any, part: str | int) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and part < len(value):
        return value[part]
    return None


def _unwrap(node: Any, value: Any) -> Any:
    """Strip Annotated/Optional/unions down to the member that fits `value`."""
    while True:
        origin = typing.get_origin(node)
        if origin is typing.Annotated:
            node = typing.get_args(node)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [_unwrap(a, value) for a in typing.get_args(node) if a is not type(None)]
            models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
            kind = measure_kind(value) if isinstance(value, dict) else None
            for m in models:
                if kind and kind in m.model_fields:
                    return m
            if isinstance(value, dict) and models:
                return models[0]
            containers = [m for m in members if typing.get_origin(m) in (dict, list, tuple)]
            return containers[0] if containers else members[0]
        return node


def _loc_text(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _strip_tags(loc: Sequence[str | int], data: Any) -> list[str | int]:
    """Drop the union-member tags pydantic inserts into error locations."""
    cleaned: list[str | int] = []
    value = data
    tagged: set[int] = set()
    for part in loc:
        if isinstance(part, str):
            is_measure_tag = (  # (a grade's `min` is its key, not a measure's tag)
                isinstance(value, dict)
                and id(value) not in tagged
                and bool(cleaned)
                and cleaned[-1] in _MEASURE_KEYS
                and measure_kind(value) == part
            )
            if is_measure_tag:
                tagged.add(id(value))
                continue
            if not isinstance(value, dict) or part not in value:
                # A type tag such as 'str' or 'list[...]' that names no key of the mapping.
                continue
        cleaned.append(part)
        value = _child(value, part)
    return cleaned


def _value_at(data: Any, loc: Sequence[str | int]) -> Any:
    for part in loc:
        data = _child(data, part)
    return data


def _is_union_noise(err_type: str, value: Any) -> bool:
    """A scalar/list alternative's complaint about a value that is meant as another kind."""
    if not err_type.endswith(("_type", "_parsing")):
        return False
    if err_type == "model_type":
        return isinstance(value, list)
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and err_type != "list_type"


def _explained_deeper(loc: list[str | int], locs: list[list[str | int]]) -> bool:
    """Another problem lies inside the value at `loc`, so that value's kind was right."""
    return any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)


# the members of TargetValue as pydantic tags them (a number: function-before[..., float])
_TARGET_TAGS = ("float", "float]", "Growth")


def _wrong_kind(err_type: str) -> bool:
    """A value of the wrong kind (text or true or .inf for a number, a list for a mapping)."""
    return err_type.endswith(("_type", "_parsing")) or err_type in (
        "bool_number",
        "bool_whole",
        "not_finite",
    )


_TAGS = set(MEASURE_KINDS)
_MEASURE_KEYS = ("measure", "numerator", "denominator")  # what holds a measure


Line = tuple[str, dict[str, Any]]


def format_validation_errors(exc: ValidationError, data: Any, path: Path) -> list[Line]:
    """One catalogue line per problem: file, key path, what is wrong, and a suggestion."""
    lines: list[Line] = []
    errors = exc.errors()
    locs = [_error_loc(err, data) for err in errors]
    for err, loc in zip(errors, locs, strict=True):
        noise = _is_union_noise(err["type"], _value_at(data, loc))
        if noise and _explained_deeper(loc, locs):
            continue
        base = {"path": path, "where": _loc_text(loc)}
        if err["type"] == "extra_forbidden":
            allowed = _fields_at(Config, loc[:-1], data) or []
            close = closest(str(loc[-1]), allowed)
            if close or not allowed:
                line: Line = ("cfg_unknown_key", {**base, "suggestion": close})
            else:
                line = ("cfg_unknown_key_allowed", {**base, "allowed": ", ".join(allowed)})
        elif err["type"] == "missing" and isinstance(loc[-1], int):  # [1.0] for a pair
            line = (
                "cfg_invalid",
                {**base, "where": _loc_text(loc[:-1]), "message": ("pyd_tuple", {})},
            )
        elif err["type"] == "missing":
            line = ("cfg_missing_key", base)
        elif err["type"] == "measure_kind":
            close = ""
            if isinstance(err.get("input"), dict):
                for key in err["input"]:
                    close = close or closest(str(key), [*_TAGS, "where"])
            line = (
                "cfg_measure_kind",
                {**base, "kinds": ", ".join(MEASURE_KINDS), "suggestion": close},
            )
        elif _wrong_kind(err["type"]) and len(err["loc"]) > len(loc):
            if loc[:1] == ["targets"] and str(err["loc"][-1]).endswith(_TARGET_TAGS):
                line = ("cfg_target_value", {**base, "value": _given(_value_at(data, loc))})
            elif "where" in loc:
                line = _filter_line(loc, base)
            else:
                line = ("cfg_invalid", {**base, "message": _pydantic_message(err)})
        else:
            line = ("cfg_invalid", {**base, "message": _pydantic_message(err)})
        if line not in lines:
            lines.append(line)
    return lines


def _filter_line(loc: list[str | int], base: dict[str, Any]) -> Line:
    """A filter's value of the wrong kind, as its operator takes one."""
    at = len(loc) - 1 - loc[::-1].index("where")
    operator = loc[at + 2] if len(loc) > at + 2 else None  # where.<column>.<operator>
    if operator in ("in", "not_in"):
        return "cfg_filter_list", {**base, "op": operator}
    if operator in ("between", "empty"):
        return f"cfg_filter_{operator}", base
    return "cfg_filter_value", base


def _error_loc(err: Any, data: Any) -> list[str | int]:
    """Where in the config an error is, without pydantic's union-member tags."""
    if err["type"] == "missing" and err["loc"]:
        # The missing key is not in the data, so _strip_tags would take it for a tag.
        return [*_strip_tags(err["loc"][:-1], data), err["loc"][-1]]
    return _strip_tags(err["loc"], data)


def _pydantic_message(err: Any) -> tuple[str, dict[str, Any]]:
    """A validation message as a catalogue entry, worded as the config's author reads it
    (pydantic's own text only for a kind of problem the catalogue lacks)."""
    from scorecard.i18n import MESSAGES

    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "value_error":
        for key, texts in MESSAGES.items():
            if key.startswith("val_") and texts["en"] == message:
                return key, {}
    key = f"pyd_{err['type']}"
    given = err.get("input")
    if key == "pyd_string_type" and isinstance(given, int | float | dt.date):
        # YAML reads `team: 1`, `label: 2026-10-01` and `label: true` as no text
        kind = "date" if isinstance(given, dt.date) else "number"
        kind = "bool" if isinstance(given, bool) else kind
        return f"cfg_string_{kind}", {"value": str(given).lower()}
    ctx = {k: str(v) for k, v in (err.get("ctx") or {}).items()}
    if key == "pyd_literal_error":  # "'zero' or 'exclude'": zero, exclude
        choices = re.findall(r"'([^']*)'|(\S+?)(?:,| or |$)", ctx.get("expected", ""))
        names = [quoted or bare for quoted, bare in choices if quoted or bare]
        ctx["expected"] = ", ".join(names)
        key = "pyd_literal_one" if len(names) == 1 else key
    if key not in MESSAGES:
        key = (
            "pyd_tuple"
            if err["type"].startswith("too_") and "tuple" in message.lower()
            else "cfg_text"
        )
    return key, {"message": message, "given": _given(given), **ctx}


def _kind_word(value: Any) -> Word:
    """The catalogue's word for what a YAML document is instead of a mapping."""
    if isinstance(value, list):
        return Word("kind_list")
    if isinstance(value, str):
        return Word("kind_text")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Word("kind_number")
    return Word("kind_value")


def _given(value: Any) -> str:
    """A config value as an error quotes it: 'fortnight', 2, true."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


@dataclass(frozen=True)
class _Names:
    """The names one part of a config uses to refer to another."""

    # KPI id → its source (None: not given); None when `kpis` itself is no mapping
    kpi_sources: dict[str, str | None] | None
    sources: list[str] | None  # (None: `sources` is no mapping, so nothing can be checked)
    scorecards: dict[str, list[str]]  # scorecard → its KPI ids
    perspectives: dict[str, list[str]]
    targets: list[tuple[str, list[str]]]  # key path → the KPI ids it sets
    roles: list[str]  # targets.by_role keys
    team_scorecard: str | None


def _target_levels(config: Config) -> list[tuple[str, dict[str, TargetValue]]]:
    """(key path, KPI → target) of each target mapping in the config."""
    targets = config.targets
    levels: list[tuple[str, dict[str, TargetValue]]] = [("targets.defaults", targets.defaults)]
    levels += [(f"targets.by_role.{k}", v) for k, v in targets.by_role.items()]
    levels += [(f"targets.by_team.{k}", v) for k, v in targets.by_team.items()]
    levels += [(f"targets.teams.{k}", v) for k, v in targets.teams.items()]
    return levels


def _names_of(config: Config) -> _Names:
    targets = config.targets
    levels = [(where, list(mapping)) for where, mapping in _target_levels(config)]
    return _Names(
        {k: kpi.source for k, kpi in config.kpis.items()},
        list(config.sources),
        {card: list(weights) for card, weights in config.scorecards.items()},
        {name: list(ids) for name, ids in config.perspectives.items()},
        levels,
        list(targets.by_role),
        config.teams.scorecard,
    )


def _names_in(data: dict[str, Any]) -> _Names:
    """The same names read from YAML data the model rejected (whatever parts are mappings)."""

    def mapping(value: Any) -> dict[str, Any]:
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}

    def names(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [str(k) for k in value]
        return [str(v) for v in value] if isinstance(value, list) else []

    kpis = data.get("kpis")
    targets = mapping(data.get("targets"))
    levels = [("targets.defaults", names(targets.get("defaults")))]
    for level in ("by_role", "by_team", "teams"):
        levels += [
            (f"targets.{level}.{k}", names(v)) for k, v in mapping(targets.get(level)).items()
        ]
    team_scorecard = mapping(data.get("teams")).get("scorecard")
    sources = data.get("sources")
    return _Names(
        {
            str(k): str(v["source"]) if isinstance(v, dict) and "source" in v else None
            for k, v in kpis.items()
        }
        if isinstance(kpis, dict)
        else None,
        names(sources) if isinstance(sources, dict) else None,
        {card: names(v) for card, v in mapping(data.get("scorecards")).items()},
        {name: names(v) for name, v in mapping(data.get("perspectives")).items()},
        levels,
        names(targets.get("by_role")),
        str(team_scorecard) if team_scorecard is not None else None,
    )


def _unknown_ref(where: str, kind: str, name: str, choices: Iterable[str]) -> Line:
    suggestion = closest(name, choices)
    return (
        "cfg_unknown_ref",
        {"where": where, "kind": kind, "name": name, "suggestion": suggestion},
    )


def _reference_problems(names: _Names) -> list[Line]:
    """References to a source, KPI or scorecard that the config does not define."""
    problems: list[Line] = []
    # A KPI (or `kpis`, `sources`) that is there but invalid is reported as such: its
    # references are no more unknown than a valid one's.
    known = names.kpi_sources
    kpi_ids = list(known or {})

    def unknown(where: str, kind: str, name: str, choices: Iterable[str]) -> None:
        problems.append(_unknown_ref(where, kind, name, choices))

    def unknown_kpi(kpi_id: str) -> bool:
        return known is not None and kpi_id not in known

    for kpi_id, source in (known or {}).items():
        if source is not None and names.sources is not None and source not in names.sources:
            unknown(f"kpis.{kpi_id}.source", Word("ref_source"), source, names.sources)
    for perspective, members in names.perspectives.items():
        for kpi_id in members:
            if unknown_kpi(kpi_id):
                unknown(f"perspectives.{perspective}", Word("ref_kpi"), kpi_id, kpi_ids)
    for card, members in names.scorecards.items():
        for kpi_id in members:
            if unknown_kpi(kpi_id):
                unknown(f"scorecards.{card}.{kpi_id}", Word("ref_kpi"), kpi_id, kpi_ids)
    if names.team_scorecard and names.team_scorecard not in names.scorecards:
        unknown("teams.scorecard", Word("ref_scorecard"), names.team_scorecard, names.scorecards)
    for where, members in names.targets:
        for kpi_id in members:
            if unknown_kpi(kpi_id):
                unknown(f"{where}.{kpi_id}", Word("ref_kpi"), kpi_id, kpi_ids)
    for role in names.roles:
        if role not in names.scorecards:
            unknown(f"targets.by_role.{role}", Word("ref_scorecard"), role, names.scorecards)
    return problems


def _broken_references(config: Config) -> list[Line]:
    """References and formulas without which the config cannot be run at all."""
    problems = _reference_problems(_names_of(config))
    kpi_ids = list(config.kpis)

    def unknown(where: str, kind: str, name: str, choices: Iterable[str]) -> None:
        problems.append(_unknown_ref(where, kind, name, choices))

    by_key: dict[str, list[str]] = {}
    for kpi_id in config.kpis:
        by_key.setdefault(kpi_id.casefold(), []).append(kpi_id)
    for ids in by_key.values():  # a targets file names KPIs in any case
        if len(ids) > 1:
            problems.append(("cfg_kpi_case", {"ids": ", ".join(ids)}))
    for name, source in config.sources.items():
        for column, formula in source.columns.items():
            try:
                parse_formula(formula, f"sources.{name}.columns.{column}")
            except ConfigError as exc:
                problems += list(exc.lines)
    if config.bonus:
        for index, gate in enumerate(config.bonus.gates):
            if gate.kpi not in config.kpis:
                unknown(f"bonus.gates[{index}].kpi", Word("ref_kpi"), gate.kpi, kpi_ids)
        grades = [g.grade for g in config.grades]
        for grade in config.bonus.by_grade or {}:
            if grade not in grades:
                unknown(f"bonus.by_grade.{grade}", Word("ref_grade"), grade, grades)
    return problems


def value_problems(config: Config) -> list[Line]:
    """Values the config cannot be scored with, but which leave every reference intact.

    A run can read its roster despite them, so they are reported together with the
    roster's problems (roles without a scorecard, people missing a target).
    """
    problems: list[Line] = []
    if (
        config.bonus
        and config.bonus.base.column
        and not config.roster.bonus_base
        and not any(p.bonus_base is not None for p in config.roster.people or [])
    ):
        problems.append(("cfg_bonus_base", {}))
    seen: dict[str, str] = {}
    for perspective, members in config.perspectives.items():
        for kpi_id in members:
            if kpi_id not in config.kpis:
                continue  # an unknown KPI: said above
            if kpi_id in seen:
                problems.append(
                    (
                        "cfg_perspective_twice",
                        {"perspective": perspective, "kpi": kpi_id, "other": seen[kpi_id]},
                    )
                )
            seen.setdefault(kpi_id, perspective)
    for where, mapping in _target_levels(config):
        for kpi_id, value in mapping.items():
            if kpi_id not in config.kpis:
                continue  # an unknown KPI: said above
            if isinstance(value, Growth):
                if value.growth <= -1:
                    problems.append(("cfg_growth", {"where": f"{where}.{kpi_id}"}))
            elif value <= 0 and not _has_bands(config, kpi_id):
                problems.append(
                    ("cfg_zero_target", {"where": f"{where}.{kpi_id}", "value": f"{value:g}"})
                )
    sorted_grades = sorted(g.min for g in config.grades)
    if len(set(sorted_grades)) != len(sorted_grades):
        problems.append(("cfg_same_grade_min", {}))
    return problems


def _has_bands(config: Config, kpi_id: str) -> bool:
    scoring = config.kpis[kpi_id].scoring
    return bool(scoring and scoring.bands)


def resolve_paths(config: Config, base: Path) -> Config:
    """Make every path in the config absolute, relative to the config file's folder."""
    sources = {
        name: src.model_copy(update={"path": resolve_path(base, src.path)})
        for name, src in config.sources.items()
    }
    roster = config.roster
    if roster.path is not None:
        roster = roster.model_copy(update={"path": resolve_path(base, roster.path)})
    targets = config.targets
    files = {
        key: resolve_path(base, value)
        for key in ("file", "holidays", "makeup_workdays")
        if (value := getattr(targets, key)) is not None
    }
    if files:
        targets = targets.model_copy(update=files)
    return config.model_copy(update={"sources": sources, "roster": roster, "targets": targets})


def parse_config(data: Any, path: Path, *, defer: bool = False) -> Config:
    """Validate already-parsed YAML data; raise ConfigError listing every problem.

    With `defer`, problems of values alone (`value_problems`: a zero target, a growth
    of -100%) are not raised here: scoring raises them together with the roster's, so
    that one run lists them all.
    """
    if not isinstance(data, dict):
        raise ConfigError.of("cfg_not_mapping", path=path, kind=_kind_word(data))
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        # References between sections are checked on the raw data too, so one bad key
        # does not hide an unknown KPI elsewhere.
        references = [
            ("cfg_at_file", {"path": path, "line": line})
            for line in _reference_problems(_names_in(data))
        ]
        raise ConfigError.of_lines(format_validation_errors(exc, data, path) + references) from None
    broken, values = _broken_references(config), value_problems(config)
    if broken or (values and not defer):
        raise ConfigError.of_lines(
            [("cfg_at_file", {"path": path, "line": line}) for line in broken + values]
        )
    resolved = resolve_paths(config, path.resolve().parent)
    resolved._file = str(path)
    return resolved


def load_config(path: str | Path, *, defer: bool = False) -> Config:
    """Read, validate and resolve a config file (`defer`: see `parse_config`)."""
    path = Path(path)
    return parse_config(read_yaml(path), path, defer=defer)
