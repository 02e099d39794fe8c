"""The command-line parser's usage errors in the interface language.

typer (through click) words an unknown option, a missing argument or a bad
choice in English. Under `--lang zh` the command group hands such an error on
as a `LocalisedUsageError`: the same exit code (2) and the same usage line,
with the message, the help hint and the "error:" prefix from the catalogue.
Errors of other kinds, and every error in English, are left as typer words them.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from typer.core import TyperGroup

if TYPE_CHECKING:
    from scorecard.i18n import Translate

# typer (0.26 and later) carries its own copy of click.
_errors: Any = importlib.import_module("typer._click.exceptions")
_UsageError: Any = _errors.UsageError

# The usage errors the catalogue words, as click (and typer's own copy of it) word
# them in English: the one interface to them that stays the same across versions.
# (An unknown option is read from the error's fields.)
_PATTERNS = (
    ("usage_missing_argument", re.compile(r"Missing argument (?P<name>.*)\.$")),
    ("usage_missing_option", re.compile(r"Missing option (?P<name>.*)\.$")),
    (
        "usage_bad_choice",
        re.compile(
            r"Invalid value for (?P<name>.*?): (?:Value error, )?"
            r"'(?P<value>.*)' is not one of (?P<choices>.*?)\.?$"
        ),
    ),
    ("usage_bad_value", re.compile(r"Invalid value for (?P<name>.*?): (?P<message>.*)$")),
    (
        "usage_no_value",
        re.compile(r"Option (?P<option>'.*') requires an? (?:argument|\d+ arguments)\.$"),
    ),
    (
        "usage_extra",
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<arguments>.*)\)$"),
    ),
    (
        "usage_no_command",
        re.compile(r"No such command (?P<command>'.*?')\.(?: Did you mean (?P<possible>.*)\?)?$"),
    ),
)


class LocalisedUsageError(_UsageError):  # type: ignore[misc]
    """A usage error worded in the interface language (exit code 2, as typer's own)."""

    def __init__(self, message: str, ctx: Any, t: Translate) -> None:
        super().__init__(message, ctx)
        self.t = t

    def format_message(self) -> str:
        return str(self.message)

    def show(self, file: IO[Any] | None = None) -> None:
        stream = file or sys.stderr
        if self.ctx is not None:
            print(self.ctx.get_usage(), file=stream)
            if self.ctx.command.get_help_option(self.ctx) is not None:
                help_option = self.ctx.help_option_names[0]
                hint = self.t("usage_help", command=self.ctx.command_path, option=help_option)
                print(hint + "\n", file=stream)
        print(self.t("error", message=self.message), file=stream)


def in_language(exc: Exception, t: Translate) -> Exception:
    """`exc` worded by `t`: a LocalisedUsageError for the kinds the catalogue words, else `exc`."""
    if not isinstance(exc, _UsageError) or isinstance(exc, LocalisedUsageError):
        return exc
    message: str | None
    if isinstance(exc, _errors.NoSuchOption):  # (typer 0.26 words its suggestions oddly)
        message = t("usage_no_such_option", option=exc.option_name)
        if exc.possibilities:
            message += t("usage_possible", options=", ".join(sorted(exc.possibilities)))
    else:
        message = worded(str(exc.format_message()), t)
    return exc if message is None else LocalisedUsageError(message, exc.ctx, t)


def worded(message: str, t: Translate) -> str | None:
    """A usage error's English message in `t`'s words, or None for one the catalogue lacks."""
    for key, pattern in _PATTERNS:
        if found := pattern.fullmatch(message.strip()):
            fields = found.groupdict()
            possible = fields.pop("possible", None)
            text = t(key, **fields)
            return text + t("usage_possible", options=possible) if possible else text
    return None


def argv_language(args: Sequence[str]) -> str:
    """The language asked for by the last `--lang` among `args`, else the environment's."""
    from scorecard.i18n import default_language

    lang = default_language()
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang


class Group(TyperGroup):
    """The `scorecard` command group: its parser's usage errors in the interface language.

    The language is the group's `--lang`, else the environment's: read from the
    arguments while the group's own options are parsed, from the parsed options
    after (a subcommand's errors, an unknown command).
    """

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        given = list(args)  # (the parser takes the arguments off the list)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except _UsageError as exc:
            raise _worded(exc, argv_language(given)) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _UsageError as exc:
            from scorecard.i18n import default_language

            lang = ctx.params.get("lang")  # (a Lang, or its text in typer before 0.29)
            raise _worded(exc, str(getattr(lang, "value", lang) or default_language())) from None


def _worded(exc: Exception, lang: str) -> Exception:
    from scorecard.i18n import translator

    return in_language(exc, translator(lang)) if lang == "zh" else exc
