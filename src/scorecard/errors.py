"""The exceptions a run can end with; row-level problems are `Issue`s, not these."""

from __future__ import annotations


class ScorecardError(Exception):
    """Base of every error the tool reports to a user in one or a few lines."""

    exit_code = 1


class ConfigError(ScorecardError):
    """The config file (or the command line) cannot be used: exit code 2."""

    exit_code = 2


class SourceError(ScorecardError):
    """An input file cannot be used (missing, unreadable, a missing column): exit code 1."""

    exit_code = 1
