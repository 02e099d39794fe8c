"""`scorecard init`: a starter project that validates and scores as written.

A commented config (`scorecard.yaml`), the JSON Schema it points editors at
(`scorecard.schema.json`), sample exports dated relative to today, a roster and
a targets file. Nothing existing is overwritten unless asked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path
from typing import Any

from scorecard.errors import ConfigError
from scorecard.output import make_folder, write_atomic
from scorecard.templates import LANGS, TEMPLATES, config_text
from scorecard.templates.samples import GENERATORS

CONFIG_NAME = "scorecard.yaml"
SCHEMA_NAME = "scorecard.schema.json"


def schema_document() -> dict[str, Any]:
    """The JSON Schema of the config file, as `scorecard schema` prints it."""
    from scorecard.config import Config
    from scorecard.field_notes import NOTES

    document = Config.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "scorecard config"
    models = {"Config": document, **document.get("$defs", {})}
    for key, text in NOTES.items():  # hover text for editors
        model, _, field = key.partition(".")
        prop = models.get(model, {}).get("properties", {}).get(field)
        if prop is not None and "description" not in prop:
            prop["description"] = text
    return document


def project_files(template: str, lang: str, today: dt.date) -> dict[str, bytes]:
    """Every file `init` writes, by name: config, schema, then the sample data."""
    _check_choice("template", template, TEMPLATES)
    _check_choice("language", lang, LANGS)
    schema = json.dumps(schema_document(), ensure_ascii=False, indent=2) + "\n"
    return {
        CONFIG_NAME: config_text(template, lang).encode("utf-8"),
        SCHEMA_NAME: schema.encode("utf-8"),
        **GENERATORS[template](lang, today),
    }


def init_project(
    folder: Path,
    template: str = "sales",
    lang: str = "en",
    force: bool = False,
    today: dt.date | None = None,
) -> list[Path]:
    """Write a starter project into `folder` (created when missing); return the files written.

    Raises ConfigError naming the files that already exist, unless `force`.
    """
    files = project_files(template, lang, today or dt.date.today())
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ConfigError.of("err_init_not_folder", folder=folder)
    existing = [name for name in files if (folder / name).exists()]
    if existing and not force:
        raise ConfigError.of(
            "err_init_exists_one" if len(existing) == 1 else "err_init_exists",
            folder=folder,
            names=_names(existing),
        )
    make_folder(folder)
    written = []
    for name, data in files.items():
        write_atomic(folder / name, data)
        written.append(folder / name)
    return written


def next_commands(folder: Path) -> list[str]:
    """The commands to run next on a project written into `folder`."""
    config = _shell_word(str(Path(folder) / CONFIG_NAME))
    return [f"scorecard validate {config}", f"scorecard run {config}"]


def _shell_word(text: str) -> str:
    """`text` quoted for a shell only when it needs it (Chinese folder names do not)."""
    return shlex.quote(text) if re.search(r"[^\w@%+=:,./-]", text) else text


def _names(names: list[str]) -> str | tuple[str, dict[str, str]]:
    """The file names as a list in words: "a, b and c" (a catalogue message, translated)."""
    if len(names) == 1:
        return names[0]
    return ("w_names", {"rest": ", ".join(names[:-1]), "last": names[-1]})


def _check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        from scorecard.nearest import closest

        raise ConfigError.of(
            "err_init_choice",
            what=what,
            value=value,
            suggestion=closest(value, choices),
            choices=", ".join(choices),
        )
