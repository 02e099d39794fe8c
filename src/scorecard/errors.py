"""The exceptions a run can end with; row-level problems are `Issue`s, not these.

An error may be built from catalogue messages (`ConfigError.of("key", ...)`), one
per line, so that it can be shown in the interface language; its `str()` is the
English text.
"""

from __future__ import annotations

from typing import Any, Self

Line = tuple[str, dict[str, Any]]


class Word(str):
    """A catalogue word given as a message's value (`Word("role_person")`): shown in the
    interface language. Any other text (a cell, a header, a name) is shown as it is,
    whatever it reads like: an owner named `@new` is not the word "new"."""

    __slots__ = ()


class ScorecardError(Exception):
    """Base of every error the tool reports to a user in one or a few lines."""

    exit_code = 1

    def __init__(self, message: str = "", lines: tuple[Line, ...] = ()) -> None:
        super().__init__(message)
        self.lines = lines

    @classmethod
    def of(cls, key: str, **params: Any) -> Self:
        """An error of one catalogue message (English text; other languages on display)."""
        return cls.of_lines([(key, params)])

    @classmethod
    def of_lines(cls, lines: list[Line]) -> Self:
        """An error of several catalogue messages, one per line."""
        from scorecard.i18n import translator

        english = translator("en")
        return cls("\n".join(english(key, **params) for key, params in lines), tuple(lines))


class ConfigError(ScorecardError):
    """The config file (or the command line) cannot be used: exit code 2."""

    exit_code = 2


class SourceError(ScorecardError):
    """An input file cannot be used (missing, unreadable, a missing column): exit code 1."""

    exit_code = 1


class OutputError(ScorecardError):
    """An output cannot be written (a closed stdout, no permission, a full disk): exit code 1."""

    exit_code = 1
