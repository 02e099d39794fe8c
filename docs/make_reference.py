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
from scorecard.field_notes import NOTES  # noqa: E402

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
# a filter value: true/false, text, a number or a date
SCALAR = ["`true` | `false`", "text", "number", "date"]


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
            "filters) is text, a number, a date or `true`/`false` (which match yes/no",
            "cells in any case: `TRUE`, `Yes`, `Y`, `1`, `是` and `FALSE`, `No`, `N`, `0`,",
            "`否`). A default of — means the key is unset",
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
