"""A config file as data: safe YAML, and paths relative to the file's folder.

Kept apart from the validation (pydantic) so that reading the raw YAML is cheap.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Any

import yaml

from scorecard.errors import ConfigError, Word

MAX_YAML_NODES = 200_000


class _Loader(yaml.SafeLoader):
    """A safe loader with YAML 1.2 booleans and integers.

    `Yes`, `No`, `On`, `Off` stay text; `010` (an area code, a product code) is ten,
    not YAML 1.1's octal eight; `9:30` is text, not YAML 1.1's base-60 number 570.
    """


# libyaml's parser when PyYAML has it (about ten times faster; the same documents);
# the pure-Python one words the errors (it names the offending character).
_FastLoader: Any = _Loader
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):
        """`_Loader` on libyaml's parser."""

    _FastLoader = _CLoader


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A YAML date, or an error at its line for one the calendar lacks (`2026-02-29`)."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"'{node.value}' is not a date ({exc}); write a real date, or quote it to keep "
            "it as text",
            node.start_mark,
        ) from None


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """A YAML 1.2 integer: decimal whatever its leading zeros, `0o17` octal, `0x1F` hex."""
    text = str(loader.construct_scalar(node)).replace("_", "")
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


_TYPED = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_RESOLVERS = (
    ("tag:yaml.org,2002:bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("tag:yaml.org,2002:int", r"[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (  # YAML 1.1's floats but for base 60 (1:30.5)
        "tag:yaml.org,2002:float",
        r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
)

for _loader in {_Loader, _FastLoader}:
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    _loader.add_constructor("tag:yaml.org,2002:int", _int)
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _TYPED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for _tag, _pattern, _first in _RESOLVERS:
        _loader.add_implicit_resolver(_tag, re.compile(f"^(?:{_pattern})$"), list(_first))


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many nodes the document holds once aliases are expanded."""
    key = id(node)
    if key not in memo:
        memo[key] = 1
        if isinstance(node, yaml.SequenceNode):
            memo[key] += sum(_expanded_size(n, memo) for n in node.value)
        elif isinstance(node, yaml.MappingNode):
            memo[key] += sum(
                _expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value
            )
    return memo[key]


def _duplicate_key(node: yaml.Node) -> tuple[str, int, int] | None:
    """(key, first line, repeated line) of a key written twice in one mapping, if any.

    YAML loaders keep the last value silently; a config with two `revenue:` KPIs or
    two `defaults:` would score with half of what its author wrote.
    """
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            lines: dict[tuple[str, str], int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    line = key.start_mark.line + 1
                    if (key.tag, key.value) in lines:
                        return key.value, lines[key.tag, key.value], line
                    lines[key.tag, key.value] = line
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def read_yaml(path: Path) -> Any:
    """Parse a YAML file safely; aliases may not expand beyond MAX_YAML_NODES nodes."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError.of("cfg_not_found", path=path) from None
    except IsADirectoryError:
        inside = path / "scorecard.yaml"
        if inside.is_file():
            raise ConfigError.of("cfg_is_folder_with", path=path, inside=inside) from None
        raise ConfigError.of("cfg_is_folder", path=path) from None
    except PermissionError:
        raise ConfigError.of("cfg_no_permission", path=path) from None
    except OSError as exc:
        raise ConfigError.of("cfg_unreadable", path=path, reason=exc.strerror or exc) from None
    text = decode_config(data, path)
    try:
        return _parse(text, path, _FastLoader)
    except yaml.YAMLError:
        pass
    try:
        return _parse(text, path, _Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = _yaml_problem(exc)
        if mark:
            raise ConfigError.of(
                "cfg_yaml_at",
                path=path,
                line=mark.line + 1,
                column=mark.column + 1,
                problem=problem,
            ) from None
        raise ConfigError.of("cfg_yaml", path=path, problem=problem) from None


# PyYAML's words for the slips people make in a config → the catalogue's (yaml_*)
_YAML_PROBLEMS = (
    ("found character '\\t'", "yaml_tab"),
    ("found unexpected end of stream", "yaml_unclosed_quote"),
    ("expected <block end>", "yaml_block_end"),
    ("mapping values are not allowed here", "yaml_colon"),
    ("could not find expected ':'", "yaml_no_colon"),
    ("expected ',' or '}'", "yaml_flow"),
    ("expected ',' or ']'", "yaml_flow"),
    ("but found another document", "yaml_documents"),
)


_UNPLACED = ("yaml_tab", "yaml_colon", "yaml_documents")  # (worded without a line before)


def _yaml_problem(exc: yaml.YAMLError) -> tuple[str, dict[str, Any]]:
    """What is wrong, in the catalogue's words where it knows the slip (PyYAML's otherwise)."""
    problem = str(getattr(exc, "problem", None) or exc)
    context = getattr(exc, "context_mark", None)
    where = context.line + 1 if context is not None else None
    for words, key in _YAML_PROBLEMS:
        if words in problem and (where is not None or key in _UNPLACED):
            return key, {"context_line": where}
    return "yaml_other", {"problem": problem}


def decode_config(data: bytes, path: Path) -> str:
    """A config file's text: UTF-8 (with or without a BOM), or UTF-16 or UTF-32 with a BOM.

    Anything else is a ConfigError at the line and column of the first byte that is
    not UTF-8 text, naming the encoding it looks like: GB18030/GBK (what Notepad
    saves as "ANSI" on Chinese Windows) or UTF-16 without a BOM.
    """
    if data.startswith(_UTF32_BOMS):  # (before UTF-16: FF FE 00 00 starts with FF FE)
        return data.decode("utf-32")
    encoding = "utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig"
    if encoding == "utf-8-sig" and _utf16_without_bom(data):
        raise _not_text(path, encoding, data[: data.find(b"\x00")], Word("enc_utf16_no_bom"))
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        found = _chinese_windows(data) if encoding == "utf-8-sig" else None
        raise _not_text(path, encoding, exc.object[: exc.start], found) from None


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16"}


def _utf16_without_bom(data: bytes) -> bool:
    """Whether `data` has the zero bytes of UTF-16 (one beside each ASCII character).

    YAML allows no NUL character; a config's keys, spaces and line ends are ASCII.
    """
    return data.count(b"\x00") * 8 >= len(data) > 0


def _chinese_windows(data: bytes) -> str | None:
    """The name GB18030/GBK when bytes that are not UTF-8 read as Chinese text in it."""
    from scorecard.sources_csv import detect_encoding  # (polars: only for this error)

    return "GB18030/GBK" if detect_encoding(data, "auto", whole=True) == "gb18030" else None


def _not_text(path: Path, encoding: str, before: bytes, found: str | None) -> ConfigError:
    """The error for a config that stops being `encoding` text after the bytes `before`."""
    text = before.decode(encoding, errors="replace")
    place = {
        "path": path,
        "encoding": _ENCODING_NAMES[encoding],
        "line": text.count("\n") + 1,
        "column": len(text) - text.rfind("\n"),
    }
    if found:
        return ConfigError.of("cfg_encoding_found", **place, found=found)
    return ConfigError.of("cfg_encoding", **place)


def _parse(text: str, path: Path, loader_class: Any) -> Any:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ConfigError.of("cfg_empty", path=path)
        if _expanded_size(node, {}) > MAX_YAML_NODES:
            raise ConfigError.of("cfg_alias_bomb", path=path, limit=f"{MAX_YAML_NODES:,}")
        duplicate = _duplicate_key(node)
        if duplicate:
            key, first, again = duplicate
            raise ConfigError.of("cfg_duplicate_key", path=path, name=key, first=first, line=again)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def resolve_path(base: Path, value: str) -> str:
    """`value` as an absolute path: relative paths are taken from `base` (the config's folder).

    A config written on Windows (`data\\deals.csv`) is read with `/` where `\\` is no
    separator and the path as written names no file.
    """
    path = Path(value).expanduser()
    found = path if path.is_absolute() else (base / path)
    if "\\" in value and os.sep == "/" and not found.exists():
        return resolve_path(base, value.replace("\\", "/"))
    return str(found)
